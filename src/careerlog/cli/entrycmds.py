"""Entries from the shell beyond ``add TEXT``: writing one in ``$EDITOR``, and
``show``, ``edit`` and ``delete``. Imported only by those commands, so ``careerlog add
TEXT`` never loads the editor's modules (shlex, subprocess)."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careerlog.cli.argtypes import at_least_one, record_id
from careerlog.cli.ask import confirm
from careerlog.cli.commands import check_future, store_entry
from careerlog.cli.output import write
from careerlog.cli.sources import opened
from careerlog.domain.datetext import iso_minute
from careerlog.domain.errors import CareerlogError
from careerlog.domain.text import find_tags, printable

if TYPE_CHECKING:
    from careerlog.domain.model import Entry

DEFAULT_SHOW = 10


def _template(args: argparse.Namespace) -> str:
    """What the editor starts with: the TEXT given, else ``--template FILE``, else the
    ``[editor] template`` setting, else nothing."""
    if args.text and args.text != ["-"]:
        return " ".join(args.text) + "\n"
    chosen = args.template
    if not chosen:
        from careerlog import config

        chosen = str(config.load().get("editor", {}).get("template", "") or "")
    if not chosen:
        return ""
    path = Path(chosen).expanduser()
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CareerlogError(f"the template {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as error:
        raise CareerlogError(f"cannot read the template {path}: {error}") from None


def add_in_editor(args: argparse.Namespace) -> int:
    """``careerlog add`` with no text at a terminal, or ``--edit``: write it in $EDITOR."""
    from careerlog.editor import check_edited, editing

    if not sys.stdin.isatty() or args.text == ["-"]:
        raise CareerlogError("--edit opens an editor and needs a terminal; pipe text without it")
    initial = _template(args)
    with editing(initial) as saved:
        return store_entry(args, check_edited(saved, initial))


def _header(entry: Entry) -> str:
    star = "  ★" if entry.starred else ""
    tags = "  " + " ".join(f"@{t}" for t in entry.tags) if entry.tags else ""
    return f"#{entry.id}  {iso_minute(entry.written_at)} {entry.written_at:%a}{star}{tags}"


def _print_entry(entry: Entry) -> None:
    write(printable(_header(entry)) + "\n")
    for line in printable(entry.text).rstrip().splitlines():
        write(f"    {line}\n" if line.strip() else "\n")


def cmd_show(args: argparse.Namespace) -> int:
    from careerlog.services.journal import get_entry, recent_entries

    with opened(args, backup=False, must_exist=True) as store:
        entries = [get_entry(store, args.id)] if args.id else recent_entries(store, args.n)
    if not entries:
        write('No entries yet. Write one with: careerlog add "TEXT"\n')
    for index, entry in enumerate(reversed(entries)):
        if index:
            write("\n")
        _print_entry(entry)
    return 0


def _kept_tags(entry: Entry) -> list[str]:
    """Tags given with ``--tag`` (not written in the text) survive an edit of the text."""
    inline = set(find_tags(entry.text))
    return [tag for tag in entry.tags if tag not in inline]


def _update(store: Any, entry: Entry, text: str, when: datetime | None) -> Entry:
    """Write the edit only if no other program changed the entry since it was read."""
    from careerlog.services.journal import update_entry

    return update_entry(
        store,
        entry.id,
        text,
        when=when,
        starred=entry.starred,
        tags=_kept_tags(entry),
        goal_ids=entry.goal_ids,
        competencies=entry.competencies,
        unchanged_since=entry.updated_at,
    )


def cmd_edit(args: argparse.Namespace) -> int:
    from careerlog.services.journal import get_entry

    when = None
    if args.date:
        from careerlog.domain.when import parse_when

        when = parse_when(args.date)
        check_future(when, args.future)
    with opened(args, must_exist=True) as store:
        entry = get_entry(store, args.id)
        if when is not None:
            entry = _update(store, entry, entry.text, when)
            write(f"Entry #{entry.id} is now dated {iso_minute(entry.written_at)}.\n")
            return 0
        from careerlog.editor import editing

        initial = entry.text if entry.text.endswith("\n") else entry.text + "\n"
        with editing(initial) as saved:
            if saved.strip() == entry.text.strip():
                write(f"Entry #{entry.id} is unchanged; nothing was written.\n")
                return 0
            if not saved.strip():
                raise CareerlogError(
                    f"the edited entry is empty; nothing was written "
                    f"(to remove it: careerlog delete {entry.id})"
                )
            _update(store, entry, saved.rstrip().lstrip("\n"), None)
    write(f"Entry #{entry.id} saved.\n")
    return 0


def _keep_for_undo(store: Any, entry_id: int) -> Path:
    import json

    from careerlog import paths
    from careerlog.services import sealed
    from careerlog.services.exchange.records import entry_document

    document = entry_document(store, entry_id)
    if document is None:
        raise CareerlogError(f"no entry with id {entry_id}")
    folder = paths.ensure_private_dir(paths.data_dir() / "deleted")
    stamp = f"{datetime.now():%Y%m%d-%H%M%S}"
    target = folder / f"entry-{entry_id}-{stamp}.json"
    # Sealed with the store's key when the store is encrypted; import reads it either way.
    owner = str(store.path) if store.path is not None else store.url
    return sealed.write(target, json.dumps(document, ensure_ascii=False, indent=2) + "\n", owner)


def cmd_delete(args: argparse.Namespace) -> int:
    from careerlog.services.journal import delete_entry, get_entry

    with opened(args, must_exist=True) as store:
        entry = get_entry(store, args.id)
        first = printable(entry.text).strip().splitlines()[0][:60]
        confirm(
            f"Delete entry #{entry.id} of {iso_minute(entry.written_at)} ({first!r})?",
            yes=args.yes,
            option="--yes",
            refused="nothing was deleted",
        )
        kept = _keep_for_undo(store, entry.id)
        delete_entry(store, entry.id)
    write(f"Deleted entry #{entry.id}. To undo: careerlog import careerlog {kept}\n")
    return 0


def add_parsers(sub: Any) -> None:
    """``show``, ``edit`` and ``delete`` (called from cli/parser.py)."""
    show = sub.add_parser("show", help="print the last entries, or one entry")
    show.add_argument("id", nargs="?", type=record_id, metavar="ID", help="the entry to print")
    show.add_argument(
        "-n",
        type=at_least_one("-n"),
        default=DEFAULT_SHOW,
        metavar="N",
        help=f"how many of the latest entries (default {DEFAULT_SHOW})",
    )
    show.set_defaults(handler=cmd_show)

    edit = sub.add_parser(
        "edit",
        help="change an entry in $EDITOR, or re-date it",
        description="Opens the entry in $VISUAL or $EDITOR; with --date, re-dates it instead.",
    )
    edit.add_argument("id", type=record_id, metavar="ID", help="the entry (see 'careerlog show')")
    edit.add_argument("--date", metavar="WHEN", help="move the entry to this date and time")
    edit.add_argument("--future", action="store_true", help="allow a date after now")
    edit.set_defaults(handler=cmd_edit)

    delete = sub.add_parser("delete", help="delete an entry (keeps a copy to undo it)")
    delete.add_argument("id", type=record_id, metavar="ID", help="the entry (see 'careerlog show')")
    delete.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    delete.set_defaults(handler=cmd_delete)
