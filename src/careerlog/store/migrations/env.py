"""Alembic environment: runs on the connection careerlog hands over, or on the URL
when driven from the alembic command line during development."""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import create_engine

from careerlog.store.tables import metadata

config = context.config


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    # The FTS5 table and its shadow tables are managed by hand in the migrations.
    return not (type_ == "table" and name is not None and name.startswith("search_index"))


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
        with engine.begin() as connection:
            _configure_and_run(connection)
    else:
        _configure_and_run(connection)


def _configure_and_run(connection: Any) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


run()
