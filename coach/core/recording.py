"""Ties a running session to the store: every finished step is written the moment the engine reports it."""

from __future__ import annotations

from coach.core.engine import SessionEngine
from coach.core.events import Event, SessionFinished, StepCompleted
from coach.core.routine import Routine
from coach.core.store import AdherenceStore


class SessionRecorder:
    """An engine listener that commits each StepCompleted and the SessionFinished to the store."""

    def __init__(self, store: AdherenceStore, session_id: int) -> None:
        self.store = store
        self.session_id = session_id
        self.finished: SessionFinished | None = None

    def __call__(self, event: Event) -> None:
        if isinstance(event, StepCompleted):
            self.store.record_step(
                self.session_id, event.step, event.started_at, event.finished_at, skipped=event.skipped
            )
        elif isinstance(event, SessionFinished):
            self.finished = event
            self.store.finish_session(self.session_id, completed=event.completed, finished_at=event.at)


def record_session(
    store: AdherenceStore, routine: Routine, engine: SessionEngine, *, simulated: bool = False
) -> SessionRecorder:
    """Open a session row for `engine` (not yet started) and subscribe a recorder to it."""
    session_id = store.begin_session(routine, engine.steps, engine.clock.wall(), simulated=simulated)
    recorder = SessionRecorder(store, session_id)
    engine.subscribe(recorder)
    return recorder
