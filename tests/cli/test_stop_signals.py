"""SIGTERM and SIGHUP stop a terminal session as Ctrl-C does (saved as stopped early); icing stays live."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from coach.core.history.records import IcingStatus, SessionStatus
from coach.core.store.adherence import AdherenceStore
from tests.conftest import REPO
from tests.helpers import scaled

pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name != "posix", reason="POSIX signals")]


def _terminate_once_shown(
    data: Path, marker: bytes, *args: str, number: int = signal.SIGTERM
) -> subprocess.CompletedProcess[bytes]:
    """Run `coach ARGS` in a terminal-less pipe, wait until it prints `marker`, then send it `number`."""
    child = subprocess.Popen(
        [sys.executable, "-m", "coach", *args],
        cwd=REPO,
        env={**os.environ, "COACH_DATA_DIR": str(data)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None
    shown = b""
    while marker not in shown:
        byte = child.stdout.read(1)
        assert byte, f"coach ended before showing {marker!r}: {shown!r}"
        shown += byte
    child.send_signal(number)
    rest, errors = child.communicate(timeout=scaled(30))
    return subprocess.CompletedProcess(child.args, child.returncode, shown + rest, errors)


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP])
def test_a_stop_signal_saves_a_terminal_session_as_stopped_early(tmp_path: Path, number: int) -> None:
    data = tmp_path / "data"

    done = _terminate_once_shown(data, b"Get ready", "run", "hip-strength", "--terminal", number=number)

    assert done.returncode == 128 + number
    name = signal.Signals(number).name.encode()
    assert b"stopped by " + name + b"; what was done is saved" in done.stderr
    assert b"Traceback" not in done.stderr
    store = AdherenceStore.open(data / "coach.db")
    try:
        assert [s.status for s in store.sessions()] == [SessionStatus.STOPPED]
    finally:
        store.close()


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_leaves_terminal_icing_live_and_the_next_start_takes_it_up(
    tmp_path: Path, number: int
) -> None:
    data = tmp_path / "data"

    done = _terminate_once_shown(data, b"left of 5 min", "ice", "--terminal", "--minutes", "5", number=number)

    assert done.returncode == 128 + number
    assert b"Traceback" not in done.stderr
    assert b"The icing timer keeps running (5 min left)" in done.stdout
    store = AdherenceStore.open(data / "coach.db")
    try:
        assert [run.status for run in store.icing_runs()] == [IcingStatus.OPEN]
    finally:
        store.close()
    again = _terminate_once_shown(data, b"left of 5 min", "ice", "--terminal", "--minutes", "2")
    assert b"Taking up the icing timer already running: 5 min left of 5." in again.stdout
    status = subprocess.run(
        [sys.executable, "-m", "coach", "ice", "--status"],
        cwd=REPO,
        env={**os.environ, "COACH_DATA_DIR": str(data)},
        capture_output=True,
        check=True,
    )
    assert status.stdout.startswith(b"Icing: 5 minutes left of 5, ends at ")


def test_sighup_leaves_the_ice_of_a_terminal_sessions_icing_step_live(tmp_path: Path) -> None:
    data = tmp_path / "data"

    done = _terminate_once_shown(
        data, b" 20:00  Ice the knee", "run", "ice", "--terminal", number=signal.SIGHUP
    )

    assert done.returncode == 128 + signal.SIGHUP
    store = AdherenceStore.open(data / "coach.db")
    try:
        assert [s.status for s in store.sessions()] == [SessionStatus.STOPPED]
        assert [run.status for run in store.icing_runs()] == [IcingStatus.OPEN]
    finally:
        store.close()
