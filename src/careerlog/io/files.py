"""Reading import files, with one clear line for every way that fails (files are
written by :mod:`careerlog.atomic`)."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from careerlog.domain.errors import CareerlogError
from careerlog.domain.text import not_utf8

MAX_IMPORT_BYTES = 512 * 1024 * 1024
MAX_JSON_DEPTH = 64
"""Deeper than any export careerlog, jrnl or Day One writes (about six levels)."""
MAX_JSON_INTEGER = 2**63 - 1
"""The largest whole number either store can hold (a signed 64-bit integer)."""


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


class _Refused(Exception):
    """Raised from inside the JSON parser's hooks, turned into a message below."""


def _integer(digits: str) -> int:
    # Checked before int(): Python refuses to convert more than 4,300 digits.
    if len(digits.lstrip("-")) > len(str(MAX_JSON_INTEGER)) or abs(int(digits)) > MAX_JSON_INTEGER:
        raise _Refused(f"a number too large to store ({digits[:24]}…)")
    return int(digits)


def _real(digits: str) -> float:
    value = float(digits)
    if not math.isfinite(value):
        raise _Refused(f"a number too large to store ({digits[:24]})")
    return value


def _constant(word: str) -> float:
    raise _Refused(f"{word}, which is not a number JSON allows")


def load_json(text: str, name: str, hint: str = "") -> Any:
    """The document in ``text`` (the contents of the file ``name``), or one line saying
    why not and that nothing was imported; ``hint`` ends that line (how to make a good
    file). Every importer reads its JSON through here.

    ``json.loads`` alone fails with a ``RecursionError`` on arrays nested 100,000 deep
    and a ``ValueError`` on a 5,000-digit number, and accepts ``"\\ud800"`` (a string
    no store or terminal can take) and ``1e999`` (infinity): each is refused here, so
    an importer only checks the shape of what it gets.
    """
    import json  # only imports read JSON

    tail = f"; nothing was imported{hint}"
    try:
        data = json.loads(text, parse_int=_integer, parse_float=_real, parse_constant=_constant)
    except json.JSONDecodeError as error:
        raise CareerlogError(
            f"{name} is not valid JSON (line {error.lineno}, column {error.colno}: "
            f"{error.msg}){tail}"
        ) from None
    except RecursionError:
        raise CareerlogError(f"{name} {_TOO_DEEP}{tail}") from None
    except _Refused as why:
        raise CareerlogError(f"{name} holds {why}{tail}") from None
    problem = _first_problem(data)
    if problem is not None:
        raise CareerlogError(f"{name} {problem}{tail}")
    return data


_TOO_DEEP = f"nests deeper than {MAX_JSON_DEPTH} levels"


def _first_problem(data: Any) -> str | None:
    """What is wrong deep inside an already parsed document (a walk without recursion,
    so depth costs no stack), or ``None``."""
    pending: list[tuple[Any, str, int]] = [(data, "", 0)]
    while pending:
        value, path, depth = pending.pop()
        if depth > MAX_JSON_DEPTH:
            return _TOO_DEEP
        if isinstance(value, str):
            if not_utf8(value):
                return (
                    f"holds text that is not valid Unicode (a lone \\ud800) at {path or 'the top'}"
                )
        elif isinstance(value, list):
            pending.extend((item, f"{path}[{i}]", depth + 1) for i, item in enumerate(value))
        elif isinstance(value, dict):
            for key, item in value.items():
                if not_utf8(key):
                    return f"holds a key that is not valid Unicode in {path or 'the top level'}"
                pending.append((item, f"{path}.{key[:40]}" if path else key[:40], depth + 1))
    return None
