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
from careerlog.domain.career.learning import time_spent, total_minutes
from careerlog.domain.career.tracks import TrackNames, track_from_json
from careerlog.domain.datetext import iso_day
from careerlog.domain.errors import CareerlogError
from careerlog.domain.model import Activity, ActivityKind, CompetencyLink, Track, TrackChoice
from careerlog.domain.summary import (
    Excerpt,
    FeedbackLine,
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
from careerlog.domain.when import parse_year
from careerlog.services.career.names import links_from, names_from
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
    return f"{iso_day(start)} to {iso_day(end)} in review"


def _choices(q: Query, end: date) -> list[TrackChoice]:
    rows = q(
        "SELECT c.id, c.level_key, c.chosen_at, c.reason, s.definition, s.id FROM track_choice c "
        f"JOIN track_snapshot s ON s.id = c.snapshot_id WHERE c.chosen_at <= {sql_until(end)} "
        "ORDER BY c.chosen_at, c.id"
    )
    # Each version is built once, however many choices name it (a level change keeps it).
    definitions = {r[5]: r[4] for r in rows}
    tracks = {version: track_from_json(text) for version, text in definitions.items()}
    return [TrackChoice(r[0], tracks[r[5]], r[1], to_moment(r[2]), r[3]) for r in rows]


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


def _activities(q: Query, start: date, end: date, names: TrackNames) -> list[Activity]:
    where = days_between("a.day", start, end)
    rows = q(f"SELECT a.id, a.title, a.kind, a.day, a.minutes, a.goal_id FROM activity a {where}")
    comps = links_from(q, "activity_competency", "activity_id", "activity a", where, names)
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
            comps.get(r[0], ()),
        )
        for r in rows
    ]


def _spent(minutes: Counter[str], counts: Counter[str]) -> tuple[TimeSpent, ...]:
    return tuple(
        TimeSpent(key, key, value, counts[key])
        for key, value in sorted(minutes.items(), key=lambda kv: (-kv[1], kv[0]))
    )


def _spent_by_competency(
    activities: list[Activity], track_key: str | None
) -> tuple[TimeSpent, ...]:
    """Per competency (an activity counts under each it is linked to), named as the
    track it was linked on names it, with that track's name when it is not the one
    held at the end of the range."""
    minutes, _ = time_spent(activities)
    counts: Counter[CompetencyLink | None] = Counter()
    for activity in activities:
        for link in activity.competencies or (None,):
            counts[link] += 1
    rows = [
        TimeSpent(
            link.key if link else "",
            link.label(track_key) if link else "No competency linked",
            value,
            counts[link],
            link.track_key if link else "",
        )
        for link, value in minutes.items()
    ]
    return tuple(sorted(rows, key=lambda r: (-r.minutes, r.track, r.name)))


def _ratings(
    q: Query,
    start: date,
    end: date,
    track: Track | None,
    level_key: str | None,
    names: TrackNames,
) -> tuple[RatingChange, ...]:
    """Per competency of each track rated: the last self-rating on or before the start
    (else the first within the range) against the last within the range. A track's
    ratings stay with it: the same key on two tracks is two rows."""
    rows = q(
        "SELECT f.track_key, r.competency_key, r.value, f.day, f.snapshot_id FROM rating r "
        f"JOIN reflection f ON f.id = r.reflection_id WHERE f.day <= {sql_day(end)} "
        "AND r.rater = 'self' ORDER BY f.day, f.id"
    )
    first: dict[tuple[str, str], int] = {}
    last: dict[tuple[str, str], int] = {}
    version: dict[tuple[str, str], int | None] = {}
    for track_key, key, value, when, snapshot_id in rows:
        day = to_day(when)
        ident = (str(track_key or ""), str(key))
        version[ident] = snapshot_id
        if day <= start or ident not in first:
            first[ident] = int(value)
        if day >= start:
            last[ident] = int(value)
    end_key = track.key if track else None
    order = [(end_key, c.key) for c in track.competencies] if track else []
    idents = [i for i in order if i in first or i in last] + sorted(
        i for i in set(first) | set(last) if i not in order
    )
    changes = []
    for ident in idents:
        track_key, key = ident
        expected = None
        if track is not None and level_key is not None and track_key == end_key:
            try:
                expected = track.expected(key, level_key)
            except (KeyError, ValueError, IndexError):
                expected = None
        link = names.link(track_key, key, version.get(ident))
        changes.append(
            RatingChange(
                key,
                link.label(end_key),
                first.get(ident),
                last.get(ident),
                expected,
                track_key,
            )
        )
    return tuple(changes)


def _feedback(
    q: Query, start: date, end: date, names: TrackNames, track_key: str | None
) -> tuple[FeedbackLine, ...]:
    where = moments_between("f.given_at", start, end)
    rows = q(
        "SELECT f.id, f.given_at, f.giver, f.role, f.text FROM feedback f "
        f"{where} ORDER BY f.given_at, f.id"
    )
    links = links_from(q, "feedback_competency", "feedback_id", "feedback f", where, names)
    return tuple(
        FeedbackLine(
            int(r[0]),
            to_moment(r[1]),
            str(r[2]),
            str(r[3]),
            str(r[4]),
            tuple(link.label(track_key) for link in links.get(int(r[0]), ())),
        )
        for r in rows
    )


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
        "COUNT(*) - COUNT(e.words), SUM(CASE WHEN e.starred THEN 1 ELSE 0 END) "
        f"FROM entry e {where} GROUP BY 1"
    )
    per_day = {to_day(r[0]): int(r[1]) for r in days}
    words = sum(int(r[2]) for r in days)
    if any(r[3] for r in days):
        words += uncounted_words(q, where)
    # Only the highlights shown are read, text and tags: a year can star hundreds.
    starred = q(
        f"SELECT e.id, e.written_at, e.text FROM entry e {also(where, 'e.starred')} "
        f"ORDER BY e.written_at, e.id LIMIT {MAX_HIGHLIGHTS}"
    )
    shown = ", ".join(str(int(r[0])) for r in starred) or "NULL"
    tags = linked(q, "entry_tag", "tag", "entry e", f"WHERE e.id IN ({shown})")
    highlights = [
        Highlight(i, to_moment(when), one_line(text), text, tuple(sorted(tags.get(i, ()))))
        for i, when, text in starred
    ]
    current, longest = _streaks(list(per_day), min(today, end), grace)
    writing = Writing(
        entries=sum(per_day.values()),
        words=words,
        days_written=len(per_day),
        starred=sum(int(r[4]) for r in days),
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
    # "At the start" names a track only if one had been chosen by then.
    first = before[-1] if before else None
    last = choices[-1] if choices else None
    names = names_from(q)
    goals = _goals(q, start, end)
    activities = _activities(q, start, end, names)
    ratings = _ratings(
        q, start, end, last.track if last else None, last.level_key if last else None, names
    )
    count, stance, excerpts = _reflections(q, start, end)
    writing, highlights = _writing(q, start, end, today, grace)
    _, by_kind = time_spent(activities)
    kind_counts = Counter(activity.kind.value for activity in activities)
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
        learning_minutes=total_minutes(activities),
        learning_by_competency=_spent_by_competency(activities, last.track.key if last else None),
        learning_by_kind=_spent(by_kind, kind_counts),
        ratings=ratings,
        stance=tuple(stance),
        excerpts=tuple(excerpts),
        reflections=count,
        writing=writing,
        feedback=_feedback(q, start, end, names, last.track.key if last else None),
    )
