"""The person's settings, a small TOML file in the config folder.

Read with :mod:`tomllib`; written by a tiny serializer (flat tables of strings,
numbers, booleans and lists of those are all careerlog stores), atomically.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from careerlog import paths
from careerlog.atomic import write_text
from careerlog.domain.errors import CareerlogError

DEFAULTS: dict[str, dict[str, Any]] = {
    "ui": {"theme": "textual-dark"},
    "cadence": {"weekly": "friday", "quarterly": True, "yearly": True},
    "streak": {"grace": "none"},
    "backup": {"daily": True, "keep": 7},
}


def load(path: Path | None = None) -> dict[str, dict[str, Any]]:
    """Defaults overlaid with the file; a broken file is a clear :class:`CareerlogError`."""
    path = path or paths.config_file()
    merged = {section: dict(values) for section, values in DEFAULTS.items()}
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return merged
    except (OSError, UnicodeDecodeError) as error:
        raise CareerlogError(f"{path}: cannot read the settings: {error}") from None
    import tomllib  # ~4 ms: only when there is a file to read

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CareerlogError(f"{path}: cannot read the settings: {error}") from None
    for section, values in data.items():
        if isinstance(values, dict):
            merged.setdefault(section, {}).update(values)
    return merged


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        escaped = "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in escaped)
        return f'"{escaped}"'
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    raise TypeError(f"cannot store {type(value).__name__} in the config file")


def dumps(data: dict[str, dict[str, Any]]) -> str:
    lines: list[str] = []
    for section, values in data.items():
        lines.append(f"[{section}]")
        lines.extend(f"{key} = {_value(value)}" for key, value in values.items())
        lines.append("")
    return "\n".join(lines)


def save(data: dict[str, dict[str, Any]], path: Path | None = None) -> None:
    path = path or paths.config_file()
    paths.ensure_private_dir(path.parent)
    write_text(path, dumps(data))


def update(section: str, **values: Any) -> dict[str, dict[str, Any]]:
    """Change some settings and save; returns the whole merged configuration."""
    data = load()
    data.setdefault(section, {}).update(values)
    save(data)
    return data
