"""SIGTERM and SIGHUP stop a terminal session as Ctrl-C does: what was done is saved, then `coach` leaves.

Python turns Ctrl-C (SIGINT) into KeyboardInterrupt, which the terminal player already answers by stopping
and saving. SIGTERM (a log-out, `kill`, a service manager) and SIGHUP (the terminal window closed) become
`Terminated`, a KeyboardInterrupt of its own kind: the player stops and saves the same way, but asks nothing
more, and `coach` exits with 128 + the signal's number. Icing is not stopped by any of them: the ice is
still on the knee, so its run stays live (only the person or its deadline ends it).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from coach.core.i18n import _

# SIGHUP: the terminal went away (its window closed, an ssh connection dropped); not on Windows.
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class Terminated(KeyboardInterrupt):
    """A stop signal arrived; what ran was saved as stopped early."""

    def __init__(self, number: int) -> None:
        super().__init__(
            _("stopped by {signal}; what was done is saved").format(signal=signal.Signals(number).name)
        )
        self.number = number


@contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """While inside, SIGTERM and SIGHUP raise Terminated in the main thread (the only one Python signals)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def raise_terminated(number: int, _frame: FrameType | None) -> None:
        raise Terminated(number)

    previous = {number: signal.signal(number, raise_terminated) for number in STOP_SIGNALS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, signal.SIG_DFL if handler is None else handler)
