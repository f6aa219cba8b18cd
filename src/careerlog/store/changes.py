"""Noticing that another program wrote to the store (a ``careerlog add`` from the shell
while the TUI is open), cheaply enough to ask every second.

SQLite: ``PRAGMA data_version`` on a connection kept for the purpose changes whenever
any other connection commits; it reads no table. PostgreSQL: the database's running
count of rows inserted, updated and deleted (``pg_stat_user_tables``), which every
committed write moves. Either way one small query per look.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import exc

from careerlog.domain.errors import StoreError

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from careerlog.store.db import Store

VERSION_SQL = {
    "sqlite": "PRAGMA data_version",
    "postgresql": (
        "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_user_tables"
    ),
}


class ChangeWatch:
    """Holds one connection of its own; :meth:`changed` says whether anything was
    committed since the last look (or since :meth:`sync`)."""

    def __init__(self, store: Store) -> None:
        self._sql = VERSION_SQL.get(store.dialect)
        self._conn: Connection | None = store.engine.connect() if self._sql else None
        self._seen = self._version()

    def _version(self) -> Any:
        if self._conn is None or self._sql is None:
            return None
        try:
            return self._conn.exec_driver_sql(self._sql).scalar()
        except exc.DBAPIError as error:
            raise StoreError(f"cannot tell whether the store changed: {error.orig}") from None
        finally:
            # No transaction stays open: a snapshot held here would hide later commits.
            self._conn.rollback()

    def changed(self) -> bool:
        version = self._version()
        changed = bool(version != self._seen)
        self._seen = version
        return changed

    def sync(self) -> None:
        """Take what was committed so far as seen (after this program's own writes)."""
        self._seen = self._version()

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
