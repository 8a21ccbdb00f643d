"""Damage met after opening: a page that turns out unreadable on some later read gets issue 14's sentence.

The store checks the whole file at most once a day (see `opening`), so a file damaged since then is first
noticed by whichever read touches the bad page. Every public method of the store is wrapped: SQLite's
"malformed" / "not a database" becomes the same StoreError as at opening (the file closed and moved aside,
untouched, with the way back), and every later call on that store repeats it instead of a traceback.
"""

from __future__ import annotations

import functools
import inspect
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, Protocol, TypeVar

from coach.core.store.errors import StoreError
from coach.core.store.opening import damaged, is_damage

P = ParamSpec("P")
R = TypeVar("R")
S = TypeVar("S", bound=type)

# Opening reports its own failures; closing must always work.
_LEFT_ALONE = frozenset({"open", "close"})


class _Store(Protocol):
    path: Path | None
    moved_aside: StoreError | None

    def close(self) -> None: ...


def reports_damage(cls: S) -> S:
    """Wrap every public method of the store class `cls` (its mixins' too) with `_guarded`."""
    for name in dir(cls):
        if name.startswith("_") or name in _LEFT_ALONE:
            continue
        member = inspect.getattr_static(cls, name)
        if inspect.isfunction(member):
            setattr(cls, name, _guarded(member))
    return cls


def _guarded(method: Callable[Concatenate[Any, P], R]) -> Callable[Concatenate[Any, P], R]:
    @functools.wraps(method)
    def guarded(store: _Store, /, *args: P.args, **kwargs: P.kwargs) -> R:
        if store.moved_aside is not None:
            raise StoreError(str(store.moved_aside))
        try:
            return method(store, *args, **kwargs)
        except sqlite3.DatabaseError as error:
            if store.path is None or not is_damage(error):
                raise
            store.close()  # closed before it moves, as at opening: nothing more is read or written
            store.moved_aside = damaged(store.path, str(error))
            raise store.moved_aside from error

    return guarded
