"""The exact schema careerlog's migrations produce at each revision, and how an SQLite
file differs from it.

``restore`` accepts a backup only when its tables, indexes and triggers are exactly
these, with no view or other object: a crafted file could otherwise bring a trigger
that runs on the next write (one deleted every entry on the next add), a view standing
in for ``entry``, or no tables at all. What careerlog expects is not written down
twice: it is read from a store migrated to the same revision, freshly, in a temporary
folder (about half a second, once per process and revision).
"""

from __future__ import annotations

import re
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

from careerlog.store import sqlite

Schema = dict[tuple[str, str], tuple[str, str]]
"""``(type, name)`` → ``(table it belongs to, its SQL)`` for every object in the file."""

_SPACE = re.compile(r"\s+")
_AROUND = re.compile(r"\s*([(),=])\s*")
_KIND_NAMES = {"table": "table", "index": "index", "trigger": "trigger", "view": "view"}


_CONSTRAINT = ("CONSTRAINT ", "PRIMARY KEY", "UNIQUE", "CHECK", "FOREIGN KEY")


def _normal(sql: str | None) -> str:
    """SQL text compared without its layout (SQLite keeps it as it was written), and a
    table's constraints without their order: Alembic's batch copy of a table writes
    them in an order that changes from run to run. Its columns keep theirs."""
    if sql is None:
        return ""
    text = _AROUND.sub(r"\1", _SPACE.sub(" ", sql.strip()))
    if not text.upper().startswith("CREATE TABLE"):
        return text
    head, _, rest = text.partition("(")
    items, tail = _split_items(rest)
    if tail is None:
        return text
    columns = [i for i in items if not i.upper().startswith(_CONSTRAINT)]
    constraints = sorted(i for i in items if i.upper().startswith(_CONSTRAINT))
    return f"{head}({','.join(columns + constraints)}){tail}"


def _split_items(body: str) -> tuple[list[str], str | None]:
    """The comma-separated items of a CREATE TABLE's outer parentheses (``body`` starts
    just inside them) and what follows the closing one; ``None`` for the latter when
    the text does not close (left to compare as written)."""
    items: list[str] = []
    depth, start, quote = 0, 0, ""
    for at, ch in enumerate(body):
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"`[":
            quote = "]" if ch == "[" else ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                items.append(body[start:at])
                return items, body[at + 1 :]
            depth -= 1
        elif ch == "," and depth == 0:
            items.append(body[start:at])
            start = at + 1
    return items, None


def schema_of(con: sqlite.Connection) -> Schema:
    """Every object of the open file, as :data:`Schema`."""
    return {
        (str(kind), str(name)): (str(table), _normal(sql))
        for kind, name, table, sql in con.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master"
        )
    }


@lru_cache(maxsize=4)
def expected(revision: str) -> tuple[tuple[tuple[str, str], tuple[str, str]], ...]:
    """The schema of an empty store migrated to ``revision``, made now in a temporary
    folder and thrown away (cached: the items of a :data:`Schema`)."""
    from alembic import command  # Alembic (~150 ms): only restore needs it

    from careerlog.store import migrate
    from careerlog.store.db import open_store

    folder = Path(tempfile.mkdtemp(prefix="careerlog-schema-"))
    try:
        store = open_store(str(folder / "fresh.db"), migrate=False)
        try:
            config = migrate.alembic_config(store)
            with store.write() as conn:
                config.attributes["connection"] = conn
                command.upgrade(config, revision)
        finally:
            store.engine.dispose()  # not close(): no "checked" note for a throwaway file
        con = sqlite.connect(folder / "fresh.db", "read", key=None)
        try:
            return tuple(sorted(schema_of(con).items()))
        finally:
            con.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _named(kind: str, name: str) -> str:
    return f"the {_KIND_NAMES.get(kind, kind)} {name!r}"


def difference(con: sqlite.Connection, revision: str) -> str | None:
    """The first way the open file's schema differs from careerlog's at ``revision``,
    in words ("holds a trigger 'x' careerlog does not make"), or ``None`` when it is
    exactly the same."""
    found = schema_of(con)
    wanted = dict(expected(revision))
    extra = sorted(set(found) - set(wanted))
    missing = sorted(set(wanted) - set(found))
    changed = sorted(key for key in set(found) & set(wanted) if found[key] != wanted[key])
    views = [key for key in extra if key[0] == "view"]
    if views:
        return f"holds {_named(*views[0])}, and no careerlog store has views"
    triggers = [key for key in extra if key[0] == "trigger"]
    if triggers:
        return f"holds {_named(*triggers[0])} that careerlog does not make"
    if extra:
        return f"holds {_named(*extra[0])} that careerlog does not make"
    if missing:
        names = ", ".join(name for _, name in missing[:3])
        more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
        return f"lacks {len(missing)} of careerlog's objects ({names}{more})"
    if changed:
        return f"has {_named(*changed[0])} defined otherwise than careerlog defines it"
    return None
