"""The year in review (or any date range): what a person hands their manager, and
the records an export holds.

Everything is read in one snapshot with plain SQL, either through the store's
SQLAlchemy connection or, for an up-to-date SQLite file given as a :class:`Path`,
through the standard library alone (``careerlog export`` then never imports
SQLAlchemy, ~0.3 s). The results are frozen plain data, so the TUI preview, the
Markdown/HTML/JSON exports and the tests all see the same thing.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careerlog.domain.errors import CareerlogError, StoreError
from careerlog.domain.model import Activity, ActivityKind, Track, TrackChoice
from careerlog.domain.text import one_line
from careerlog.domain.tracks import track_from_json

if TYPE_CHECKING:
    from careerlog.store.db import Store

Query = Callable[[str], list[Sequence[Any]]]
"""Run one SQL statement in the open snapshot and return its rows as tuples."""
Record = dict[str, Any]
FORMAT = "careerlog"
SCHEMA_VERSION = 1

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


# --- reading -------------------------------------------------------------------------


@contextmanager
def reading(source: Store | Path) -> Iterator[Query]:
    """One consistent read snapshot of a store, or of an SQLite file given as a path."""
    if not isinstance(source, Path):
        with source.read() as conn:
            yield lambda sql: list(conn.exec_driver_sql(sql))
        return
    try:
        con = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=15, isolation_level=None)
    except sqlite3.Error as error:
        raise StoreError(f"cannot open the store at {source}: {error}") from None
    try:
        con.execute("BEGIN")
        yield lambda sql: con.execute(sql).fetchall()
    except sqlite3.DatabaseError as error:
        raise StoreError(f"cannot read the store at {source}: {error}") from None
    finally:
        con.close()


def _from(day: date) -> str:
    """SQL literal for the first moment of ``day`` (dates come from ``date``, never text)."""
    return f"'{day:%Y-%m-%d} 00:00:00.000000'"


def _until(day: date) -> str:
    return f"'{day:%Y-%m-%d} 23:59:59.999999'"


def _day_sql(day: date) -> str:
    return f"'{day:%Y-%m-%d}'"


def _where(*conditions: str | None) -> str:
    chosen = [c for c in conditions if c]
    return "WHERE " + " AND ".join(chosen) if chosen else ""


def moment(value: Any) -> datetime:
    """A DATETIME as SQLite stores it (text) or as a server returns it (datetime)."""
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def day_of(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else date.fromisoformat(value[:10])


def _iso_moment(value: Any) -> str | None:
    return None if value is None else moment(value).isoformat()


def _iso_day(value: Any) -> str | None:
    return None if value is None else day_of(value).isoformat()


def _grouped(rows: list[Sequence[Any]]) -> dict[Any, list[Any]]:
    found: dict[Any, list[Any]] = {}
    for owner, value in rows:
        found.setdefault(owner, []).append(value)
    return found


def _moments(column: str, start: date | None, end: date | None) -> str:
    return _where(
        f"{column} >= {_from(start)}" if start else None,
        f"{column} <= {_until(end)}" if end else None,
    )


def _days(column: str, start: date | None, end: date | None) -> str:
    return _where(
        f"{column} >= {_day_sql(start)}" if start else None,
        f"{column} <= {_day_sql(end)}" if end else None,
    )


def _goal_filter(start: date | None, end: date | None) -> str:
    """Goals alive during the range: created by its end, not closed before its start."""
    return _where(
        f"g.created_at <= {_until(end)}" if end else None,
        f"(g.closed_at IS NULL OR g.closed_at >= {_from(start)})" if start else None,
    )


def _choices(q: Query, end: date) -> list[TrackChoice]:
    rows = q(
        "SELECT c.id, c.level_key, c.chosen_at, c.reason, s.definition FROM track_choice c "
        f"JOIN track_snapshot s ON s.id = c.snapshot_id WHERE c.chosen_at <= {_until(end)} "
        "ORDER BY c.chosen_at, c.id"
    )
    return [TrackChoice(r[0], track_from_json(r[4]), r[1], moment(r[2]), r[3]) for r in rows]


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
    where = _goal_filter(start, end)
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
        closed_at = moment(closed) if closed is not None else None
        line = GoalLine(
            goal_id, title, status, progress, day_of(due) if due else None, closed_at, done, total
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
    where = _days("a.day", start, end)
    rows = q(f"SELECT a.id, a.title, a.kind, a.day, a.minutes, a.goal_id FROM activity a {where}")
    comps = _grouped(
        q(
            "SELECT l.activity_id, l.competency_key FROM activity_competency l "
            f"JOIN activity a ON a.id = l.activity_id {where}"
        )
    )
    return [
        Activity(
            r[0],
            r[1],
            ActivityKind(r[2]),
            day_of(r[3]),
            int(r[4]),
            r[5],
            "",
            "",
            tuple(sorted(comps.get(r[0], ()))),
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
    q: Query, start: date, end: date, track: Track | None, level_key: str | None
) -> tuple[RatingChange, ...]:
    """Per competency: the last rating on or before the start (else the first within
    the range) against the last rating within the range."""
    rows = q(
        "SELECT r.competency_key, r.value, f.day FROM rating r "
        f"JOIN reflection f ON f.id = r.reflection_id WHERE f.day <= {_day_sql(end)} "
        "ORDER BY f.day, f.id"
    )
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for key, value, when in rows:
        day = day_of(when)
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
    where = _days("f.day", start, end)
    heads = {
        r[0]: (day_of(r[1]), r[2], r[3])
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
    q: Query, start: date, end: date, today: date, grace: str | None
) -> tuple[Writing, list[Highlight]]:
    where = _moments("e.written_at", start, end)
    rows = q(
        f"SELECT e.id, e.written_at, e.text, e.starred FROM entry e {where} "
        "ORDER BY e.written_at, e.id"
    )
    per_day: Counter[date] = Counter()
    words = 0
    starred = []
    for entry_id, written, text, star in rows:
        when = moment(written)
        per_day[when.date()] += 1
        words += len(text.split())
        if star:
            starred.append((entry_id, when, text))
    tags = _grouped(
        q(
            "SELECT l.entry_id, l.tag FROM entry_tag l JOIN entry e ON e.id = l.entry_id "
            f"{where} {'AND' if where else 'WHERE'} e.starred"
        )
    )
    highlights = [
        Highlight(i, when, one_line(text), text, tuple(sorted(tags.get(i, ()))))
        for i, when, text in starred[:MAX_HIGHLIGHTS]
    ]
    current, longest = _streaks(list(per_day), min(today, end), grace)
    writing = Writing(
        entries=len(rows),
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
        return _summarize(q, start, end, today, grace)


def _summarize(q: Query, start: date, end: date, today: date, grace: str | None) -> Summary:
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


# --- the exchange format's records -----------------------------------------------------


def _entries(q: Query, start: date | None, end: date | None) -> list[Record]:
    where = _moments("e.written_at", start, end)
    rows = q(
        "SELECT e.id, e.written_at, e.text, e.starred, e.created_at, e.updated_at, "
        f"e.source_key FROM entry e {where} ORDER BY e.written_at, e.id"
    )
    links = {
        name: _grouped(
            q(
                f"SELECT l.entry_id, l.{column} FROM {table} l "
                f"JOIN entry e ON e.id = l.entry_id {where}"
            )
        )
        for name, table, column in (
            ("tags", "entry_tag", "tag"),
            ("goal_ids", "entry_goal", "goal_id"),
            ("competencies", "entry_competency", "competency_key"),
        )
    }
    return [
        {
            "id": r[0],
            "written_at": _iso_moment(r[1]),
            "text": r[2],
            "starred": bool(r[3]),
            "tags": sorted(links["tags"].get(r[0], [])),
            "goal_ids": sorted(links["goal_ids"].get(r[0], [])),
            "competencies": sorted(links["competencies"].get(r[0], [])),
            "created_at": _iso_moment(r[4]),
            "updated_at": _iso_moment(r[5]),
            "source_key": r[6],
        }
        for r in rows
    ]


def _goal_records(q: Query, start: date | None, end: date | None) -> list[Record]:
    where = _goal_filter(start, end)
    rows = q(
        "SELECT g.id, g.title, g.why, g.status, g.due, g.progress_manual, g.created_at, "
        f"g.updated_at, g.closed_at, g.version FROM goal g {where} ORDER BY g.id"
    )
    comps = _grouped(
        q(
            "SELECT l.goal_id, l.competency_key FROM goal_competency l "
            f"JOIN goal g ON g.id = l.goal_id {where}"
        )
    )
    milestones: dict[int, list[Record]] = {}
    for goal_id, title, position, created, done in q(
        "SELECT m.goal_id, m.title, m.position, m.created_at, m.done_at FROM milestone m "
        f"JOIN goal g ON g.id = m.goal_id {where} ORDER BY m.position, m.id"
    ):
        milestones.setdefault(goal_id, []).append(
            {
                "title": title,
                "position": position,
                "created_at": _iso_moment(created),
                "done_at": _iso_moment(done),
            }
        )
    return [
        {
            "id": r[0],
            "title": r[1],
            "why": r[2],
            "status": r[3],
            "due": _iso_day(r[4]),
            "progress_manual": r[5],
            "created_at": _iso_moment(r[6]),
            "updated_at": _iso_moment(r[7]),
            "closed_at": _iso_moment(r[8]),
            "version": r[9],
            "competencies": sorted(comps.get(r[0], [])),
            "milestones": milestones.get(r[0], []),
        }
        for r in rows
    ]


def _activity_records(q: Query, start: date | None, end: date | None) -> list[Record]:
    where = _days("a.day", start, end)
    rows = q(
        "SELECT a.id, a.title, a.kind, a.day, a.minutes, a.goal_id, a.notes, a.link, "
        f"a.created_at FROM activity a {where} ORDER BY a.day, a.id"
    )
    comps = _grouped(
        q(
            "SELECT l.activity_id, l.competency_key FROM activity_competency l "
            f"JOIN activity a ON a.id = l.activity_id {where}"
        )
    )
    return [
        {
            "id": r[0],
            "title": r[1],
            "kind": r[2],
            "day": _iso_day(r[3]),
            "minutes": r[4],
            "goal_id": r[5],
            "notes": r[6],
            "link": r[7],
            "created_at": _iso_moment(r[8]),
            "competencies": sorted(comps.get(r[0], [])),
        }
        for r in rows
    ]


def _reflection_records(q: Query, start: date | None, end: date | None) -> list[Record]:
    where = _days("f.day", start, end)
    rows = q(
        "SELECT f.id, f.set_key, f.day, f.created_at, f.track_key, f.level_key, f.stance "
        f"FROM reflection f {where} ORDER BY f.day, f.id"
    )
    answers: dict[int, list[Record]] = {}
    for reflection_id, prompt_id, prompt_text, answer in q(
        "SELECT a.reflection_id, a.prompt_id, a.prompt_text, a.answer FROM reflection_answer a "
        f"JOIN reflection f ON f.id = a.reflection_id {where} ORDER BY a.id"
    ):
        answers.setdefault(reflection_id, []).append(
            {"prompt_id": prompt_id, "prompt_text": prompt_text, "answer": answer}
        )
    ratings: dict[int, dict[str, int]] = {}
    for reflection_id, key, value in q(
        "SELECT r.reflection_id, r.competency_key, r.value FROM rating r "
        f"JOIN reflection f ON f.id = r.reflection_id {where}"
    ):
        ratings.setdefault(reflection_id, {})[key] = value
    return [
        {
            "id": r[0],
            "set_key": r[1],
            "day": _iso_day(r[2]),
            "created_at": _iso_moment(r[3]),
            "track_key": r[4],
            "level_key": r[5],
            "stance": r[6],
            "answers": answers.get(r[0], []),
            "ratings": dict(sorted(ratings.get(r[0], {}).items())),
        }
        for r in rows
    ]


def _choice_records(q: Query, end: date | None) -> list[Record]:
    """Every choice up to the end of the range, so the track at its start is known too."""
    where = _where(f"c.chosen_at <= {_until(end)}" if end else None)
    rows = q(
        "SELECT c.id, c.level_key, c.chosen_at, c.reason, s.key, s.name, s.digest, "
        "s.created_at, s.definition FROM track_choice c "
        f"JOIN track_snapshot s ON s.id = c.snapshot_id {where} ORDER BY c.chosen_at, c.id"
    )
    return [
        {
            "id": r[0],
            "level_key": r[1],
            "chosen_at": _iso_moment(r[2]),
            "reason": r[3],
            "track": {
                "key": r[4],
                "name": r[5],
                "digest": r[6],
                "created_at": _iso_moment(r[7]),
                "definition": json.loads(r[8]),
            },
        }
        for r in rows
    ]


def _fit_records(q: Query, start: date | None, end: date | None) -> list[Record]:
    where = _moments("f.taken_at", start, end)
    rows = q(
        "SELECT f.id, f.taken_at, f.answers, f.scores, f.best_track FROM fit_result f "
        f"{where} ORDER BY f.taken_at, f.id"
    )
    return [
        {
            "id": r[0],
            "taken_at": _iso_moment(r[1]),
            "answers": json.loads(r[2]),
            "scores": json.loads(r[3]),
            "best_track": r[4],
        }
        for r in rows
    ]


def _records(q: Query, start: date | None, end: date | None) -> dict[str, list[Record]]:
    return {
        "entries": _entries(q, start, end),
        "goals": _goal_records(q, start, end),
        "activities": _activity_records(q, start, end),
        "reflections": _reflection_records(q, start, end),
        "track_choices": _choice_records(q, end),
        "fit_results": _fit_records(q, start, end),
    }


def read_records(
    source: Store | Path, start: date | None = None, end: date | None = None
) -> dict[str, list[Record]]:
    """Every record in the range (all of them without one), as JSON-ready plain data."""
    with reading(source) as q:
        return _records(q, start, end)


def entry_records(source: Store | Path, start: date | None, end: date | None) -> list[Record]:
    """The entries of the range as plain records (what the Markdown and HTML exports list)."""
    with reading(source) as q:
        return _entries(q, start, end)


def _first_day(q: Query) -> date | None:
    found = q(
        "SELECT (SELECT MIN(written_at) FROM entry), (SELECT MIN(day) FROM activity), "
        "(SELECT MIN(day) FROM reflection), (SELECT MIN(created_at) FROM goal)"
    )
    days = [day_of(value) for value in found[0] if value is not None]
    return min(days) if days else None


def first_day(source: Store | Path) -> date | None:
    """The earliest day anything was recorded: where an export without a range starts."""
    with reading(source) as q:
        return _first_day(q)


def document(
    source: Store | Path,
    start: date | None,
    end: date | None,
    *,
    today: date | None = None,
) -> dict[str, Any]:
    """The whole exchange document, read in one snapshot: header, records and the summary
    of the range. Without a range it holds everything (the lossless backup format) and
    its summary spans from the first record to today."""
    from careerlog import __version__

    today = today or date.today()
    with reading(source) as q:
        records = _records(q, start, end)
        span_start = start or _first_day(q) or today
        span_end = end or max(today, span_start)
        summary = _summarize(q, span_start, span_end, today, None)
    return {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "app_version": __version__,
        "exported_at": datetime.now().astimezone().replace(microsecond=0).isoformat(),
        "range": None
        if start is None and end is None
        else {"from": _iso_day(start), "to": _iso_day(end)},
        **records,
        "summary": summary_to_dict(summary),
    }
