"""The sample journal behind ``careerlog demo`` and the benchmark: it must look like a
real person's journal and leave a store every command can use."""

from __future__ import annotations

import hashlib
import re
import statistics
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

import careerlog.sample as sample_package
from careerlog.domain.career.tracks import track_to_json
from careerlog.domain.model import ActivityKind, GoalStatus
from careerlog.domain.text import find_tags
from careerlog.sample import SampleSummary, generate_journal
from careerlog.services.goals import list_goals
from careerlog.services.journal import add_entry, recent_entries
from careerlog.services.search import SearchFilter, search
from careerlog.services.tracks import current_choice, load_catalogue, track_history
from careerlog.store import tables as t
from careerlog.store.db import Store, open_store

END = date(2026, 6, 30)


def _count(store: Store, table: t.Table) -> int:  # type: ignore[name-defined]
    with store.read() as conn:
        return int(conn.scalar(select(func.count()).select_from(table)) or 0)


def _journal(store: Store) -> list[tuple[datetime, str, bool, tuple[str, ...]]]:
    return [(e.written_at, e.text, e.starred, e.tags) for e in recent_entries(store, limit=10_000)]


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, SampleSummary]]:
    """One generated journal for the read-only tests (generating it takes a second)."""
    folder = tmp_path_factory.mktemp("sample")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CONFIG_HOME", str(folder / "config"))
        opened = open_store(str(folder / "sample.db"))
        summary = generate_journal(opened, entries=1500, years=2, seed=3, end=END)
    yield opened, summary
    opened.close()


@pytest.fixture
def store(shared: tuple[Store, SampleSummary]) -> Store:
    return shared[0]


@pytest.fixture
def sample(shared: tuple[Store, SampleSummary]) -> SampleSummary:
    return shared[1]


def test_counts_in_the_summary_match_the_store(store: Store, sample: SampleSummary) -> None:
    assert sample.entries == 1500 == _count(store, t.entry)
    assert sample.goals == _count(store, t.goal) > 0
    assert sample.activities == _count(store, t.activity) > 0
    assert sample.reflections == _count(store, t.reflection) > 0
    assert sample.track_choices == _count(store, t.track_choice) == len(track_history(store))
    assert sample.end == END
    assert (sample.end - sample.start).days == round(2 * 365.25) - 1


def test_same_seed_gives_the_same_journal_and_another_seed_does_not(tmp_path: Path) -> None:
    journals = []
    for name, seed in (("a", 11), ("b", 11), ("c", 12)):
        opened = open_store(str(tmp_path / f"{name}.db"))
        generate_journal(opened, entries=300, seed=seed, end=END)
        journals.append(_journal(opened))
        opened.close()
    assert journals[0] == journals[1]
    assert journals[0] != journals[2]


def test_everything_is_dated_inside_the_period(store: Store, sample: SampleSummary) -> None:
    first, last = datetime.combine(sample.start, datetime.min.time()), sample.end
    with store.read() as conn:
        written = conn.execute(
            select(func.min(t.entry.c.written_at), func.max(t.entry.c.written_at))
        ).one()
        days = conn.execute(select(func.min(t.activity.c.day), func.max(t.activity.c.day))).one()
        reflected = conn.execute(
            select(func.min(t.reflection.c.day), func.max(t.reflection.c.day))
        ).one()
    assert first <= written[0] and written[1].date() <= last
    assert sample.start <= days[0] and days[1] <= last
    assert sample.start <= reflected[0] and reflected[1] <= last


def test_entries_read_like_a_journal(store: Store, sample: SampleSummary) -> None:
    entries = recent_entries(store, limit=10_000)
    texts = [e.text for e in entries]
    assert len(set(texts)) > 0.95 * len(texts), "entries should not repeat"
    for entry in entries:
        words = [w for w in entry.text.split() if not w.startswith("@")]
        assert 20 <= len(words) <= 120, entry.text
        assert entry.tags and sorted(entry.tags) == sorted(find_tags(entry.text))
        assert "lorem" not in entry.text.lower()
    assert any("\n\n" in text for text in texts), "some entries have several paragraphs"
    starred = sum(e.starred for e in entries) / len(entries)
    assert 0.02 < starred < 0.09
    tags = Counter(tag for e in entries for tag in e.tags)
    assert len(tags) >= 10 and tags.most_common(1)[0][0] == "work"


def test_weekends_are_lighter_and_some_days_are_empty(store: Store, sample: SampleSummary) -> None:
    per_day = Counter(e.written_at.date() for e in recent_entries(store, limit=10_000))
    weekday = statistics.mean(n for d, n in per_day.items() if d.weekday() < 5)
    weekend_days = [d for d in per_day if d.weekday() >= 5]
    span = (sample.end - sample.start).days + 1
    assert len(weekend_days) / len(per_day) < 2 / 7
    assert len(per_day) < span, "there are gaps"
    assert max(per_day.values()) >= 3 and weekday > 1


def test_search_and_tag_filter_find_generated_text(store: Store, sample: SampleSummary) -> None:
    newest = recent_entries(store, limit=1)[0]
    word = max(re.findall(r"(?<!@)\b[A-Za-z]+\b", newest.text), key=len)
    hits = search(store, SearchFilter(query=word, kinds=("entry",), limit=50))
    assert hits and all(f"\x02{word.lower()}\x03" in h.snippet.lower() for h in hits)
    assert newest.id in {h.id for h in hits}
    tagged = search(store, SearchFilter(tags=("mentoring",), limit=50))
    assert tagged and all("mentoring" in h.tags for h in tagged)


def test_the_person_switches_from_technical_to_technical_leadership(
    store: Store, sample: SampleSummary
) -> None:
    history = list(reversed(track_history(store)))
    assert [c.track.key for c in history] == ["technical", "technical-leadership"]
    assert history[1].reason and history[0].chosen_at < history[1].chosen_at
    current = current_choice(store)
    assert current is not None
    assert track_to_json(current.track) == track_to_json(
        load_catalogue().get("technical-leadership")
    )
    with store.read() as conn:
        snapshots = conn.execute(
            select(t.track_snapshot.c.definition, t.track_snapshot.c.digest)
        ).all()
    for definition, digest in snapshots:
        assert digest == hashlib.sha256(definition.encode()).hexdigest()
    expected = track_to_json(load_catalogue().get("technical"))
    assert expected in {row.definition for row in snapshots}


def test_goals_activities_and_reflections_cover_the_domain(
    store: Store, sample: SampleSummary
) -> None:
    goals = list_goals(store)
    statuses = {g.status for g in goals}
    assert {GoalStatus.ACHIEVED, GoalStatus.ACTIVE, GoalStatus.DROPPED} <= statuses
    assert all(g.milestones and g.competencies for g in goals)
    assert all(g.progress == 100 for g in goals if g.status is GoalStatus.ACHIEVED)
    with store.read() as conn:
        kinds = set(conn.scalars(select(t.activity.c.kind)))
        assert kinds == {k.value for k in ActivityKind}
        assert conn.scalar(select(func.min(t.activity.c.minutes))) > 0
        sets = Counter(conn.scalars(select(t.reflection.c.set_key)))
        rated = conn.execute(
            select(t.reflection.c.id, t.reflection.c.stance, t.reflection.c.day)
            .where(t.reflection.c.set_key == "quarterly")
            .order_by(t.reflection.c.day)
        ).all()
        ratings = conn.execute(
            select(t.rating.c.reflection_id, func.avg(t.rating.c.value)).group_by(
                t.rating.c.reflection_id
            )
        ).all()
        weekly_prompts = set(
            conn.scalars(
                select(t.reflection_answer.c.prompt_id)
                .join(t.reflection)
                .where(t.reflection.c.set_key == "weekly")
            )
        )
    assert sets["weekly"] > 50 and sets["quarterly"] == 8 and sets["yearly"] == 2
    assert weekly_prompts == {"did", "how", "learned", "blocked", "next"}
    stances = [row.stance for row in rated]
    assert all(0 <= s <= 100 for s in stances)
    assert statistics.mean(stances[4:]) > statistics.mean(stances[:4]), "the stance drifts"
    average = dict(ratings)
    assert set(average) >= {row.id for row in rated}
    assert average[rated[-1].id] > average[rated[0].id] - 0.5


def test_the_store_is_sound_afterwards(store: Store, sample: SampleSummary) -> None:
    with store.read() as conn:
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
    with store.write() as conn:
        conn.execute(text("INSERT INTO search_index(search_index) VALUES ('integrity-check')"))


def test_adds_to_an_existing_journal_and_reports_progress(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Progress is reported once per batch: smaller batches than the generator's 5,000
    # show several reports on a journal small enough to write in a moment.
    monkeypatch.setattr(sample_package, "BATCH", 500)
    own = open_store(str(tmp_path / "own.db"))
    mine = add_entry(own, "my own entry about @work", when=datetime(2020, 1, 1, 9))
    calls: list[tuple[int, int]] = []
    generate_journal(own, entries=1_200, years=3, end=END, progress=lambda *a: calls.append(a))
    assert _count(own, t.entry) == 1_201
    assert recent_entries(own, limit=1, before=datetime(2021, 1, 1))[0].text == mine.text
    assert calls[-1] == (1_200, 1_200) and len(calls) == 3
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    own.close()
