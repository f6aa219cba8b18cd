"""The year in review as Markdown that reads well as plain text (for e-mail, a
wiki, or a printout). Entries are Markdown already and are kept as written."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from careerlog.domain.summary import NOTHING, Omit, Summary, TimeSpent
from careerlog.domain.text import count_text, duration, printable
from careerlog.io.export.common import (
    day_text,
    entry_heading,
    goal_text,
    months,
    span,
    stance_text,
    track_text,
)

NONE = "-"


def _cell(text: str) -> str:
    return " ".join(printable(text).split()).replace("|", "\\|")


def _line(text: str) -> str:
    return " ".join(printable(text).split())


def _quote(text: str) -> str:
    return "\n".join(f"> {line}".rstrip() for line in printable(text).splitlines())


def _after_title(text: str, title: str) -> str:
    """The text below its first line when that line is the heading already shown."""
    first, _, rest = text.partition("\n")
    return rest.strip() if first.strip() == title else text


def _table(head: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return out


def _spent(title: str, items: tuple[TimeSpent, ...]) -> list[str]:
    if not items:
        return []
    return [
        *_table(
            (title, "Time", "Activities"),
            ((i.name, duration(i.minutes), str(i.activities)) for i in items),
        ),
        "",
    ]


def _feedback(summary: Summary) -> list[str]:
    out = ["## What others said", ""]
    if not summary.feedback:
        return [*out, "No feedback recorded in this period.", ""]
    for item in summary.feedback:
        who = f"{_line(item.giver)} ({_line(item.role)})" if item.role else _line(item.giver)
        about = (
            f" — on {', '.join(_line(c) for c in item.competencies)}" if item.competencies else ""
        )
        out += [f"**{day_text(item.given_at)}, {who}**{about}", "", _quote(item.text), ""]
    return out


def render(
    summary: Summary, entries: list[dict[str, Any]] | None = None, omit: Omit = NOTHING
) -> str:
    """The whole document. ``entries`` (plain records) adds a closing journal section;
    what ``omit`` names is said to be left out instead of shown."""
    w = summary.writing
    out = [
        f"# {summary.title}",
        "",
        f"{span(summary)} · made {datetime.now():%Y-%m-%d} with careerlog",
        "",
    ]
    out += ["## Track and level", ""]
    out.append(f"- At the start: {_line(track_text(summary.track_start))}")
    out.append(f"- At the end: {_line(track_text(summary.track_end))}")
    for change in summary.track_changes:
        reason = f" — {_line(change.reason)}" if change.reason else ""
        out.append(
            f"- {day_text(change.since)}: chose {_line(change.track_name)}, "
            f"{_line(change.level_name)}{reason}"
        )
    out.append("")

    out += ["## Highlights", ""]
    if omit.journal:
        out += [
            f"{w.starred} starred entr{'y' if w.starred == 1 else 'ies'}; "
            "the journal is left out of this document.",
            "",
        ]
    elif not summary.highlights:
        out += ["No starred entries in this period.", ""]
    for item in summary.highlights:
        shown = [f"@{t}" for t in item.tags if f"@{t}" not in item.title.lower()]
        tags = "  " + " ".join(shown) if shown else ""
        out += [f"### {day_text(item.written_at)} — {_line(item.title)}{tags}", ""]
        body = _after_title(printable(item.text).strip(), item.title)
        out += [body, ""] if body else []

    out += ["## Goals", ""]
    for label, goals in (
        ("Achieved", summary.goals_achieved),
        ("Ongoing", summary.goals_ongoing),
        ("Dropped", summary.goals_dropped),
    ):
        out += [f"### {label} ({len(goals)})", ""]
        out += [f"- **{_line(g.title)}** — {goal_text(g)}" for g in goals] or ["- none"]
        out.append("")

    out += _feedback(summary)

    out += ["## Learning", ""]
    count = count_text(
        sum(k.activities for k in summary.learning_by_kind), "activity", "activities"
    )
    out += [f"{duration(summary.learning_minutes)} across {count}.", ""]
    out += _spent("Competency", summary.learning_by_competency)
    out += _spent("Kind", summary.learning_by_kind)

    out += ["## Competency ratings", ""]
    if summary.ratings:
        rows = (
            (
                r.name,
                str(r.start) if r.start is not None else NONE,
                str(r.end) if r.end is not None else NONE,
                f"{r.change:+d}" if r.change is not None else NONE,
                str(r.expected) if r.expected is not None else NONE,
            )
            for r in summary.ratings
        )
        out += [*_table(("Competency", "Start", "End", "Change", "Expected"), rows), ""]
    else:
        out += ["No self-ratings in this period.", ""]

    if omit.reflections:
        out += ["## From my reflections", ""]
        out += [f"{count_text(summary.reflections, 'reflection')}; their answers are left out.", ""]
    else:
        out += ["## Leadership stance", "", stance_text(summary), ""]
        out += ["## From my reflections", ""]
    if not summary.excerpts and not omit.reflections:
        out += [f"{count_text(summary.reflections, 'reflection')}, none with written answers.", ""]
    for excerpt in summary.excerpts:
        out += [
            f"**{_line(excerpt.prompt)}** ({excerpt.set_key}, {day_text(excerpt.day)})",
            "",
            _quote(excerpt.answer),
            "",
        ]

    out += ["## Writing", ""]
    out += [
        f"- {count_text(w.entries, 'entry', 'entries')}, {count_text(w.words, 'word')}, "
        f"on {count_text(w.days_written, 'day')}",
        f"- {w.starred:,} starred",
        f"- Streaks: {count_text(w.current_streak, 'day')} now, "
        f"{count_text(w.longest_streak, 'day')} at the longest",
        "",
        "```",
    ]
    peak = max((n for _, n in months(summary)), default=0) or 1
    out += [f"{label}  {'█' * round(20 * n / peak):<20}  {n}" for label, n in months(summary)]
    out += ["```", ""]

    if entries:
        out += ["## Journal", ""]
        for entry in entries:
            out += [f"### {entry_heading(entry)}", "", printable(entry["text"]).strip(), ""]
    # Fields were made printable as they went in; tags, keys and names from imported
    # tracks too, by this last pass of the display sanitiser over the whole document.
    return printable("\n".join(out).rstrip() + "\n")
