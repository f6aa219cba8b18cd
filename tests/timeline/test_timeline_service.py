"""The timeline stream: order, filters that combine, search, paging, jumps."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import insert

from careerlog.domain.errors import CareerlogError
from careerlog.domain.hits import split_snippet
from careerlog.domain.timeline import TimelineFilter, TimelineItem
from careerlog.services import timeline as tl
from careerlog.services.journal import add_entry
from careerlog.store import tables as t
from careerlog.store.db import Store
from tests.timeline.conftest import EXPECTED_ORDER


def ids(items: tuple[TimelineItem, ...] | list[TimelineItem]) -> list[tuple[str, int]]:
    return [(item.kind, item.id) for item in items]


def shown(store: Store, **conditions: object) -> list[tuple[str, int]]:
    return ids(tl.page(store, TimelineFilter(**conditions), limit=100).items)  # type: ignore[arg-type]


def test_everything_in_one_stream_newest_first(journal: Store) -> None:
    first = tl.page(journal, limit=100)
    assert ids(first.items) == EXPECTED_ORDER
    assert not first.older and not first.newer
    assert tl.count(journal) == len(EXPECTED_ORDER)
    by_key = {(i.kind, i.id): i for i in first.items}
    assert by_key[("entry", 5)].tags == ("work",) and by_key[("entry", 5)].starred
    assert by_key[("milestone", 1)].detail == "goal: Lead the migration project"
    assert by_key[("track-change", 1)].title.startswith("Track: ")


@pytest.mark.parametrize(
    ("conditions", "expected"),
    [
        ({"kinds": ("entry",), "tags": ("work",)}, [("entry", 5), ("entry", 3), ("entry", 1)]),
        ({"tags": ("work",), "starred": True}, [("entry", 5), ("entry", 3)]),
        ({"tags": ("@WORK",), "end": date(2024, 3, 7)}, [("entry", 3), ("entry", 1)]),
        (
            {"competencies": ("communication",)},
            [
                ("goal-achieved", 2),
                ("entry", 5),
                ("reflection", 1),
                ("activity", 2),
                ("entry", 3),
                ("goal-created", 2),
            ],
        ),
        ({"competencies": ("communication",), "kinds": ("entry",)}, [("entry", 5), ("entry", 3)]),
        (
            {"goal_id": 1},
            [("milestone", 1), ("activity", 1), ("entry", 1), ("goal-created", 1)],
        ),
        (
            {"goal_id": 1, "start": date(2024, 3, 5)},
            [("milestone", 1), ("activity", 1)],
        ),
        (
            {"goal_id": 1, "competencies": ("team-leadership",), "kinds": ("activity", "entry")},
            [("activity", 1), ("entry", 1)],
        ),
        (
            {"starred": True, "start": date(2024, 3, 5), "end": date(2024, 3, 5)},
            [("entry", 3), ("entry", 2)],
        ),
        (
            {"kinds": ("goal-created", "goal-dropped")},
            [("goal-dropped", 3), ("goal-created", 3), ("goal-created", 2), ("goal-created", 1)],
        ),
        ({"tags": ("work",), "goal_id": 3}, []),
    ],
)
def test_filters_combine(
    journal: Store, conditions: dict[str, object], expected: list[object]
) -> None:
    assert shown(journal, **conditions) == expected
    assert tl.count(journal, TimelineFilter(**conditions)) == len(expected)  # type: ignore[arg-type]


def test_search_filters_the_stream_and_marks_matches(journal: Store) -> None:
    page = tl.page(journal, TimelineFilter(query="delegation"), limit=100)
    # Entries 2 and 3, the course (title) and the reflection (answer) all say it.
    assert ids(page.items) == [("reflection", 1), ("entry", 3), ("entry", 2), ("activity", 1)]
    for item in page.items:
        marked = [piece for piece, is_match in split_snippet(item.snippet) if is_match]
        assert [m.lower() for m in marked] == ["delegation"], item
    both = shown(journal, query="delegation", starred=True, tags=("reading",))
    assert both == [("entry", 2)]


def test_search_ranks_title_and_repeated_words_first(store: Store) -> None:
    from careerlog.services.goals import add_goal

    add_entry(store, "Budget review, then lunch.", when=datetime(2024, 5, 3, 9))
    add_entry(store, "Budget, budget, budget: the budget took all day.", when=datetime(2024, 5, 1))
    goal = add_goal(store, "Own the budget")
    add_entry(store, "Nothing about money", when=datetime(2024, 5, 4))
    best = tl.best_matches(store, TimelineFilter(query="budget"))
    # The goal has the word in its title (weighted x4), the long entry says it four times,
    # the newest entry only once: relevance, not date, decides.
    assert ids(best) == [("goal-created", goal.id), ("entry", 2), ("entry", 1)]
    assert all("\x02" in item.snippet for item in best)
    # Filters still apply to ranked results.
    assert ids(tl.best_matches(store, TimelineFilter(query="budget", kinds=("entry",)))) == [
        ("entry", 2),
        ("entry", 1),
    ]


def test_search_of_operators_is_literal(journal: Store) -> None:
    # A quote without a partner is a character to find, so is punctuation.
    assert shown(journal, query='delegation" OR "quiet') == []
    assert tl.page(journal, TimelineFilter(query="!!!")).items == ()
    with pytest.raises(CareerlogError, match="nothing to search for"):
        tl.page(journal, TimelineFilter(query="\u200f \u200e"))


def test_bad_filters_are_refused() -> None:
    with pytest.raises(CareerlogError, match="unknown kind"):
        TimelineFilter(kinds=("photo",))
    with pytest.raises(CareerlogError, match="after"):
        TimelineFilter(start=date(2024, 2, 1), end=date(2024, 1, 1))


def _walk_older(store: Store, flt: TimelineFilter, size: int) -> list[tuple[str, int]]:
    seen, page = [], tl.page(store, flt, limit=size)
    seen += ids(page.items)
    while page.older:
        page = tl.page(store, flt, before=page.items[-1].key, limit=size)
        seen += ids(page.items)
    return seen


def _walk_newer(
    store: Store, flt: TimelineFilter, size: int, start: TimelineItem
) -> list[tuple[str, int]]:
    seen: list[tuple[str, int]] = []
    page = tl.page(store, flt, after=start.key, limit=size)
    seen = ids(page.items) + seen
    while page.newer:
        page = tl.page(store, flt, after=page.items[0].key, limit=size)
        seen = ids(page.items) + seen
    return seen


@pytest.fixture
def crowded(journal: Store) -> Store:
    """Many records at exactly the same moments: 12 entries at 2024-03-05 00:00 (the
    same instant as the day-only activity 1) and 9 more at 09:00 with entries 2 and 3."""
    with journal.write() as conn:
        for hour, n in ((0, 12), (9, 9)):
            for i in range(n):
                conn.execute(
                    insert(t.entry).values(
                        written_at=datetime(2024, 3, 5, hour),
                        text=f"same moment {hour} {i}",
                        starred=False,
                        created_at=datetime(2024, 3, 5),
                        updated_at=datetime(2024, 3, 5),
                    )
                )
        for i in range(4):
            conn.execute(
                insert(t.activity).values(
                    title=f"same day {i}",
                    kind="book",
                    day=date(2024, 3, 5),
                    minutes=0,
                    notes="",
                    link="",
                    created_at=datetime(2024, 3, 5),
                )
            )
    return journal


@pytest.mark.parametrize("size", [1, 2, 3, 7, 50])
def test_paging_has_no_repeats_or_gaps(crowded: Store, size: int) -> None:
    everything = ids(tl.page(crowded, limit=1000).items)
    assert len(everything) == len(set(everything)) == tl.count(crowded) == 15 + 25
    assert _walk_older(crowded, TimelineFilter(), size) == everything
    oldest = tl.page(crowded, limit=1000).items[-1]
    assert _walk_newer(crowded, TimelineFilter(), size, oldest) == everything[:-1]


def test_equal_moments_keep_one_order(crowded: Store) -> None:
    items = tl.page(crowded, limit=1000).items
    keys = [item.key for item in items]
    assert keys == sorted(keys, reverse=True)
    # An entry written at 00:00 sorts above the day-only activities of that day.
    midnight = [i for i in items if i.when == datetime(2024, 3, 5)]
    kinds = [i.kind for i in midnight]
    assert kinds == ["entry"] * 12 + ["activity"] * 5


def test_filtered_paging_is_stable(crowded: Store) -> None:
    flt = TimelineFilter(start=date(2024, 3, 5), end=date(2024, 3, 5))
    everything = ids(tl.page(crowded, flt, limit=1000).items)
    assert len(everything) == 2 + 21 + 5
    assert _walk_older(crowded, flt, 4) == everything


def test_jump_starts_at_the_day_and_knows_its_place(journal: Store) -> None:
    page = tl.jump(journal, None, date(2024, 3, 6), limit=3)
    assert ids(page.items) == [("entry", 4), ("milestone", 1), ("entry", 3)]
    assert page.offset == 4 and page.newer and page.older
    # A day with nothing shows what came before it.
    quiet = tl.jump(journal, None, date(2024, 2, 20), limit=2)
    assert ids(quiet.items) == [("goal-created", 3), ("goal-created", 2)]
    assert quiet.offset == 11
    # Before everything: the oldest page; after everything: the newest.
    assert ids(tl.jump(journal, None, date(2023, 1, 1), limit=2).items) == [
        ("goal-created", 1),
        ("track-change", 1),
    ]
    assert tl.jump(journal, None, date(2030, 1, 1), limit=2).offset == 0


@pytest.mark.parametrize(
    "conditions",
    [
        {},
        {"kinds": ("activity", "goal-created", "milestone")},  # no entries: the union path
        {"tags": ("work",)},
        {"start": date(2024, 3, 5), "end": date(2024, 3, 6)},
        {"competencies": ("communication",)},
    ],
)
def test_page_at_every_offset_matches_the_stream(
    crowded: Store, conditions: dict[str, object]
) -> None:
    flt = TimelineFilter(**conditions)  # type: ignore[arg-type]
    everything = ids(tl.page(crowded, flt, limit=1000).items)
    for offset in range(len(everything) + 2):
        page = tl.page_at(crowded, flt, offset, limit=3)
        assert ids(page.items) == everything[offset : offset + 3], offset


def test_on_this_day_in_earlier_years(store: Store) -> None:
    add_entry(store, "Two years back", when=datetime(2022, 3, 8, 10))
    add_entry(store, "A year back", when=datetime(2023, 3, 8, 11))
    add_entry(store, "Not this day", when=datetime(2023, 3, 9, 11))
    add_entry(store, "Today itself", when=datetime(2024, 3, 8, 12))
    found = tl.on_this_day(store, date(2024, 3, 8))
    assert [(year, [i.title for i in items]) for year, items in found] == [
        (2023, ["A year back"]),
        (2022, ["Two years back"]),
    ]


def test_heatmap_counts_every_kind_per_day(journal: Store) -> None:
    counts = tl.day_counts(journal, date(2024, 3, 1), date(2024, 3, 31))
    assert counts == {
        date(2024, 3, 1): 1,
        date(2024, 3, 4): 1,
        date(2024, 3, 5): 3,
        date(2024, 3, 6): 2,
        date(2024, 3, 7): 1,
        date(2024, 3, 8): 3,
    }
    assert sum(tl.day_counts(journal, date(2024, 1, 1), date(2024, 12, 31)).values()) == 15
    assert tl.day_counts(journal, date(2024, 3, 1) + timedelta(days=100), date(2024, 12, 31)) == {}


def test_jump_counts_the_shorter_side_with_the_same_result(crowded: Store) -> None:
    total = tl.count(crowded)
    everything = ids(tl.page(crowded, limit=1000).items)
    for day in (date(2024, 1, 3), date(2024, 2, 5), date(2024, 3, 5), date(2024, 3, 9)):
        plain, told = (
            tl.jump(crowded, None, day, limit=5),
            tl.jump(crowded, None, day, limit=5, total=total),
        )
        assert plain == told
        assert plain.offset is not None
        assert ids(plain.items) == everything[plain.offset : plain.offset + 5]


def test_open_view_reads_the_height_and_the_newest_page(journal: Store) -> None:
    total, first = tl.open_view(journal, TimelineFilter(kinds=("entry",)), limit=2)
    assert total == 5 and ids(first.items) == [("entry", 5), ("entry", 4)]
    assert first.older and not first.newer and first.offset == 0


def test_page_at_with_many_other_items_between_entries(store: Store) -> None:
    import random

    rng = random.Random(5)
    base = datetime(2024, 1, 1)
    with store.write() as conn:
        for i in range(60):
            when = base + timedelta(hours=rng.randrange(0, 24 * 30))
            conn.execute(
                insert(t.entry).values(
                    written_at=when, text=f"e{i}", starred=False, created_at=when, updated_at=when
                )
            )
        for i in range(45):
            day = (base + timedelta(days=rng.randrange(0, 31))).date()
            conn.execute(
                insert(t.activity).values(
                    title=f"a{i}",
                    kind="book",
                    day=day,
                    minutes=0,
                    notes="",
                    link="",
                    created_at=base,
                )
            )
    everything = ids(tl.page(store, limit=1000).items)
    assert len(everything) == 105
    for offset in range(0, 106):
        assert (
            ids(tl.page_at(store, None, offset, limit=2).items) == everything[offset : offset + 2]
        )
