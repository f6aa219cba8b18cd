"""Reading import files, with one clear line for every way that fails (files are
written by :mod:`careerlog.atomic`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from careerlog.domain.errors import CareerlogError

MAX_IMPORT_BYTES = 512 * 1024 * 1024


def read_text(source: Path) -> str:
    """Read an import file as UTF-8, with one clear line for every way that fails."""
    try:
        if source.stat().st_size > MAX_IMPORT_BYTES:
            raise CareerlogError(f"{source} is larger than 512 MB; nothing was imported")
        from careerlog.services import sealed

        if sealed.is_sealed(source):  # the undo copy of an entry deleted from an encrypted store
            return sealed.read(source)
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
