"""The person's settings, a small TOML file in the config folder.

Read with :mod:`tomllib`; edited in place with tomlkit (comments kept, only what
changed written), atomically.
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


def update(section: str, **values: Any) -> dict[str, dict[str, Any]]:
    """Change some settings and return the whole merged configuration.

    The file is edited, not rewritten: the person's comments, order and spacing stay,
    and only what changed is written (a setting set to its default is not added to a
    file that never named it). Read and written with tomlkit, which only this needs.
    """
    import tomlkit  # ~15 ms: only when a setting is saved
    from tomlkit.exceptions import ParseError

    path = paths.config_file()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    except (OSError, UnicodeDecodeError) as error:
        raise CareerlogError(f"{path}: cannot read the settings: {error}") from None
    try:
        document = tomlkit.parse(text)
    except ParseError as error:
        raise CareerlogError(f"{path}: cannot read the settings: {error}") from None
    table = document.get(section)
    if table is None:
        table = tomlkit.table()
    elif not isinstance(table, dict):
        raise CareerlogError(f"{path}: [{section}] should be a table of settings")
    changed = False
    for key, value in values.items():
        if key in table:
            if table[key] == value:
                continue
        elif DEFAULTS.get(section, {}).get(key) == value:
            continue
        table[key] = value
        changed = True
    if changed:
        if section not in document:
            document[section] = table
        paths.ensure_private_dir(path.parent)
        write_text(path, tomlkit.dumps(document))
    return load()
