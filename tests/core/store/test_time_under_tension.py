"""Time under tension (m013, issue 21 "dose done"): each step's prescribed and done seconds are recorded as
the step finishes, from the engine's clock; old databases keep null, read as "not recorded"."""

from __future__ import annotations

import dataclasses
import sqlite3
from contextlib import closing
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from coach.core.operations import start_session
from coach.core.operations.queries import dose_done
from coach.core.routines.model import Exercise, ExerciseKind
from coach.core.session.clock import FakeClock
from coach.core.store import schema
from coach.core.store.adherence import AdherenceStore
from tests.helpers import hold, over, reps, routine

# "Up for 2, hold 1, down for 3": 6 s under tension a rep.
TEMPO_SQUAT = dataclasses.replace(
    reps("wall-squat", sets=1, reps=2, rest_seconds=0),
    name="Wall squat",
    rep_seconds=5.0,
    hold_seconds=1.0,
    tempo=(2.0, 1.0, 3.0),
)
GET_READY = 5


def _tension_rows(store: AdherenceStore, session_id: int) -> list[tuple[object, ...]]:
    return [
        (r.exercise_id, r.kind, r.skipped, r.tension_prescribed, r.tension_done)
        for r in store.step_results([session_id])
        if r.kind in ("rep", "hold", "timer")
    ]


def test_a_tempo_rep_session_records_done_against_prescribed(
    store: AdherenceStore, fake_clock: FakeClock
) -> None:
    # Given a session of two tempo reps and two plain reps (no tempo: nothing under tension to count)
    plan = routine(TEMPO_SQUAT, reps("bridge", sets=1, reps=2, rest_seconds=0))
    coach = over(store, fake_clock)
    live = start_session(coach, plan).value
    engine = live.engine
    engine.start()

    # When the first rep runs its 6 s, the second is skipped 4 s in, and the bridge is done in full
    fake_clock.advance(GET_READY + 6 + 4)
    engine.tick()
    engine.skip()
    fake_clock.advance(GET_READY + 2 * 2)
    engine.tick()

    # Then each step kept its own seconds as it finished, and the period's figure is done against prescribed
    assert _tension_rows(store, live.session_id) == [
        ("wall-squat", "rep", False, 6.0, 6.0),
        ("wall-squat", "rep", True, 6.0, 4.0),
        ("bridge", "rep", False, None, None),
        ("bridge", "rep", False, None, None),
    ]
    (squat,) = dose_done(coach, [live.session_id])
    assert (squat.exercise_id, squat.done, squat.prescribed) == ("wall-squat", 10.0, 12.0)
    assert squat.sentence() == "Wall squat: 10 s of 12 s under tension (83 %)"


def test_a_hold_stopped_midway_records_what_was_held_not_the_pause(
    store: AdherenceStore, fake_clock: FakeClock
) -> None:
    # Given two 30 s holds, the first held 10 s, paused a minute, held 5 s more, then the session stopped
    plan = routine(hold("calf-stretch", sets=2, seconds=30))
    coach = over(store, fake_clock)
    live = start_session(coach, plan).value
    engine = live.engine
    engine.start()
    fake_clock.advance(GET_READY + 10)
    engine.pause()
    fake_clock.advance(60)
    engine.resume()
    fake_clock.advance(5)

    engine.stop()

    # Then the hold is recorded as not done, with the 15 s actually held, against the plan's 60 s
    assert _tension_rows(store, live.session_id) == [("calf-stretch", "hold", True, 30.0, 15.0)]
    record = store.session(live.session_id)
    assert (record.steps_completed, record.completed) == (0, False)
    (stretch,) = dose_done(coach, [live.session_id])
    assert stretch.sentence() == "Calf Stretch: 15 s of 1 min under tension (25 %)"


def test_a_set_until_tired_counts_the_reps_done_at_the_tempo(
    store: AdherenceStore, fake_clock: FakeClock
) -> None:
    until_tired = Exercise(
        id="saq",
        name="Short-arc quad",
        kind=ExerciseKind.REPS,
        sets=1,
        reps=10,
        rep_seconds=4.0,
        hold_seconds=1.0,
        tempo=(2.0, 1.0, 2.0),
        reps_range=(10, 15),
        until_tired=True,
    )
    coach = over(store, fake_clock)
    live = start_session(coach, routine(until_tired)).value
    live.engine.start()
    fake_clock.advance(GET_READY + 70)
    live.engine.tick()

    live.engine.end_set(12)

    # 12 reps of 5 s done, against the bottom of the range (10 reps of 5 s)
    assert _tension_rows(store, live.session_id) == [("saq", "rep", False, 50.0, 60.0)]
    (saq,) = dose_done(coach, [live.session_id])
    assert saq.sentence() == "Short-arc quad: 1 min of 50 s under tension (120 %)"


def _database_before_m013(path: Path) -> None:
    """A database as the release before m013 left it, with one session: a wall squat held twice (30 s, the
    second skipped) and icing."""
    before = Migrations(schema.MIGRATION_SET)
    for name in schema.KNOWN_MIGRATIONS:
        if name != "m013_time_under_tension":
            before()(getattr(schema, name))
    with closing(Database(path)) as db:
        before.apply(db)
        db["sessions"].insert(  # type: ignore[union-attr]
            {
                "id": 1,
                "routine_id": "knee",
                "routine_title": "Knee",
                "started_at": "2026-03-02T08:00:00+00:00",
                "finished_at": "2026-03-02T08:30:00+00:00",
                "status": "completed",
                "steps_total": 3,
                "sessions_per_week": 3,
                "utc_offset_minutes": 0,
                "local_day": "2026-03-02",
            }
        )
        for index, (exercise, kind, skipped) in enumerate(
            [("wall-squat", "hold", 0), ("wall-squat", "hold", 1), ("ice", "timer", 0)]
        ):
            db["step_results"].insert(  # type: ignore[union-attr]
                {
                    "session_id": 1,
                    "step_index": index,
                    "kind": kind,
                    "exercise_id": exercise,
                    "planned_seconds": 30.0 if kind == "hold" else 1200.0,
                    "finished_at": "2026-03-02T08:10:00+00:00",
                    "skipped": skipped,
                }
            )
        for exercise, name, steps in (("wall-squat", "Wall squat", 2), ("ice", "Ice the knee", 1)):
            db["planned_work"].insert(  # type: ignore[union-attr]
                {"session_id": 1, "exercise_id": exercise, "exercise_name": name, "side": "", "steps": steps}
            )
        db.execute(
            "INSERT INTO work_totals (session_id, exercise_id, side, done, reached, first_step)"
            " VALUES (1, 'wall-squat', '', 1, 2, 0), (1, 'ice', '', 1, 1, 2)"
        )
        db.conn.commit()


def test_m013_upgrades_an_old_database_and_its_rows_read_not_recorded(tmp_path: Path) -> None:
    # Given a database from before m013 with a session in it
    path = tmp_path / "coach.db"
    _database_before_m013(path)

    # When this version opens it
    store = AdherenceStore.open(path)
    try:
        steps = _tension_rows(store, 1)
        doses = dose_done(over(store), [1])
    finally:
        store.close()

    # Then the step and plan rows are kept with null seconds, icing (timers alone) has none to count, and
    # the wall squat reads "not recorded": nothing invented for it
    assert steps == [
        ("wall-squat", "hold", False, None, None),
        ("wall-squat", "hold", True, None, None),
        ("ice", "timer", False, None, None),
    ]
    with closing(sqlite3.connect(path)) as db:
        planned = db.execute(
            "SELECT exercise_id, tension_seconds FROM planned_work ORDER BY rowid"
        ).fetchall()
        applied = [row[0] for row in db.execute("SELECT name FROM _sqlite_migrations ORDER BY rowid")]
    assert planned == [("wall-squat", None), ("ice", 0.0)]
    assert applied[-1] == "m013_time_under_tension"
    assert [d.sentence() for d in doses] == ["Wall squat: time under tension not recorded"]
