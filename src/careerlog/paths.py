"""Where careerlog keeps things. Functions resolved at call time, so tests can redirect
them (``XDG_DATA_HOME`` / ``XDG_CONFIG_HOME``) and nothing is created at import."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from careerlog.domain.errors import CareerlogError

APP = "careerlog"
PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def _xdg(variable: str, default: str) -> Path | None:
    """The XDG base folder ``variable`` names (else ``~/default``) with careerlog's folder
    in it, for the cases where every platformdirs careerlog accepts gives that answer:
    Linux, and the variable absolute or unset/blank with an absolute ``$HOME``.
    ``None`` otherwise: platformdirs then decides."""
    if sys.platform != "linux" or hasattr(sys, "getandroidapilevel"):
        return None
    value = os.environ.get(variable, "")
    if value.startswith("/"):
        return Path(value, APP)
    home = os.environ.get("HOME", "")
    if value.strip() or not home.startswith("/") or "ANDROID_DATA" in os.environ:
        return None  # relative (read differently across platformdirs versions), or odd
    return Path(home.rstrip("/") or "/", default, APP)


def data_dir() -> Path:
    found = _xdg("XDG_DATA_HOME", ".local/share")
    if found is not None:
        return found
    # platformdirs imports tempfile, shutil, bz2, lzma and random: ~5-6 ms of every
    # command that checks today's backup, and Linux with a usual $HOME never needs it.
    import platformdirs

    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def config_dir() -> Path:
    found = _xdg("XDG_CONFIG_HOME", ".config")
    if found is not None:
        return found
    import platformdirs  # ~5-6 ms (see data_dir)

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
