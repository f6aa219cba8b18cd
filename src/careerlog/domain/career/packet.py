"""The promotion packet: for each competency of the level the person aims for, what it
expects, where the person stands (their own rating and their manager's), and the dated
evidence of a period — entries, learning, goals and feedback — with gaps said plainly.

Plain frozen data, built by :mod:`careerlog.services.career.packet` and written out as
Markdown, HTML or JSON by :mod:`careerlog.io.export.packet`.
"""

from __future__ import annotations

from datetime import date

from careerlog.domain.records import Record, field
from careerlog.domain.summary import NOTHING, Excerpt, Omit

KINDS = ("entry", "activity", "goal", "feedback")
"""The kinds of evidence, in the order a competency lists them."""
KIND_NAMES = {
    "entry": "Journal",
    "activity": "Learning",
    "goal": "Goals",
    "feedback": "Feedback",
}


class EvidenceItem(Record):
    """One piece of a promotion packet's evidence: an entry, activity, goal or feedback."""

    kind: str
    """One of :data:`KINDS`."""
    id: int
    day: date
    title: str
    detail: str = ""
    """The activity's kind and time, the goal's status, the feedback's giver."""
    text: str = ""
    """The feedback's words; an entry's text (empty when the journal is left out)."""


class PacketCompetency(Record):
    """One competency of a promotion packet: what the target level expects, the ratings,
    and the evidence."""

    key: str
    name: str
    group: str
    expected: int
    """The rating the target level expects."""
    meaning: str
    """What that rating means on this track ("" when the track does not say)."""
    signals: tuple[str, ...]
    examples: tuple[str, ...]
    latest: int | None
    latest_day: date | None
    carried_from: str
    """The track a carried rating came from ("" for one given on this track)."""
    manager: int | None
    focus: bool
    not_applicable: str | None
    evidence: tuple[EvidenceItem, ...] = ()

    @property
    def meets(self) -> bool:
        return (
            self.not_applicable is None
            and self.latest is not None
            and (self.latest >= self.expected)
        )

    def of_kind(self, kind: str) -> tuple[EvidenceItem, ...]:
        return tuple(item for item in self.evidence if item.kind == kind)


class Packet(Record):
    """The promotion packet for one period: the track, the level it argues for, and each
    competency."""

    start: date
    end: date
    made_on: date
    track_name: str
    level_name: str
    target_name: str
    """The level the packet argues for: the next one (or the current one at the top)."""
    at_top: bool
    readiness: float | None
    ready_count: int
    applicable_count: int
    held_since: date | None
    months_held: int
    competencies: tuple[PacketCompetency, ...]
    excerpts: tuple[Excerpt, ...] = ()
    omit: Omit = field(default=NOTHING)

    @property
    def title(self) -> str:
        return f"Promotion packet: {self.target_name}"

    @property
    def without_evidence(self) -> tuple[PacketCompetency, ...]:
        return tuple(c for c in self.competencies if c.not_applicable is None and not c.evidence)
