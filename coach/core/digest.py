"""SHA-256 without loading OpenSSL: the routine files' version hash and the app's socket name, at start.

`hashlib` loads OpenSSL (about 3.5 MiB resident) the moment it is imported, to hash a few kilobytes of
routine files before the first window paints. CPython's own SHA-256 module gives the same digest; where a
Python has none, hashlib does the work.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _builtin_sha256() -> Callable[[bytes], Any]:
    try:
        from _sha2 import sha256  # type: ignore[import-not-found]  # Python 3.12 and later
    except ImportError:
        try:
            from _sha256 import sha256  # type: ignore[import-not-found]  # Python 3.11
        except ImportError:
            from hashlib import sha256
    return sha256  # type: ignore[no-any-return]


_sha256 = _builtin_sha256()


def sha256_hex(data: bytes) -> str:
    """The SHA-256 digest of `data` as 64 lowercase hex digits (as hashlib.sha256(data).hexdigest())."""
    return str(_sha256(data).hexdigest())
