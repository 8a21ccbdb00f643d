from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from coach.cli import main
from coach.cli.terminal_icing import ice_in_terminal
from coach.core.clinical.safety import ICING_END_ADVICE, ICING_LIMIT_REASON, ICING_START_ADVICE
from coach.core.history.records import IcingStatus
from coach.core.session.clock import FakeClock, SystemClock
from coach.core.session.icing_owner import note_owner
from coach.core.store.adherence import AdherenceStore
from tests.helpers import over


class ClockKeys:
    """Keys for a test: each read lets the asked-for time pass on the fake clock, then maybe presses one."""

    def __init__(self, clock: FakeClock, presses: dict[int, str] | None = None) -> None:
        self.clock = clock
        self.presses = presses or {}
        self.reads = 0

    def read(self, timeout: float) -> str | None:
        self.reads += 1
        key = self.presses.get(self.reads)
        if key is None:
            self.clock.advance(timeout)
        return key


@pytest.mark.parametrize(
    ("minutes", "message"),
    [
        ("25", f"coach: argument --minutes: 25 minutes is too long: {ICING_LIMIT_REASON}"),
        ("0", "coach: argument --minutes: an icing timer needs a positive number of minutes"),
        ("7.5", "coach: argument --minutes: icing minutes must be a whole number from 1 to 20"),
    ],
)
def test_icing_minutes_outside_1_to_20_exit_2_with_the_reason(
    data_dir: Path, capsys: pytest.CaptureFixture[str], minutes: str, message: str
) -> None:
    code = main(["ice", "--minutes", minutes, "--terminal"])

    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err.strip() == message
    assert not (data_dir / "coach.db").exists()


def test_a_terminal_run_counts_down_and_is_recorded(store: AdherenceStore, fake_clock: FakeClock) -> None:
    out = io.StringIO()
    keys = ClockKeys(fake_clock)

    ended = ice_in_terminal(over(store, fake_clock), 2, out, keys)

    text = out.getvalue()
    assert ended.finished
    assert keys.reads == 120, "one wake-up a second"
    assert ICING_START_ADVICE in text
    assert "01:59 left of 2 min" in text
    assert text.rstrip().endswith(f"{ICING_END_ADVICE} Saved.")
    (record,) = store.icing_runs()
    assert (record.status, record.planned_minutes, record.actual_minutes) == (IcingStatus.FINISHED, 2, 2.0)


def test_q_then_y_stops_early_after_one_confirmation(store: AdherenceStore, fake_clock: FakeClock) -> None:
    out = io.StringIO()

    ended = ice_in_terminal(over(store, fake_clock), 20, out, ClockKeys(fake_clock, {31: "q", 32: "y"}))

    assert not ended.finished
    assert ended.actual_minutes == pytest.approx(0.5, abs=0.01)
    assert "Stop icing now?" in out.getvalue()
    assert store.icing_runs()[0].status is IcingStatus.STOPPED


def test_another_key_after_q_carries_on(store: AdherenceStore, fake_clock: FakeClock) -> None:
    ended = ice_in_terminal(
        over(store, fake_clock), 1, io.StringIO(), ClockKeys(fake_clock, {3: "q", 4: "n"})
    )

    assert ended.finished


def test_a_sleep_past_the_end_says_when_it_ended(store: AdherenceStore, fake_clock: FakeClock) -> None:
    class SleepyKeys(ClockKeys):
        def read(self, timeout: float) -> str | None:
            if self.reads == 10:
                self.clock.suspend(3600)
            return super().read(timeout)

    out = io.StringIO()
    ended = ice_in_terminal(over(store, fake_clock), 20, out, SleepyKeys(fake_clock))

    assert ended.while_asleep
    assert "while the computer was asleep" in out.getvalue()
    assert store.icing_runs()[0].actual_minutes == 20


def test_a_clock_set_ahead_during_icing_is_not_a_sleep(store: AdherenceStore, fake_clock: FakeClock) -> None:
    class ClockSetKeys(ClockKeys):
        def read(self, timeout: float) -> str | None:
            if self.reads == 20:
                self.clock.set_wall(3600)  # a person or NTP sets the time of day an hour ahead, 20 s in
            return super().read(timeout)

    out = io.StringIO()
    keys = ClockSetKeys(fake_clock)
    started = fake_clock.wall()

    ended = ice_in_terminal(over(store, fake_clock), 20, out, keys)

    assert "asleep" not in out.getvalue()
    assert keys.reads == 20 * 60, "the ice ran its 20 minutes"
    assert (ended.finished, ended.while_asleep) == (True, False)
    (run,) = store.icing_runs()
    assert (run.actual_minutes, run.finished_at) == (20, started + timedelta(minutes=20))


def test_icing_again_within_two_hours_warns_softly(store: AdherenceStore, fake_clock: FakeClock) -> None:
    ice_in_terminal(over(store, fake_clock), 1, io.StringIO(), ClockKeys(fake_clock))
    out = io.StringIO()

    ice_in_terminal(over(store, fake_clock), 1, out, ClockKeys(fake_clock))

    assert "You iced less than 2 hours ago" in out.getvalue()
    assert len(store.icing_runs()) == 2


def test_history_json_lists_icing_runs(
    data_dir: Path, capsys: pytest.CaptureFixture[str], fake_clock: FakeClock
) -> None:
    store = AdherenceStore.open(data_dir / "coach.db")
    ice_in_terminal(over(store, fake_clock), 3, io.StringIO(), ClockKeys(fake_clock))
    store.close()

    code = main(["history", "--json"])

    payload = json.loads(capsys.readouterr().out)
    assert code == 0
    assert payload["summary"]["icing_count"] == 1
    (run,) = payload["icing"]
    assert run["planned_minutes"] == 3
    assert run["actual_minutes"] == 3.0
    assert run["status"] == "finished"
    assert run["started_at"] == fake_clock.wall().replace(minute=0).astimezone().isoformat(timespec="seconds")
    assert set(run) == {"id", "started_at", "finished_at", "planned_minutes", "actual_minutes", "status"}
    assert payload["sessions"] == []


def test_history_text_shows_icing(
    data_dir: Path, capsys: pytest.CaptureFixture[str], fake_clock: FakeClock
) -> None:
    store = AdherenceStore.open(data_dir / "coach.db")
    ice_in_terminal(over(store, fake_clock), 3, io.StringIO(), ClockKeys(fake_clock))
    store.close()

    main(["history"])

    assert "3.0 of 3 min  finished" in capsys.readouterr().out


def test_a_second_run_beside_a_live_one_joins_it(store: AdherenceStore, fake_clock: FakeClock) -> None:
    live_id = store.begin_icing(fake_clock.wall() - timedelta(minutes=5), 20)
    out = io.StringIO()
    keys = ClockKeys(fake_clock)

    ended = ice_in_terminal(over(store, fake_clock), 10, out, keys)

    assert "Taking up the icing timer already running: 15 min left of 20." in out.getvalue()
    assert keys.reads == 15 * 60, "the live run's deadline, not a second countdown"
    assert ended.finished
    (run,) = store.icing_runs()
    assert (run.id, run.status, run.actual_minutes) == (live_id, IcingStatus.FINISHED, 20)


def test_ctrl_c_leaves_the_ice_live_and_says_so(store: AdherenceStore, fake_clock: FakeClock) -> None:
    class InterruptedKeys(ClockKeys):
        def read(self, timeout: float) -> str | None:
            if self.reads == 60:
                raise KeyboardInterrupt
            return super().read(timeout)

    out = io.StringIO()

    with pytest.raises(KeyboardInterrupt):
        ice_in_terminal(over(store, fake_clock), 20, out, InterruptedKeys(fake_clock))

    assert "The icing timer keeps running (19 min left)" in out.getvalue()
    assert "`coach ice --stop` stops it" in out.getvalue()
    (run,) = store.icing_runs()
    assert run.status is IcingStatus.OPEN


def test_coach_ice_stop_ends_a_live_run_with_the_minutes_iced(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = AdherenceStore.open(data_dir / "coach.db")
    store.begin_icing(datetime.now(UTC) - timedelta(minutes=4), 20)
    store.close()

    code = main(["ice", "--stop"])

    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("Icing stopped at ")
    assert ", after 4.0 of 20 min. " in out
    assert ICING_END_ADVICE in out
    store = AdherenceStore.open(data_dir / "coach.db")
    (run,) = store.icing_runs()
    store.close()
    assert run.status is IcingStatus.STOPPED
    assert run.actual_minutes == pytest.approx(4, abs=0.05)
    assert main(["ice", "--stop"]) == 0
    assert capsys.readouterr().out == "No icing timer is running.\n"


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--stop", "--terminal"], "--stop goes alone"),
        (["--stop", "--minutes", "5"], "--stop goes alone"),
        (["--stop", "--json"], "--stop goes alone"),
        (["--stop", "--status"], "--stop goes alone"),
        (["--status", "--terminal"], "--status goes alone (or with --json)"),
        (["--status", "--minutes", "5"], "--status goes alone (or with --json)"),
        (["--status", "--json", "--minutes", "20"], "--status goes alone (or with --json)"),
        (["--terminal", "--json"], "--json goes with --status"),
    ],
)
def test_flags_that_cannot_go_together_say_so_and_exit_2(
    data_dir: Path, capsys: pytest.CaptureFixture[str], flags: list[str], message: str
) -> None:
    code = main(["ice", *flags])

    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err.startswith(f"coach: {message}")
    assert not (data_dir / "coach.db").exists()


def test_minutes_left_never_exceed_the_planned_minutes(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Started while the clock was five years ahead, then the clock was put right (and the app crashed)
    store = AdherenceStore.open(data_dir / "coach.db")
    store.begin_icing(datetime.now(UTC) + timedelta(days=5 * 365), 1)
    store.close()

    assert main(["ice", "--status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)

    assert status["running"] is False, "a run started further ahead than it lasts blocks nothing"
    store = AdherenceStore.open(data_dir / "coach.db")
    store.begin_icing(datetime.now(UTC) + timedelta(seconds=30), 1)
    store.close()
    assert main(["ice", "--status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["minutes_left"] == 1


def test_ice_status_says_none_is_running_and_exits_0(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ice", "--status"]) == 0
    assert capsys.readouterr().out == "No icing timer is running.\n"
    assert main(["ice", "--status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "running": False,
        "minutes_left": None,
        "ends_at": None,
        "planned_minutes": None,
        "timer_running": None,
    }
    assert not (data_dir / "coach.db").exists(), "asking never creates a database"


def test_ice_status_tells_the_live_run_in_words(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = AdherenceStore.open(data_dir / "coach.db")
    started = datetime.now(UTC) - timedelta(minutes=7, seconds=30)
    store.begin_icing(started, 20)
    store.close()

    assert main(["ice", "--status"]) == 0

    ends = (started + timedelta(minutes=20)).astimezone()
    assert capsys.readouterr().out == f"Icing: 13 minutes left of 20, ends at {ends:%H:%M}.\n"


def test_json_without_status_is_a_usage_error(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ice", "--json"]) == 2
    assert capsys.readouterr().err == "coach: --json goes with --status\n"


def test_an_open_run_whose_process_is_gone_blocks_nothing_past_its_deadline(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The process that counted it down was killed 2 minutes before its deadline, which passed a minute ago
    store = AdherenceStore.open(data_dir / "coach.db")
    started = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=6)
    store.begin_icing(started, 5)
    store.close()

    assert main(["ice", "--status"]) == 0
    assert capsys.readouterr().out == "No icing timer is running.\n"
    assert main(["ice", "--stop"]) == 0
    assert capsys.readouterr().out == "No icing timer is running.\n"

    store = AdherenceStore.open(data_dir / "coach.db")
    (run,) = store.icing_runs()
    store.close()
    assert (run.status, run.finished_at) == (IcingStatus.STOPPED, started + timedelta(minutes=5))


@pytest.mark.parametrize("clock_set_by", [timedelta(hours=1), timedelta(hours=-1), timedelta(days=-5 * 365)])
def test_a_clock_set_while_another_program_ices_is_not_believed_by_status_or_stop(
    data_dir: Path, capsys: pytest.CaptureFixture[str], clock_set_by: timedelta
) -> None:
    # The app began 20 minutes of ice a minute ago, by the clock as it was; then the clock was set
    store = AdherenceStore.open(data_dir / "coach.db")
    run_id = store.begin_icing(datetime.now(UTC) - clock_set_by - timedelta(minutes=1), 20)
    store.close()
    note_owner(data_dir, run_id, SystemClock(), iced=60)  # the app's note (its process: this one, alive)

    assert main(["ice", "--status"]) == 0
    ends = (datetime.now(UTC) + timedelta(minutes=19)).astimezone()
    said = capsys.readouterr().out
    assert said == f"Icing: 19 minutes left of 20, ends at {ends:%H:%M}. Its timer is running.\n"
    assert main(["ice", "--status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["timer_running"] is True
    store = AdherenceStore.open(data_dir / "coach.db")
    assert store.icing_run(run_id).status is IcingStatus.OPEN, "no jump ends it early"
    store.close()

    assert main(["ice", "--stop"]) == 0
    assert "after 1.0 of 20 min" in capsys.readouterr().out
