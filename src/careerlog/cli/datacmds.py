"""The data commands: export, import, backup, restore and doctor.

Exports to stdout print nothing but the export; progress and reports go to stderr
(a counter line only when stderr is a terminal), so pipes stay clean.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from careerlog.cli.argparsing import Sub
from careerlog.cli.argtypes import year
from careerlog.cli.ask import confirm
from careerlog.cli.output import write, write_utf8
from careerlog.cli.sources import for_reading, opened
from careerlog.domain.errors import CareerlogError
from careerlog.domain.text import printable

if TYPE_CHECKING:
    from careerlog.services.exchange.importing import ImportReport


def _progress(verb: str) -> Callable[[int, int], None] | None:
    """A counter line on stderr, rewritten in place; none when stderr is not a terminal."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        sys.stderr.write(f"\r{verb} {done:,}/{total:,}{end}")
        sys.stderr.flush()

    return show


def _range(args: argparse.Namespace) -> tuple[date | None, date | None]:
    from careerlog.domain.when import parse_day
    from careerlog.services.summary import year_range

    if args.year is not None:
        if args.start or args.end:
            raise CareerlogError("give either --year or --from/--to, not both")
        return year_range(args.year)
    start = parse_day(args.start) if args.start else None
    end = parse_day(args.end) if args.end else None
    if start and end and start > end:
        raise CareerlogError("--from is after --to")
    return start, end


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    if args.output:
        suffix = Path(args.output).suffix.lower().lstrip(".")
        known = {"md": "md", "markdown": "md", "html": "html", "htm": "html", "json": "json"}
        if suffix in known:
            return known[suffix]
    raise CareerlogError("choose the format with --format md, html or json")


IMPORT_KINDS = ("jrnl", "dayone", "markdown", "careerlog")


def cmd_export(args: argparse.Namespace) -> int:
    from careerlog.atomic import write_bytes
    from careerlog.domain.summary import Omit
    from careerlog.io.export import export_parts

    fmt = _format(args)
    start, end = _range(args)
    if args.packet:
        return _export_packet(args, fmt, start, end)
    show = _progress("exporting")
    if show:
        sys.stderr.write("exporting…")
    omit = Omit(journal=args.no_journal, reflections=args.no_reflections)
    with for_reading(args) as source:
        parts = export_parts(source, fmt, start, end, omit)
    if show:
        sys.stderr.write("\r\x1b[K")
    if args.output is None:
        _plain_text_warning(args, "it")
        write_utf8(parts)
        return 0
    target = write_bytes(Path(args.output), parts)
    _plain_text_warning(args, str(target))
    write(f"Exported to {target}\n")
    return 0


def _export_packet(args: argparse.Namespace, fmt: str, start: date | None, end: date | None) -> int:
    """``export --packet``: the promotion packet for the next level of the chosen track."""
    from careerlog.atomic import write_text
    from careerlog.domain.summary import Omit
    from careerlog.io.export.packet import render
    from careerlog.services.career.packet import build_packet

    omit = Omit(journal=args.no_journal, reflections=args.no_reflections)
    with opened(args, must_exist=True) as store:
        text = render(build_packet(store, start, end, omit=omit), fmt)
    if args.output is None:
        _plain_text_warning(args, "it")
        sys.stdout.write(text)
        return 0
    target = write_text(Path(args.output), [text])
    _plain_text_warning(args, str(target))
    write(f"Exported the promotion packet to {target}\n")
    return 0


def _plain_text_warning(args: argparse.Namespace, where: str) -> None:
    """An export of an encrypted store is plain text: say so, on stderr."""
    from careerlog.services.encryption import is_encrypted

    if is_encrypted(args.db):
        sys.stderr.write(
            "careerlog: warning: this export is not encrypted, though the journal is; "
            f"anyone who can read {printable(where)} can read it\n"
        )


def _report(report: ImportReport) -> None:
    if report.imported:
        parts = ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in report.imported.items())
        write(f"Imported {parts}.\n")
    else:
        write("Imported nothing new.\n")
    reasons = Counter(s.why for s in report.skipped)
    if reasons:
        write(f"Skipped {len(report.skipped)}:\n")
        for why, count in reasons.most_common():
            examples = [s.what for s in report.skipped if s.why == why][:3]
            more = f" and {count - len(examples)} more" if count > len(examples) else ""
            write(f"  {count} because {why}: {'; '.join(examples)}{more}\n")
    if report.backup is not None:
        write(f"The store as it was before: {report.backup}\n")


def _importer(kind: str) -> Callable[..., ImportReport]:
    """The reader of each ``import`` kind, imported only for the kind asked for."""
    if kind == "jrnl":
        from careerlog.io.importers.jrnl import import_jrnl

        return import_jrnl
    if kind == "dayone":
        from careerlog.io.importers.dayone import import_dayone

        return import_dayone
    if kind == "markdown":
        from careerlog.io.importers.markdown import import_markdown

        return import_markdown
    from careerlog.io.importers.careerlog import import_careerlog

    return import_careerlog


def cmd_import(args: argparse.Namespace) -> int:
    source = Path(args.file).expanduser()
    show = _progress("importing")
    if not source.exists():
        raise CareerlogError(f"{source} does not exist; nothing was imported")
    importer = _importer(args.kind)
    if args.tag_symbols is not None:
        if args.kind != "jrnl":
            raise CareerlogError("--tag-symbols goes with 'import jrnl'")
        from functools import partial

        importer = partial(importer, tag_symbols=args.tag_symbols)
    with opened(args) as store:
        report = importer(store, source, show)
    _report(report)
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from careerlog.services.exchange.backup import backup

    target = Path(args.file).expanduser() if args.file else None
    with opened(args, must_exist=True) as store:
        made = backup(store, target)
    write(f"Backed up to {made}\n")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from careerlog.services.exchange.restoring import restore, validate_backup
    from careerlog.store.files.sqlite_file import is_url, refuse_read_only, resolve_location

    location = resolve_location(args.db)
    if is_url(location):
        raise CareerlogError(
            "restore works on SQLite stores; for a server store, import a careerlog JSON "
            "backup into an empty database with 'careerlog import careerlog FILE'"
        )
    source = Path(args.file).expanduser()
    from careerlog.cli.cryptcmds import unlock_file

    unlock_file(source, args.passphrase_file)  # an encrypted backup (of another store)
    validate_backup(source)
    store_path = Path(location).expanduser()
    refuse_read_only(store_path)  # before the question
    confirm(
        f"Replace the store at {store_path} with {source}?",
        yes=args.yes,
        option="--yes",
        refused="nothing was restored",
    )
    result = restore(source, store_path)
    write(f"Restored {store_path} from {source}.\n")
    if result.previous is not None:
        write(f"The store as it was before: {result.previous}\n")
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    from careerlog.services.exchange.doctor import doctor
    from careerlog.store.files.sqlite_file import resolve_location

    findings = doctor(resolve_location(args.db))
    for finding in findings:
        write(f"{'ok     ' if finding.ok else 'PROBLEM'}  {finding.text}\n")
    problems = sum(1 for f in findings if not f.ok)
    if problems:
        raise CareerlogError(f"doctor found {problems} problem(s); see above for what to do")
    return 0


def _export_parser(sub: Sub) -> None:
    export = sub.add_parser("export", help="the year in review (or everything) as md, html or json")
    export.add_argument("--year", type=year, metavar="YYYY", help="one calendar year")
    export.add_argument("--from", dest="start", metavar="D", help="from this day on")
    export.add_argument("--to", dest="end", metavar="D", help="up to this day")
    export.add_argument(
        "--format",
        choices=("md", "html", "json"),
        help="md, html or json (default: from the -o file name)",
    )
    export.add_argument("-o", "--output", metavar="FILE", help="write here (default: stdout)")
    export.add_argument(
        "--packet",
        action="store_true",
        help="the promotion packet: each competency of your next level with its expectation, "
        "your ratings and the period's evidence (default period: the last twelve months)",
    )
    export.add_argument(
        "--no-journal",
        action="store_true",
        help="leave out every entry's text, highlights included (a document for a manager)",
    )
    export.add_argument(
        "--no-reflections",
        action="store_true",
        help="leave out the answers to reflections and the leadership stance",
    )
    export.set_defaults(handler=cmd_export)


def _import_parser(sub: Sub) -> None:
    imp = sub.add_parser(
        "import",
        help="bring in a journal from jrnl, Day One, Markdown notes or a careerlog export",
        description="All or nothing, and a second import of the same file adds nothing. "
        "jrnl: its journal file (or folder) or its JSON export, told apart by content; "
        "dayone: Day One's JSON export (.zip or .json); markdown: a folder of notes, one "
        "entry per file or per dated heading; careerlog: a careerlog JSON export or backup.",
    )
    imp.add_argument(
        "kind",
        choices=IMPORT_KINDS,
        metavar="|".join(IMPORT_KINDS),
        help="what wrote the file",
    )
    imp.add_argument("file", metavar="FILE|DIR", help="the file (a folder for markdown)")
    imp.add_argument(
        "--tag-symbols",
        metavar="CHARS",
        help="jrnl's 'tagsymbols' setting for a plain-text journal (default '#@', jrnl's own)",
    )
    imp.set_defaults(handler=cmd_import)


def _backup_parser(sub: Sub) -> None:
    bak = sub.add_parser("backup", help="a consistent copy of the store (0600)")
    bak.add_argument("file", nargs="?", metavar="FILE", help="default: the backups folder")
    bak.set_defaults(handler=cmd_backup)


def _restore_parser(sub: Sub) -> None:
    res = sub.add_parser("restore", help="replace the store with a backup (keeps the current one)")
    res.add_argument("file", metavar="FILE", help="a backup made by careerlog backup")
    res.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    res.add_argument(
        "--passphrase-file",
        metavar="FILE",
        help="an encrypted backup's passphrase, from the first line of FILE (default: the "
        "unlocked store's key, $CAREERLOG_PASSPHRASE_FILE, else asked at the terminal)",
    )
    res.set_defaults(handler=cmd_restore)


def _doctor_parser(sub: Sub) -> None:
    doc = sub.add_parser("doctor", help="check the store and say what to do")
    doc.set_defaults(handler=cmd_doctor)


PARSERS: dict[str, Callable[[Sub], None]] = {
    "export": _export_parser,
    "import": _import_parser,
    "backup": _backup_parser,
    "restore": _restore_parser,
    "doctor": _doctor_parser,
}
"""Each data command's parser builder, by name (cli/parser.py builds only the one run)."""
