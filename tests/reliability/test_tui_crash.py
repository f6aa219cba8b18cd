"""A crash inside the TUI: nothing the person wrote and no local variable is printed,
the unsaved text is kept as a private draft, and the next start offers it back so it
can be saved word for word."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App

from careerlog.services import connect, tracks
from careerlog.ui.drafts import draft_path
from careerlog.ui.textual_private import screen_lines
from tests.reliability._support import entry_texts, mode, until

SECRET = "my raise is 12% [bold]not markup[/] 漢字 👩\u200d👩\u200d👧"


class Forced(Exception):
    """The failure a bug inside the TUI would raise."""


def _screen_text(app: App[object]) -> str:
    return "\n".join(screen_lines(app.screen))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "journal.db"
    store = connect(str(path))
    tracks.choose_track(store, "technical-leadership", "lead")
    store.close()
    return path


async def test_crash_keeps_the_draft_prints_nothing_private_and_next_start_offers_it(
    db: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from careerlog.ui.app import CareerlogApp
    from careerlog.ui.screens.today import TodayScreen

    def explode(self: TodayScreen) -> None:
        local_words = self.editor.text  # a local a rich traceback would print
        raise Forced(f"forced crash after {len(local_words)} characters")

    app = CareerlogApp(str(db))
    with monkeypatch.context() as patch, pytest.raises(Forced):
        patch.setattr(TodayScreen, "action_star", explode)
        async with app.run_test(size=(100, 32)) as pilot:
            await until(pilot, lambda: app.store_is_open and app.draft_source is not None)
            app.screen.editor.text = SECRET  # type: ignore[attr-defined]
            # Crash before the 3-second autosave could have run.
            await pilot.press("ctrl+t")
            await pilot.pause()

    printed = capfd.readouterr()
    everything = printed.out + printed.err + (app.crash_message or "")
    assert "my raise" not in everything and "12%" not in everything
    assert "local_words" not in everything, "a local variable was printed"
    assert "Traceback" not in everything
    assert app.return_code == 1
    assert app.crash_message and "Forced" in app.crash_message

    draft = draft_path(str(db))
    assert draft.read_text(encoding="utf-8") == SECRET
    assert mode(draft) == "0o600"
    assert entry_texts(db) == {}

    # Next start: the draft is offered back, and saving it stores it exactly.
    again = CareerlogApp(str(db))
    async with again.run_test(size=(100, 32)) as pilot:
        await until(pilot, lambda: "Put it back in the editor?" in _screen_text(again))
        await pilot.press("y")
        await until(pilot, lambda: getattr(again.screen, "editor", None) is not None)
        editor = again.screen.editor  # type: ignore[attr-defined]
        assert editor.text == SECRET
        await pilot.press("ctrl+s")
        await until(pilot, lambda: editor.text == "")
    assert list(entry_texts(db).values()) == [SECRET]
    assert not draft.exists(), "a saved draft must not be offered again"
