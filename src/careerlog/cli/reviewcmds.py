"""CLI handlers for looking back: ``careerlog stats``. Services are imported inside
the handler so parsing the command line stays cheap."""

from __future__ import annotations

import argparse
from typing import Any

from careerlog.cli.argtypes import year
from careerlog.cli.output import emit_json, write
from careerlog.domain.text import count_text


def add_stats_parser(sub: Any) -> None:
    """Register ``stats`` on the top-level subparsers (called from the parser module)."""
    stats = sub.add_parser("stats", help="counts, words written, current and longest streak")
    stats.add_argument("--year", type=year, metavar="YYYY", help="one year instead of all time")
    stats.add_argument("--json", action="store_true", help="print JSON only (for scripts)")
    stats.set_defaults(handler=cmd_stats)


def _days(n: int) -> str:
    return count_text(n, "day")


def cmd_stats(args: argparse.Namespace) -> int:
    from careerlog.cli.sources import for_reading
    from careerlog.domain.text import duration
    from careerlog.services.stats import grace_setting, stats

    grace = grace_setting()  # a broken settings file fails before the store is opened
    with for_reading(args, backup=False) as source:
        result = stats(source, args.year, grace=grace)
    s = result.streaks
    if args.json:
        emit_json(
            {
                "year": result.year,
                "entries": result.entries,
                "starred": result.starred,
                "words": result.words,
                "goals": result.goals,
                "goals_achieved": result.goals_achieved,
                "activities": result.activities,
                "minutes_learning": result.minutes_learning,
                "reflections": result.reflections,
                "current_streak": s.current,
                "longest_streak": s.longest,
                "longest_streak_from": s.longest_start.isoformat() if s.longest_start else None,
                "longest_streak_to": s.longest_end.isoformat() if s.longest_end else None,
                "streak_grace": result.grace.value,
                "as_of": result.as_of.isoformat(),
            }
        )
        return 0
    span = (
        f" ({s.longest_start.isoformat()} to {s.longest_end.isoformat()})"
        if s.longest_start and s.longest_end and s.longest > 1
        else ""
    )
    lines = [
        str(result.year) if result.year is not None else "All time",
        f"  entries         {result.entries:,}  ({result.starred:,} starred)",
        f"  words written   {result.words:,}",
        f"  goals set       {result.goals:,}  ({result.goals_achieved:,} achieved)",
        f"  activities      {result.activities:,}  ({duration(result.minutes_learning)} learning)",
        f"  reflections     {result.reflections:,}",
        f"  current streak  {_days(s.current)}  (grace: {result.grace.value}, "
        f"as of {result.as_of.isoformat()})",
        f"  longest streak  {_days(s.longest)}{span}",
    ]
    write("\n".join(lines) + "\n")
    return 0
