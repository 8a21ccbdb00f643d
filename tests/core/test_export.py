from __future__ import annotations

import csv
import errno
import io
import os
import stat
import tracemalloc
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bench.generate_history import generate
from coach.core import export as export_module
from coach.core.export import (
    SESSION_COLUMNS,
    SESSIONS_SHARE,
    STEP_COLUMNS,
    ExportCancelled,
    ExportError,
    export_csv,
    spreadsheet_safe,
)
from coach.core.files import WriteError
from coach.core.history.period import Period
from coach.core.routines.model import plan_steps
from coach.core.store import export_rows
from coach.core.store.adherence import AdherenceStore
from tests.helpers import hold, routine

NEW_YORK = ZoneInfo("America/New_York")


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def record(store: AdherenceStore, moment: datetime, *, pain: int | None = None) -> int:
    plan = routine(hold(sets=1, sides=("left", "right")))
    steps = plan_steps(plan)
    session = store.begin_session(plan, steps, moment, zone=NEW_YORK)
    for step in steps:
        store.record_step(
            session, step, moment, moment + timedelta(seconds=step.seconds), skipped=step.side == "right"
        )
    store.finish_session(session, completed=True, finished_at=moment + timedelta(minutes=2))
    if pain is not None:
        store.record_pain(session, pain, 'stairs, "a bit" sore\nafterwards')
    store.record_warning_signs(session, {"night_pain": False, "swelling": True})
    return session


def test_one_row_per_session_and_per_step_in_local_time(store: AdherenceStore, tmp_path: Path) -> None:
    session = record(store, datetime(2026, 3, 3, 2, 30, tzinfo=UTC), pain=4)
    store.record_morning_pain(session, 2, at=datetime(2026, 3, 3, 12, 0, tzinfo=UTC))

    done = export_csv(store, tmp_path / "out")

    (row,) = read(done.sessions_path)
    assert tuple(row) == SESSION_COLUMNS
    assert row["local_date"] == "2026-03-02"  # 21:30 the evening before, in New York
    assert row["started_at"] == "2026-03-02T21:30:00-05:00"
    assert (row["time_zone"], row["status"], row["steps_done"], row["steps_total"]) == (
        "America/New_York",
        "completed",
        "1",
        "2",
    )
    assert (row["pain"], row["morning_pain"], row["night_pain"], row["swelling"]) == ("4", "2", "no", "yes")
    assert row["note"] == 'stairs, "a bit" sore\nafterwards'
    steps = read(done.steps_path)
    assert tuple(steps[0]) == STEP_COLUMNS
    work = [(s["exercise_id"], s["side"], s["result"]) for s in steps if s["kind"] == "hold"]
    assert work == [("calf-stretch", "left", "done"), ("calf-stretch", "right", "skipped")]
    assert (done.sessions, done.steps) == (1, len(steps))


def test_a_period_selects_sessions_by_their_local_day(store: AdherenceStore, tmp_path: Path) -> None:
    for day in (1, 2, 3):
        record(store, datetime(2026, 3, day, 15, 0, tzinfo=UTC))

    done = export_csv(store, tmp_path, Period(date(2026, 3, 2), date(2026, 3, 2)))

    assert [r["local_date"] for r in read(done.sessions_path)] == ["2026-03-02"]
    assert {r["local_date"] for r in read(done.steps_path)} == {"2026-03-02"}


def test_existing_files_are_not_overwritten_unless_asked(store: AdherenceStore, tmp_path: Path) -> None:
    record(store, datetime(2026, 3, 1, 15, 0, tzinfo=UTC))
    (tmp_path / "steps.csv").write_text("keep me", encoding="utf-8")

    with pytest.raises(ExportError, match="already exists"):
        export_csv(store, tmp_path)

    assert (tmp_path / "steps.csv").read_text(encoding="utf-8") == "keep me"
    assert not (tmp_path / "sessions.csv").exists()
    export_csv(store, tmp_path, overwrite=True)
    assert len(read(tmp_path / "steps.csv")) > 0


def test_an_empty_history_exports_the_header_rows(store: AdherenceStore, tmp_path: Path) -> None:
    done = export_csv(store, tmp_path)

    assert done.sessions_path.read_text(encoding="utf-8-sig").splitlines() == [",".join(SESSION_COLUMNS)]


def test_cells_that_a_spreadsheet_would_run_are_neutralised(store: AdherenceStore, tmp_path: Path) -> None:
    plan = routine(hold(sets=1))
    hostile = replace(plan, title='=HYPERLINK("http://example.invalid","Click")')
    session = store.begin_session(hostile, plan_steps(hostile), datetime(2026, 3, 3, 9, tzinfo=UTC))
    store.record_pain(session, 2, "@SUM(A1:A9) +1 -2")

    export_csv(store, tmp_path / "out")

    (row,) = read(tmp_path / "out" / "sessions.csv")
    assert row["routine_title"] == "'" + hostile.title
    assert row["note"] == "'@SUM(A1:A9) +1 -2"
    assert spreadsheet_safe("-120") == "-120"  # a number stays a number
    assert spreadsheet_safe("+3.5") == "+3.5"
    assert spreadsheet_safe("-1+1") == "'-1+1"


def test_a_failed_steps_file_leaves_both_old_files_and_no_temporary_ones(
    store: AdherenceStore, tmp_path: Path
) -> None:
    record(store, datetime(2026, 3, 3, 2, 30, tzinfo=UTC))
    folder = tmp_path / "out"
    export_csv(store, folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    record(store, datetime(2026, 3, 4, 2, 30, tzinfo=UTC))

    def disk_full_in_the_steps(fraction: float) -> None:
        if fraction > SESSIONS_SHARE:  # a page of steps.csv was written
            raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(WriteError, match=r"steps\.csv: the disk is full; nothing was written"):
        export_csv(store, folder, overwrite=True, progress=disk_full_in_the_steps)

    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before  # the old pair, nothing else


def test_steps_are_in_their_sessions_local_time_and_older_rows_in_the_zone_given(
    store: AdherenceStore, tmp_path: Path
) -> None:
    kept = record(store, datetime(2026, 3, 3, 2, 30, tzinfo=UTC))
    older = record(store, datetime(2026, 7, 3, 2, 30, tzinfo=UTC))
    # a session recorded before the UTC offset was kept (m005): its day and times are placed in `tz`
    store._conn.execute(
        "UPDATE sessions SET utc_offset_minutes = NULL, local_day = NULL WHERE id = ?", [older]
    )
    store._conn.commit()

    done = export_csv(store, tmp_path / "out", tz=ZoneInfo("Europe/London"))

    steps = read(done.steps_path)
    first = {int(s["session_id"]): s for s in reversed(steps)}
    assert (first[kept]["local_date"], first[kept]["started_at"]) == (
        "2026-03-02",
        "2026-03-02T21:30:00-05:00",
    )
    assert (first[older]["local_date"], first[older]["started_at"]) == (
        "2026-07-03",
        "2026-07-03T03:30:00+01:00",
    )
    assert [int(s["session_id"]) for s in steps] == sorted(int(s["session_id"]) for s in steps)


def test_an_exercise_name_a_spreadsheet_would_run_is_neutralised_in_the_steps(
    store: AdherenceStore, tmp_path: Path
) -> None:
    session = record(store, datetime(2026, 3, 3, 2, 30, tzinfo=UTC))
    store._conn.execute("UPDATE step_results SET exercise_id = '=cmd|calc' WHERE session_id = ?", [session])
    store._conn.commit()

    done = export_csv(store, tmp_path / "out")

    assert {s["exercise_id"] for s in read(done.steps_path)} == {"'=cmd|calc"}


def test_cancelling_an_export_leaves_nothing_written(store: AdherenceStore, tmp_path: Path) -> None:
    for day in (1, 2, 3):
        record(store, datetime(2026, 3, day, 15, 0, tzinfo=UTC))
    seen: list[float] = []

    def cancel_in_the_steps(fraction: float) -> None:
        seen.append(fraction)
        if fraction > SESSIONS_SHARE:
            raise ExportCancelled

    with pytest.raises(ExportCancelled, match="cancelled; nothing was written"):
        export_csv(store, tmp_path / "out", progress=cancel_in_the_steps)

    assert list(tmp_path.iterdir()) == [tmp_path / "store"]  # no folder, no hidden draft beside it
    assert seen == sorted(seen)


def test_progress_is_told_after_each_page_up_to_the_whole(
    store: AdherenceStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export_module, "PAGE", 2)
    for day in range(1, 6):
        record(store, datetime(2026, 3, day, 15, 0, tzinfo=UTC))
    seen: list[float] = []

    export_csv(store, tmp_path / "out", progress=seen.append)

    assert seen == sorted(seen)
    assert len(seen) == 6  # three pages of sessions.csv, three of steps.csv
    assert seen[-1] == 1.0


@pytest.fixture(scope="module")
def years_of_history(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    folder = tmp_path_factory.mktemp("years")
    made = {}
    for years in (1, 2):
        made[years] = folder / f"{years}" / "coach.db"
        generate(made[years], years=years, today=date(2026, 11, 25))
    return made


def _peak_of_export(database: Path, out: Path) -> tuple[int, int]:
    store = AdherenceStore.open(database, now=datetime(2026, 11, 25, 12, tzinfo=UTC))
    try:
        tracemalloc.start()
        done = export_csv(store, out)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    finally:
        store.close()
    return peak, done.steps


def test_the_export_holds_a_page_at_a_time_whatever_the_years(
    years_of_history: dict[int, Path], tmp_path: Path
) -> None:
    one_year, one_year_steps = _peak_of_export(years_of_history[1], tmp_path / "one")
    two_years, two_years_steps = _peak_of_export(years_of_history[2], tmp_path / "two")

    assert two_years_steps > 1.8 * one_year_steps
    # Read whole, two years held about twice one year's (and ten years took 700 MiB).
    assert two_years < 1.3 * one_year, (one_year, two_years)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_exported_files_are_their_owners_alone(store: AdherenceStore, tmp_path: Path) -> None:
    record(store, datetime(2026, 3, 3, 2, 30, tzinfo=UTC))

    for folder in (tmp_path / "new", tmp_path):  # a folder of its own, and one holding other things
        export_csv(store, folder, overwrite=True)

        assert stat.S_IMODE((folder / "sessions.csv").stat().st_mode) == 0o600
        assert stat.S_IMODE((folder / "steps.csv").stat().st_mode) == 0o600


def test_a_step_at_offset_zero_is_written_as_strftime_would(store: AdherenceStore, tmp_path: Path) -> None:
    plan = routine(hold(sets=1))
    (step, *_) = plan_steps(plan)
    moment = datetime(2026, 1, 6, 9, 15, 7, 654321, tzinfo=UTC)  # London's winter: offset 0
    session = store.begin_session(plan, (step,), moment, zone=ZoneInfo("Europe/London"))
    store.record_step(session, step, moment, moment + timedelta(seconds=1.5), skipped=False)

    (row,) = read(export_csv(store, tmp_path / "out").steps_path)

    assert (row["started_at"], row["finished_at"]) == (
        "2026-01-06T09:15:07+00:00",
        "2026-01-06T09:15:09+00:00",
    )


def test_steps_csv_ends_with_the_time_under_tension_prescribed_and_done(
    store: AdherenceStore, tmp_path: Path
) -> None:
    # Given a 30 s hold on each side, the left held in full, the right stopped 12.5 s in
    plan = routine(hold(sets=1, sides=("left", "right")))
    steps = plan_steps(plan)
    moment = datetime(2026, 3, 3, 12, tzinfo=UTC)
    session = store.begin_session(plan, steps, moment, zone=UTC)
    for step in steps:
        right = step.side == "right"
        store.record_step(
            session, step, moment, moment, skipped=right, active_seconds=12.5 if right else None
        )

    done = export_csv(store, tmp_path / "out")

    # Then the two new columns come after every older one (a public contract: extended, never reordered)
    rows = read(done.steps_path)
    assert tuple(rows[0]) == STEP_COLUMNS
    assert STEP_COLUMNS[-4:] == ("reps_done", "load", "tension_prescribed_seconds", "tension_done_seconds")
    tension = [
        (r["kind"], r["side"], r["tension_prescribed_seconds"], r["tension_done_seconds"]) for r in rows
    ]
    assert tension == [
        ("get_ready", "left", "", ""),
        ("hold", "left", "30", "30"),
        ("switch_side", "right", "", ""),
        ("hold", "right", "30", "12.5"),
    ]


def test_steps_written_by_sqlite_are_what_the_csv_writer_writes_for_any_text(
    store: AdherenceStore, tmp_path: Path
) -> None:
    # Given steps whose text cells hold a comma, quotes, line breaks, nothing at all, and plain words
    import io
    import sqlite3

    session = record(store, datetime(2026, 3, 2, 14, 0, tzinfo=UTC))
    assert store.path is not None
    with sqlite3.connect(store.path) as raw:
        texts = ["5 kg, then 7", 'a "band"', "line\nbreak", "cr\rhere", "", "plain"]
        ids = [row[0] for row in raw.execute("SELECT id FROM step_results ORDER BY id")]
        for step_id, text in zip(ids, texts * len(ids), strict=False):
            raw.execute(
                "UPDATE step_results SET load = ?, side = NULLIF(?, '') WHERE id = ?", [text, text, step_id]
            )
    page = [(session, "2026-03-02", -300, "-05:00")]

    # When the page's steps are read as lines and as rows
    lines = store.export_step_lines(page)
    written = io.StringIO()
    csv.writer(written).writerows(store.export_step_rows(page))

    # Then the lines are byte for byte what the csv writer makes of the rows
    assert len(lines) == len(ids)
    assert "".join(lines) == written.getvalue()


def test_a_load_holding_a_nul_is_exported_whole(store: AdherenceStore, tmp_path: Path) -> None:
    # Given a step whose load holds a NUL character (TOML allows "\u0000" in a string)
    import sqlite3

    record(store, datetime(2026, 3, 2, 14, 0, tzinfo=UTC))
    assert store.path is not None
    with sqlite3.connect(store.path) as raw:
        raw.execute("UPDATE step_results SET load = ? WHERE step_index = 1", ["red\0band"])

    # When the history is exported
    steps = export_csv(store, tmp_path / "out").steps_path.read_bytes()

    # Then the cell is whole (SQLite's printf, which writes the other pages' lines, would end it at the NUL)
    assert b",red\x00band," in steps


@pytest.mark.parametrize(
    ("minutes", "offset"),
    [(-300, "-05:00"), (0, "+00:00"), (60, "+01:00"), (330, "+05:30"), (-570, "-09:30")],
)
def test_steps_written_by_sqlite_keep_the_csv_writers_times_across_midnight(
    store: AdherenceStore, minutes: int, offset: str
) -> None:
    # Given a session whose steps are stored in UTC either side of midnight
    moment = datetime(2026, 3, 2, 23, 59, 58, 750000, tzinfo=UTC)
    session = record(store, moment)
    page = [(session, "2026-03-02", minutes, offset)]

    # When its steps are read as lines (datetime() with the shift) and as rows (strftime)
    lines = store.export_step_lines(page, plain=True)
    written = io.StringIO()
    csv.writer(written).writerows(store.export_step_rows(page))

    # Then both write the same local times, the day moved where the offset moves it
    assert "".join(lines) == written.getvalue()
    assert any(f"T{(23 * 60 + 59 + minutes) % 1440 // 60:02d}:" in line for line in lines)
    local_start = f"{moment + timedelta(minutes=minutes):%Y-%m-%dT%H:%M:%S}{offset}"  # as Python writes it
    assert all(f",{local_start}," in line for line in lines)


def test_steps_with_plain_names_written_unquoted_are_the_same_lines(store: AdherenceStore) -> None:
    # Given a session whose exercise ids, kinds, sides and loads hold nothing the csv writer quotes
    session = record(store, datetime(2026, 3, 2, 14, 0, tzinfo=UTC))
    page = [(session, "2026-03-02", -300, "-05:00")]
    names = store.export_step_names([session])
    assert names
    assert not any(export_rows.NEEDS_QUOTES.intersection(name) for name in names)

    # When its lines are written without looking at its names for quoting
    plain = store.export_step_lines(page, plain=True)

    # Then they are the lines that look
    assert plain == store.export_step_lines(page)
