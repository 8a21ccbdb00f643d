"""History's window reads the days it shows and short rows for the rest (m009): the figures stay the same.

The reference is what the window computed before: every session ever recorded, read and walked. Three
generated years (London with a week a year in New York: both change their clocks) with, on top, what the
generator does not make: a second routine whose file changed and changed back more than a year ago, a
"yes" to a warning sign long ago, a clinician review, sessions recorded before the UTC offset was kept, a
simulated session and one left open by a crash.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bench.generate_history import generate
from coach.core.clinical.pain_rule import Progression
from coach.core.history.advice import routine_advice
from coach.core.history.overview import history_overview
from coach.core.history.prescription import programme_week
from coach.core.history.stats import DoseDays, summarize
from coach.core.operations.history_view import FindRoutine, HistoryView, read_history
from coach.core.paths import resolve_places
from coach.core.routines.loader import load_routine
from coach.core.routines.model import Routine, plan_steps
from coach.core.store.adherence import AdherenceStore
from tests.helpers import over, reps, routine

TODAY = date(2026, 3, 4)
LONDON = ZoneInfo("Europe/London")
OTHER = dataclasses.replace(
    routine(reps("bridge", sets=1, reps=4), routine_id="other", per_week=2), title="Other routine"
)


def _session(
    store: AdherenceStore,
    chosen: Routine,
    day: date,
    *,
    done: bool = True,
    pain: int | None = 3,
    signs: dict[str, bool | None] | None = None,
    morning: int | None = None,
    finish: bool = True,
) -> int:
    start = datetime.combine(day, time(18, 0), LONDON)
    steps = plan_steps(chosen)
    session_id = store.begin_session(chosen, steps, start, zone=LONDON)
    moment = start
    for step in steps:
        store.record_step(session_id, step, moment, moment + timedelta(seconds=5), skipped=not done)
        moment += timedelta(seconds=5)
    if finish:
        store.finish_session(session_id, completed=True, finished_at=moment)
        store.record_pain(session_id, pain)
        if signs:
            store.record_warning_signs(session_id, signs)
        if morning is not None:
            store.record_morning_pain(session_id, morning, at=moment + timedelta(hours=14))
    return session_id


def _forget_offset(path: Path, session_ids: list[int]) -> None:
    """Make sessions look recorded before Rehab Coach kept the UTC offset (and so before m009's day)."""
    with closing(sqlite3.connect(path)) as db, db:
        db.executemany(
            "UPDATE sessions SET utc_offset_minutes = NULL, time_zone = NULL, local_day = NULL WHERE id = ?",
            [(n,) for n in session_ids],
        )


@pytest.fixture(scope="module")
def years(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[AdherenceStore, Routine]]:
    path = tmp_path_factory.mktemp("years") / "coach.db"
    generate(path, years=3, today=TODAY)
    places = resolve_places({})
    hips = load_routine(places.bundled_routines / "hip-strength.toml", places.assets)
    store = AdherenceStore.open(path)
    old = TODAY - timedelta(days=800)
    first = _session(store, dataclasses.replace(OTHER, content_hash="a"), old)
    _session(store, dataclasses.replace(OTHER, content_hash="a"), old + timedelta(days=3))
    _session(store, dataclasses.replace(OTHER, content_hash="a"), old + timedelta(days=3))  # twice that day
    _session(store, dataclasses.replace(OTHER, content_hash="b"), old + timedelta(days=60), morning=2)
    _session(store, dataclasses.replace(OTHER, content_hash="a"), old + timedelta(days=200))
    _session(store, dataclasses.replace(OTHER, content_hash="a"), old + timedelta(days=201), pain=7)
    _session(store, hips, old + timedelta(days=5), signs={"night_pain": True, "swelling": False})
    _session(store, dataclasses.replace(OTHER, id="gone", title="Gone"), old + timedelta(days=9))
    recent = _session(store, dataclasses.replace(OTHER, content_hash="a"), TODAY - timedelta(days=20))
    # a clock set back: a session of the new version recorded after, dated before, its first one
    _session(store, dataclasses.replace(OTHER, content_hash="b"), old + timedelta(days=30))
    _session(store, hips, TODAY - timedelta(days=3), done=False)
    _session(store, hips, TODAY - timedelta(days=1), finish=False)  # the app died in it
    simulated = store.begin_session(
        hips, plan_steps(hips), datetime.combine(TODAY, time(7), UTC), simulated=True
    )
    store.finish_session(simulated, completed=True, finished_at=datetime.combine(TODAY, time(8), UTC))
    store.close()
    _forget_offset(path, [first, recent])
    store = AdherenceStore.open(path)
    yield store, hips
    store.close()


def _everything(store: AdherenceStore, today: date, tz: tzinfo, find: FindRoutine) -> HistoryView:
    """What the window computed before: every session read and walked (the reference)."""
    sessions = store.sessions()
    marks = store.day_marks()
    overview = history_overview(sessions, marks, [r.started_at for r in store.icing_runs()], today, tz)
    titles = {s.routine_id: s.routine_title for s in sessions}
    latest = sorted(
        titles, key=lambda r: max(s.started_at for s in sessions if s.routine_id == r), reverse=True
    )
    finder = find if callable(find) else (lambda _: None)
    last = finder(sessions[-1].routine_id)
    routine_found = next(
        (r for r in (finder(s.routine_id) for s in reversed(sessions)) if r is not None), None
    )
    advice = None
    if routine_found is not None:
        advice = routine_advice(sessions, routine_found, today, tz, store.last_clinician_review())
    return HistoryView(
        overview,
        tuple(sessions),
        today,
        {r: titles[r] for r in latest},
        routine_found,
        advice,
        programme_week(sessions, last, today, tz) if last is not None else None,
    )


@pytest.mark.parametrize("shift", [0, 40, -200])
@pytest.mark.parametrize("reviewed", [False, True])
def test_the_window_shows_what_every_session_gave(
    years: tuple[AdherenceStore, Routine], shift: int, reviewed: bool
) -> None:
    # Given three years of history and more (see the module's text), looked at on a day in it or after it
    store, hips = years
    today = TODAY + timedelta(days=shift)
    if reviewed:  # a clinician saw the person after the old "yes", still more than a year ago
        store.record_clinician_review(datetime.combine(TODAY - timedelta(days=700), time(12), UTC))
    routines = {hips.id: hips, OTHER.id: dataclasses.replace(OTHER, content_hash="a")}
    for tz in (LONDON, ZoneInfo("America/New_York")):
        # When the window reads the days it shows, with short rows for the rest
        view = read_history(over(store, now=datetime.combine(today, time(12), tz), zone=tz), routines.get)

        # Then every figure, the advice and the programme week are what every session gave
        expected = _everything(store, today, tz, routines.get)
        assert dataclasses.replace(view.overview, sessions=()) == dataclasses.replace(
            expected.overview, sessions=()
        )
        assert view.titles == expected.titles
        assert list(view.titles) == list(expected.titles)
        assert view.routine == expected.routine
        assert view.advice is not None
        assert expected.advice is not None
        if expected.advice.decision is Progression.SEE_CLINICIAN:
            # the warning-sign pause's own sentence, the same in every face (operations/pause.py)
            assert view.advice.reason.startswith("Exercise is paused")
            expected_advice = dataclasses.replace(expected.advice, reason=view.advice.reason)
        else:
            expected_advice = expected.advice
        assert view.advice == expected_advice
        assert view.programme == expected.programme
        # and the table starts with the sessions of the days shown, the rest a scroll away
        shown = [
            s for s in expected.sessions if s.utc_offset_minutes is None or s.local_day(tz) >= view.since
        ]
        assert list(view.sessions) == shown
        older = store.sessions_before(view.since)
        assert sorted([*older, *shown], key=lambda s: (s.started_at, s.id)) == list(expected.sessions)


def test_the_stored_dose_days_count_as_the_sessions_do(years: tuple[AdherenceStore, Routine]) -> None:
    # Given the years of history, with sessions of unknown day placed in a zone
    store, _ = years
    for tz in (LONDON, ZoneInfo("Asia/Tokyo")):
        # When the all-time figures come from the stored day and dose flag
        stored = DoseDays.from_days(store.dose_days(tz))
        # Then they are those of the sessions themselves
        assert stored == DoseDays.of(store.sessions(), tz)


_KEPT = "SELECT id, local_day, dose, new_version, steps_done FROM sessions ORDER BY id"


def test_the_backfill_sets_what_recording_sets(tmp_path: Path, years: tuple[AdherenceStore, Routine]) -> None:
    # Given sessions recorded one by one (begin, steps, finish: the store keeps day and dose as it goes)
    store, _ = years
    kept = store._db.execute(
        "SELECT id, local_day, dose, new_version, steps_done FROM sessions ORDER BY id"
    ).fetchall()
    # When a copy of the database forgets them and m009 runs again on it
    copy = tmp_path / "copy.db"
    with closing(sqlite3.connect(copy)) as target:
        store._db.conn.backup(target)
    with closing(sqlite3.connect(copy)) as db, db:
        db.execute("UPDATE sessions SET local_day = NULL, dose = 0, new_version = 0, steps_done = 0")
        db.execute("DROP INDEX sessions_dose_days")
        db.execute("DROP INDEX sessions_by_routine")
        db.execute("DROP INDEX sessions_new_versions")
        db.execute("DROP INDEX idx_sessions_local_day")
        db.execute("DROP INDEX sessions_said_yes")
        db.execute("DROP INDEX warning_answers_yes")
        db.execute("ALTER TABLE sessions DROP COLUMN local_day")
        db.execute("ALTER TABLE sessions DROP COLUMN dose")
        db.execute("ALTER TABLE sessions DROP COLUMN new_version")
        db.execute("ALTER TABLE sessions DROP COLUMN steps_done")
        db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm009_session_days'")
    again = AdherenceStore.open(copy)
    try:
        # Then the backfill gives every session the day and flag the store had kept
        again_kept = again._db.execute(
            "SELECT id, local_day, dose, new_version, steps_done FROM sessions ORDER BY id"
        )
        assert again_kept.fetchall() == kept
    finally:
        again.close()


def test_a_session_counts_once_it_is_finished(store: AdherenceStore) -> None:
    # Given a session with most of its work done, still open
    session_id = _session(store, OTHER, TODAY, finish=False)
    assert list(store.dose_days()) == []
    # When it is finished
    store.finish_session(session_id, completed=True, finished_at=datetime.combine(TODAY, time(20), LONDON))
    # Then it counts towards the weekly dose, on its local day
    assert list(store.dose_days()) == [(TODAY, OTHER.sessions_per_week)]


def test_a_session_closed_after_a_crash_counts_by_what_was_done(store: AdherenceStore) -> None:
    # Given two sessions the app died in: one with all its work done, one with none
    full = _session(store, OTHER, TODAY, finish=False)
    empty = _session(store, OTHER, TODAY - timedelta(days=1), done=False, finish=False)
    # When both are closed
    store.close_abandoned(full)
    store.close_abandoned(empty)
    # Then only the one with its work done counts
    assert list(store.dose_days()) == [(TODAY, OTHER.sessions_per_week)]


@pytest.mark.parametrize("simulated", [False, True])
def test_the_summary_from_the_stored_dose_days_is_the_summary_of_the_sessions(
    years: tuple[AdherenceStore, Routine], simulated: bool
) -> None:
    # Given the years of history (with a simulated session), summarised as `coach history` does
    store, _ = years
    sessions, marks = store.sessions(include_simulated=simulated), store.day_marks()
    for today in (TODAY, TODAY + timedelta(days=9)):
        # When the summary counts the stored dose days instead of walking the sessions
        days = DoseDays.from_days(store.dose_days(LONDON, include_simulated=simulated))
        # Then it says the same
        from_sessions = summarize(sessions, today, LONDON, marks)
        assert summarize(sessions, today, LONDON, marks, days=days) == from_sessions
