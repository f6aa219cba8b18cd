"""What each CLI command does. Heavy modules are imported inside the handlers, so
``careerlog add`` on an up-to-date SQLite store loads neither SQLAlchemy nor Textual."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import TYPE_CHECKING

from careerlog.cli.ask import confirm
from careerlog.cli.output import emit_json, goal_line, links_json, print_hits, warn, write
from careerlog.cli.sources import for_reading, opened
from careerlog.domain.datetext import iso_minute
from careerlog.domain.errors import CareerlogError

if TYPE_CHECKING:
    pass

INLINE_PREFIX = 42
"""How far into an entry a jrnl-style "WHEN: " prefix may end (the parser's own limit
plus the colon and space)."""


def _read_text(args: argparse.Namespace) -> str:
    if args.text == ["-"] or (not args.text and not sys.stdin.isatty()):
        from careerlog.domain.text import not_utf8

        try:
            text: str | None = sys.stdin.read()
        except UnicodeDecodeError:
            text = None
        # Under a C locale Python decodes stdin with surrogateescape instead of failing.
        if text is None or not_utf8(text):
            raise CareerlogError("standard input is not UTF-8 text; nothing was written")
        return text
    return " ".join(args.text)


def check_future(when: datetime, future: bool) -> None:
    """An entry dated after now is usually a slip ("friday" meant the last one): it
    is written only with ``--future`` or the person's yes at the terminal."""
    if when <= datetime.now():
        return
    confirm(
        f"Date the entry {iso_minute(when)}, which is in the future?",
        yes=future,
        option="--future",
        refused="nothing was written",
    )


def cmd_add(args: argparse.Namespace) -> int:
    if args.edit or args.template or (not args.text and sys.stdin.isatty()):
        from careerlog.cli.entrycmds import add_in_editor  # shlex, subprocess: editor only

        return add_in_editor(args)
    return store_entry(args, _read_text(args))


def store_entry(args: argparse.Namespace, text: str) -> int:
    """Date (``--date``, else an inline "WHEN: "), check and write one entry."""
    from careerlog.services.quick import quick_add

    starred = args.star
    when: datetime | None = None
    if args.date:
        from careerlog.domain.when import parse_when

        when = parse_when(args.date)
    elif ": " in text[:INLINE_PREFIX]:
        # jrnl's "yesterday 3pm: …"; the parser is imported only when a colon is there.
        from careerlog.domain.when import split_inline_date

        when, text, star = split_inline_date(text)
        starred = starred or star
    if when is not None:
        check_future(when, args.future)
    entry_id = quick_add(
        args.db,
        text,
        when=when,
        tags=args.tag,
        starred=starred,
        competencies=args.competency,
        goal_ids=args.goal,
    )
    write(f"{entry_id}\n")
    return 0


def cmd_goal_add(args: argparse.Namespace) -> int:
    from careerlog.domain.when import parse_due
    from careerlog.services.goals import add_goal

    due = parse_due(args.due) if args.due else None
    with opened(args) as store:
        goal = add_goal(
            store,
            args.title,
            why=args.why,
            due=due,
            competencies=args.competency,
        )
    write(f"{goal.id}\n")
    return 0


def cmd_goal_list(args: argparse.Namespace) -> int:
    from careerlog.domain.model import GoalStatus
    from careerlog.services.goals import list_goals

    statuses = () if args.all else (GoalStatus.ACTIVE, GoalStatus.PAUSED)
    with opened(args, must_exist=True) as store:
        goals = list_goals(store, statuses)
    if args.json:
        emit_json(
            [
                {
                    "id": g.id,
                    "title": g.title,
                    "why": g.why,
                    "status": g.status.value,
                    "due": g.due.isoformat() if g.due else None,
                    "progress": g.progress,
                    "created_at": g.created_at.isoformat(),
                    "competencies": links_json(g.competencies),
                    "milestones": [
                        {"id": m.id, "title": m.title, "done": m.done} for m in g.milestones
                    ],
                }
                for g in goals
            ]
        )
        return 0
    if not goals:
        write('No goals yet. Set one with: careerlog goal add "TITLE"\n')
    for goal in goals:
        write(goal_line(goal) + "\n")
    return 0


def cmd_goal_done(args: argparse.Namespace) -> int:
    from careerlog.domain.model import GoalStatus
    from careerlog.services.goals import set_status

    with opened(args, must_exist=True) as store:
        goal = set_status(store, args.id, GoalStatus.ACHIEVED)
    write(f"Achieved: {goal_line(goal)}\n")
    return 0


def cmd_learn(args: argparse.Namespace) -> int:
    from careerlog.domain.when import parse_day
    from careerlog.services.learning import log_activity, parse_kind

    if args.title == "list":
        from careerlog.cli.plancmds import cmd_learn_list

        return cmd_learn_list(args)
    if args.json:
        raise CareerlogError("--json goes with 'careerlog learn list'")
    if not args.kind:
        raise CareerlogError("say what kind of learning it was with --kind (e.g. --kind book)")
    kind = parse_kind(args.kind)
    day = parse_day(args.date) if args.date else None
    with opened(args) as store:
        activity = log_activity(
            store,
            args.title,
            kind,
            day=day,
            minutes=args.minutes,
            competencies=args.competency,
            goal_id=args.goal,
            notes=args.notes,
            link=args.link,
        )
    write(f"{activity.id}\n")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from careerlog.cli.output import hits_json
    from careerlog.domain.when import parse_day
    from careerlog.services.search import SearchFilter, check_query, search

    flt = SearchFilter(
        query=args.query,
        start=parse_day(args.start) if args.start else None,
        end=parse_day(args.end) if args.end else None,
        tags=tuple(args.tag),
        kinds=tuple(args.kind),
        starred=args.starred,
        limit=args.limit,
        not_tags=tuple(args.not_tag),
        untagged=args.untagged,
        competencies=tuple(args.competency),
        goal_id=args.goal,
    )
    if flt.start and flt.end and flt.start > flt.end:
        raise CareerlogError("--from is after --to")
    if flt.query.strip():
        check_query(flt.query)  # a query that asks for nothing fails before the store opens
    with for_reading(args) as source:
        hits = search(source, flt)
    if args.json:
        emit_json(hits_json(hits))
    else:
        print_hits(hits)
    return 0


def cmd_tracks(args: argparse.Namespace) -> int:
    from careerlog.services.tracks import load_catalogue

    catalogue = load_catalogue()
    for track in catalogue.tracks:
        levels = " → ".join(level.name for level in track.levels)
        origin = "" if track.origin == "built-in" else f"  (yours: {track.origin})"
        write(f"{track.key:<22} {track.name}{origin}\n{'':<22} {levels}\n")
    for problem in catalogue.problems:
        warn(f"warning: skipped {problem}")
    return 0


def cmd_reflect(args: argparse.Namespace) -> int:
    """Print one line per due reflection and nothing when none is due (cron stays quiet)."""
    from careerlog.services.reflections import due_reflections, load_prompt_catalogue

    if not args.due:
        raise CareerlogError(
            "reflections are written in the journal (run careerlog, then 'Start reflection'); "
            "'careerlog reflect --due' lists what is due"
        )
    with opened(args, must_exist=True) as store:
        due = due_reflections(store)
    for item in due:
        late = ", overdue" if item.overdue else ""
        write(f"{item.set_key}: {item.name}, due since {item.due_since.isoformat()}{late}\n")
    for problem in load_prompt_catalogue().problems:
        warn(f"warning: skipped {problem}")
    return 0


def cmd_where(args: argparse.Namespace) -> int:
    from careerlog import paths
    from careerlog.store.files.sqlite_file import resolve_location, shown_location

    rows = [
        ("store", shown_location(resolve_location(args.db))),
        ("data", str(paths.data_dir())),
        ("config", str(paths.config_dir())),
        ("tracks", str(paths.user_tracks_dir())),
        ("backups", str(paths.backups_dir())),
        ("drafts", str(paths.drafts_dir())),
    ]
    from careerlog.cli.cryptcmds import encryption_rows

    rows[1:1] = encryption_rows(resolve_location(args.db))
    for name, value in rows:
        write(f"{name:<8} {value}\n")
    return 0


def _need_a_terminal() -> None:
    """The journal draws on a terminal; piped or redirected (``careerlog > file``) it
    would write escape codes into the file and wait for keys that never come. A browser
    tab (``careerlog serve`` sets Textual's web driver) is its own screen."""
    import os

    if os.environ.get("TEXTUAL_DRIVER"):
        return
    for name, stream in (("output", sys.stdout), ("input", sys.stdin)):
        if not stream.isatty():
            raise CareerlogError(
                f"the journal opens in a terminal, and standard {name} is not one; "
                "from a script use 'careerlog show', 'search' or 'export'"
            )


def open_tui(args: argparse.Namespace) -> int:
    _need_a_terminal()
    from careerlog.ui import run  # Textual: only when the TUI opens

    return run(args.db)


def cmd_demo(args: argparse.Namespace) -> int:
    _need_a_terminal()
    from careerlog.ui import run  # Textual: only when the TUI opens

    return run(None, demo=True)
