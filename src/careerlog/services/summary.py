"""The year in review (or any date range): what a person hands their manager.

Everything is read in one snapshot (:mod:`careerlog.store.snapshot`) with plain
SQL, without SQLAlchemy for an SQLite file given as a :class:`Path`. The result is a
frozen :class:`~careerlog.domain.summary.Summary`; the export's records and
document are built in :mod:`careerlog.services.exchange.records`.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from careerlog.domain import streaks as rules
from careerlog.domain.errors import CareerlogError
from careerlog.domain.learning import time_spent
from careerlog.domain.model import Activity, ActivityKind, Track, TrackChoice
from careerlog.domain.summary import (
    Excerpt,
    GoalLine,
    Highlight,
    RatingChange,
    StancePoint,
    Summary,
    TimeSpent,
    TrackAt,
    Writing,
)
from careerlog.domain.text import one_line
from careerlog.domain.tracks import track_from_json
from careerlog.domain.when import parse_year
from careerlog.services.stats import grace_setting, uncounted_words
from careerlog.store.snapshot import (
    Query,
    also,
    days_between,
    goal_filter,
    linked,
    moments_between,
    reading,
    sql_day,
    sql_until,
)
from careerlog.store.stamps import to_day, to_moment

if TYPE_CHECKING:
    from careerlog.store.db import Store

EXCERPT_CHARS = 400
MAX_EXCERPTS = 12
MAX_HIGHLIGHTS = 50


def year_range(year: int) -> tuple[date, date]:
    year = parse_year(year)
    return date(year, 1, 1), date(year, 12, 31)


def _title(start: date, end: date) -> str:
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return f"{start.year} in review"
    return f"{start:%Y-%m-%d} to {end:%Y-%m-%d} in review"


def _choices(q: Query, end: date) -> list[TrackChoice]:
    rows = q(
        "SELECT c.id, c.level_key, c.chosen_at, c.reason, s.definition FROM track_choice c "
        f"JOIN track_snapshot s ON s.id = c.snapshot_id WHERE c.chosen_at <= {sql_until(end)} "
        "ORDER BY c.chosen_at, c.id"
    )
    return [TrackChoice(r[0], track_from_json(r[4]), r[1], to_moment(r[2]), r[3]) for r in rows]


def _track_at(choice: TrackChoice) -> TrackAt:
    try:
        level_name = choice.level.name
    except KeyError:
        level_name = choice.level_key
    return TrackAt(
        choice.track.key,
        choice.track.name,
        choice.level_key,
        level_name,
        choice.chosen_at,
        choice.reason,
    )


def _goals(q: Query, start: date, end: date) -> dict[str, list[GoalLine]]:
    where = goal_filter(start, end)
    rows = q(
        "SELECT g.id, g.title, g.status, g.progress_manual, g.due, g.closed_at FROM goal g "
        f"{where} ORDER BY g.id"
    )
    counts = {
        r[0]: (int(r[1]), int(r[2]))
        for r in q(
            "SELECT m.goal_id, COUNT(m.done_at), COUNT(*) FROM milestone m "
            f"JOIN goal g ON g.id = m.goal_id {where} GROUP BY m.goal_id"
        )
    }
    grouped: dict[str, list[GoalLine]] = {"achieved": [], "ongoing": [], "dropped": []}
    last = datetime.combine(end, datetime.max.time())
    for goal_id, title, status, manual, due, closed in rows:
        done, total = counts.get(goal_id, (0, 0))
        if total:
            progress = round(100 * done / total)
        elif manual is not None:
            progress = int(manual)
        else:
            progress = 100 if status == "achieved" else 0
        closed_at = to_moment(closed) if closed is not None else None
        line = GoalLine(
            goal_id, title, status, progress, to_day(due) if due else None, closed_at, done, total
        )
        closed_in_range = closed_at is not None and closed_at <= last
        if status == "achieved" and closed_in_range:
            grouped["achieved"].append(line)
        elif status == "dropped" and closed_in_range:
            grouped["dropped"].append(line)
        else:
            grouped["ongoing"].append(line)
    return grouped


def _activities(q: Query, start: date, end: date) -> list[Activity]:
    where = days_between("a.day", start, end)
    rows = q(f"SELECT a.id, a.title, a.kind, a.day, a.minutes, a.goal_id FROM activity a {where}")
    comps = linked(q, "activity_competency", "competency_key", "activity a", where)
    return [
        Activity(
            r[0],
            r[1],
            ActivityKind(r[2]),
            to_day(r[3]),
            int(r[4]),
            r[5],
            "",
            "",
            tuple(sorted(comps.get(r[0], ()))),
        )
        for r in rows
    ]


def _spent(
    minutes: Counter[str], counts: Counter[str], names: dict[str, str]
) -> tuple[TimeSpent, ...]:
    return tuple(
        TimeSpent(key, names.get(key, key), value, counts[key])
        for key, value in sorted(minutes.items(), key=lambda kv: (-kv[1], kv[0]))
    )


def _ratings(
    q: Query, start: date, end: date, track: Track | None, level_key: str | None
) -> tuple[RatingChange, ...]:
    """Per competency: the last rating on or before the start (else the first within
    the range) against the last rating within the range."""
    rows = q(
        "SELECT r.competency_key, r.value, f.day FROM rating r "
        f"JOIN reflection f ON f.id = r.reflection_id WHERE f.day <= {sql_day(end)} "
        "ORDER BY f.day, f.id"
    )
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for key, value, when in rows:
        day = to_day(when)
        if day <= start or key not in first:
            first[key] = int(value)
        if day >= start:
            last[key] = int(value)
    names = {c.key: c.name for c in track.competencies} if track else {}
    order = [c.key for c in track.competencies] if track else []
    keys = [k for k in order if k in first or k in last] + sorted(
        k for k in set(first) | set(last) if k not in order
    )
    changes = []
    for key in keys:
        expected = None
        if track is not None and level_key is not None and key in names:
            try:
                expected = track.expected(key, level_key)
            except (KeyError, ValueError, IndexError):
                expected = None
        changes.append(
            RatingChange(key, names.get(key, key), first.get(key), last.get(key), expected)
        )
    return tuple(changes)


def _reflections(q: Query, start: date, end: date) -> tuple[int, list[StancePoint], list[Excerpt]]:
    where = days_between("f.day", start, end)
    heads = {
        r[0]: (to_day(r[1]), r[2], r[3])
        for r in q(f"SELECT f.id, f.day, f.set_key, f.stance FROM reflection f {where}")
    }
    order = sorted(heads, key=lambda i: (heads[i][0], i))
    stance = [StancePoint(heads[i][0], int(heads[i][2])) for i in order if heads[i][2] is not None]
    answers: dict[int, list[tuple[str, str]]] = {}
    for reflection_id, prompt, answer in q(
        "SELECT a.reflection_id, a.prompt_text, a.answer FROM reflection_answer a "
        f"JOIN reflection f ON f.id = a.reflection_id {where} ORDER BY a.id"
    ):
        if answer.strip():
            answers.setdefault(reflection_id, []).append((prompt, answer.strip()))
    # Prefer the longer-cadence reflections: they are the ones written for a review.
    weight = {"yearly": 0, "quarterly": 1}
    ranked = sorted(answers, key=lambda i: (weight.get(heads[i][1], 2), heads[i][0], i))
    excerpts: list[Excerpt] = []
    for reflection_id in ranked:
        for prompt, text in answers[reflection_id]:
            if len(excerpts) < MAX_EXCERPTS:
                if len(text) > EXCERPT_CHARS:
                    text = text[: EXCERPT_CHARS - 1].rstrip() + "…"
                day, set_key, _ = heads[reflection_id]
                excerpts.append(Excerpt(day, set_key, prompt, text))
    excerpts.sort(key=lambda e: e.day)
    return len(heads), stance, excerpts


def _streaks(days: list[date], today: date, grace: str | None) -> tuple[int, int]:
    """Current and longest streak under the person's grace rule (from the settings
    unless given)."""
    rule = grace_setting() if grace is None else rules.parse_grace(grace)
    result = rules.streaks(days, today, rule)
    return result.current, result.longest


def _writing(
    q: Query, start: date, end: date, today: date, grace: str | None
) -> tuple[Writing, list[Highlight]]:
    where = moments_between("e.written_at", start, end)
    # Per day: entries, their stored word counts, and how many have none. ``date()`` is
    # a function on SQLite and a cast on PostgreSQL; both give the day.
    days = q(
        "SELECT date(e.written_at), COUNT(*), COALESCE(SUM(e.words), 0), "
        f"COUNT(*) - COUNT(e.words) FROM entry e {where} GROUP BY 1"
    )
    per_day = {to_day(r[0]): int(r[1]) for r in days}
    words = sum(int(r[2]) for r in days)
    if any(r[3] for r in days):
        words += uncounted_words(q, where)
    starred_only = also(where, "e.starred")
    starred = q(
        f"SELECT e.id, e.written_at, e.text FROM entry e {starred_only} ORDER BY e.written_at, e.id"
    )
    tags = linked(q, "entry_tag", "tag", "entry e", starred_only)
    highlights = [
        Highlight(i, to_moment(when), one_line(text), text, tuple(sorted(tags.get(i, ()))))
        for i, when, text in starred[:MAX_HIGHLIGHTS]
    ]
    current, longest = _streaks(list(per_day), min(today, end), grace)
    writing = Writing(
        entries=sum(per_day.values()),
        words=words,
        days_written=len(per_day),
        starred=len(starred),
        current_streak=current,
        longest_streak=longest,
        per_day=tuple(sorted(per_day.items())),
    )
    return writing, highlights


def summarize(
    source: Store | Path,
    start: date,
    end: date,
    *,
    today: date | None = None,
    grace: str | None = None,
) -> Summary:
    """The roll-up for ``start``..``end`` (both included), read in one snapshot."""
    if start > end:
        raise CareerlogError("the start of the range is after its end")
    today = today or date.today()
    with reading(source) as q:
        return summarize_snapshot(q, start, end, today, grace)


def summarize_snapshot(q: Query, start: date, end: date, today: date, grace: str | None) -> Summary:
    """:func:`summarize` inside a snapshot already open (the export document reads its
    records and its summary in the same one)."""
    choices = _choices(q, end)
    begin = datetime.combine(start, datetime.min.time())
    before = [c for c in choices if c.chosen_at < begin]
    during = [c for c in choices if c.chosen_at >= begin]
    first = before[-1] if before else (during[0] if during else None)
    last = choices[-1] if choices else None
    goals = _goals(q, start, end)
    activities = _activities(q, start, end)
    ratings = _ratings(
        q, start, end, last.track if last else None, last.level_key if last else None
    )
    count, stance, excerpts = _reflections(q, start, end)
    writing, highlights = _writing(q, start, end, today, grace)
    names: dict[str, str] = {}
    for choice in choices:
        names.update({c.key: c.name for c in choice.track.competencies})
    by_comp, by_kind = time_spent(activities)
    comp_counts: Counter[str] = Counter()
    kind_counts: Counter[str] = Counter()
    for activity in activities:
        kind_counts[activity.kind.value] += 1
        for key in activity.competencies or ("(none)",):
            comp_counts[key] += 1
    names["(none)"] = "No competency linked"
    return Summary(
        start=start,
        end=end,
        title=_title(start, end),
        track_start=_track_at(first) if first else None,
        track_end=_track_at(last) if last else None,
        track_changes=tuple(_track_at(c) for c in during),
        highlights=tuple(highlights),
        goals_achieved=tuple(goals["achieved"]),
        goals_ongoing=tuple(goals["ongoing"]),
        goals_dropped=tuple(goals["dropped"]),
        learning_minutes=sum(a.minutes for a in activities),
        learning_by_competency=_spent(by_comp, comp_counts, names),
        learning_by_kind=_spent(by_kind, kind_counts, {}),
        ratings=ratings,
        stance=tuple(stance),
        excerpts=tuple(excerpts),
        reflections=count,
        writing=writing,
    )
