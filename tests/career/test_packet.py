"""The promotion packet, worked out by hand on a small journal: technical track, held at
intermediate since 5 January 2026, so the packet argues for senior (which expects
professional knowledge 4, technical skill 4, professionalism 4, research 4, innovation 3,
spreading new technology 3, technical communication 3, continuous learning 3)."""

from __future__ import annotations

import json
from datetime import date, datetime
from html.parser import HTMLParser

from sqlalchemy import update

from careerlog.cli import main
from careerlog.domain.model import ActivityKind
from careerlog.domain.summary import Omit
from careerlog.io.export.packet import render_html, render_md
from careerlog.services import goals, journal, learning
from careerlog.services.career.feedback import add_feedback
from careerlog.services.career.marks import mark_not_applicable, set_focus
from careerlog.services.career.packet import build_packet, packet_range
from careerlog.services.reflections import load_prompt_catalogue, save_reflection
from careerlog.services.tracks import choose_track
from careerlog.store import tables as t
from careerlog.store.db import Store
from tests.career._support import dated

START, END = date(2026, 1, 1), date(2026, 6, 30)
PRIVATE = "Private: I nearly quit over the re-org"


def _journal(store: Store) -> None:
    choice = choose_track(store, "technical", "intermediate")
    dated(store, choice.id, datetime(2026, 1, 5, 9))
    save_reflection(
        store,
        load_prompt_catalogue().get("quarterly"),
        {"what-and-how": "Mostly through my own expertise this quarter."},
        {"professional-knowledge": 4, "research": 3, "communication": 3},
        day=date(2026, 4, 1),
        manager_ratings={"professional-knowledge": 3},
    )
    journal.add_entry(store, "Read two papers on tracing", when=datetime(2026, 3, 2, 9),
                      competencies=["research"])  # fmt: skip
    journal.add_entry(store, "Old notes", when=datetime(2025, 12, 1, 9), competencies=["research"])
    journal.add_entry(store, PRIVATE, when=datetime(2026, 3, 3, 9), competencies=["research"])
    learning.log_activity(store, "Methods course", ActivityKind.COURSE, day=date(2026, 2, 10),
                          minutes=120, competencies=["research"])  # fmt: skip
    talk = goals.add_goal(store, "Present the study at the meetup", competencies=["communication"])
    with store.write() as conn:  # set on 2 February
        when = datetime(2026, 2, 2, 9)
        conn.execute(update(t.goal).where(t.goal.c.id == talk.id).values(created_at=when))
    add_feedback(store, 'Your <script>alert("x")</script> write-up was clear', giver="Ana",
                 role="manager", given_at=datetime(2026, 5, 4, 16),
                 competencies=["communication"])  # fmt: skip
    mark_not_applicable(store, "innovation", "no new products in this post", day=START)
    set_focus(store, ["research"], day=START, until=END)


def test_the_packet_holds_each_competency_with_its_expectation_ratings_and_evidence(
    store: Store,
) -> None:
    _journal(store)
    packet = build_packet(store, START, END, today=END)
    assert (packet.level_name, packet.target_name) == ("Intermediate professional",
                                                       "Senior professional")  # fmt: skip
    # Ready: professional knowledge 4 >= 4 and communication 3 >= 3; innovation is not
    # applicable, so 2 of 7. Nothing was ready before the 1 April ratings: held since
    # then, two whole months to 30 June.
    assert (packet.ready_count, packet.applicable_count) == (2, 7)
    assert (packet.held_since, packet.months_held) == (date(2026, 4, 1), 2)
    rows = {c.key: c for c in packet.competencies}
    pk, research, comm = rows["professional-knowledge"], rows["research"], rows["communication"]
    assert (pk.expected, pk.latest, pk.manager, pk.meets) == (4, 4, 3, True)
    assert pk.meaning.startswith("Strong: handles the difficult cases")
    assert pk.signals[0] == "is asked to settle disputed technical questions"
    assert pk.evidence == ()
    # Research: the two March entries and the February course; not December's notes.
    assert [(i.kind, i.day, i.title) for i in research.evidence] == [
        ("entry", date(2026, 3, 2), "Read two papers on tracing"),
        ("entry", date(2026, 3, 3), PRIVATE),
        ("activity", date(2026, 2, 10), "Methods course"),
    ]
    assert research.evidence[2].detail == "course, 2 h"
    assert (research.focus, research.meets) == (True, False)
    assert [(i.kind, i.detail) for i in comm.evidence] == [
        ("goal", "active"),
        ("feedback", "Ana (manager)"),
    ]
    assert rows["innovation"].not_applicable == "no new products in this post"
    assert [c.key for c in packet.without_evidence] == [
        "professional-knowledge",
        "technical-skill",
        "professionalism",
        "technology-adoption",
        "continuous-learning",
    ]


def test_the_markdown_says_no_evidence_plainly_and_leaves_out_what_it_is_asked_to(
    store: Store,
) -> None:
    _journal(store)
    page = render_md(build_packet(store, START, END, today=END))
    assert page.startswith("# Promotion packet: Senior professional\n")
    assert (
        "- Readiness for Senior professional: 2 of 7 competencies at the expected rating "
        "(29%), held since 2026-04-01 (2 months)."
    ) in page
    assert "### ◆ Research (discovery)" in page and "- Journal (2)" in page
    assert "- My rating: 4 (2026-04-01) · my manager's: 3 · meets the expected 4" in page
    assert page.count("- **No evidence** in this period.") == 5
    assert PRIVATE in page and "Mostly through my own expertise" in page
    private = render_md(build_packet(store, START, END, today=END,
                                     omit=Omit(journal=True, reflections=True)))  # fmt: skip
    assert PRIVATE not in private and "Read two papers" not in private
    assert "Mostly through my own expertise" not in private
    assert "2026-03-03 — journal entry (the journal is left out)" in private
    assert "The journal is left out of this document" in private
    assert "> Your <script>" in private  # feedback is not the journal: it stays


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)


def test_the_html_packet_is_self_contained_and_escapes_what_people_wrote(store: Store) -> None:
    _journal(store)
    page = render_html(build_packet(store, START, END, today=END))
    parser = _Tags()
    parser.feed(page)
    assert "script" not in parser.tags and "link" not in parser.tags
    assert "&lt;script&gt;alert" in page and "default-src 'none'" in page
    assert parser.tags.count("style") == 1 and "<b>No evidence</b>" in page


def test_export_packet_from_the_command_line(store: Store, capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _journal(store)
    assert store.path is not None
    db = str(store.path)
    target = tmp_path / "packet.html"
    args = ["--db", db, "export", "--packet", "--from", "2026-01-01", "--to", "2026-06-30"]
    assert main([*args, "-o", str(target), "--no-journal"]) == 0
    assert "Exported the promotion packet to" in capsys.readouterr().out
    html = target.read_text(encoding="utf-8")
    assert "Promotion packet: Senior professional" in html and PRIVATE not in html
    assert main([*args, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == "careerlog-packet" and data["target_level"] == "Senior professional"
    research = next(c for c in data["competencies"] if c["key"] == "research")
    assert [e["kind"] for e in research["evidence"]] == ["entry", "entry", "activity"]


def test_the_default_period_is_the_twelve_months_ending_today() -> None:
    assert packet_range(None, None, date(2026, 6, 30)) == (date(2025, 7, 1), date(2026, 6, 30))
    assert packet_range(date(2026, 1, 1), None, date(2026, 6, 30)) == (START, END)
    assert packet_range(None, date(2024, 2, 29), date(2026, 6, 30)) == (
        date(2023, 3, 1),
        date(2024, 2, 29),
    )


def test_no_track_no_packet(store: Store, capsys) -> None:  # type: ignore[no-untyped-def]
    assert store.path is not None
    assert main(["--db", str(store.path), "export", "--packet", "--format", "md"]) == 1
    assert "choose a track first" in capsys.readouterr().err


async def test_the_packet_screen_previews_leaves_out_the_journal_and_exports(
    tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    from careerlog.store.db import open_store
    from careerlog.ui.screens.packet import PacketScreen
    from tests.ui.conftest import make_app, screen_text, settle, until

    db = tmp_path / "packet.db"
    store = open_store(str(db))
    try:
        _journal(store)
    finally:
        store.close()
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:  # the packet wants room
        await settle(pilot)
        await pilot.press("ctrl+p")
        for key in "Promotion packet":
            await pilot.press(key if key != " " else "space")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, PacketScreen))
        screen = app.screen
        text = lambda: str(screen.query_one("#packet-text").render())  # noqa: E731
        await until(pilot, lambda: "Promotion packet: Senior professional" in text())
        # The app's clock says 16 March 2026: the last twelve months hold March's entries.
        assert PRIVATE in text()
        screen.query_one("#packet-no-journal").toggle()
        await until(pilot, lambda: "journal entry (the journal is left out)" in text())
        assert PRIVATE not in text()
        screen.query_one("#packet-folder").value = str(tmp_path)
        await pilot.click("#packet-md")
        await until(pilot, lambda: any(tmp_path.glob("careerlog-promotion-packet-*.md")))
        await settle(pilot)
        assert "Saved" in screen_text(app)
    [exported] = tmp_path.glob("careerlog-promotion-packet-*.md")
    assert exported.name == "careerlog-promotion-packet-2026-03-16.md"
    assert PRIVATE not in exported.read_text(encoding="utf-8")
