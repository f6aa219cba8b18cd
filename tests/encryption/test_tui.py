"""The journal (TUI) on an encrypted store: a locked one asks for the passphrase in a
small modal; once open, entries show, and what is typed is kept only sealed."""

from __future__ import annotations

from pathlib import Path

from careerlog.services import encryption
from careerlog.store.files import cipher
from careerlog.ui.drafts import draft_path
from careerlog.ui.forms.passphrase import PassphrasePrompt
from tests.encryption.conftest import PASSPHRASE, SECRET
from tests.ui.conftest import SIZE, make_app, screen_text, settle, type_text, until


def _on_a_track(crypt) -> None:  # type: ignore[no-untyped-def]
    """Past onboarding: the journal opens on Today."""
    assert crypt("track", "choose", "management").returncode == 0


def _locked(crypt) -> Path:  # type: ignore[no-untyped-def]
    _on_a_track(crypt)
    crypt("lock")
    cipher._held.clear()
    assert encryption.is_locked(str(crypt.db))
    return Path(crypt.db)


async def test_a_locked_journal_asks_for_the_passphrase_then_opens(crypt) -> None:
    db = _locked(crypt)
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PassphrasePrompt))
        assert not app.store_is_open
        await type_text(pilot, "not it")
        await pilot.press("enter")
        await until(pilot, lambda: "wrong passphrase" in screen_text(app))
        assert isinstance(app.screen, PassphrasePrompt)
        assert "not it" not in screen_text(app)  # the field hides what is typed
        await type_text(pilot, PASSPHRASE)
        await pilot.press("enter")
        await settle(pilot)
        assert app.store_is_open
        await until(pilot, lambda: "juniors" in screen_text(app))
    assert not encryption.is_locked(str(db))  # kept, as careerlog unlock would


async def test_leaving_the_passphrase_prompt_closes_the_journal_with_one_line(crypt) -> None:
    db = _locked(crypt)
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PassphrasePrompt))
        await pilot.press("escape")
        await pilot.pause()
    assert app.fatal_message == "the journal is locked: run careerlog unlock"
    assert app.return_code == 1


async def test_an_unlocked_journal_opens_straight_away_and_keeps_its_draft_sealed(crypt) -> None:
    _on_a_track(crypt)
    app = make_app(crypt.db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await until(pilot, lambda: "juniors" in screen_text(app))
        await type_text(pilot, f"unsaved {SECRET}")
        await pilot.press("ctrl+q")
    draft = draft_path(str(crypt.db))
    assert draft.exists()
    assert SECRET.encode() not in draft.read_bytes()
    assert cipher.is_encrypted(draft)


async def test_drafts_are_still_sealed_after_the_unlock_expires_with_the_journal_open(
    crypt,
) -> None:
    _on_a_track(crypt)
    salt = cipher.file_salt(crypt.db)
    assert salt is not None
    app = make_app(crypt.db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        (cipher.keys_dir() / f"{salt.hex()}.key").unlink()  # the lifetime ran out
        await type_text(pilot, f"typed late {SECRET}")
        await pilot.press("ctrl+q")
    draft = draft_path(str(crypt.db))
    assert cipher.is_encrypted(draft)
    assert SECRET.encode() not in draft.read_bytes()
