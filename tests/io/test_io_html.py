"""The HTML export treats every user string as data: no live script, handler or
javascript: link survives, the title stays intact, nothing is fetched."""

from __future__ import annotations

from datetime import date, datetime
from html.parser import HTMLParser

from careerlog import paths
from careerlog.domain.model import ActivityKind
from careerlog.io.export import export_text
from careerlog.io.export.to_html import safe_link
from careerlog.services.goals import add_goal
from careerlog.services.journal import add_entry
from careerlog.services.learning import log_activity
from careerlog.services.tracks import choose_track
from careerlog.store.db import Store

HOSTILE = [
    "<script>alert('entry')</script> plain words after",
    '<img src=x onerror="alert(1)"> and <b onmouseover=alert(2)>bold</b>',
    "[click me](javascript:alert(3)) and [ok](https://example.org/ok) "
    "and <javascript:alert(4)> and [d](data:text/html;base64,PHNjcmlwdD4=) "
    "and [v](VBScript:msgbox(1)) and [t](java\tscript:alert(5))",
    "</title><script>alert('title')</script>",
    "![tracker](https://evil.example/pixel.png)",
]


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_title = tag == "title" and "body" not in {t for t, _ in self.tags}

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


HOSTILE_TRACK = """
schema = 1
key = "hostile"
name = "<img src=x onerror=alert(7)> track"
[[levels]]
key = "one"
name = "<b>One</b>"
[[competencies]]
key = "sneaky"
name = '"><script>x</script>'
group = "craft"
expected = [3]
"""


def _page(store: Store) -> tuple[str, Collector]:
    # A competency's name comes from a track file, which the person may have been sent.
    folder = paths.user_tracks_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "hostile.toml").write_text(HOSTILE_TRACK, encoding="utf-8")
    choose_track(store, "hostile")
    for i, text in enumerate(HOSTILE):
        add_entry(store, text, when=datetime(2024, 5, 1 + i, 9, 0), starred=i % 2 == 0)
    add_goal(store, "<script>goal()</script>")
    log_activity(
        store,
        '"><svg onload=alert(9)>',
        ActivityKind.BOOK,
        day=date(2024, 5, 2),
        minutes=90,
        competencies=["sneaky"],
    )
    page = export_text(store, "html", date(2024, 1, 1), date(2024, 12, 31))
    parser = Collector()
    parser.feed(page)
    parser.close()
    return page, parser


def test_hostile_entries_are_shown_as_text_never_as_live_html(store: Store) -> None:
    page, parsed = _page(store)
    assert not [
        tag for tag, _ in parsed.tags if tag in ("script", "iframe", "object", "embed", "img")
    ]
    handlers = [
        (tag, name) for tag, attrs in parsed.tags for name in attrs if name.startswith("on")
    ]
    assert handlers == []
    hrefs = [attrs.get("href") or "" for _, attrs in parsed.tags if "href" in attrs]
    assert "https://example.org/ok" in hrefs
    for href in hrefs:
        assert href.startswith(("https:", "http:", "mailto:")), href
    assert parsed.title == "2024 in review"
    # The words are still there for the reader, escaped.
    assert "&lt;script&gt;alert('entry')&lt;/script&gt; plain words after" in page
    assert "&lt;/title&gt;" in page
    assert "&quot;&gt;&lt;script&gt;x&lt;/script&gt;" in page


def test_the_page_fetches_nothing_from_the_network(store: Store) -> None:
    page, parsed = _page(store)
    sources = [attrs.get("src") for _, attrs in parsed.tags if "src" in attrs]
    assert sources == []
    assert "<link" not in page and "@import" not in page and "url(" not in page
    assert [tag for tag, _ in parsed.tags].count("style") == 1
    assert [tag for tag, _ in parsed.tags].count("svg") >= 2  # heatmap and learning chart


def test_only_web_and_mail_links_are_allowed() -> None:
    assert safe_link("https://example.org/a?b#c")
    assert safe_link("mailto:me@example.org")
    assert safe_link("#section") and safe_link("notes/page.html")
    for bad in (
        "javascript:alert(1)",
        "JaVaScRiPt:x",
        "data:text/html,x",
        "vbscript:x",
        "java\tscript:x",
        " javascript:x",
        "file:///etc/passwd",
    ):
        assert not safe_link(bad), bad
