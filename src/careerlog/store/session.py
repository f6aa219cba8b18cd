"""ORM sessions bound to one store transaction (imports the ORM: keep off hot paths)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from careerlog.store.db import Store


@contextmanager
def write_session(store: Store) -> Iterator[Session]:
    """A Session inside one write transaction; flushed, then committed with it."""
    with store.write() as conn, Session(bind=conn, expire_on_commit=False) as session:
        yield session
        session.flush()


@contextmanager
def read_session(store: Store) -> Iterator[Session]:
    with store.read() as conn, Session(bind=conn) as session:
        yield session
