"""How long the GUI thread was held: the longest gap between two ticks of a precise 5 ms timer."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from pytestqt.qtbot import QtBot

TICK_MS = 5


class StallMeter:
    """Ticks every 5 ms on the event loop; `longest` is the longest gap between two ticks, in seconds."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.ticks = 0
        self.longest = 0.0
        self._last: float | None = None

    def start(self) -> StallMeter:
        self._last = time.monotonic()
        self.timer.start()
        return self

    def stop(self) -> None:
        self.timer.stop()

    def _tick(self) -> None:
        now = time.monotonic()
        if self._last is not None:
            self.longest = max(self.longest, now - self._last)
        self._last = now
        self.ticks += 1

    def around(self, qtbot: QtBot, work: Callable[[], object]) -> None:
        """Run `work` from the event loop, then let the loop tick on a few times: a stall it caused shows."""
        done: list[int] = []

        def run() -> None:
            work()
            done.append(self.ticks)

        QTimer.singleShot(0, run)
        qtbot.waitUntil(lambda: bool(done) and self.ticks >= done[0] + 3)
