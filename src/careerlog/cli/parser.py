"""Argument parsing for the command-line contract (README.md, "The command line in brief").

Each command's arguments are added by its own builder, which imports the module that
handles it. A run builds only the command it was given (``careerlog search …`` builds
``search``): the full parser of ~20 commands and ~70 arguments, and the imports of
every handler module, cost ~15 ms of a command that takes ~100 ms in all. With no
command, ``--help`` or anything unusual, every command is built, in the order
``--help`` lists them."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence

from careerlog import __version__
from careerlog.cli.argparsing import Parser, Sub
from careerlog.cli.argtypes import at_least_one, minutes, record_id


def _add(sub: Sub) -> None:
    from careerlog.cli import commands as c

    add = sub.add_parser(
        "add",
        help="write a journal entry",
        description="Write a journal entry. Text that begins with a date and a colon "
        "('yesterday 3pm: met the VP') is dated then, as in jrnl; --date wins over it.",
    )
    add.add_argument("text", nargs="*", metavar="TEXT", help="the entry; '-' or a pipe reads stdin")
    add.add_argument(
        "--date",
        metavar="WHEN",
        help="when it happened: YYYY-MM-DD [HH:MM] or words ('yesterday 3pm', 'last friday')",
    )
    add.add_argument("--tag", action="append", default=[], metavar="T", help="add a tag (repeat)")
    add.add_argument("--star", action="store_true", help="star the entry")
    add.add_argument(
        "--competency",
        action="append",
        default=[],
        metavar="KEY",
        help="a competency of your track this entry is evidence for (repeat; see 'track status')",
    )
    add.add_argument(
        "--goal",
        action="append",
        default=[],
        type=record_id,
        metavar="ID",
        help="a goal this entry is about (repeat; see 'goal list')",
    )
    add.add_argument(
        "--future",
        action="store_true",
        help="allow a date after now without asking (otherwise asked, or refused without a "
        "terminal)",
    )
    add.add_argument(
        "--edit",
        action="store_true",
        help="write it in $VISUAL or $EDITOR (what happens anyway with no TEXT at a terminal)",
    )
    add.add_argument(
        "--template",
        metavar="FILE",
        help="start the editor with this file's text (default: the [editor] template setting)",
    )
    add.set_defaults(handler=c.cmd_add)


def _goal(sub: Sub) -> None:
    from careerlog.cli import commands as c

    goal = sub.add_parser("goal", help="add, list and complete goals")
    goal_sub = goal.add_subparsers(
        title="goal commands", metavar="ACTION", parser_class=Parser, required=True
    )
    goal_add = goal_sub.add_parser("add", help="set a new goal")
    goal_add.add_argument("title", metavar="TITLE", help="what you want to achieve")
    goal_add.add_argument(
        "--due", metavar="WHEN", help="due date: YYYY-MM-DD or words ('friday' is the coming one)"
    )
    goal_add.add_argument("--why", default="", help="why this goal matters")
    goal_add.add_argument(
        "--competency",
        action="append",
        default=[],
        metavar="KEY",
        help="a competency this goal grows (repeat; see 'track status')",
    )
    goal_add.set_defaults(handler=c.cmd_goal_add)
    goal_list = goal_sub.add_parser("list", help="list goals (active and paused by default)")
    goal_list.add_argument("--all", action="store_true", help="include achieved and dropped")
    goal_list.add_argument("--json", action="store_true", help="print JSON only (for scripts)")
    goal_list.set_defaults(handler=c.cmd_goal_list)
    goal_done = goal_sub.add_parser("done", help="mark a goal achieved")
    goal_done.add_argument("id", type=record_id, metavar="ID", help="the goal (see 'goal list')")
    goal_done.set_defaults(handler=c.cmd_goal_done)
    from careerlog.cli.plancmds import add_goal_parsers

    add_goal_parsers(goal_sub)


def _learn(sub: Sub) -> None:
    from careerlog.cli import commands as c

    learn = sub.add_parser(
        "learn",
        help="log a learning activity, or list them ('learn list')",
        description="Log a learning activity: careerlog learn TITLE --kind KIND. "
        "'careerlog learn list [--kind KIND] [--json]' lists them, newest first.",
    )
    learn.add_argument("title", metavar="TITLE", help="what you did, or 'list' to list")
    learn.add_argument(
        "--kind",
        metavar="KIND",
        help="course, book, training, mentoring-given, mentoring-received, "
        "conference, certification, project or practice",
    )
    learn.add_argument("--minutes", type=minutes, default=0, metavar="N", help="time spent")
    learn.add_argument(
        "--competency",
        action="append",
        default=[],
        metavar="KEY",
        help="a competency it grows (repeat)",
    )
    learn.add_argument("--goal", type=record_id, metavar="ID", help="the goal it serves")
    learn.add_argument("--date", metavar="WHEN", help="the day it happened (default today)")
    learn.add_argument("--notes", default="", help="what you took from it")
    learn.add_argument("--link", default="", help="a web address (http or https)")
    learn.add_argument("--json", action="store_true", help="with 'list': print JSON")
    learn.set_defaults(handler=c.cmd_learn)


def _entries(sub: Sub) -> None:
    from careerlog.cli import entrycmds

    entrycmds.add_parsers(sub)


def _feedback(sub: Sub) -> None:
    from careerlog.cli.careercmds import add_feedback_parser

    add_feedback_parser(sub)


def _search(sub: Sub) -> None:
    from careerlog.cli import commands as c
    from careerlog.store.search.kinds import NAMES

    search = sub.add_parser(
        "search", help="find records holding some text: whole words first, newest first"
    )
    search.add_argument(
        "query",
        nargs="?",
        default="",
        metavar="QUERY",
        help="text to find anywhere, case and accents ignored; several terms must all "
        'match; "a phrase", -word or NOT word, a OR b',
    )
    search.add_argument("--from", dest="start", metavar="D", help="from this day on")
    search.add_argument("--to", dest="end", metavar="D", help="up to this day")
    search.add_argument(
        "--tag", action="append", default=[], metavar="T", help="entries with this tag (repeat)"
    )
    search.add_argument(
        "--not-tag", dest="not_tag", action="append", default=[], metavar="T",
        help="leave out entries with this tag (repeat)",
    )  # fmt: skip
    search.add_argument("--untagged", action="store_true", help="entries without any tag")
    search.add_argument(
        "--kind",
        action="append",
        default=[],
        metavar="K",
        help=f"{', '.join(NAMES)} (repeat)",
    )
    search.add_argument(
        "--competency", action="append", default=[], metavar="KEY",
        help="records linked to this competency (repeat: to all of them)",
    )  # fmt: skip
    search.add_argument("--goal", type=record_id, metavar="ID", help="records linked to a goal")
    search.add_argument("--starred", action="store_true", help="starred entries only")
    search.add_argument(
        "--limit",
        type=at_least_one("--limit"),
        default=20,
        metavar="N",
        help="at most N results (default 20)",
    )
    search.add_argument(
        "--json", action="store_true", help="print JSON only: plain snippets with match offsets"
    )
    search.set_defaults(handler=c.cmd_search)


def _tracks(sub: Sub) -> None:
    from careerlog.cli import commands as c

    tracks = sub.add_parser("tracks", help="list the career tracks")
    tracks.set_defaults(handler=c.cmd_tracks)


def _track(sub: Sub) -> None:
    from careerlog.cli.careercmds import add_track_parser

    add_track_parser(sub)


def _reflect(sub: Sub) -> None:
    from careerlog.cli import commands as c

    reflect = sub.add_parser(
        "reflect",
        help="what reflections are due",
        description="With --due: one line per due reflection and since when; prints nothing "
        "when none is due (handy for shell prompts and cron). Exits 0 whenever the store "
        "could be read.",
    )
    reflect.add_argument("--due", action="store_true", help="list the due reflections")
    reflect.set_defaults(handler=c.cmd_reflect)


def _data(name: str) -> Callable[[Sub], None]:
    """The builder of the data command ``name`` alone: ``export`` builds no parser for
    import, backup, restore and doctor (~0.9 ms)."""

    def build(sub: Sub) -> None:
        from careerlog.cli import datacmds

        datacmds.PARSERS[name](sub)

    return build


def _crypt(sub: Sub) -> None:
    from careerlog.cli import cryptcmds

    cryptcmds.add_parsers(sub)


def _stats(sub: Sub) -> None:
    from careerlog.cli.reviewcmds import add_stats_parser

    add_stats_parser(sub)


def _serve(sub: Sub) -> None:
    from careerlog.cli.serve import servecmd

    servecmd.add_parser(sub)


def _completion(sub: Sub) -> None:
    from careerlog.cli import completion

    completion.add_parser(sub)


def _where(sub: Sub) -> None:
    from careerlog.cli import commands as c

    where = sub.add_parser("where", help="print the paths in use")
    where.set_defaults(handler=c.cmd_where)


def _demo(sub: Sub) -> None:
    from careerlog.cli import commands as c

    demo = sub.add_parser("demo", help="open the journal on a generated sample (thrown away after)")
    demo.set_defaults(handler=c.cmd_demo)


COMMANDS: tuple[tuple[tuple[str, ...], Callable[[Sub], None]], ...] = (
    (("add",), _add),
    (("show", "edit", "delete"), _entries),
    (("goal",), _goal),
    (("learn",), _learn),
    (("feedback",), _feedback),
    (("search",), _search),
    (("tracks",), _tracks),
    (("track",), _track),
    (("reflect",), _reflect),
    *(((name,), _data(name)) for name in ("export", "import", "backup", "restore", "doctor")),
    (("encrypt", "decrypt", "passwd", "unlock", "lock"), _crypt),
    (("stats",), _stats),
    (("serve",), _serve),
    (("completion",), _completion),
    (("where",), _where),
    (("demo",), _demo),
)
"""Every command, in ``--help`` order, with the builder that adds it (some add several)."""


def _past_db(argv: Sequence[str]) -> list[str]:
    """``argv`` without its ``--db PATH`` and ``--db=PATH`` (a lone trailing ``--db``
    stays, for argparse to report)."""
    rest, kept = list(argv), []
    while rest:
        word = rest.pop(0)
        if word == "--db" and rest:
            rest.pop(0)
        elif not word.startswith("--db="):
            kept.append(word)
    return kept


def command_named(argv: Sequence[str]) -> str | None:
    """The command ``argv`` runs, read past ``--db``; ``None`` when anything else comes
    first (``--help``, ``--version``, an abbreviated option), so all are built."""
    rest = _past_db(argv)
    return rest[0] if rest and not rest[0].startswith("-") else None


def opens_the_tui(argv: Sequence[str]) -> bool:
    """Whether ``argv`` is no command at all, only ``--db`` (the TUI opens): the parser
    then needs none of the commands, whose builders and handler modules cost ~30-80 ms
    of the TUI's first frame."""
    return not _past_db(argv)


def build_parser(command: str | None = None, *, tui: bool = False) -> argparse.ArgumentParser:
    """The parser for every command, for ``command`` alone when it is one of them, or
    (``tui``) for no command: only the options the TUI takes."""
    p = Parser(
        prog="careerlog",
        description="A career-planning journal for the terminal. "
        "With no command, opens the journal.",
    )
    p.add_argument("--version", action="version", version=f"careerlog {__version__}")
    p.add_argument(
        "--db",
        metavar="PATH|URL",
        help="the store to use (default: $CAREERLOG_DB, else careerlog.db in the data folder)",
    )
    sub = p.add_subparsers(title="commands", metavar="COMMAND", parser_class=Parser)
    chosen = [build for names, build in COMMANDS if command in names]
    for build in [] if tui else chosen or [build for _, build in COMMANDS]:
        build(sub)
    return p
