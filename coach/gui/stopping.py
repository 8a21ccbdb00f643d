"""SIGTERM, SIGINT and SIGHUP close the app: a session saved as stopped early, store and socket closed.

An icing run is not stopped: the ice is still on the knee, so its run stays live for the next start.

Python runs a signal handler only when the interpreter next gets control, which a Qt event loop waiting in
C++ may not give it for a long time. On POSIX the signal's number is also written to a pipe that a
QSocketNotifier watches, so the loop wakes at once; elsewhere a timer wakes it a few times a second, only
while the handlers are installed.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable
from types import FrameType

from PySide6.QtCore import QObject, QSocketNotifier, QTimer

STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name)
)
_WAKE_MS = 250


class StopOnSignal(QObject):
    """Calls `stop(signal_number)` in the event loop when a stop signal arrives, until `uninstall`."""

    def __init__(self, stop: Callable[[int], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stop = stop
        self._previous = {number: signal.signal(number, self._on_signal) for number in STOP_SIGNALS}
        self._pipe: tuple[int, int] | None = None
        self._previous_wakeup = -1
        self._notifier: QSocketNotifier | None = None
        self._timer: QTimer | None = None
        if os.name == "posix":
            read_end, write_end = os.pipe()
            os.set_blocking(read_end, False)
            os.set_blocking(write_end, False)
            self._pipe = (read_end, write_end)
            self._previous_wakeup = signal.set_wakeup_fd(write_end, warn_on_full_buffer=False)
            self._notifier = QSocketNotifier(read_end, QSocketNotifier.Type.Read, self)
            self._notifier.activated.connect(self._drain)
        else:
            self._timer = QTimer(self)
            self._timer.timeout.connect(lambda: None)  # lets Python run a pending handler
            self._timer.start(_WAKE_MS)

    def _on_signal(self, number: int, _frame: FrameType | None) -> None:
        self._stop(number)

    def _drain(self) -> None:
        """Empty the pipe; Python has already run the handler before this slot's first line."""
        if self._pipe is not None:
            with contextlib.suppress(BlockingIOError, InterruptedError):
                while os.read(self._pipe[0], 64):
                    pass

    def uninstall(self) -> None:
        """Give the signals back to whoever had them, and stop watching."""
        for number, handler in self._previous.items():
            signal.signal(number, signal.SIG_DFL if handler is None else handler)
        if self._timer is not None:
            self._timer.stop()
        if self._notifier is not None:
            self._notifier.setEnabled(False)
        if self._pipe is not None:
            signal.set_wakeup_fd(self._previous_wakeup)
            for end in self._pipe:
                os.close(end)
            self._pipe = None
