"""Where careerlog keeps things. Functions resolved at call time, so tests can redirect
them (``XDG_DATA_HOME`` / ``XDG_CONFIG_HOME``) and nothing is created at import."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "careerlog"
PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / "careerlog.db"


def backups_dir() -> Path:
    return data_dir() / "backups"


def drafts_dir() -> Path:
    return data_dir() / "drafts"


def user_tracks_dir() -> Path:
    return config_dir() / "tracks"


def user_prompts_dir() -> Path:
    return config_dir() / "prompts"


def config_file() -> Path:
    return config_dir() / "config.toml"


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) and make it 0700, whatever the umask.

    A folder inside the data folder (backups, drafts) makes the data folder itself
    private too: ``mkdir(parents=True)`` would otherwise create it 0755 under umask 022.
    """
    data = data_dir()
    if data in path.parents:
        ensure_private_dir(data)
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    if path.stat().st_mode & 0o777 != PRIVATE_DIR:
        os.chmod(path, PRIVATE_DIR)
    return path


def make_private(path: Path) -> None:
    """Set a file to 0600 if it exists (store side files, backups, drafts, exports)."""
    try:
        if path.stat().st_mode & 0o777 != PRIVATE_FILE:
            os.chmod(path, PRIVATE_FILE)
    except FileNotFoundError:
        pass
