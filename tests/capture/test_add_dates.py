"""``careerlog add`` dates an entry as jrnl does, and asks before dating it in the future."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from tests.capture.conftest import Cli, one_line_error, rows


def stored(db: Path) -> list[tuple[str, str, int]]:
    return [
        (str(text), str(at)[:16], int(str(star)))
        for text, at, star in rows(db, "SELECT text, written_at, starred FROM entry ORDER BY id")
    ]


def test_an_inline_date_dates_the_entry_and_leaves_the_text(cl: Cli, db: Path) -> None:
    yesterday = date.today() - timedelta(days=1)
    assert cl("add", "yesterday 3pm: met the VP about @hiring").out == "1\n"
    assert cl("add", "2026-03-04 09:30:", "standup ran long").code == 0
    assert cl("add", "last friday*: shipped the release").code == 0
    texts = stored(db)
    assert texts[0] == ("met the VP about @hiring", f"{yesterday} 15:00", 0)
    assert texts[1] == ("standup ran long", "2026-03-04 09:30", 0)
    assert texts[2][0] == "shipped the release" and texts[2][2] == 1  # jrnl's star marker
    assert rows(db, "SELECT tag FROM entry_tag WHERE entry_id = 1") == [("hiring",)]


def test_a_word_and_a_colon_stays_text(cl: Cli, db: Path) -> None:
    before = datetime.now().replace(second=0, microsecond=0)
    assert cl("add", "Note: the build is green").code == 0
    text, at, _ = stored(db)[0]
    assert text == "Note: the build is green"
    assert datetime.fromisoformat(at) >= before


def test_date_option_wins_over_an_inline_date(cl: Cli, db: Path) -> None:
    assert cl("add", "yesterday: keep these words", "--date", "2025-01-02 08:00").code == 0
    assert stored(db) == [("yesterday: keep these words", "2025-01-02 08:00", 0)]


def test_piped_text_gets_the_inline_date_too(cl: Cli, db: Path) -> None:
    assert cl("add", stdin="2024-05-06 10:00: from a pipe\nsecond line\n").code == 0
    assert stored(db) == [("from a pipe\nsecond line", "2024-05-06 10:00", 0)]


def test_a_future_entry_is_refused_without_a_terminal_and_nothing_is_written(
    cl: Cli, db: Path
) -> None:
    cl("add", "first")
    err = one_line_error(cl("add", "plans", "--date", "tomorrow"))
    assert "in the future" in err and "--future" in err
    err = one_line_error(cl("add", "in 2 weeks: a plan"))
    assert "--future" in err
    assert [t for t, _, _ in stored(db)] == ["first"]


def test_a_future_entry_is_written_with_future_or_a_yes(cl: Cli, db: Path) -> None:
    tomorrow = date.today() + timedelta(days=1)
    assert cl("add", "planned", "--date", "tomorrow", "--future").code == 0
    asked = cl("add", "asked", "--date", "tomorrow 10:00", stdin="y\n", tty=True)
    assert asked.code == 0 and "in the future" in asked.err
    declined = cl("add", "declined", "--date", "tomorrow", stdin="n\n", tty=True)
    assert declined.code == 1 and "nothing was written" in declined.err
    assert stored(db) == [
        ("planned", f"{tomorrow} 09:00", 0),
        ("asked", f"{tomorrow} 10:00", 0),
    ]


def test_goal_due_words_point_ahead(cl: Cli, db: Path) -> None:
    today = date.today()
    assert cl("goal", "add", "Ship the migration", "--due", "friday").code == 0
    assert cl("goal", "add", "Plan next year", "--due", "end of quarter").code == 0
    (due,), (quarter_end,) = rows(db, "SELECT due FROM goal ORDER BY id")
    friday = date.fromisoformat(str(due))
    assert friday.weekday() == 4 and today < friday <= today + timedelta(days=7)
    q_end = date.fromisoformat(str(quarter_end))
    assert q_end >= today and q_end.month in (3, 6, 9, 12) and (q_end + timedelta(days=1)).day == 1
