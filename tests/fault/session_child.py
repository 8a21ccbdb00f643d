"""A real session process for the crash test: runs sessions on a fast fake clock until it is killed.

After each step is committed it prints `SESSION_ID STEP_INDEX`, so the parent knows what must survive.
"""

from __future__ import annotations

import sys
from pathlib import Path

from coach.core.operations import LiveSession, start_session
from coach.core.routines.loader import load_routine
from coach.core.session.clock import FakeClock
from coach.core.session.engine import EngineState
from coach.core.session.events import Event, StepCompleted
from coach.core.store.adherence import AdherenceStore
from tests.helpers import over


def main(database: Path, routine_file: Path) -> None:
    store = AdherenceStore.open(database)
    routine = load_routine(routine_file)
    clock = FakeClock()
    while True:
        recorder = start_session(over(store, clock), routine).value
        engine = recorder.engine

        def report(event: Event, session_id: int = recorder.session_id, live: LiveSession = recorder) -> None:
            if isinstance(event, StepCompleted) and not live.unsaved:
                print(session_id, event.step.index, flush=True)

        engine.subscribe(report)  # after the recorder: printed means committed
        engine.start()
        while engine.state is EngineState.RUNNING:
            clock.advance(engine.remaining())
            engine.tick()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
