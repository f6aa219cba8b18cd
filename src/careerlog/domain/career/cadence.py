"""When a reflection falls due: pure date rules, no clock and no store.

Each cadence defines *slots*, the days a reflection is meant for:

- weekly: every chosen weekday (Friday by default);
- quarterly: the first day of each calendar quarter (1 Jan, 1 Apr, 1 Jul, 1 Oct);
- yearly: 1 January.

A reflection counts for the slot *nearest* the day it was written, so a weekly
check-in written on Thursday or on Saturday still covers that Friday, and a
quarterly review written in late March covers the 1 April slot (on an exact tie
the later slot wins). The next reflection falls due on the slot after the one
covered. With no reflection yet, the most recent slot (today or earlier) is due, but
the cadence starts at first use: never a slot on or before the day the person began
(their first record). Someone who started today owes nothing until the first slot
after today comes; someone who started in March owes the quarterly review of
1 July, not the one of 1 January.

A due reflection is *overdue* once the slot after its due slot has arrived too,
i.e. a whole period went by without it.
"""

from __future__ import annotations

from datetime import date, timedelta

from careerlog.domain.errors import CareerlogError
from careerlog.domain.records import Record
from careerlog.domain.when import WEEKDAYS

KINDS = ("weekly", "quarterly", "yearly")


class Cadence(Record):
    """How often a set of reflection prompts falls due: weekly, quarterly or yearly."""

    kind: str
    """One of :data:`KINDS`."""
    weekday: int = 4
    """Monday = 0 … Sunday = 6; only used by weekly cadences (Friday by default)."""

    def slot_on_or_before(self, day: date) -> date:
        if self.kind == "weekly":
            return day - timedelta(days=(day.weekday() - self.weekday) % 7)
        if self.kind == "quarterly":
            return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
        return date(day.year, 1, 1)

    def slot_after(self, slot: date) -> date:
        """The slot following ``slot`` (which must itself be a slot)."""
        if self.kind == "weekly":
            return slot + timedelta(days=7)
        if self.kind == "quarterly":
            month = slot.month + 3
            return date(slot.year + (month > 12), (month - 1) % 12 + 1, 1)
        return date(slot.year + 1, 1, 1)

    def covered_slot(self, day: date) -> date:
        """The slot a reflection written on ``day`` counts for: the nearest one."""
        before = self.slot_on_or_before(day)
        after = self.slot_after(before)
        return before if (day - before) < (after - day) else after


def parse_cadence(kind: str, setting: object) -> Cadence | None:
    """Turn a config value into a cadence; ``None`` means this set is not scheduled.

    ``setting`` is ``False``/``"off"`` (off), ``True``/``"on"`` (on; weekly sets on
    Friday) or, for a weekly set, a weekday name such as ``"monday"``.
    """
    if kind not in KINDS or setting is False or setting is None:
        return None
    if isinstance(setting, str):
        word = setting.strip().lower()
        if word in ("off", "no", "false", "never", ""):
            return None
        if word in ("on", "yes", "true"):
            return Cadence(kind)
        if word in WEEKDAYS:
            return Cadence(kind, WEEKDAYS.index(word)) if kind == "weekly" else Cadence(kind)
        raise CareerlogError(
            f"cadence setting {setting!r} for a {kind} set: use a weekday name, 'on' or 'off'"
        )
    if setting is True:
        return Cadence(kind)
    raise CareerlogError(
        f"cadence setting {setting!r} for a {kind} set: use a weekday name, on/off"
    )


class Due(Record):
    """A reflection that is due: since which day, and whether it is overdue."""

    due_since: date
    overdue: bool


def due(
    cadence: Cadence, last: date | None, today: date, started: date | None = None
) -> Due | None:
    """Is a reflection on ``cadence`` due ``today``, given the day of the last one and
    the day the person started using careerlog?"""
    if last is None:
        next_slot = cadence.slot_on_or_before(today)
        if started is not None:
            next_slot = max(next_slot, cadence.slot_after(cadence.slot_on_or_before(started)))
    else:
        next_slot = cadence.slot_after(cadence.covered_slot(last))
    if next_slot > today:
        return None
    return Due(next_slot, cadence.slot_after(next_slot) <= today)
