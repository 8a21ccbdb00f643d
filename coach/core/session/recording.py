"""Ties a running session to the store: every finished step is written the moment the engine reports it."""

from __future__ import annotations

from datetime import datetime, timedelta

from coach.core.history.records import SessionRecord
from coach.core.routines.model import Routine, plan_steps, total_seconds
from coach.core.session.clock import FakeClock
from coach.core.session.engine import SessionEngine
from coach.core.session.events import Event, SessionFinished, StepCompleted
from coach.core.store.adherence import AdherenceStore


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


def record_simulated_session(
    store: AdherenceStore, routine: Routine, now: datetime, *, pain: int | None = None
) -> SessionRecord:
    """Run a whole session at once on a simulated clock and record it, marked simulated (for demos, tests).

    The simulated session ends at `now`, so that it lands in today's history like a real one would.
    """
    steps = plan_steps(routine)
    clock = FakeClock(wall=now - timedelta(seconds=total_seconds(steps)))
    engine = SessionEngine(steps, clock)
    recorder = record_session(store, routine, engine, simulated=True)
    engine.start()
    clock.advance(engine.seconds_total)
    engine.tick()
    if pain is not None:
        store.record_pain(recorder.session_id, pain)
    return store.session(recorder.session_id)
