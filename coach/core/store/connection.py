"""The store's connection: plain sqlite3 to read, sqlite-utils' `Database` made on the same connection when
the store first writes or migrates.

sqlite-utils stays the store's library for writing and for the schema steps, but importing it costs about
45 ms (it loads dateutil, click and its plugin discovery through importlib.metadata), a third of what
`coach history --json` took on a year of history. Reading and the pragmas need nothing it adds, so a store
that only reads never loads it.
"""

from __future__ import annotations

import importlib
import sqlite3
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database


class StoreConnection:
    """The connection AdherenceStore and its mixins share: `_conn` to read, `_db` to write."""

    _conn: sqlite3.Connection
    _wrapper: Database | None = None

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """The rows `sql` reads, each as a dict by column name (the icing runs', the runs' records)."""
        cursor = self._conn.execute(sql, list(params))
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]

    @property
    def _db(self) -> Database:
        """sqlite-utils' wrapper of `_conn`, made (and its library imported) the first time it is asked for.

        Ask for it before a transaction begins: making it runs a pragma on the connection. The app imports
        the library on a thread when a person sets out to record something (`preload_writer`), so that
        making it then is quick.
        """
        if self._wrapper is None:
            from sqlite_utils import Database

            self._wrapper = Database(self._conn)
        return self._wrapper


_preloading: list[threading.Thread] = []


def preload_writer() -> None:
    """Import sqlite-utils on a thread, once, so the first write (a session about to start) does not wait
    for it (~50-100 ms and ~15 MiB: the app does not load it before it is about to be needed)."""
    if _preloading:
        return
    thread = threading.Thread(
        target=importlib.import_module, args=("sqlite_utils",), name="coach-preload", daemon=True
    )
    _preloading.append(thread)
    thread.start()
