"""Say what the store's modules need of a database connection, so both backends are typed as one.

The address book, lists, profiles, register, drafts and the search index speak the API of
``sqlite3.Connection``; the office's server (:class:`~dnnd_drafter.store.server.ServerConnection`,
PostgreSQL through psycopg) speaks the same few calls. :class:`StoreConnection` names those
calls, and mypy checks that both connections have them: no cast pretends the server is SQLite.
Code that needs SQLite itself (backups, recovery, the marks file) keeps ``sqlite3.Connection``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Protocol


class StoreCursor(Protocol):
    """Give the rows of one statement: ``sqlite3.Cursor`` and the server's cursor."""

    @property
    def rowcount(self) -> int:
        """Return how many rows the statement changed."""
        ...

    @property
    def lastrowid(self) -> int | None:
        """Return the id of the row inserted last, or None."""
        ...

    def fetchone(self) -> Any:
        """Return the next row, or None."""
        ...

    def fetchall(self) -> list[Any]:
        """Return the rows not read yet."""
        ...

    def __iter__(self) -> Iterator[Any]:
        """Return the rows one by one."""
        ...


class StoreConnection(Protocol):
    """Run the store's SQL: ``sqlite3.Connection`` on one PC, the server's connection for an office."""

    @property
    def in_transaction(self) -> bool:
        """Return whether a transaction is open."""
        ...

    @property
    def total_changes(self) -> int:
        """Return how many rows (SQLite) or statements (the server) wrote through this connection."""
        ...

    def execute(self, sql: str, parameters: Any = ..., /) -> StoreCursor:
        """Run one statement."""
        ...

    def executemany(self, sql: str, parameters: Any, /) -> StoreCursor:
        """Run one statement for each set of parameters."""
        ...

    def commit(self) -> None:
        """Commit the open transaction."""
        ...

    def rollback(self) -> None:
        """Roll the open transaction back."""
        ...

    def close(self) -> None:
        """Close the connection."""
        ...


if TYPE_CHECKING:  # mypy checks here that both backends are store connections
    import sqlite3

    from dnnd_drafter.store.server import OfflineConnection, ServerConnection

    def _backends(local: sqlite3.Connection, server: ServerConnection,
                  offline: OfflineConnection) -> list[StoreConnection]:
        return [local, server, offline]
