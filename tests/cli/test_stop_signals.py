"""SIGTERM stops a terminal session or icing run as Ctrl-C does: saved as stopped early, then coach leaves."""

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


def _terminate_once_shown(data: Path, marker: bytes, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Run `coach ARGS` in a terminal-less pipe, wait until it prints `marker`, then send it SIGTERM."""
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
    child.send_signal(signal.SIGTERM)
    rest, errors = child.communicate(timeout=scaled(30))
    return subprocess.CompletedProcess(child.args, child.returncode, shown + rest, errors)


def test_sigterm_saves_a_terminal_session_as_stopped_early(tmp_path: Path) -> None:
    data = tmp_path / "data"

    done = _terminate_once_shown(data, b"Get ready", "run", "hip-strength", "--terminal")

    assert done.returncode == 128 + signal.SIGTERM
    assert b"stopped by SIGTERM; what was done is saved" in done.stderr
    assert b"Traceback" not in done.stderr
    store = AdherenceStore.open(data / "coach.db")
    try:
        assert [s.status for s in store.sessions()] == [SessionStatus.STOPPED]
    finally:
        store.close()


def test_sigterm_saves_terminal_icing_as_stopped_early(tmp_path: Path) -> None:
    data = tmp_path / "data"

    done = _terminate_once_shown(data, b"left of 5 min", "ice", "--terminal", "--minutes", "5")

    assert done.returncode == 128 + signal.SIGTERM
    assert b"Traceback" not in done.stderr
    store = AdherenceStore.open(data / "coach.db")
    try:
        assert [run.status for run in store.icing_runs()] == [IcingStatus.STOPPED]
    finally:
        store.close()
