"""The real app in a child process for the kill-during-icing tests: icing started, then it waits to be killed.

With `fake`, the app's clock is the tests' fake_clock morning; with `system`, the real clock (for the
command-line tests, which read the real time). Prints `started` once the open run is committed.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from coach.core.operations.context import Coach
from coach.core.paths import resolve_places
from coach.core.session.clock import Clock, FakeClock, SystemClock
from coach.core.store.adherence import AdherenceStore
from coach.gui.app import CoachApp, Services


def main(clock_kind: str, minutes: int) -> None:
    qt_app = QApplication(sys.argv)
    places = resolve_places()
    clock: Clock = FakeClock(wall=datetime(2026, 3, 2, 8, 0, tzinfo=UTC))
    if clock_kind == "system":
        clock = SystemClock()
    app = CoachApp(Coach(places, clock, store=AdherenceStore.open(places.database)), services=Services())
    app.window.show()
    assert app.ice.start(minutes) is None
    print("started", flush=True)
    while True:
        qt_app.processEvents()
        qt_app.thread().msleep(20)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
