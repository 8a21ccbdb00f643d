"""A private D-Bus session bus with fake desktop services, for the notifier and the inhibitor."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtDBus import QDBusConnection
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

DBUS_DAEMON = shutil.which("dbus-daemon")
FAKE_DESKTOP = Path(__file__).with_name("fake_desktop.py")

needs_dbus_daemon = pytest.mark.skipif(DBUS_DAEMON is None, reason="dbus-daemon is not installed")

# A session bus of its own: no service files, so nothing of the host's can be activated on it.
BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir={folder}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


@dataclass
class PrivateBus:
    address: str
    connection: QDBusConnection


@dataclass
class FakeDesktop:
    calls_file: Path
    process: subprocess.Popen[bytes]

    def calls(self) -> list[dict[str, Any]]:
        """The calls the fake services have received, oldest first."""
        if not self.calls_file.exists():
            return []
        lines = self.calls_file.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines]

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait()


@pytest.fixture
def private_bus(tmp_path: Path, qapp: QApplication) -> Iterator[PrivateBus]:
    """A dbus-daemon of the test's own and a connection to it."""
    assert DBUS_DAEMON is not None, "mark the test with needs_dbus_daemon"
    config = tmp_path / "bus.conf"
    config.write_text(BUS_CONFIG.format(folder=tmp_path), encoding="utf-8")
    daemon = subprocess.Popen(
        [DBUS_DAEMON, f"--config-file={config}", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert daemon.stdout is not None
    name = f"test-{uuid.uuid4().hex}"
    try:
        address = daemon.stdout.readline().strip()
        connection = QDBusConnection.connectToBus(address, name)
        assert connection.isConnected(), connection.lastError().message()
        yield PrivateBus(address, connection)
    finally:
        QDBusConnection.disconnectFromBus(name)
        daemon.terminate()
        daemon.wait()
        daemon.stdout.close()


@pytest.fixture
def fake_desktop(private_bus: PrivateBus, tmp_path: Path, qtbot: QtBot) -> Iterator[FakeDesktop]:
    """The fake ScreenSaver and Notifications services, running on `private_bus`."""
    process = subprocess.Popen(
        [sys.executable, str(FAKE_DESKTOP), private_bus.address, str(tmp_path / "calls")]
    )
    desktop = FakeDesktop(tmp_path / "calls", process)
    daemon = private_bus.connection.interface()

    def registered() -> bool:
        if process.poll() is not None:
            pytest.fail(f"the fake desktop services exited with {process.returncode}")
        names = ("org.freedesktop.ScreenSaver", "org.freedesktop.Notifications")
        return all(daemon.isServiceRegistered(name).value() for name in names)

    try:
        qtbot.waitUntil(registered, timeout=20_000)
        yield desktop
    finally:
        desktop.stop()
