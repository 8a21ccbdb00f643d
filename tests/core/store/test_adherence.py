from __future__ import annotations

import dataclasses
import os
import sqlite3
import stat
from contextlib import closing
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from coach.core.history.records import DayMarkKind, SessionStatus
from coach.core.operations import start_session
from coach.core.routines.model import plan_steps
from coach.core.session.clock import FakeClock
from coach.core.store import schema
from coach.core.store.adherence import AdherenceStore
from coach.core.store.backups import list_backups
from coach.core.store.errors import StoreError
from tests.helpers import hold, over, reps, routine

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)

MARKED_AT = datetime(2026, 3, 1, 9, tzinfo=UTC)


def test_schema_is_built_by_numbered_migrations(store: AdherenceStore, tmp_path: Path) -> None:
    db = Database(tmp_path / "store" / "coach.db")
    try:
        applied = [row["name"] for row in db["_sqlite_migrations"].rows]
        tables = set(db.table_names())
        journal = db.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        db.close()

    assert applied == schema.KNOWN_MIGRATIONS
    assert applied == [
        "m001_sessions_and_steps",
        "m002_warning_signs",
        "m003_icing_runs",
        "m004_history",
        "m005_clinical_answers",
        "m006_icing_in_sessions",
        "m007_dose_changes",
        "m008_work_totals",
        "m009_session_days",
        "m010_review_answers",
        "m011_set_reps_and_load",
        "m012_runs",
        "m013_time_under_tension",
    ]
    assert {"sessions", "step_results", "icing_runs", "planned_work", "day_marks", "work_totals"} <= tables
    assert journal == "wal"


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_the_database_is_private_to_its_owner(store: AdherenceStore, tmp_path: Path) -> None:
    mode = stat.S_IMODE((tmp_path / "store" / "coach.db").stat().st_mode)
    folder_mode = stat.S_IMODE((tmp_path / "store").stat().st_mode)

    assert (mode, folder_mode) == (0o600, 0o700)


def test_a_session_records_every_step_as_it_finishes(store: AdherenceStore, fake_clock: FakeClock) -> None:
    plan = routine(reps(sets=1, reps=2, rep_seconds=2, rest_seconds=0))
    recorder = start_session(over(store, fake_clock), plan).value
    engine = recorder.engine
    engine.start()

    fake_clock.advance(5 + 2)
    engine.tick()

    assert store.done_step_indexes(recorder.session_id) == [0, 1]
    record = store.session(recorder.session_id)
    assert (record.status, record.steps_completed, record.steps_total) == (SessionStatus.OPEN, 1, 2)

    fake_clock.advance(2)
    engine.tick()

    record = store.session(recorder.session_id)
    assert (record.status, record.steps_completed, record.finished_at) == (
        SessionStatus.COMPLETED,
        2,
        fake_clock.wall(),
    )


def test_a_stopped_session_is_saved_as_stopped_early(store: AdherenceStore, fake_clock: FakeClock) -> None:
    plan = routine(hold(sets=2, seconds=30))
    recorder = start_session(over(store, fake_clock), plan).value
    engine = recorder.engine
    engine.start()
    fake_clock.advance(5 + 30 + 3)
    engine.tick()

    engine.stop()

    record = store.session(recorder.session_id)
    assert (record.status, record.completed, record.steps_completed, record.steps_total) == (
        SessionStatus.STOPPED,
        False,
        1,
        2,
    )


def test_skipped_steps_do_not_count_as_done(store: AdherenceStore, fake_clock: FakeClock) -> None:
    plan = routine(hold(sets=2, seconds=30, rest_seconds=0))
    recorder = start_session(over(store, fake_clock), plan).value
    engine = recorder.engine
    engine.start()
    engine.skip()  # get ready
    engine.skip()  # first hold
    fake_clock.advance(30)
    engine.tick()

    record = store.session(recorder.session_id)
    assert (record.completed, record.steps_completed, record.steps_total) == (True, 1, 2)


def test_a_step_done_again_after_back_replaces_its_row(store: AdherenceStore) -> None:
    plan = routine(hold(sets=1))
    steps = plan_steps(plan)
    session = store.begin_session(plan, steps, T0)

    store.record_step(session, steps[1], T0, T0 + timedelta(seconds=30), skipped=True)
    store.record_step(session, steps[1], T0, T0 + timedelta(seconds=60), skipped=False)

    assert store.done_step_indexes(session) == [1]
    assert store.session(session).steps_completed == 1


def test_a_finished_session_cannot_change(store: AdherenceStore) -> None:
    plan = routine(hold(sets=1))
    steps = plan_steps(plan)
    session = store.begin_session(plan, steps, T0)
    store.finish_session(session, completed=True, finished_at=T0)

    with pytest.raises(StoreError, match="already completed"):
        store.record_step(session, steps[0], T0, T0, skipped=False)


def test_pain_and_note_are_stored(store: AdherenceStore) -> None:
    plan = routine(hold(sets=1))
    session = store.begin_session(plan, plan_steps(plan), T0)

    store.record_pain(session, 4, "  stairs were fine  ")

    record = store.session(session)
    assert (record.pain, record.note) == (4, "stairs were fine")


def test_pain_outside_the_scale_is_refused(store: AdherenceStore) -> None:
    plan = routine(hold(sets=1))
    session = store.begin_session(plan, plan_steps(plan), T0)

    with pytest.raises(ValueError, match="0 to 10"):
        store.record_pain(session, 11)


def test_simulated_sessions_are_hidden_unless_asked_for(store: AdherenceStore) -> None:
    plan = routine(hold(sets=1))
    store.begin_session(plan, plan_steps(plan), T0, simulated=True)
    real = store.begin_session(plan, plan_steps(plan), T0 + timedelta(hours=1))

    assert [s.id for s in store.sessions()] == [real]
    assert len(store.sessions(include_simulated=True)) == 2


def test_open_sessions_are_what_a_crash_leaves(store: AdherenceStore) -> None:
    plan = routine(hold(sets=1))
    left_open = store.begin_session(plan, plan_steps(plan), T0)
    closed = store.begin_session(plan, plan_steps(plan), T0)
    store.finish_session(closed, completed=False, finished_at=T0)

    assert [s.id for s in store.open_sessions()] == [left_open]


def test_timestamps_keep_their_offset(store: AdherenceStore) -> None:
    plan = routine(hold(sets=1))
    local = datetime(2026, 3, 2, 9, 30, tzinfo=UTC).astimezone()
    session = store.begin_session(plan, plan_steps(plan), local)

    assert store.session(session).started_at == local
    assert store.session(session).started_at.utcoffset() is not None


def test_naive_timestamps_are_refused(store: AdherenceStore) -> None:
    plan = routine(hold(sets=1))

    with pytest.raises(ValueError, match="timezone"):
        store.begin_session(plan, plan_steps(plan), datetime(2026, 3, 2, 9, 30))


def test_a_database_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    AdherenceStore.open(path).close()
    db = Database(path)
    db.table("_sqlite_migrations").insert(
        {"migration_set": "rehab-coach", "name": "m999_from_the_future", "applied_at": "2030-01-01"}
    )
    db.close()

    with pytest.raises(StoreError, match="newer Rehab Coach"):
        AdherenceStore.open(path)


def test_a_backup_is_taken_before_a_migration_changes_a_database(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    first_release = Migrations("rehab-coach")
    first_release()(schema.m001_sessions_and_steps)
    with closing(Database(path)) as db:
        first_release.apply(db)

    AdherenceStore.open(path).close()

    [backup] = list_backups(path)
    assert backup.id.endswith("-before-m002_warning_signs")
    assert backup.path.stat().st_mode & 0o777 == 0o600
    assert "night_pain" not in session_columns(backup.path)
    assert "night_pain" in session_columns(path)


def test_warning_sign_answers_are_stored_with_the_session(
    store: AdherenceStore, fake_clock: FakeClock
) -> None:
    plan = routine(reps(sets=1, reps=1))
    session_id = store.begin_session(plan, plan_steps(plan), fake_clock.wall())

    store.record_warning_signs(session_id, {"night_pain": True, "swelling": False})

    record = store.session(session_id)
    assert record.warning_signs == (("night_pain", True), ("swelling", False))
    assert record.warning_signs_reported == ("night_pain",)


def test_an_unknown_warning_sign_is_refused(store: AdherenceStore, fake_clock: FakeClock) -> None:
    plan = routine(reps(sets=1, reps=1))
    session_id = store.begin_session(plan, plan_steps(plan), fake_clock.wall())

    with pytest.raises(ValueError, match="unknown warning sign 'fever'"):
        store.record_warning_signs(session_id, {"fever": True})


def test_an_abandoned_session_closes_as_stopped_when_its_last_step_ended(
    store: AdherenceStore, fake_clock: FakeClock
) -> None:
    plan = routine(reps(sets=1, reps=3, rep_seconds=2, rest_seconds=0))
    recorder = start_session(over(store, fake_clock), plan).value
    engine = recorder.engine
    engine.start()
    fake_clock.advance(5 + 2 + 2 + 1)  # get ready, two reps, into the third
    engine.tick()
    last_finished = fake_clock.wall() - timedelta(seconds=1)

    record = store.close_abandoned(recorder.session_id)

    assert record.status is SessionStatus.STOPPED
    assert record.steps_completed == 2
    assert record.finished_at == last_finished
    assert store.open_sessions() == []


def session_columns(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as connection:
        return [column[1] for column in connection.execute("PRAGMA table_info(sessions)")]


def test_every_column_of_a_session_row_reaches_its_record(store: AdherenceStore, tmp_path: Path) -> None:
    # The store reads sessions as plain tuples by position (history reads thousands): a column out of
    # order must show here. Every value differs from every other so that no swap goes unseen.
    row = {
        "id": 7,
        "routine_id": "knee",
        "routine_title": "Knee strength",
        "routine_path": "/routines/knee.yaml",
        "sessions_per_week": 3,
        "started_at": "2026-03-02T08:00:00.000+00:00",
        "finished_at": "2026-03-02T08:40:00.000+00:00",
        "status": "stopped",
        "steps_total": 12,
        "simulated": 0,
        "pain": 4,
        "note": "stairs were hard",
        "night_pain": 1,
        "swelling": 0,
        "utc_offset_minutes": -300,
        "time_zone": "America/New_York",
        "routine_hash": "abc123",
        "routine_since": "2026-02-01",
        "morning_pain": 5,
        "morning_at": "2026-03-03T07:30:00.000+00:00",
        "pain_before": 2,
        "pain_limit": 6,
    }
    with closing(sqlite3.connect(tmp_path / "store" / "coach.db")) as connection, connection:
        connection.execute(
            f"INSERT INTO sessions ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})",
            list(row.values()),
        )

    [record] = store.sessions()

    assert record == store.session(7)
    assert (record.id, record.routine_id, record.routine_title, record.routine_path) == (
        7,
        "knee",
        "Knee strength",
        "/routines/knee.yaml",
    )
    assert (record.sessions_per_week, record.status, record.steps_total, record.steps_completed) == (
        3,
        SessionStatus.STOPPED,
        12,
        0,
    )
    assert (record.started_at, record.finished_at, record.morning_at) == (
        datetime(2026, 3, 2, 8, tzinfo=UTC),
        datetime(2026, 3, 2, 8, 40, tzinfo=UTC),
        datetime(2026, 3, 3, 7, 30, tzinfo=UTC),
    )
    assert (record.simulated, record.pain, record.note, record.warning_signs) == (
        False,
        4,
        "stairs were hard",
        (("night_pain", True), ("swelling", False)),
    )
    assert (record.utc_offset_minutes, record.time_zone, record.routine_hash, record.routine_since) == (
        -300,
        "America/New_York",
        "abc123",
        date(2026, 2, 1),
    )
    assert (record.morning_pain, record.pain_before, record.pain_limit) == (5, 2, 6)
    assert record.local_day() == date(2026, 3, 2)


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    path.write_bytes(b"this is not sqlite" * 100)

    with pytest.raises(StoreError, match="not a Rehab Coach database or is damaged"):
        AdherenceStore.open(path)


def test_integrity_check(store: AdherenceStore) -> None:
    assert store.integrity_ok()


# -- history (m004) -----------------------------------------------------------------------------------

NEW_YORK = ZoneInfo("America/New_York")


def test_a_session_keeps_the_zone_it_started_in(store: AdherenceStore) -> None:
    plan = routine(hold(sets=1))
    winter = store.begin_session(
        plan, plan_steps(plan), datetime(2026, 1, 15, 3, 30, tzinfo=UTC), zone=NEW_YORK
    )
    summer = store.begin_session(
        plan, plan_steps(plan), datetime(2026, 7, 15, 3, 30, tzinfo=UTC), zone=NEW_YORK
    )

    w, s = store.session(winter), store.session(summer)

    assert (w.utc_offset_minutes, w.time_zone, w.local_day()) == (-300, "America/New_York", date(2026, 1, 14))
    assert (s.utc_offset_minutes, s.local_start().hour, s.local_day()) == (-240, 23, date(2026, 7, 14))


def test_without_a_zone_the_system_zone_of_the_moment_is_kept(store: AdherenceStore) -> None:
    plan = routine(hold(sets=1))
    moment = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)

    record = store.session(store.begin_session(plan, plan_steps(plan), moment))

    expected = moment.astimezone().utcoffset()
    assert expected is not None
    assert record.utc_offset_minutes == expected.total_seconds() // 60


def test_a_session_records_the_version_of_its_routine(store: AdherenceStore) -> None:
    first = replace(routine(hold(sets=1)), content_hash="aaa")
    changed = replace(first, content_hash="bbb")
    day = datetime(2026, 3, 2, 9, tzinfo=UTC)

    a = store.begin_session(first, plan_steps(first), day, zone=UTC)
    again = store.begin_session(first, plan_steps(first), day + timedelta(days=2), zone=UTC)
    b = store.begin_session(changed, plan_steps(changed), day + timedelta(days=5), zone=UTC)

    versions = [(store.session(i).routine_hash, store.session(i).routine_since) for i in (a, again, b)]
    assert versions == [("aaa", date(2026, 3, 2)), ("aaa", date(2026, 3, 2)), ("bbb", date(2026, 3, 7))]


def test_the_planned_work_is_kept_per_exercise_and_side(store: AdherenceStore) -> None:
    plan = routine(reps(sets=2, reps=3, sides=("left", "right")), hold(sets=3))
    session = store.begin_session(plan, plan_steps(plan), T0)

    planned = {(p.exercise_id, p.side): p.steps for p in store.planned_work([session])}

    assert planned == {("clamshell", "left"): 6, ("clamshell", "right"): 6, ("calf-stretch", None): 3}


def test_step_results_come_back_with_their_side(store: AdherenceStore) -> None:
    plan = routine(reps(sets=1, reps=1, sides=("left", "right")))
    steps = plan_steps(plan)
    session = store.begin_session(plan, steps, T0)
    work = [s for s in steps if s.kind.is_work]
    store.record_step(session, work[1], T0, T0 + timedelta(seconds=3), skipped=True)
    store.record_step(session, work[0], T0, T0 + timedelta(seconds=3), skipped=False)

    results = store.step_results([session])

    assert [(r.step_index, r.side, r.skipped) for r in results] == [
        (work[0].index, "left", False),
        (work[1].index, "right", True),
    ]


def test_a_set_until_tired_is_stored_with_its_reps_its_leg_and_its_load(store: AdherenceStore) -> None:
    exercise = dataclasses.replace(
        reps(sets=1, sides=("affected", "unaffected")), reps_range=(10, 15), until_tired=True, load="1 kg"
    )
    plan = routine(exercise)
    steps = plan_steps(plan, affected_side="left")
    session = store.begin_session(plan, steps, T0)
    work = [s for s in steps if s.kind.is_work]
    store.record_step(session, work[0], T0, T0 + timedelta(seconds=40), skipped=False, reps_done=13)

    (result,) = store.step_results([session])

    assert (result.side, result.reps_done, result.load) == ("left", 13, "1 kg")


def test_the_morning_answer_is_stored_with_its_session(store: AdherenceStore) -> None:
    plan = routine(hold(sets=1))
    answered = store.begin_session(plan, plan_steps(plan), T0)
    skipped = store.begin_session(plan, plan_steps(plan), T0)
    morning = T0 + timedelta(hours=23)

    store.record_morning_pain(answered, 2, at=morning)
    store.record_morning_pain(skipped, None, at=morning)

    a, s = store.session(answered), store.session(skipped)
    assert (a.morning_pain, a.morning_at, a.morning_asked) == (2, morning, True)
    assert (s.morning_pain, s.morning_asked) == (None, True)
    with pytest.raises(ValueError, match="0 to 10"):
        store.record_morning_pain(answered, -1, at=morning)


def test_rest_and_flare_up_days_can_be_marked_listed_and_removed(store: AdherenceStore) -> None:
    holiday = store.add_day_mark(
        DayMarkKind.REST, date(2026, 8, 1), date(2026, 8, 14), "  holiday ", at=MARKED_AT
    )
    store.add_day_mark(DayMarkKind.FLARE_UP, date(2026, 3, 3), reason="stairs at work", at=MARKED_AT)

    marks = store.day_marks()

    assert [(m.kind, m.first_day, m.last_day, m.reason) for m in marks] == [
        (DayMarkKind.FLARE_UP, date(2026, 3, 3), date(2026, 3, 3), "stairs at work"),
        (DayMarkKind.REST, date(2026, 8, 1), date(2026, 8, 14), "holiday"),
    ]
    store.remove_day_mark(holiday)
    assert len(store.day_marks()) == 1
    with pytest.raises(StoreError, match="no marked day"):
        store.remove_day_mark(holiday)


def test_a_span_that_ends_before_it_starts_is_refused(store: AdherenceStore) -> None:
    with pytest.raises(ValueError, match="ends"):
        store.add_day_mark(DayMarkKind.REST, date(2026, 3, 3), date(2026, 3, 1), at=MARKED_AT)


def test_sessions_recorded_before_m004_fall_back_to_the_current_zone(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    before = Migrations("rehab-coach")
    before()(schema.m001_sessions_and_steps)
    before()(schema.m002_warning_signs)
    with closing(Database(path)) as db:
        before.apply(db)
        db.table("sessions").insert(
            {
                "routine_id": "r",
                "started_at": "2026-03-02T23:30:00.000+00:00",
                "status": "completed",
                "steps_total": 1,
                "simulated": 0,
            }
        )

    upgraded = AdherenceStore.open(path)
    (record,) = upgraded.sessions()
    upgraded.close()

    assert (record.utc_offset_minutes, record.routine_hash, record.morning_asked) == (None, "", False)
    assert record.local_day(ZoneInfo("Europe/Helsinki")) == date(2026, 3, 3)
    assert list_backups(path)[0].id.endswith("before-m003_icing_runs")  # the first pending step


def test_work_counts_are_per_session_exercise_and_side(store: AdherenceStore) -> None:
    plan = routine(reps(sets=1, reps=2, sides=("left", "right")))
    steps = plan_steps(plan)
    session = store.begin_session(plan, steps, T0)
    for step in steps:
        store.record_step(session, step, T0, T0, skipped=step.side == "right" and step.rep == 2)

    counts = [(w.exercise_id, w.side, w.done, w.reached) for w in store.work_counts([session])]

    assert counts == [("clamshell", "left", 2, 2), ("clamshell", "right", 1, 2)]


def test_a_skip_never_replaces_a_step_already_done(store: AdherenceStore, fake_clock: FakeClock) -> None:
    plan = routine(reps(sets=1, reps=2, rest_seconds=0))
    steps = plan_steps(plan)
    session_id = store.begin_session(plan, steps, fake_clock.wall())
    rep = next(step for step in steps if step.kind.is_work)
    later = fake_clock.wall() + timedelta(seconds=3)

    store.record_step(session_id, rep, fake_clock.wall(), later, skipped=False)
    store.record_step(session_id, rep, later, later, skipped=True)  # a resumed session skips through it

    assert store.session(session_id).steps_completed == 1
    store.record_step(session_id, rep, later, later + timedelta(seconds=3), skipped=False)  # done again
    assert store.session(session_id).steps_completed == 1
    assert store.done_step_indexes(session_id).count(rep.index) == 1


def test_the_applied_steps_read_without_sqlite_utils_are_what_sqlite_utils_records(tmp_path: Path) -> None:
    """Opening reads the applied steps with plain SQL (sqlite-utils loads only to apply one): same list."""
    path = tmp_path / "coach.db"
    first_release = Migrations(schema.MIGRATION_SET)
    first_release()(schema.m001_sessions_and_steps)
    first_release()(schema.m002_warning_signs)
    with closing(Database(path)) as db:
        assert schema.applied_migrations(db.conn) == []
        first_release.apply(db)
        assert schema.applied_migrations(db.conn) == ["m001_sessions_and_steps", "m002_warning_signs"]

    AdherenceStore.open(path).close()

    with closing(Database(path)) as db:
        recorded = [step.name for step in schema.migrations().applied(db)]
        assert schema.applied_migrations(db.conn) == recorded == schema.KNOWN_MIGRATIONS
