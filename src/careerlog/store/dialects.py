"""SQL that must read differently on SQLite and PostgreSQL, as SQLAlchemy constructs
compiled per dialect (the services' queries otherwise stay portable)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement


class iso_day(FunctionElement[str]):
    """The calendar day of a DATE or TIMESTAMP column as ``YYYY-MM-DD`` text, for
    grouping by day: a prefix of the stored text on SQLite, ``to_char`` on PostgreSQL."""

    type = String()
    inherit_cache = True
    name = "iso_day"


@compiles(iso_day)
def _iso_day_sqlite(element: iso_day, compiler: SQLCompiler, **kw: Any) -> str:
    return f"substr({compiler.process(element.clauses, **kw)}, 1, 10)"


@compiles(iso_day, "postgresql")
def _iso_day_postgresql(element: iso_day, compiler: SQLCompiler, **kw: Any) -> str:
    return f"to_char({compiler.process(element.clauses, **kw)}, 'YYYY-MM-DD')"
