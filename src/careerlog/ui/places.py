"""Every screen the person can go to, by a typed function that builds it.

Each function imports its screen only when called: none of them is on the first frame,
and together they cost ~150 ms of imports (Goals and Learning ~60 ms, the timeline's
widgets ~40 ms, Progress's charts ~50 ms). mypy checks each constructor call here,
which the ``"module:Class"`` strings these replaced could not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from careerlog.ui.screens.feedback import FeedbackScreen
    from careerlog.ui.screens.fit import FitScreen
    from careerlog.ui.screens.goals import GoalsScreen
    from careerlog.ui.screens.learning import LearningScreen
    from careerlog.ui.screens.packet import PacketScreen
    from careerlog.ui.screens.progress import ProgressScreen
    from careerlog.ui.screens.reflection import ReflectionScreen
    from careerlog.ui.screens.review import ReviewScreen
    from careerlog.ui.screens.switch_track import SwitchTrackScreen
    from careerlog.ui.screens.timeline import TimelineScreen
    from careerlog.ui.screens.year_review import YearReviewScreen


def goals() -> GoalsScreen:
    from careerlog.ui.screens.goals import GoalsScreen

    return GoalsScreen()


def learning() -> LearningScreen:
    from careerlog.ui.screens.learning import LearningScreen

    return LearningScreen()


def timeline() -> TimelineScreen:
    from careerlog.ui.screens.timeline import TimelineScreen

    return TimelineScreen()


def review(period: str = "week") -> ReviewScreen:
    from careerlog.ui.screens.review import ReviewScreen

    return ReviewScreen(period)


def reflection(set_key: str | None = None) -> ReflectionScreen:
    from careerlog.ui.screens.reflection import ReflectionScreen

    return ReflectionScreen(set_key)


def progress() -> ProgressScreen:
    from careerlog.ui.screens.progress import ProgressScreen

    return ProgressScreen()


def packet() -> PacketScreen:
    from careerlog.ui.screens.packet import PacketScreen

    return PacketScreen()


def feedback(*, new: bool = False) -> FeedbackScreen:
    from careerlog.ui.screens.feedback import FeedbackScreen

    return FeedbackScreen(new=new)


def fit() -> FitScreen:
    from careerlog.ui.screens.fit import FitScreen

    return FitScreen()


def switch_track() -> SwitchTrackScreen:
    from careerlog.ui.screens.switch_track import SwitchTrackScreen

    return SwitchTrackScreen()


def year_review(*, export: bool = False) -> YearReviewScreen:
    from careerlog.ui.screens.year_review import YearReviewScreen

    return YearReviewScreen(export=export)
