from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtNetwork import QLocalSocket
from pytestqt.qtbot import QtBot

from coach.core.clinical.safety import ICING_LIMIT_REASON
from coach.core.history.records import IcingStatus
from coach.core.requests import Request, parse_request, server_name
from coach.core.runtime_place import nobody_listens
from coach.core.store.adherence import AdherenceStore
from coach.gui.app import CoachApp
from coach.gui.instance import InstanceServer, hand_over
from tests.conftest import REPO
from tests.gui import running_app
from tests.helpers import scaled, scaled_ms


def test_requests_are_one_line_of_json() -> None:
    assert parse_request(b'{"command": "ice", "minutes": 5}') == Request("ice", 5)
    assert parse_request(b'{"command": "show"}') == Request("show")
    assert Request("ice", 20).to_json() == '{"command": "ice", "minutes": 20}'
    for bad in (b"nonsense", b'{"command": "format-disk"}', b'{"command": "ice", "minutes": "20"}', b"[]"):
        with pytest.raises(ValueError, match=r"\w"):
            parse_request(bad)


def test_the_server_name_depends_on_the_data_folder(tmp_path: Path) -> None:
    first = server_name(tmp_path / "one")

    assert first == server_name(tmp_path / "one")
    assert first != server_name(tmp_path / "two")


@pytest.fixture
def name(tmp_path: Path) -> str:
    return server_name(tmp_path / f"data-{os.getpid()}")


def ask(qtbot: QtBot, name: str, line: bytes) -> dict[str, object]:
    """What the server answers to `line`, asked without blocking the event loop the server runs on."""
    client = QLocalSocket()
    client.connectToServer(name)
    budget = round(running_app.ANSWER_SECONDS * 1000)  # stretched for a busy machine by the qtbot
    qtbot.waitUntil(lambda: client.state() is QLocalSocket.LocalSocketState.ConnectedState, timeout=budget)
    client.write(line + b"\n")
    qtbot.waitUntil(client.canReadLine, timeout=budget)
    answer: dict[str, object] = json.loads(bytes(client.readLine().data()))
    client.abort()
    return answer


def test_the_server_answers_each_request_with_the_handlers_sentence(qtbot: QtBot, name: str) -> None:
    asked: list[Request] = []

    def handler(request: Request) -> str:
        asked.append(request)
        if request.minutes and request.minutes > 20:
            raise ValueError("too long")
        return "started"

    server = InstanceServer(name, handler)
    assert server.listen()
    try:
        assert ask(qtbot, name, b'{"command": "ice", "minutes": 5}') == {
            "ok": True,
            "message": "started",
        }
        assert ask(qtbot, name, b'{"command": "ice", "minutes": 25}') == {
            "ok": False,
            "message": "too long",
        }
        assert ask(qtbot, name, b"garbage")["ok"] is False
    finally:
        server.close()
    assert asked == [Request("ice", 5), Request("ice", 25)]


@pytest.mark.skipif(os.name != "posix", reason="a stale socket file is a POSIX thing")
def test_a_socket_file_left_by_a_crash_does_not_block_the_start(name: str) -> None:
    path = Path(name)
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(str(path))
    stale.close()  # the file stays, nobody listens: what a killed app leaves
    assert path.exists()
    assert hand_over(name, Request("ping"), timeout_ms=500) is None

    server = InstanceServer(name, lambda request: "ok")
    try:
        assert server.listen()
    finally:
        server.close()
        path.unlink(missing_ok=True)


@pytest.mark.skipif(os.name != "posix", reason="a socket file is a POSIX thing")
def test_a_launch_sees_without_qt_whether_an_app_may_be_listening(name: str) -> None:
    # Nothing there: the launch starts at once, without loading QtNetwork
    assert nobody_listens(name)

    server = InstanceServer(name, lambda request: "ok")
    assert server.listen()
    try:
        # A running app: the launch must ask it over the socket
        assert not nobody_listens(name)
    finally:
        server.close()

    assert nobody_listens(name)


@pytest.mark.skipif(os.name != "posix", reason="a stale socket file is a POSIX thing")
def test_a_socket_file_left_by_a_crash_may_be_an_app_so_the_launch_asks(name: str) -> None:
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(name)
    stale.close()
    try:
        assert not nobody_listens(name)  # only QLocalSocket can tell; it then finds nobody and starts
    finally:
        Path(name).unlink()


@pytest.mark.skipif(os.name != "posix", reason="a socket file is a POSIX thing")
def test_the_socket_is_private_to_its_user_and_removed_on_close(name: str) -> None:
    server = InstanceServer(name, lambda request: "ok")
    assert server.listen()
    path = Path(name)
    try:
        assert stat.S_ISSOCK(path.stat().st_mode)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) & 0o077 == 0
    finally:
        server.close()

    assert not path.exists()


def test_a_live_apps_socket_is_never_taken_over(qtbot: QtBot, name: str) -> None:
    first = InstanceServer(name, lambda request: "first")
    assert first.listen()
    try:
        second = InstanceServer(name, lambda request: "second")

        assert not second.listen()
        assert ask(qtbot, name, b'{"command": "ping"}') == {"ok": True, "message": "first"}
    finally:
        first.close()


def test_the_app_starts_icing_for_a_second_launch(coach_app: CoachApp) -> None:
    message = coach_app.handle_request(Request("ice", 5))

    assert message == "Started a 5-minute icing timer in the Rehab Coach that is already running."
    assert coach_app.ice.controller.run is not None
    assert coach_app.ice.controller.run.planned_minutes == 5
    assert coach_app.handle_request(Request("ice", 10)) == "An icing timer is already running: 5 min left."


def test_the_app_refuses_25_minutes_from_a_second_launch(coach_app: CoachApp) -> None:
    with pytest.raises(ValueError, match=ICING_LIMIT_REASON):
        coach_app.handle_request(Request("ice", 25))

    assert not coach_app.ice.controller.running


def test_a_plain_second_launch_brings_the_window_forward(coach_app: CoachApp) -> None:
    coach_app.window.hide()

    message = coach_app.handle_request(Request("show"))

    assert coach_app.window.isVisible()
    assert "already running" in message


# -- two real processes ---------------------------------------------------------------------------------


def _env(data: Path) -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "COACH_DATA_DIR": str(data)}


def _second_launch(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `coach ARGS` as a second process on the same data folder."""
    return subprocess.run(
        [sys.executable, "-m", "coach", *args],
        cwd=REPO,
        env=_env(data),
        capture_output=True,
        text=True,
        timeout=scaled(60),
    )


@pytest.fixture
def first_app(qtbot: QtBot, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], Path]]:
    data = tmp_path / "data"
    process = subprocess.Popen(
        [sys.executable, "-m", "coach"],
        cwd=REPO,
        env=_env(data),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    name = server_name(data)
    try:
        running_app.wait_until_listening(qtbot, process, name)
        yield process, data
    finally:
        if process.poll() is None:
            running_app.ask(name, Request("quit"))
            try:
                running_app.closed(process)
            except subprocess.TimeoutExpired:
                running_app.end(process)
        process.communicate()


@pytest.mark.slow
def test_a_second_coach_ice_reaches_the_first_app(
    qtbot: QtBot, first_app: tuple[subprocess.Popen[str], Path]
) -> None:
    process, data = first_app

    second = _second_launch(data, "ice", "--minutes", "5")

    assert second.returncode == 0, second.stderr
    assert (
        second.stdout.strip() == "Started a 5-minute icing timer in the Rehab Coach that is already running."
    )

    def first_recorded_it() -> bool:
        store = AdherenceStore.open(data / "coach.db")
        try:
            runs = store.icing_runs()
        finally:
            store.close()
        return [(r.planned_minutes, r.status) for r in runs] == [(5, IcingStatus.OPEN)]

    qtbot.waitUntil(first_recorded_it, timeout=30_000)  # stretched for a busy machine by the qtbot
    assert process.poll() is None, "the first app is still running"
    running_app.ask(server_name(data), Request("quit"))
    assert running_app.closed(process) == 0
    store = AdherenceStore.open(data / "coach.db")
    try:
        assert store.icing_runs()[0].status is IcingStatus.OPEN, "a request is not the person"
    finally:
        store.close()


@pytest.mark.slow
def test_25_minutes_is_refused_before_reaching_the_first_app(
    first_app: tuple[subprocess.Popen[str], Path],
) -> None:
    _, data = first_app

    second = _second_launch(data, "ice", "--minutes", "25")

    assert second.returncode == 2
    assert ICING_LIMIT_REASON in second.stderr


def test_a_client_that_says_nothing_is_dropped_so_a_later_launch_is_answered(qtbot: QtBot, name: str) -> None:
    server = InstanceServer(name, lambda request: "shown", silent_client_ms=500)
    assert server.listen()
    try:
        silent = [QLocalSocket() for _ in range(60)]
        for client in silent:
            client.connectToServer(name)
        budget = round(running_app.ANSWER_SECONDS * 1000) + scaled_ms(0.5)

        qtbot.waitUntil(
            lambda: all(c.state() is QLocalSocket.LocalSocketState.UnconnectedState for c in silent),
            timeout=budget,
        )

        assert ask(qtbot, name, b'{"command": "show"}') == {"ok": True, "message": "shown"}
    finally:
        server.close()
