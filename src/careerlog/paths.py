"""Where careerlog keeps things. Functions resolved at call time, so tests can redirect
them (``XDG_DATA_HOME`` / ``XDG_CONFIG_HOME``) and nothing is created at import."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from careerlog.domain.errors import CareerlogError

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


def runtime_dir() -> Path:
    """A private folder for short-lived files (the editor's copy of an entry):
    ``$XDG_RUNTIME_DIR/careerlog`` (a tmpfs, gone at logout) when the session has
    one, else a per-user folder in the system's temp folder."""
    base = os.environ.get("XDG_RUNTIME_DIR", "")
    if base and os.path.isdir(base):
        return Path(base) / APP
    import tempfile  # ~1 ms, and only for the editor

    return Path(tempfile.gettempdir()) / f"{APP}-{os.getuid()}"


def ensure_runtime_dir() -> Path:
    """:func:`runtime_dir`, created 0700 and checked to be this user's own folder (in a
    shared temp folder someone else could have made it first, or left a link there)."""
    path = runtime_dir()
    try:
        path.mkdir(mode=PRIVATE_DIR, exist_ok=True)
        info = os.lstat(path)
    except OSError as error:
        raise CareerlogError(f"cannot create the private folder {path}: {error.strerror}") from None
    import stat

    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        raise CareerlogError(
            f"{path} is not a private folder of yours (a link, a file or someone else's); "
            "remove it or set XDG_RUNTIME_DIR"
        )
    if info.st_mode & 0o777 != PRIVATE_DIR:
        os.chmod(path, PRIVATE_DIR)
    return path


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
    """Take every permission of other users off a file, if it exists (store side files,
    backups, drafts, exports): 0600 at most. Never adds one: a store made read-only
    (0400, 0444) stays read-only."""
    try:
        mode = path.stat().st_mode & 0o777
        if mode != mode & PRIVATE_FILE:
            os.chmod(path, mode & PRIVATE_FILE)
    except FileNotFoundError:
        pass
