"""Committing one finished step, as the player does: latency per `record_step`, on years of history."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.spread import Spread
from coach.core.paths import resolve_places
from coach.core.routines.loader import load_routine
from coach.core.routines.model import plan_steps
from coach.core.store.adherence import AdherenceStore

STEPS = 2010  # about ten sessions of the hip-strength routine


def step_commits(database: Path, count: int = STEPS) -> tuple[Spread, int]:
    """Milliseconds per committed step over `count` steps, and SQLite's `synchronous` as the store runs it."""
    places = resolve_places({})
    routine = load_routine(places.bundled_routines / "hip-strength.toml", places.assets)
    steps = plan_steps(routine)
    store = AdherenceStore.open(database)
    moment = datetime(2020, 1, 6, 7, tzinfo=UTC)
    times: list[float] = []
    try:
        synchronous = int(store._db.execute("PRAGMA synchronous").fetchone()[0])  # as the store runs it
        session = store.begin_session(routine, steps, moment, simulated=True)
        for number in range(count):
            step = steps[number % len(steps)]
            if number and step.index == steps[0].index:
                store.finish_session(session, completed=True, finished_at=moment)
                session = store.begin_session(routine, steps, moment, simulated=True)
            start = time.perf_counter()
            store.record_step(session, step, moment, moment + timedelta(seconds=2), skipped=False)
            times.append(1000 * (time.perf_counter() - start))
            moment += timedelta(seconds=2)
    finally:
        store.close()
    return Spread(tuple(times)), synchronous


def p99(spread: Spread) -> float:
    """The 99th percentile (nearest rank)."""
    ordered = sorted(spread.values)
    return ordered[max(0, round(0.99 * len(ordered)) - 1)]
