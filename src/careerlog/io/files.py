"""Writing export files safely: a temporary file in the target folder, renamed into
place, 0600, so a crash or a full disk never leaves half a file under the real name."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from careerlog import paths
from careerlog.domain.errors import CareerlogError

MAX_IMPORT_BYTES = 512 * 1024 * 1024


def write_atomic(target: Path, text: str | Iterable[str]) -> Path:
    """Write ``text`` (UTF-8; a string or its pieces in order) to ``target``, replacing
    it whole or not at all."""
    target = target.expanduser()
    folder = target.parent
    if target.is_dir():
        raise CareerlogError(f"{target} is a folder; give a file name")
    if not folder.is_dir():
        raise CareerlogError(f"the folder {folder} does not exist; nothing was written")
    try:
        fd, name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:
        raise CareerlogError(f"cannot write in {folder}: {error.strerror}") from None
    tmp = Path(name)
    try:
        os.fchmod(fd, paths.PRIVATE_FILE)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.writelines([text] if isinstance(text, str) else text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except OSError as error:
        raise CareerlogError(
            f"cannot write {target}: {error.strerror}; nothing was written"
        ) from None
    finally:
        tmp.unlink(missing_ok=True)
    return target


def read_text(source: Path) -> str:
    """Read an import file as UTF-8, with one clear line for every way that fails."""
    try:
        if source.stat().st_size > MAX_IMPORT_BYTES:
            raise CareerlogError(f"{source} is larger than 512 MB; nothing was imported")
        return source.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CareerlogError(f"{source} does not exist") from None
    except IsADirectoryError:
        raise CareerlogError(f"{source} is a folder; give the exported file") from None
    except UnicodeDecodeError:
        raise CareerlogError(f"{source} is not UTF-8 text; nothing was imported") from None
    except OSError as error:
        raise CareerlogError(f"cannot read {source}: {error.strerror}") from None


def load_json(text: str, name: str, hint: str = "") -> Any:
    """Parse an import file's JSON, or say in one line where it is broken (``hint`` is
    appended: how to make a good file). Every importer reads its JSON through here."""
    import json

    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}: {error.msg}"
        raise CareerlogError(
            f"{name} is not valid JSON ({where}); nothing was imported{hint}"
        ) from None
    except RecursionError:
        raise CareerlogError(
            f"{name} nests too deeply to be an export; nothing was imported"
        ) from None
    except ValueError as error:  # e.g. an integer of thousands of digits
        raise CareerlogError(f"{name} is not usable JSON ({error}); nothing was imported") from None
