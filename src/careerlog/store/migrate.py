"""Run Alembic migrations from inside the package (no alembic.ini at run time).

An existing SQLite store is copied with the SQLite backup API before it is
migrated, because SQLite runs DDL outside transactions.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection

from careerlog import paths
from careerlog.atomic import place
from careerlog.store import sqlite
from careerlog.store.db import Store
from careerlog.store.files import identity
from careerlog.store.revisions import HEAD

SCRIPT_LOCATION = "careerlog.store:migrations"
MIGRATION_LOCK = 0x6361_7265_6572  # "career": the advisory lock key careerlog migrates under


def alembic_config(store: Store) -> Config:
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    config.set_main_option("sqlalchemy.url", store.url.replace("%", "%%"))  # ConfigParser
    return config


def backup_sqlite(source: Path, target: Path) -> Path:
    """Consistent copy of a live SQLite file through the backup API, made 0600; a file
    already at ``target`` is refused, never replaced."""
    paths.ensure_private_dir(target.parent)
    return place(target, lambda tmp: sqlite.copy(source, tmp), replace=False)


def upgrade(store: Store, current: str | None) -> None:
    """Bring the store to HEAD; back an existing SQLite file up first."""
    config = alembic_config(store)
    # A write transaction from the start (BEGIN IMMEDIATE on SQLite): several careerlogs
    # opening a new store at once then take turns, and the later ones find it migrated,
    # instead of failing with "database is locked" when a read turns into a write.
    with store.write() as conn:
        if conn.dialect.name == "postgresql":
            # PostgreSQL's BEGIN takes no lock: without this, 20 careerlogs adding to a
            # new database at once each ran the migrations, and some failed on tables
            # another had just created. The lock lasts until this transaction ends; the
            # ones that waited find the schema at head and do nothing.
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
        # Read the revision again under the lock: another careerlog may have migrated
        # (and backed up) the store meanwhile; a second backup would collide with it.
        if current is not None and store.path is not None and _revision(conn) != HEAD:
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            stem = identity.backup_stem(store.path, identity.of_file(store.path, "read"))
            backup_sqlite(store.path, paths.backups_dir() / f"{stem}-{stamp}-before-migration.db")
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def _revision(conn: Connection) -> str | None:
    row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
    return None if row is None else str(row[0])
