"""One way to write to SQLite: a short ``BEGIN IMMEDIATE`` transaction with clear errors.

Shared by :mod:`newsdesk.core.storage` and the rates store, which use the same database file.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator

from newsdesk.core.errors import StorageError


@contextlib.contextmanager
def immediate(conn: sqlite3.Connection, what: str) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` … ``COMMIT``, or ``ROLLBACK`` on any exception.

    SQLite's "locked", "full" and other operational errors become a :class:`StorageError`
    that names ``what`` (e.g. "the database /path/newsdesk.sqlite3", "the rates").
    """
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise storage_error(exc, what) from exc
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.OperationalError):
            raise storage_error(exc, what) from exc
        raise


def storage_error(exc: sqlite3.OperationalError, what: str) -> StorageError:
    """A one-sentence error for an operational SQLite failure."""
    text = str(exc)
    if "locked" in text or "busy" in text:
        return StorageError("The database is busy in another program or window; try again shortly.")
    if "full" in text:
        return StorageError(f"The disk holding {what} is full; nothing was changed.")
    return StorageError(f"{what[:1].upper()}{what[1:]} could not be written: {text}.")
