"""The year in review (or any date range): what a person hands their manager.

One read transaction gathers everything; the result is frozen plain data, so the
TUI preview, the Markdown/HTML/JSON exports and the tests all see the same thing.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, select

from careerlog.domain.errors import CareerlogError
from careerlog.domain.model import Activity, ActivityKind, Track, TrackChoice
from careerlog.domain.text import one_line
from careerlog.domain.tracks import track_from_json
from careerlog.store import tables as t
from careerlog.store.db import Store

EXCERPT_CHARS = 400
MAX_EXCERPTS = 12
MAX_HIGHLIGHTS = 50


@dataclass(frozen=True, slots=True)
class TrackAt:
    track_key: str
    track_name: str
    level_key: str
    level_name: str
    since: datetime
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Highlight:
    entry_id: int
    written_at: datetime
    title: str
    text: str
    tags: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GoalLine:
    id: int
    title: str
    status: str
    progress: int
    due: date | None
    closed_at: datetime | None
    milestones_done: int
    milestones_total: int


@dataclass(frozen=True, slots=True)
class TimeSpent:
    key: str
    name: str
    minutes: int
    activities: int


@dataclass(frozen=True, slots=True)
class RatingChange:
    key: str
    name: str
    start: int | None
    end: int | None
    expected: int | None
    """What the level held at the end of the range expects, when known."""

    @property
    def change(self) -> int | None:
        if self.start is None or self.end is None:
            return None
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class StancePoint:
    day: date
    stance: int


@dataclass(frozen=True, slots=True)
class Excerpt:
    day: date
    set_key: str
    prompt: str
    answer: str


@dataclass(frozen=True, slots=True)
class Writing:
    entries: int
    words: int
    days_written: int
    starred: int
    current_streak: int
    longest_streak: int
    per_day: tuple[tuple[date, int], ...]
    """Entries per day, only days with writing, oldest first (the heatmap)."""


@dataclass(frozen=True, slots=True)
class Summary:
    start: date
    end: date
    title: str
    track_start: TrackAt | None
    track_end: TrackAt | None
    track_changes: tuple[TrackAt, ...]
    """Choices made during the range, oldest first."""
    highlights: tuple[Highlight, ...]
    goals_achieved: tuple[GoalLine, ...]
    goals_ongoing: tuple[GoalLine, ...]
    goals_dropped: tuple[GoalLine, ...]
    learning_minutes: int
    learning_by_competency: tuple[TimeSpent, ...]
    learning_by_kind: tuple[TimeSpent, ...]
    ratings: tuple[RatingChange, ...]
    stance: tuple[StancePoint, ...]
    excerpts: tuple[Excerpt, ...]
    reflections: int
    writing: Writing

    @property
    def stance_drift(self) -> int | None:
        """End minus start (positive: moved towards supervisory leadership)."""
        if len(self.stance) < 2:
            return None
        return self.stance[-1].stance - self.stance[0].stance


def year_range(year: int) -> tuple[date, date]:
    if not 1900 <= year <= 9999:
        raise CareerlogError(f"{year} is not a year careerlog can export")
    return date(year, 1, 1), date(year, 12, 31)


def _title(start: date, end: date) -> str:
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return f"{start.year} in review"
    return f"{start:%Y-%m-%d} to {end:%Y-%m-%d} in review"


def _moment(day: date, last: bool = False) -> datetime:
    return datetime.combine(day, datetime.max.time() if last else datetime.min.time())


def _choices(conn: Connection, end: date) -> list[TrackChoice]:
    c, s = t.track_choice.c, t.track_snapshot.c
    rows = conn.execute(
        select(c.id, c.level_key, c.chosen_at, c.reason, s.definition)
        .join(t.track_snapshot, s.id == c.snapshot_id)
        .where(c.chosen_at <= _moment(end, last=True))
        .order_by(c.chosen_at, c.id)
    ).all()
    return [
        TrackChoice(r.id, track_from_json(r.definition), r.level_key, r.chosen_at, r.reason)
        for r in rows
    ]


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


def _goals(conn: Connection, start: date, end: date) -> dict[str, list[GoalLine]]:
    g, m = t.goal.c, t.milestone.c
    rows = conn.execute(
        select(t.goal)
        .where(g.created_at <= _moment(end, last=True))
        .where(g.closed_at.is_(None) | (g.closed_at >= _moment(start)))
        .order_by(g.id)
    ).all()
    counts: dict[int, list[int]] = {}
    ids = [row.id for row in rows]
    for chunk in range(0, len(ids), 900):
        for ms in conn.execute(
            select(m.goal_id, m.done_at).where(m.goal_id.in_(ids[chunk : chunk + 900]))
        ):
            pair = counts.setdefault(ms.goal_id, [0, 0])
            pair[1] += 1
            pair[0] += ms.done_at is not None
    grouped: dict[str, list[GoalLine]] = {"achieved": [], "ongoing": [], "dropped": []}
    for row in rows:
        done, total = counts.get(row.id, [0, 0])
        if total:
            progress = round(100 * done / total)
        elif row.progress_manual is not None:
            progress = row.progress_manual
        else:
            progress = 100 if row.status == "achieved" else 0
        line = GoalLine(
            row.id, row.title, row.status, progress, row.due, row.closed_at, done, total
        )
        closed_in_range = row.closed_at is not None and row.closed_at <= _moment(end, last=True)
        if row.status == "achieved" and closed_in_range:
            grouped["achieved"].append(line)
        elif row.status == "dropped" and closed_in_range:
            grouped["dropped"].append(line)
        else:
            grouped["ongoing"].append(line)
    return grouped


def _activities(conn: Connection, start: date, end: date) -> list[Activity]:
    a, ac = t.activity.c, t.activity_competency.c
    rows = conn.execute(
        select(a.id, a.title, a.kind, a.day, a.minutes, a.goal_id).where(
            a.day >= start, a.day <= end
        )
    ).all()
    comps: dict[int, list[str]] = {}
    ids = [row.id for row in rows]
    for chunk in range(0, len(ids), 900):
        for link in conn.execute(
            select(ac.activity_id, ac.competency_key).where(
                ac.activity_id.in_(ids[chunk : chunk + 900])
            )
        ):
            comps.setdefault(link.activity_id, []).append(link.competency_key)
    return [
        Activity(
            r.id,
            r.title,
            ActivityKind(r.kind),
            r.day,
            r.minutes,
            r.goal_id,
            "",
            "",
            tuple(sorted(comps.get(r.id, ()))),
        )
        for r in rows
    ]


def time_spent(activities: list[Activity]) -> tuple[Counter[str], Counter[str]]:
    """Minutes by competency and by kind (as services.learning counts them: an activity
    counts fully for each competency), kept here so the summary never loads the ORM."""
    by_competency: Counter[str] = Counter()
    by_kind: Counter[str] = Counter()
    for activity in activities:
        by_kind[activity.kind.value] += activity.minutes
        for key in activity.competencies or ("(none)",):
            by_competency[key] += activity.minutes
    return by_competency, by_kind


def _spent(
    minutes: Counter[str], counts: Counter[str], names: dict[str, str]
) -> tuple[TimeSpent, ...]:
    return tuple(
        TimeSpent(key, names.get(key, key), value, counts[key])
        for key, value in sorted(minutes.items(), key=lambda kv: (-kv[1], kv[0]))
    )


def _ratings(
    conn: Connection, start: date, end: date, track: Track | None, level_key: str | None
) -> tuple[RatingChange, ...]:
    """Per competency: the last rating on or before the start (else the first within
    the range) against the last rating within the range."""
    r, f = t.rating.c, t.reflection.c
    rows = conn.execute(
        select(r.competency_key, r.value, f.day)
        .join(t.reflection, f.id == r.reflection_id)
        .where(f.day <= end)
        .order_by(f.day, f.id)
    ).all()
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for row in rows:
        if row.day <= start or row.competency_key not in first:
            first[row.competency_key] = row.value
        if row.day >= start:
            last[row.competency_key] = row.value
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


def _reflections(
    conn: Connection, start: date, end: date
) -> tuple[int, list[StancePoint], list[Excerpt]]:
    f, a = t.reflection.c, t.reflection_answer.c
    heads = conn.execute(
        select(f.id, f.day, f.set_key, f.stance)
        .where(f.day >= start, f.day <= end)
        .order_by(f.day, f.id)
    ).all()
    stance = [StancePoint(h.day, h.stance) for h in heads if h.stance is not None]
    excerpts: list[Excerpt] = []
    by_id = {h.id: h for h in heads}
    ids = list(by_id)
    # Prefer the longer-cadence reflections: they are the ones written for a review.
    weight = {"yearly": 0, "quarterly": 1}
    ranked = sorted(ids, key=lambda i: (weight.get(by_id[i].set_key, 2), by_id[i].day))
    for chunk in range(0, len(ranked), 900):
        if len(excerpts) >= MAX_EXCERPTS:
            break
        part = ranked[chunk : chunk + 900]
        answers = conn.execute(
            select(a.reflection_id, a.prompt_text, a.answer)
            .where(a.reflection_id.in_(part))
            .order_by(a.id)
        ).all()
        grouped: dict[int, list[Any]] = {}
        for row in answers:
            grouped.setdefault(row.reflection_id, []).append(row)
        for reflection_id in part:
            for row in grouped.get(reflection_id, []):
                if len(excerpts) >= MAX_EXCERPTS or not row.answer.strip():
                    continue
                text = row.answer.strip()
                if len(text) > EXCERPT_CHARS:
                    text = text[: EXCERPT_CHARS - 1].rstrip() + "…"
                head = by_id[reflection_id]
                excerpts.append(Excerpt(head.day, head.set_key, row.prompt_text, text))
    excerpts.sort(key=lambda e: e.day)
    return len(heads), stance, excerpts


def _plain_streaks(days: list[date], today: date) -> tuple[int, int]:
    """Current and longest run of consecutive written days (no grace)."""
    written = sorted({d for d in days if d <= today})
    longest = run = 0
    previous: date | None = None
    for day in written:
        run = run + 1 if previous is not None and (day - previous).days == 1 else 1
        longest = max(longest, run)
        previous = day
    alive = previous is not None and (today - previous).days <= 1
    return (run if alive else 0), longest


def _streaks(days: list[date], today: date, grace: str | None) -> tuple[int, int]:
    """With the person's grace rule when the streak rules module is installed."""
    try:
        from careerlog.domain import streaks as rules
    except ImportError:  # an older checkout without grace rules
        return _plain_streaks(days, today)
    if grace is None:
        from careerlog import config

        grace = str(config.load().get("streak", {}).get("grace", "none"))
    result = rules.streaks(days, today, rules.parse_grace(grace))
    return result.current, result.longest


def _writing(
    conn: Connection, start: date, end: date, today: date, grace: str | None
) -> tuple[Writing, list[Highlight]]:
    e, tag = t.entry.c, t.entry_tag.c
    rows = conn.execute(
        select(e.id, e.written_at, e.text, e.starred)
        .where(e.written_at >= _moment(start), e.written_at <= _moment(end, last=True))
        .order_by(e.written_at, e.id)
    ).all()
    per_day: Counter[date] = Counter()
    words = 0
    starred_rows = []
    for row in rows:
        per_day[row.written_at.date()] += 1
        words += len(row.text.split())
        if row.starred:
            starred_rows.append(row)
    tags: dict[int, list[str]] = {}
    star_ids = [row.id for row in starred_rows[:MAX_HIGHLIGHTS]]
    if star_ids:
        for link in conn.execute(
            select(tag.entry_id, tag.tag).where(tag.entry_id.in_(star_ids)).order_by(tag.tag)
        ):
            tags.setdefault(link.entry_id, []).append(link.tag)
    highlights = [
        Highlight(row.id, row.written_at, one_line(row.text), row.text, tuple(tags.get(row.id, ())))
        for row in starred_rows[:MAX_HIGHLIGHTS]
    ]
    current, longest = _streaks(list(per_day), min(today, end), grace)
    writing = Writing(
        entries=len(rows),
        words=words,
        days_written=len(per_day),
        starred=len(starred_rows),
        current_streak=current,
        longest_streak=longest,
        per_day=tuple(sorted(per_day.items())),
    )
    return writing, highlights


def summarize(
    store: Store,
    start: date,
    end: date,
    *,
    today: date | None = None,
    grace: str | None = None,
) -> Summary:
    """The roll-up for ``start``..``end`` (both included), read in one transaction."""
    if start > end:
        raise CareerlogError("the start of the range is after its end")
    today = today or date.today()
    with store.read() as conn:
        choices = _choices(conn, end)
        before = [c for c in choices if c.chosen_at < _moment(start)]
        during = [c for c in choices if c.chosen_at >= _moment(start)]
        first = before[-1] if before else (during[0] if during else None)
        last = choices[-1] if choices else None
        goals = _goals(conn, start, end)
        activities = _activities(conn, start, end)
        ratings = _ratings(
            conn, start, end, last.track if last else None, last.level_key if last else None
        )
        count, stance, excerpts = _reflections(conn, start, end)
        writing, highlights = _writing(conn, start, end, today, grace)
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


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def summary_to_dict(summary: Summary) -> dict[str, Any]:
    """JSON-ready: dates as ISO strings, the heatmap as ``{"day": count}``."""
    data: dict[str, Any] = {}
    for item in dataclasses.fields(summary):
        value = getattr(summary, item.name)
        if dataclasses.is_dataclass(value):
            value = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
        elif isinstance(value, tuple) and value and dataclasses.is_dataclass(value[0]):
            value = [{f.name: getattr(v, f.name) for f in dataclasses.fields(v)} for v in value]
        data[item.name] = _plain(value)
    data["writing"]["per_day"] = {day.isoformat(): n for day, n in summary.writing.per_day}
    data["stance_drift"] = summary.stance_drift
    return data
