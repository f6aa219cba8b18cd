"""The year in review as one self-contained HTML file: inline CSS, inline SVG
charts, no scripts and no network fetches, laid out to print well.

User text is data: every string is escaped, entry Markdown is rendered with raw
HTML off, images off (they would fetch) and only http, https and mailto links kept.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import cache
from html import escape
from typing import Any

from markdown_it import MarkdownIt

from careerlog.assets import asset
from careerlog.domain.datetext import iso_minute
from careerlog.domain.summary import NOTHING, GoalLine, Omit, Summary, TimeSpent
from careerlog.domain.text import count_text, duration, printable
from careerlog.io.export import charts
from careerlog.io.export.common import (
    day_text,
    entry_heading,
    goal_text,
    span,
    stance_text,
    track_text,
)

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"^([^/?#]*?):")


def safe_link(url: str) -> bool:
    """Only http(s) and mailto, or a scheme-less relative link; anything with another
    scheme (javascript:, data:, vbscript:, file:…) is refused and shown as text."""
    cleaned = "".join(ch for ch in url if ch.isprintable() and not ch.isspace())
    match = _SCHEME.match(cleaned)
    return match is None or match.group(1).lower() in SAFE_SCHEMES


@cache
def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable("image")
    md.validateLink = safe_link  # type: ignore[method-assign]
    return md


def markdown(text: str) -> str:
    html: str = _markdown().render(printable(text))
    return html


def _e(text: object) -> str:
    return escape(printable(str(text)), quote=True)


@cache
def _css() -> str:
    return asset("templates", "year_review.css").read_text(encoding="utf-8")


def _cards(summary: Summary) -> str:
    w = summary.writing
    items = [
        (w.entries, "entries"),
        (f"{w.words:,}", "words"),
        (w.days_written, "days written"),
        (w.longest_streak, "longest streak (days)"),
        (duration(summary.learning_minutes), "learning"),
        (len(summary.goals_achieved), "goals achieved"),
        (summary.reflections, "reflections"),
    ]
    cells = "".join(f'<div class="card"><b>{_e(v)}</b><span>{_e(k)}</span></div>' for v, k in items)
    return f'<div class="cards">{cells}</div>'


def _goals(label: str, goals: tuple[GoalLine, ...]) -> str:
    if not goals:
        return f"<h3>{_e(label)} (0)</h3><p class='muted'>None.</p>"
    rows = "".join(
        f'<li><b>{_e(g.title)}</b> <span class="status {_e(g.status)}">'
        f"{_e(goal_text(g))}</span></li>"
        for g in goals
    )
    return f'<h3>{_e(label)} ({len(goals)})</h3><ul class="goals">{rows}</ul>'


def _spent_table(title: str, items: tuple[TimeSpent, ...]) -> str:
    if not items:
        return ""
    rows = "".join(
        f'<tr><td>{_e(i.name)}</td><td class="num">{_e(duration(i.minutes))}</td>'
        f'<td class="num">{i.activities}</td></tr>'
        for i in items
    )
    return (
        f'<table><tr><th>{_e(title)}</th><th class="num">Time</th>'
        f'<th class="num">Activities</th></tr>{rows}</table>'
    )


def _ratings(summary: Summary) -> str:
    if not summary.ratings:
        return "<p class='muted'>No self-ratings in this period.</p>"

    def num(value: int | None, sign: bool = False) -> str:
        return "&ndash;" if value is None else (f"{value:+d}" if sign else str(value))

    rows = "".join(
        f'<tr><td>{_e(r.name)}</td><td class="num">{num(r.start)}</td>'
        f'<td class="num">{num(r.end)}</td><td class="num">{num(r.change, True)}</td>'
        f'<td class="num">{num(r.expected)}</td></tr>'
        for r in summary.ratings
    )
    figure = charts.rating_dumbbells(summary.ratings)
    return (
        f"<figure>{figure}<figcaption>Ring: rating at the start. Dot: at the end. "
        "Tick: what the level held at the end expects.</figcaption></figure>"
        '<table><tr><th>Competency</th><th class="num">Start</th><th class="num">End</th>'
        f'<th class="num">Change</th><th class="num">Expected</th></tr>{rows}</table>'
    )


def _entry(entry: dict[str, Any]) -> str:
    starred = " starred" if entry["starred"] else ""
    tags = "".join(f'<span class="tag">@{_e(t)}</span>' for t in entry["tags"])
    when = datetime.fromisoformat(entry["written_at"])
    star = " ★" if entry["starred"] else ""
    return (
        f'<article class="entry{starred}"><div class="when">{iso_minute(when)}{star}{tags}</div>'
        f'<div class="md">{markdown(entry["text"])}</div></article>'
    )


def _feedback(summary: Summary) -> str:
    out = ["<h2 id='feedback'>What others said</h2>"]
    if not summary.feedback:
        out.append("<p class='muted'>No feedback recorded in this period.</p>")
    for item in summary.feedback:
        who = f"{_e(item.giver)} ({_e(item.role)})" if item.role else _e(item.giver)
        about = (
            f" <span class='muted'>on {_e(', '.join(item.competencies))}</span>"
            if item.competencies
            else ""
        )
        out.append(
            f"<p><b>{_e(day_text(item.given_at))}, {who}</b>{about}</p>"
            f"<blockquote class='md'>{markdown(item.text)}</blockquote>"
        )
    return "".join(out)


def escaped(text: object) -> str:
    """User text as HTML text: control characters stripped, everything escaped."""
    return _e(text)


def page_head(title: str) -> list[str]:
    """The opening of a self-contained page: the strict policy (no scripts, no
    fetches) and the inline style sheet."""
    return [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">",
        f"<title>{_e(title)}</title>",
        f"<style>{_css()}</style></head><body>",
    ]


def render(
    summary: Summary, entries: list[dict[str, Any]] | None = None, omit: Omit = NOTHING
) -> str:
    """The whole page. ``entries`` (plain records) adds a closing journal section; what
    ``omit`` names is said to be left out instead of shown."""
    w = summary.writing
    per_day = dict(w.per_day)
    out = [
        *page_head(summary.title),
        f"<header><h1>{_e(summary.title)}</h1><div class='muted'>{_e(span(summary))} · "
        f"made {datetime.now():%Y-%m-%d} with careerlog</div></header>",
        _cards(summary),
        "<h2 id='track'>Track and level</h2><table>",
        f"<tr><th>At the start</th><td>{_e(track_text(summary.track_start))}</td></tr>",
        f"<tr><th>At the end</th><td>{_e(track_text(summary.track_end))}</td></tr>",
    ]
    for change in summary.track_changes:
        reason = f" — {_e(change.reason)}" if change.reason else ""
        out.append(
            f"<tr><th>{_e(day_text(change.since))}</th><td>Chose {_e(change.track_name)}, "
            f"{_e(change.level_name)}{reason}</td></tr>"
        )
    out.append("</table><h2 id='highlights'>Highlights</h2>")
    if omit.journal:
        out.append(
            f"<p class='muted'>{w.starred} starred entr{'y' if w.starred == 1 else 'ies'}; "
            "the journal is left out of this document.</p>"
        )
    elif not summary.highlights:
        out.append("<p class='muted'>No starred entries in this period.</p>")
    for item in summary.highlights:
        tags = "".join(f'<span class="tag">@{_e(t)}</span>' for t in item.tags)
        out.append(
            f'<article class="entry starred"><div class="when">{_e(day_text(item.written_at))}'
            f'{tags}</div><div class="md">{markdown(item.text)}</div></article>'
        )
    out.append("<h2 id='goals'>Goals</h2>")
    out.append(_goals("Achieved", summary.goals_achieved))
    out.append(_goals("Ongoing", summary.goals_ongoing))
    out.append(_goals("Dropped", summary.goals_dropped))
    out.append(_feedback(summary))
    count = sum(k.activities for k in summary.learning_by_kind)
    out.append(
        f"<h2 id='learning'>Learning</h2><p>{_e(duration(summary.learning_minutes))} "
        f"across {count_text(count, 'activity', 'activities')}.</p>"
    )
    if summary.learning_by_competency:
        out.append(
            f"<figure>{charts.learning_bars(summary.learning_by_competency)}"
            "<figcaption>Time spent by competency (an activity counts for each competency "
            "it serves).</figcaption></figure>"
        )
    out.append(_spent_table("Competency", summary.learning_by_competency))
    out.append(_spent_table("Kind", summary.learning_by_kind))
    out.append("<h2 id='ratings'>Competency ratings</h2>")
    out.append(_ratings(summary))
    if not omit.reflections:
        out.append(f"<h2 id='stance'>Leadership stance</h2><p>{_e(stance_text(summary))}</p>")
    if len(summary.stance) > 1:
        out.append(
            f"<figure>{charts.stance_line(summary.stance, summary.start, summary.end)}</figure>"
        )
    out.append("<h2 id='reflections'>From my reflections</h2>")
    if omit.reflections:
        out.append(
            f"<p class='muted'>{count_text(summary.reflections, 'reflection')}; "
            "their answers are left out.</p>"
        )
    elif not summary.excerpts:
        out.append(
            f"<p class='muted'>{count_text(summary.reflections, 'reflection')}, "
            "none with written answers.</p>"
        )
    for excerpt in summary.excerpts:
        out.append(
            f"<p><b>{_e(excerpt.prompt)}</b> <span class='muted'>({_e(excerpt.set_key)}, "
            f"{_e(day_text(excerpt.day))})</span></p>"
            f"<blockquote class='md'>{markdown(excerpt.answer)}</blockquote>"
        )
    out.append(
        f"<h2 id='writing'>Writing</h2><p>{count_text(w.entries, 'entry', 'entries')}, "
        f"{count_text(w.words, 'word')}, on {count_text(w.days_written, 'day')}; "
        f"{w.starred:,} starred. Streaks: {count_text(w.current_streak, 'day')} now, "
        f"{count_text(w.longest_streak, 'day')} at the longest.</p>"
    )
    out.append(
        f"<figure>{charts.heatmap(per_day, summary.start, summary.end)}"
        "<figcaption>Entries per day: the darker, the more.</figcaption></figure>"
    )
    if entries:
        out.append("<h2 id='journal'>Journal</h2>")
        out.extend(_entry(entry) for entry in entries)
    out.append("<footer>Made with careerlog. Everything here comes from your own journal.</footer>")
    out.append("</body></html>")
    # Every field passed _e() or markdown() already; the whole page passes the display
    # sanitiser once more, so no control character reaches a terminal that shows it.
    return printable("\n".join(out) + "\n")


__all__ = ["entry_heading", "markdown", "render", "safe_link"]
