"""SIGTERM stops a terminal session or icing run as Ctrl-C does: what was done is saved, then `coach` leaves.

Python turns Ctrl-C (SIGINT) into KeyboardInterrupt, which the terminal player already answers by stopping
and saving. SIGTERM (a log-out, `kill`, a service manager) becomes `Terminated`, a KeyboardInterrupt of its
own kind: the player stops and saves the same way, but asks nothing more, and `coach` exits with 128 + 15.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class Terminated(KeyboardInterrupt):
    """A stop signal arrived; what ran was saved as stopped early."""

    def __init__(self, number: int) -> None:
        super().__init__(f"stopped by {signal.Signals(number).name}; what was done is saved")
        self.number = number


@contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """While inside, SIGTERM raises Terminated in the main thread (the only one Python signals)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def raise_terminated(number: int, _frame: FrameType | None) -> None:
        raise Terminated(number)

    previous = signal.signal(signal.SIGTERM, raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)
