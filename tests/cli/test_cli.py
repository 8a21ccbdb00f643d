from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from coach import __version__
from coach.cli import main
from coach.core.history.stats import planned_sessions
from coach.core.routines.loader import load_routine
from coach.core.routines.model import Routine, plan_steps
from coach.core.session.clock import FakeClock
from coach.core.session.recovery import LIVE_WITHIN
from coach.core.store.adherence import AdherenceStore
from tests.cli.fakes import scripted_keys
from tests.conftest import EXAMPLE, REPO, write

STRETCH = """format = 1
id = "stretch"
title = "Stretch"

[[exercises]]
id = "calf-stretch"
name = "Calf stretch"
sets = 2
hold_seconds = 20
rest_seconds = 10
"""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])

    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"coach {__version__}"


def test_validate_the_example_exits_0(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", str(EXAMPLE))

    assert code == 0
    assert f"{EXAMPLE}: ok (knee-basics, 4 exercises)" in out


def test_validate_negative_reps_exits_1_naming_the_line(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = write(tmp_path / "bad.toml", EXAMPLE.read_text(encoding="utf-8").replace("reps = 10", "reps = -10"))

    code, _, err = run(capsys, "validate", str(EXAMPLE), str(bad))

    assert code == 1
    assert err.strip() == f"{bad}:23: reps must be at least 1, got -10"


def test_validate_a_missing_file_exits_1(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "validate", str(tmp_path / "nope.toml"))

    assert code == 1
    assert "nope.toml:1: cannot read the file" in err


def test_warnings_do_not_fail_validation(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(
        tmp_path / "r.toml",
        'format = 1\nid = "r"\ntitle = "R"\n[[exercises]]\nid = "a"\nname = "A"\n'
        'reps = 3\nimage = "missing.svg"\n',
    )

    code, out, _ = run(capsys, "validate", str(path))

    assert code == 0
    assert f"{path}:8: warning: image 'missing.svg'" in out


def test_routines_json_lists_bundled_user_and_broken(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(data_dir / "routines" / "mine.toml", EXAMPLE.read_text(encoding="utf-8"))
    write(data_dir / "routines" / "broken.toml", "format = 1\nid = 'x'\n[oops\n")

    code, out, _ = run(capsys, "routines", "--json")

    payload = json.loads(out)
    assert code == 0
    by_id = {r["id"]: r for r in payload["routines"]}
    assert {"gentle-start", "hip-strength", "hip-and-knee", "ice", "knee-basics"} <= set(by_id)
    assert by_id["knee-basics"]["origin"] == "user"
    assert by_id["hip-strength"]["file"] == str(REPO / "routines" / "hip-strength.toml")
    assert by_id["hip-strength"]["title"] == "Hip and knee strength (weeks 3–6)"
    (broken,) = payload["broken"]
    assert broken["file"] == str(data_dir / "routines" / "broken.toml")
    assert broken["error"].startswith(f"{data_dir / 'routines' / 'broken.toml'}:3: this is not valid TOML")


def test_routines_text_shows_broken_files(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(data_dir / "routines" / "broken.toml", "format = 1\nid = 'x'\n[oops\n")

    code, out, _ = run(capsys, "routines")

    assert code == 0
    assert "hip-strength" in out
    assert f"broken: {data_dir / 'routines' / 'broken.toml'}" in out


def test_instant_run_is_recorded_with_every_step_completed(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "run", "hip-strength", "--instant", "--pain", "2")
    assert code == 0
    assert "completed" in out

    code, out, _ = run(capsys, "history", "--json", "--include-simulated")

    (session,) = json.loads(out)["sessions"]
    assert code == 0
    assert session["routine_id"] == "hip-strength"
    assert session["completed"] is True
    assert session["simulated"] is True
    assert session["pain"] == 2
    assert session["steps_completed"] == session["steps_total"] == 249
    started = datetime.fromisoformat(session["started_at"])
    finished = datetime.fromisoformat(session["finished_at"])
    assert started.utcoffset() is not None
    assert finished > started


def test_history_json_is_exactly_what_json_dumps_indent_2_writes(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Written by orjson (the standard library indents in pure Python: 40 ms on ten years), and yet the text
    # json.dumps(indent=2, ensure_ascii=False) wrote before, byte for byte, hard notes and all.
    run(capsys, "run", "hip-strength", "--instant", "--pain", "2")
    run(capsys, "run", "hip-strength", "--instant")
    run(capsys, "run", "ice", "--instant")
    store = AdherenceStore.open(data_dir / "coach.db")
    try:
        first = store.sessions(include_simulated=True)[0].id
        store.record_pain(first, 2, 'knee "ok"\\ \nsecond line\ttab \u2028 \x01 ünïcode 😀')
    finally:
        store.close()

    _, out, _ = run(capsys, "history", "--json", "--include-simulated")

    assert out == json.dumps(json.loads(out), indent=2, ensure_ascii=False) + "\n"
    assert "Hip and knee strength (weeks 3–6)" in out  # as written, not \u-escaped
    assert json.loads(out)["sessions"][0]["note"] == 'knee "ok"\\ \nsecond line\ttab \u2028 \x01 ünïcode 😀'


def test_history_hides_simulated_sessions_by_default(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "run", "ice", "--instant")

    code, out, _ = run(capsys, "history", "--json")

    assert code == 0
    assert json.loads(out)["sessions"] == []


def test_history_summary_counts_this_week(
    data_dir: Path, capsys: pytest.CaptureFixture[str], wednesday: datetime
) -> None:
    run(capsys, "run", "hip-strength", "--instant")
    run(capsys, "run", "hip-strength", "--instant")

    _, out, _ = run(capsys, "history", "--json", "--include-simulated")

    summary = json.loads(out)["summary"]
    # The first week of a programme plans its days from the first session on (today) to Sunday.
    first_week = planned_sessions(3, 7 - wednesday.astimezone().weekday())
    assert summary["this_week"] == {"sessions": 2, "planned": first_week}
    assert summary["streak_days"] == 1


def test_history_text(data_dir: Path, capsys: pytest.CaptureFixture[str], wednesday: datetime) -> None:
    run(capsys, "run", "hip-strength", "--instant", "--pain", "3")

    code, out, _ = run(capsys, "history", "--include-simulated")

    assert code == 0
    assert "Hip and knee strength (weeks 3–6)" in out
    assert "pain 3 (simulated)" in out
    first_week = planned_sessions(3, 7 - wednesday.astimezone().weekday())
    assert f"This week: 1 session of {first_week} planned" in out
    # and the dose done under tension, History's panel in the same words
    dose = out.split("Dose done: time under tension against prescribed, last 4 weeks\n", 1)[1]
    assert "  Wall squat: " in dose
    assert dose.splitlines()[0].endswith("under tension (100 %)")


def test_run_a_routine_file_by_path(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "run", str(EXAMPLE), "--instant")

    assert code == 0
    assert "knee-basics" in out


def test_run_an_invalid_file_exits_1(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = write(tmp_path / "bad.toml", "format = 1\n")

    code, _, err = run(capsys, "run", str(bad), "--instant")

    assert code == 1
    assert f"{bad}:1: 'id' is missing" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", "nope", "--instant"], "coach: no routine has the id 'nope'; 'coach routines' lists them"),
        (
            ["run", "ice", "--pain", "3"],
            "coach: --pain goes with --terminal or --instant; the app asks at the end of the session",
        ),
        (
            ["run", "ice", "--instant", "--pain", "11"],
            "coach: argument --pain: pain is recorded on a scale from 0 to 10, got 11",
        ),
        (
            ["run", "ice", "--instant", "--pain", "x"],
            "coach: argument --pain: pain must be a whole number from 0 to 10",
        ),
        (["frobnicate"], "coach: argument COMMAND: invalid choice: 'frobnicate' (choose from "),
        (["validate"], "coach: the following arguments are required: PATH"),
        (["run", "missing.toml", "--instant"], "coach: there is no routine file missing.toml"),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    data_dir: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = run(capsys, *args)

    assert code == 2
    assert out == ""
    assert err.startswith(message)
    assert err.count("\n") == 1
    assert err.endswith("\n")


def test_no_arguments_opens_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[list[str]] = []

    def run_app(argv: list[str]) -> int:
        opened.append(argv)
        return 0

    monkeypatch.setattr("coach.gui.main.run_app", run_app)

    assert main([]) == 0
    assert len(opened) == 1


def test_a_damaged_database_is_a_clear_error(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(data_dir / "coach.db", "not a database" * 200)

    code, _, err = run(capsys, "history")

    assert code == 1
    assert "is not a Rehab Coach database or is damaged" in err


@pytest.mark.slow
def test_python_dash_m_coach_in_a_real_process(tmp_path: Path) -> None:
    env = {**os.environ, "COACH_DATA_DIR": str(tmp_path / "data")}
    subprocess.run(
        [sys.executable, "-m", "coach", "run", "gentle-start", "--instant", "--pain", "2"],
        env=env,
        check=True,
        capture_output=True,
    )

    result = subprocess.run(
        [sys.executable, "-m", "coach", "history", "--json", "--include-simulated"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )

    (session,) = json.loads(result.stdout)["sessions"]
    assert (session["routine_id"], session["completed"]) == ("gentle-start", True)
    assert session["steps_completed"] == session["steps_total"]


def test_history_does_not_create_a_database(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "history", "--json")

    assert code == 0
    assert json.loads(out)["sessions"] == []
    assert not data_dir.exists()


@pytest.mark.slow
def test_a_reader_that_goes_away_is_not_a_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "COACH_DATA_DIR": str(tmp_path / "data")}
    child = subprocess.Popen(
        [sys.executable, "-m", "coach", "routines", "--json"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None
    assert child.stderr is not None
    child.stdout.close()  # like `coach routines --json | head -0`
    error = child.stderr.read().decode()
    child.stderr.close()
    child.wait()

    assert "Traceback" not in error


@pytest.mark.slow
@pytest.mark.skipif(
    os.name != "posix" or not Path("/usr/share/zoneinfo/America/New_York").exists(),
    reason="needs the TZ variable and the system's zone data",
)
def test_history_shows_each_time_where_and_with_the_offset_it_had_then(tmp_path: Path) -> None:
    # Recorded in Helsinki, winter and summer; read back later in New York
    data = tmp_path / "data"
    store = AdherenceStore.open(data / "coach.db")
    plan = load_routine(REPO / "routines" / "ice.toml")
    for moment in (datetime(2026, 1, 14, 21, 30, tzinfo=UTC), datetime(2026, 7, 14, 21, 30, tzinfo=UTC)):
        store.begin_session(plan, plan_steps(plan), moment, zone=ZoneInfo("Europe/Helsinki"))
    store.close()
    env = {**os.environ, "COACH_DATA_DIR": str(data), "TZ": "America/New_York"}

    result = subprocess.run(
        [sys.executable, "-m", "coach", "history", "--json"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )

    winter, summer = json.loads(result.stdout)["sessions"]
    assert winter["started_at"] == "2026-01-14T23:30:00+02:00"
    assert (summer["started_at"], summer["local_date"]) == ("2026-07-15T00:30:00+03:00", "2026-07-15")
    assert summer["time_zone"] == "Europe/Helsinki"


def test_run_without_a_flag_opens_the_guided_player(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    opened: list[str] = []

    def fake_run_app(argv: list[str], *, routine: Routine | None = None, instead: str = "") -> int:
        assert routine is not None
        assert "--terminal" in instead  # what works where no window can open
        opened.append(routine.id)
        return 0

    monkeypatch.setattr("coach.gui.main.run_app", fake_run_app)

    code, _, _ = run(capsys, "run", str(EXAMPLE))

    assert (code, opened) == (0, ["knee-basics"])


def test_run_in_the_terminal_without_a_tty_leaves_a_crashed_session_and_asks_nothing(
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    fake_clock: FakeClock,
) -> None:
    routine_file = write(data_dir / "routines" / "stretch.toml", STRETCH)
    store = AdherenceStore.open(data_dir / "coach.db")
    plan = load_routine(routine_file)
    crashed = store.begin_session(plan, plan_steps(plan), fake_clock.wall())
    store.close()
    fake_clock.advance(LIVE_WITHIN.total_seconds() + 60)
    monkeypatch.setattr("coach.cli.SystemClock", lambda: fake_clock)
    monkeypatch.setattr("coach.cli.terminal_player.terminal_keys", scripted_keys(fake_clock))

    code, out, _ = run(capsys, "run", "stretch", "--terminal", "--pain", "3")

    assert code == 0
    assert "Your Stretch session from" in out
    assert "It is left as it is" in out
    assert "(y/n" not in out
    assert out.endswith("Session done: 2 of 2 steps done. Saved.\n")
    store = AdherenceStore.open(data_dir / "coach.db")
    first, second = store.sessions()
    store.close()
    assert (first.id, first.status.value) == (crashed, "open")
    assert (second.status.value, second.pain) == ("completed", 3)


def test_backup_list_and_restore_from_the_command_line(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "run", str(EXAMPLE), "--instant")
    run(capsys, "run", str(EXAMPLE), "--instant")  # the second start takes today's backup

    code, out, _ = run(capsys, "backup", "list", "--json")
    (backup,) = json.loads(out)["backups"]
    assert code == 0
    assert set(backup) == {"id", "taken_at", "size", "sessions", "kind", "damaged"}
    assert (backup["kind"], backup["damaged"]) == ("daily", None)
    assert backup["sessions"] == 1

    code, out, _ = run(capsys, "backup", "restore", backup["id"])
    assert code == 0
    assert f"restored backup {backup['id']} (1 session)" in out
    _, out, _ = run(capsys, "history", "--include-simulated", "--json")
    assert len(json.loads(out)["sessions"]) == 1


def test_backup_restore_of_an_unknown_id_exits_1(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "backup", "restore", "20990101-000000")

    assert code == 1
    assert "there is no backup '20990101-000000'" in err


def test_validate_refuses_a_side_typo_and_icing_without_minutes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(
        tmp_path / "mine.toml",
        STRETCH.replace("rest_seconds = 10\n", 'rest_seconds = 10\nsides = ["left", "rigth"]\n')
        + '\n[[exercises]]\nid = "ice"\nname = "Ice"\nicing = true\n',
    )

    code, _, err = run(capsys, "validate", str(path))

    assert code == 1
    assert f"{path}:11: 'rigth' is not a side the app knows; did you mean 'right'?" in err
    assert f"{path}:16: an icing exercise needs timer_minutes (at most 20)" in err


def test_history_json_gains_the_dose_done_under_tension(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "run", "hip-strength", "--instant")

    _, out, _ = run(capsys, "history", "--json", "--include-simulated")

    dose = json.loads(out)["dose_done"]
    assert dose["weeks"] == 4
    by_id = {e["exercise_id"]: e for e in dose["exercises"]}
    assert "wall-squat" in by_id  # a hold: its seconds are under tension
    assert "clamshell" not in by_id  # reps without a tempo: nothing invented
    squat = by_id["wall-squat"]
    assert squat["seconds_done"] == squat["seconds_prescribed"] > 0
    assert squat["percent"] == 100.0
    assert squat["sentence"].endswith("under tension (100 %)")
