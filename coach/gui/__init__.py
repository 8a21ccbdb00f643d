"""The Qt face of Rehab Coach: adapts core events to widgets and owns no rules of its own."""

from __future__ import annotations

import ctypes
import sys


def _keep_none_alive() -> None:
    """Give None the huge reference count Python 3.12 gives it (PEP 683), on the Pythons before it.

    PySide6 6.12.0 on Python 3.11 drops one reference to None on every call of a Qt method that returns
    nothing (`setText`, `drawRect`, `update`…). None starts with a few thousand, so a few thousand such calls
    (a single paint of the history charts makes that many) bring it to zero and Python aborts with
    "none_dealloc: deallocating None", then or at exit. From 3.12 on, None is immortal and this never bites;
    before it, the same huge count keeps the dropped references harmless.
    """
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40


_keep_none_alive()
