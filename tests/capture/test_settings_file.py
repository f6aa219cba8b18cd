"""Saving a setting edits config.toml: the person's comments and layout stay, and only
what changed is written."""

from __future__ import annotations

from careerlog import config, paths

WRITTEN_BY_HAND = """\
# My careerlog settings. Friday afternoons are for the weekly review.

[cadence]
weekly = "friday"   # keep this one
quarterly = true

[ui]
# dark at night
theme = "textual-dark"
"""


def test_a_changed_setting_keeps_comments_and_touches_nothing_else() -> None:
    path = paths.config_file()
    path.parent.mkdir(parents=True)
    path.write_text(WRITTEN_BY_HAND, encoding="utf-8")
    merged = config.update("ui", theme="textual-light")
    assert merged["ui"]["theme"] == "textual-light"
    assert path.read_text(encoding="utf-8") == WRITTEN_BY_HAND.replace(
        'theme = "textual-dark"', 'theme = "textual-light"'
    )
    config.update("streak", grace="one-day")
    assert path.read_text(encoding="utf-8").endswith('\n[streak]\ngrace = "one-day"\n')
    assert path.stat().st_mode & 0o777 == 0o600
    assert config.load()["cadence"] == {"weekly": "friday", "quarterly": True, "yearly": True}


def test_only_what_changed_is_written_and_defaults_stay_out() -> None:
    path = paths.config_file()
    config.update("ui", theme="textual-dark")  # the default: nothing to write
    assert not path.exists()
    config.update("backup", keep=14)
    assert path.read_text(encoding="utf-8") == "[backup]\nkeep = 14\n"
    before = path.stat().st_mtime_ns
    config.update("backup", keep=14, daily=True)  # unchanged and default: no write
    assert path.stat().st_mtime_ns == before
    config.update("cadence", quarterly=False)
    assert (
        path.read_text(encoding="utf-8") == "[backup]\nkeep = 14\n\n[cadence]\nquarterly = false\n"
    )
