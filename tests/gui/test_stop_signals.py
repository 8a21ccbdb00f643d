"""SIGTERM and SIGINT close the app cleanly: the session saved as stopped early, the socket removed; a live
icing run stays live (the ice is still on the knee)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from coach.core.history.records import IcingStatus, SessionStatus
from coach.core.requests import Request, server_name
from coach.core.store.adherence import AdherenceStore
from coach.gui.stopping import StopOnSignal
from tests.conftest import REPO
from tests.gui.running_app import ask, closed, end, wait_until_listening
from tests.helpers import scaled_ms

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX signals")


def test_a_signal_reaches_the_event_loop_and_the_handlers_go_back(qtbot: QtBot) -> None:
    before = signal.getsignal(signal.SIGTERM)
    heard: list[int] = []
    stopper = StopOnSignal(heard.append)
    try:
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.waitUntil(lambda: heard == [signal.SIGTERM])
    finally:
        stopper.uninstall()

    assert signal.getsignal(signal.SIGTERM) == before


def _start(data: Path, *args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "COACH_DATA_DIR": str(data)}
    return subprocess.Popen(
        [sys.executable, "-m", "coach", *args],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.mark.slow
@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT])
def test_a_stop_signal_saves_the_session_and_removes_the_socket(
    qtbot: QtBot, tmp_path: Path, number: signal.Signals
) -> None:
    data = tmp_path / "data"
    name = server_name(data)
    app = _start(data, "run", "ice")  # straight into a guided session (icing alone asks no pain first)
    try:
        wait_until_listening(qtbot, app, name)
        assert Path(name).exists()

        app.send_signal(number)

        assert closed(app) == 128 + number
    finally:
        end(app)
    assert not Path(name).exists()
    store = AdherenceStore.open(data / "coach.db")
    try:
        assert [s.status for s in store.sessions()] == [SessionStatus.STOPPED]
        assert store.open_sessions() == []
        assert IcingStatus.STOPPED not in [run.status for run in store.icing_runs()], "a signal stops no ice"
    finally:
        store.close()


def _icing_status(data: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-m", "coach", "ice", "--status", "--json"],
        cwd=REPO,
        env={**os.environ, "COACH_DATA_DIR": str(data)},
        capture_output=True,
        check=True,
    )
    status: dict[str, object] = json.loads(done.stdout)
    return status


@pytest.mark.slow
@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT])
def test_a_stop_signal_leaves_the_apps_live_icing_run_live_and_the_next_start_takes_it_up(
    qtbot: QtBot, tmp_path: Path, number: signal.Signals
) -> None:
    data = tmp_path / "data"
    name = server_name(data)
    for _ in range(2):  # the first app starts the run; the second takes it up, and is ended the same way
        app = _start(data, "ice", "--minutes", "3")
        try:
            wait_until_listening(qtbot, app, name)
            qtbot.waitUntil(lambda: _icing_status(data)["running"] is True, timeout=scaled_ms(10))

            app.send_signal(number)

            assert closed(app) == 128 + number
        finally:
            end(app)
        store = AdherenceStore.open(data / "coach.db")
        try:
            assert [run.status for run in store.icing_runs()] == [IcingStatus.OPEN]
        finally:
            store.close()
        status = _icing_status(data)
        assert (status["running"], status["planned_minutes"]) == (True, 3)


@pytest.mark.slow
def test_the_socket_of_a_killed_app_is_taken_over_by_the_next(qtbot: QtBot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    name = server_name(data)
    killed = _start(data)
    try:
        wait_until_listening(qtbot, killed, name)
    finally:
        end(killed)  # SIGKILL
    assert Path(name).exists(), "SIGKILL leaves the socket file behind"

    second = _start(data)
    try:
        wait_until_listening(qtbot, second, name)
        ask(name, Request("quit"))
        assert closed(second) == 0
    finally:
        end(second)
    assert not Path(name).exists()
