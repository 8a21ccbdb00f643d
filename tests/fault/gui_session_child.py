"""The real app in a child process for the kill-and-recover test: a session on a fast fake clock.

Prints `STEP_INDEX` after each step is committed, so the parent knows what must survive the kill.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from coach.core.operations.context import Coach
from coach.core.paths import resolve_places
from coach.core.session.clock import FakeClock
from coach.core.session.events import Event, StepCompleted
from coach.core.store.adherence import AdherenceStore
from coach.gui.app import CoachApp, Services


def main(routine_id: str) -> None:
    qt_app = QApplication(sys.argv)
    places = resolve_places()
    clock = FakeClock(wall=datetime(2026, 3, 2, 8, 0, tzinfo=UTC))  # the tests' fake_clock day
    app = CoachApp(Coach(places, clock, store=AdherenceStore.open(places.database)), services=Services())
    app.window.show()
    player = app.sessions.start_routine(routine_id)
    assert player is not None

    def report(event: Event) -> None:
        if isinstance(event, StepCompleted):
            print(event.step.index, flush=True)

    player.engine.subscribe(report)  # after the recorder: printed means committed
    while True:
        clock.advance(1.0)
        player.tick()
        qt_app.processEvents()


if __name__ == "__main__":
    main(sys.argv[1])
