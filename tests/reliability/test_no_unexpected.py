"""Property tests over the whole command line and both importers, end to end: whatever
is generated (text with lone surrogates and control characters, numbers of any size,
dates with time zones, JSON of any shape and depth), ``careerlog`` answers with exit 0,
or exit 1 and a clear line, and never with a generic "unexpected …" line. An entry
``add`` accepts reads back exactly as it was given: the same text (a leading jrnl-style
"WHEN: " taken off it, nothing else changed) and the same tags.

Each example is one in-process ``main(argv)`` against a store that the examples share
and change. Examples: ``CAREERLOG_RELIABILITY_EXAMPLES`` (default 200).
"""

from __future__ import annotations

import io
import json
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerlog.cli import main
from careerlog.cli.commands import INLINE_PREFIX
from careerlog.cli.parser import build_parser
from careerlog.domain.text import find_tags
from careerlog.domain.when import split_inline_date
from careerlog.services import connect, journal
from tests.reliability._support import env_int

EXAMPLES = env_int("CAREERLOG_RELIABILITY_EXAMPLES", 200)
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,  # the same examples on every run: a failure here is reproducible
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# What a shell can hand over: any character but NUL (argv and the environment cannot
# carry one), lone surrogates included (how Python decodes bytes that are not UTF-8).
_any_char = st.characters(blacklist_categories=(), blacklist_characters="\x00")
_text = st.one_of(
    st.text(_any_char, max_size=40),
    st.sampled_from(["", " ", "-", "--", "@", "#1", "\x1b[2J", "\x9b31m", "[bold]x[/]"]),
)
_number = st.one_of(
    st.integers(-(2**70), 2**70).map(str),
    st.sampled_from(["0", "-1", str(2**60), str(2**63), "9" * 5000, "1e9", "0x10", "١٢"]),
    _text,
)
_when = st.one_of(
    _text,
    st.sampled_from(
        [
            "2024-01-01T09:00+02:00",
            "2024-01-01T09:00Z",
            "0001-01-01",
            "9999-12-31 23:59",
            "10000-01-01",
            "in 999999999999999999 weeks",
            "9" * 5000 + " days ago",
            "yesterday 25pm",
            "end of quarter",
            "next friday",
        ]
    ),
)
_kind = st.one_of(st.sampled_from(["book", "course", "entry", "goal", "activity"]), _text)


def _opt(flag: str, values: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    return st.one_of(st.just([]), values.map(lambda v: [flag, v]))


def _command(*parts: st.SearchStrategy[list[str]]) -> st.SearchStrategy[list[str]]:
    return st.tuples(*parts).map(lambda pieces: [word for piece in pieces for word in piece])


def _words(*words: str) -> st.SearchStrategy[list[str]]:
    return st.just(list(words))


_one = st.builds(lambda v: [v], _text)
_id = st.builds(lambda v: [v], _number)
_ARGV = st.one_of(
    _command(_words("add"), _one, _opt("--tag", _text), _opt("--date", _when)),
    _command(_words("add", "-"), _opt("--tag", _text)),
    _command(_words("show"), st.one_of(st.just([]), _id), _opt("-n", _number)),
    _command(_words("edit"), _id, _opt("--date", _when)),
    _command(_words("delete"), _id, _words("--yes")),
    _command(_words("goal", "add"), _one, _opt("--due", _when), _opt("--why", _text)),
    _command(_words("goal", "add", "g"), _opt("--competency", _text)),
    _command(_words("goal"), st.sampled_from([["list"], ["list", "--json"], ["list", "--all"]])),
    _command(_words("goal"), st.sampled_from([["done"], ["pause"], ["drop"], ["reopen"]]), _id),
    _command(_words("goal", "milestone", "add"), _id, _one),
    _command(_words("goal", "milestone", "done"), _id, _id),
    _command(
        _words("learn"),
        _one,
        _opt("--kind", _kind),
        _opt("--minutes", _number),
        _opt("--goal", _number),
        _opt("--date", _when),
        _opt("--link", _text),
    ),
    _command(_words("learn", "list"), _opt("--kind", _kind), st.sampled_from([[], ["--json"]])),
    _command(
        _words("search"),
        _one,
        _opt("--from", _when),
        _opt("--to", _when),
        _opt("--tag", _text),
        _opt("--kind", _kind),
        _opt("--limit", _number),
    ),
    _command(_words("search", "--json"), _one),
    _command(_words("track", "choose"), _one, _opt("--level", _text)),
    _command(st.sampled_from([["tracks"], ["track", "status"], ["reflect", "--due"], ["where"]])),
    _command(_words("stats"), _opt("--year", _number)),
    _command(
        _words("export"),
        _opt("--format", st.one_of(st.sampled_from(["md", "html", "json"]), _text)),
        _opt("--year", _number),
        _opt("--from", _when),
        _opt("--to", _when),
    ),
    _command(_words("doctor")),
)
# File names stay inside the test's folder: no "/" and no "..".
_name = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00"),
    min_size=1,
    max_size=20,
).filter(lambda n: n not in (".", ".."))
_FILE_ARGV = st.one_of(
    st.tuples(st.sampled_from(["backup", "restore", "import jrnl", "import careerlog"]), _name),
    st.tuples(st.just("export -o"), _name),
)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("anything")
    db = folder / "journal.db"
    assert main(["--db", str(db), "add", "the first entry @work"]) == 0
    assert main(["--db", str(db), "goal", "add", "a goal"]) == 0
    assert main(["--db", str(db), "goal", "milestone", "add", "1", "a step"]) == 0
    return folder


def _run(argv: list[str], stdin: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    try:
        code = main(argv)
    except SystemExit as stop:  # --help or --version among the generated words
        code = int(stop.code or 0)
    return code, ""


def _check(code: int, err: str) -> None:
    assert code in (0, 1), (code, err)
    assert "unexpected" not in err, err
    assert "Traceback" not in err, err
    if code == 1:
        assert err.strip(), "exit 1 without saying why"


def _given_entry(argv: list[str], stdin: str) -> tuple[str, list[str]]:
    """The text and tags an accepted ``add`` was given, as the person meant them.

    The documented normalisation, and nothing more: text is stored exactly (no strip, no
    Unicode normalisation), except that without ``--date`` a leading jrnl "WHEN: " that
    parses as a date is taken off and the rest stripped (``split_inline_date``). Tags:
    the inline ``@tags`` and each ``--tag`` without its spaces and leading "@", all
    lower-cased, each once; they read back in code-point order."""
    args = build_parser("add").parse_args(argv)
    text = stdin if args.text == ["-"] or not args.text else " ".join(args.text)
    if not args.date and ": " in text[:INLINE_PREFIX]:
        text = split_inline_date(text)[1]
    given = [tag.strip().lstrip("@").lower() for tag in args.tag or ()]
    return text, sorted({*find_tags(text), *given})


def _check_read_back(db: Path, argv: list[str], stdin: str, out: str) -> None:
    text, tags = _given_entry(argv, stdin)
    store = connect(str(db))
    try:
        stored = journal.get_entry(store, int(out.strip()))
    finally:
        store.close()
    assert stored.text == text
    assert list(stored.tags) == tags


@SETTINGS
@given(argv=_ARGV, stdin=st.text(_any_char, max_size=60))
def test_no_command_line_gives_an_unexpected_line(
    world: Path,
    argv: list[str],
    stdin: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(world)
    monkeypatch.setenv("EDITOR", "true")  # 'edit ID' opens the editor; this one changes nothing
    monkeypatch.setenv("VISUAL", "true")
    code, _ = _run(["--db", str(world / "journal.db"), *argv], stdin, monkeypatch)
    captured = capsys.readouterr()
    _check(code, captured.err)
    if code == 0 and argv[0] == "add":
        _check_read_back(world / "journal.db", argv, stdin, captured.out)


# Entries an ``add`` should mostly accept: any text a shell or a pipe can carry (lone
# surrogates and NUL are refused, and checked above), the shapes normalisation could
# touch (edge whitespace, CR LF, decomposed accents, "WHEN: " prefixes, "@Tags"), and
# tags as people type them.
_entry_char = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
_entry_text = st.one_of(
    st.text(_entry_char, min_size=1, max_size=60),
    st.tuples(
        st.sampled_from(["", " ", "\n", "\t", "yesterday 3pm: ", "2024-01-01: ", "Note: "]),
        st.sampled_from(
            ["Met the VP @Work", "cafe\u0301 e\u0301te\u0301", "line\r\nnext", "日本語 @日本"]
        ),
        st.sampled_from(["", " ", "  \n", "\n\n", "\t", "\u00a0", "\u200b"]),
    ).map("".join),
)
_entry_tag = st.one_of(
    st.sampled_from(["work", "@Work", " Mentoring ", "déjà", "日本", "a-b/c+", "x" * 128]),
    st.text(st.characters(categories=("Ll", "Lu", "Lo", "Nd")), min_size=1, max_size=12),
)


@settings(SETTINGS, max_examples=max(EXAMPLES // 2, 1))  # each a durable add, ~50 ms
@given(
    text=_entry_text,
    tags=st.lists(_entry_tag, max_size=3),
    piped=st.booleans(),
    date=st.sampled_from([[], ["--date", "2024-02-29 09:30"], ["--date", "yesterday"]]),
)
def test_an_accepted_add_reads_back_exactly(
    world: Path,
    text: str,
    tags: list[str],
    piped: bool,
    date: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    options = [word for tag in tags for word in ("--tag", tag)] + date
    argv = ["add", *options, *(["-"] if piped else ["--", text])]
    stdin = text if piped else ""
    code, _ = _run(["--db", str(world / "journal.db"), *argv], stdin, monkeypatch)
    captured = capsys.readouterr()
    _check(code, captured.err)
    if code == 0:
        _check_read_back(world / "journal.db", argv, stdin, captured.out)


@SETTINGS
@given(chosen=_FILE_ARGV, content=st.binary(max_size=200))
def test_no_file_argument_gives_an_unexpected_line(
    world: Path,
    chosen: tuple[str, str],
    content: bytes,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(world)
    command, name = chosen
    target = world / "files" / name
    target.parent.mkdir(exist_ok=True)
    if command != "export -o" and not target.exists():
        target.write_bytes(content)
    argv = [*command.split(), str(target)]
    if command == "restore":
        argv.append("--yes")
    code, _ = _run(["--db", str(world / "journal.db"), *argv], "", monkeypatch)
    _check(code, capsys.readouterr().err)


# Documents for the importers: any JSON, near-misses of both formats with every field
# wrong in turn, and the shapes that broke them (depth, huge numbers, escapes, zones).
_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(st.characters(blacklist_categories=()), max_size=30),
    st.sampled_from(
        [
            "2024-01-01T09:00:00",
            "2024-01-01T09:00:00+02:00",
            "2024-01-01T09:00:00Z",
            "0001-01-01T00:00:00",
            "2024-01-01",
            "09:00",
            "09:00+05:30",
            "a\x00b",
            "\x1b]0;t\x07",
            "javascript:alert(1)",
            "https://example.com/x y",
        ]
    ),
)
_json = st.recursive(
    _scalar,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=16,
)
_careerlog_entry = st.fixed_dictionaries(
    {
        "written_at": _scalar,
        "text": _scalar,
        "starred": _scalar,
        "tags": st.one_of(st.lists(_scalar, max_size=3), _scalar),
        "created_at": _scalar,
        "updated_at": _scalar,
    },
    optional={"id": _scalar, "goal_ids": _json, "competencies": _json, "source_key": _scalar},
)
_careerlog_doc = st.fixed_dictionaries(
    {"format": st.just("careerlog"), "schema_version": st.one_of(st.just(1), _scalar)},
    optional={
        "entries": st.lists(_careerlog_entry, max_size=3),
        "goals": _json,
        "activities": st.lists(
            st.fixed_dictionaries(
                {
                    "id": _scalar,
                    "title": _scalar,
                    "kind": st.sampled_from(["book", "course", "x"]),
                    "day": _scalar,
                    "minutes": _scalar,
                    "goal_id": _scalar,
                    "notes": _scalar,
                    "link": _scalar,
                    "created_at": _scalar,
                    "competencies": _json,
                }
            ),
            max_size=2,
        ),
        "reflections": _json,
        "track_choices": _json,
        "fit_results": _json,
    },
)
_jrnl_doc = st.fixed_dictionaries(
    {
        "entries": st.lists(
            st.fixed_dictionaries(
                {},
                optional={
                    "title": _scalar,
                    "body": _scalar,
                    "date": _scalar,
                    "time": _scalar,
                    "tags": st.one_of(st.lists(_scalar, max_size=3), _scalar),
                    "starred": _scalar,
                },
            ),
            max_size=3,
        )
    },
    optional={"tags": _json},
)
_deep = st.integers(60, 200_000).map(lambda n: "[" * n + "]" * n)
_document = st.one_of(
    _careerlog_doc.map(json.dumps),
    _jrnl_doc.map(json.dumps),
    _json.map(json.dumps),
    _deep,
    st.integers(1, 6000).map(lambda n: '{"entries": [' + "9" * n + "]}"),
    st.text(alphabet=string.printable, max_size=80),
)


@SETTINGS
@given(kind=st.sampled_from(["jrnl", "careerlog"]), document=_document)
def test_no_import_file_gives_an_unexpected_line(
    world: Path,
    kind: str,
    document: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    file = world / f"import-{kind}.json"
    file.write_text(document, encoding="utf-8", errors="surrogatepass")
    code, _ = _run(["--db", str(world / "journal.db"), "import", kind, str(file)], "", monkeypatch)
    _check(code, capsys.readouterr().err)
