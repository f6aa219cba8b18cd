"""Reading the TOML definition files careerlog ships and lets people add (tracks,
prompt sets, the fit questionnaire): one way to read a file and one set of field
checks, so every broken file is reported alike — file, key path, problem.

Builders raise ``ValueError("key.path: problem")``; :func:`load_definition` turns
that, and any read or TOML error, into the caller's error class naming the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from careerlog.domain.errors import CareerlogError

T = TypeVar("T")
KEY = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def load_definition(
    path: Path, build: Callable[[dict[str, Any]], T], error: type[CareerlogError]
) -> T:
    import tomllib  # ~3 ms: only when a file is read, not for a track stored as JSON

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as problem:
        raise error(f"{path}: cannot read ({problem.strerror})") from None
    except UnicodeDecodeError:
        raise error(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as problem:
        raise error(f"{path}: not valid TOML: {problem}") from None
    try:
        return build(data)
    except ValueError as problem:
        raise error(f"{path}: {problem}") from None


def text_field(table: dict[str, Any], name: str, where: str, *, optional: bool = False) -> str:
    value = table.get(name, "" if optional else None)
    if not isinstance(value, str) or (not optional and not value.strip()):
        raise ValueError(f"{where}{name}: expected a non-empty string")
    return value.strip()


def key_value(value: str, where: str) -> str:
    if not KEY.match(value):
        raise ValueError(f"{where}: {value!r} must be lower-case letters, digits and '-'")
    return value


def reject_unknown(table: dict[str, Any], allowed: set[str], where: str) -> None:
    extra = sorted(set(table) - allowed)
    if extra:
        raise ValueError(f"{where}{extra[0]}: unknown key")


def tables(data: dict[str, Any], name: str) -> list[dict[str, Any]]:
    value = data.get(name)
    if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
        raise ValueError(f"{name}: expected one or more [[{name}]] tables")
    return value


def check_schema(data: dict[str, Any], schema: int) -> None:
    if data.get("schema", schema) != schema:
        raise ValueError(f"schema: this careerlog reads schema {schema}, not {data['schema']!r}")
