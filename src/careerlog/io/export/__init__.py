"""One entry point for every export format, used by the CLI and the TUI alike.

``store`` is an open store, or the path of an up-to-date SQLite file, which is then
read with the standard library alone (the CLI's fast path: no SQLAlchemy import).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from careerlog.domain.errors import CareerlogError
from careerlog.domain.summary import NOTHING, Omit, Summary, without
from careerlog.io.export import to_json as export_json
from careerlog.services.exchange.records import entry_records, first_day
from careerlog.services.summary import summarize

if TYPE_CHECKING:
    from careerlog.services import Store

FORMATS = ("md", "html", "json")
SUFFIXES = {"md": ".md", "html": ".html", "json": ".json"}


def resolve_range(store: Store | Path, start: date | None, end: date | None) -> tuple[date, date]:
    """An open range runs from the first record (or the start) to today (or the end)."""
    today = date.today()
    start = start or first_day(store) or min(today, end or today)
    end = end or max(today, start)
    if start > end:
        raise CareerlogError("--from is after --to")
    return start, end


def summary_for(store: Store | Path, start: date | None, end: date | None) -> Summary:
    first, last = resolve_range(store, start, end)
    return summarize(store, first, last)


def export_parts(
    store: Store | Path,
    fmt: str,
    start: date | None = None,
    end: date | None = None,
    omit: Omit = NOTHING,
) -> list[bytes]:
    """The export as pieces of UTF-8 text to write one after the other. A yearly JSON
    export is a few MB; joining it into one string first costs more than writing it
    (~20 ms), and its entries are bytes from SQLite already. ``omit`` leaves out the
    journal or the reflections (a document for a manager)."""
    if fmt not in FORMATS:
        raise CareerlogError(f"unknown format {fmt!r}; use md, html or json")
    if fmt == "json":
        return export_json.export_parts(store, start, end, omit)
    summary = without(summary_for(store, start, end), omit)
    entries = None if omit.journal else entry_records(store, summary.start, summary.end)
    if fmt == "md":
        from careerlog.io.export import to_md as export_md

        return [export_md.render(summary, entries, omit).encode("utf-8")]
    from careerlog.io.export import to_html as export_html  # markdown-it: only for HTML

    return [export_html.render(summary, entries, omit).encode("utf-8")]


def export_text(
    store: Store | Path,
    fmt: str,
    start: date | None = None,
    end: date | None = None,
    omit: Omit = NOTHING,
) -> str:
    """The export as text. JSON without a range and omitting nothing is the lossless
    backup format."""
    return b"".join(export_parts(store, fmt, start, end, omit)).decode("utf-8")
