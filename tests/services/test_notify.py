from __future__ import annotations

import logging

import pytest
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from coach.services.notify import DBusNotifier, NullNotifier, TrayNotifier, make_notifier
from coach.services.session_bus import BusError
from tests.services.conftest import FakeDesktop, PrivateBus, needs_dbus_daemon
from tests.services.fakes import RecordingCall


class BalloonTray(QSystemTrayIcon):
    """A tray icon that records its balloons instead of showing them."""

    def __init__(self, *, balloons: bool = True) -> None:
        super().__init__()
        self.balloons = balloons
        self.shown: list[tuple[str, str]] = []

    def supportsMessages(self) -> bool:  # type: ignore[override]  # noqa: N802 - Qt's name
        return self.balloons

    def showMessage(self, title: str, msg: str, *args: object) -> None:  # noqa: N802
        self.shown.append((title, msg))


@pytest.fixture
def no_session_bus(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hide the developer's own session bus, so the factory sees a machine without one."""
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)


def test_a_notification_is_one_notify_call_with_the_specs_argument_types() -> None:
    call = RecordingCall(result=1)

    DBusNotifier(call).notify("Icing done", "Take the ice pack off now.")

    assert call.calls == [
        (
            "Notify",
            (
                ("QString", "Rehab Coach"),
                ("uint", 0),
                ("QString", "rehab-coach"),
                ("QString", "Icing done"),
                ("QString", "Take the ice pack off now."),
                ("QStringList", []),
                ("QVariantMap", {"desktop-entry": "rehab-coach"}),
                ("int", -1),
            ),
            "uint",
        )
    ]


def test_a_failed_notification_is_logged_not_raised(caplog: pytest.LogCaptureFixture) -> None:
    call = RecordingCall(error=BusError("org.freedesktop.Notifications: Notify failed: timeout"))

    with caplog.at_level(logging.INFO, logger="coach.services.notify"):
        DBusNotifier(call).notify("Icing done", "Take the ice pack off now.")

    assert [record.levelno for record in caplog.records] == [logging.INFO]
    assert "timeout" in caplog.text


def test_the_tray_notifier_shows_a_balloon(qapp: QApplication) -> None:
    tray = BalloonTray()

    TrayNotifier(tray).notify("Icing done", "Take the ice pack off now.")

    assert tray.shown == [("Icing done", "Take the ice pack off now.")]


@pytest.mark.usefixtures("no_session_bus")
def test_without_a_bus_the_tray_notifies(qapp: QApplication) -> None:
    tray = BalloonTray()

    notifier = make_notifier(tray)

    assert isinstance(notifier, TrayNotifier)
    assert notifier.tray is tray


@pytest.mark.usefixtures("no_session_bus")
def test_without_a_bus_or_tray_balloons_there_are_no_notifications(qapp: QApplication) -> None:
    assert isinstance(make_notifier(), NullNotifier)
    assert isinstance(make_notifier(BalloonTray(balloons=False)), NullNotifier)


@pytest.mark.slow
@needs_dbus_daemon
def test_notifications_go_over_the_bus_to_the_desktop(
    fake_desktop: FakeDesktop, private_bus: PrivateBus
) -> None:
    notifier = make_notifier(BalloonTray(), bus=private_bus.connection)
    assert isinstance(notifier, DBusNotifier)

    notifier.notify("Icing done", "Take the ice pack off now.")

    assert fake_desktop.calls() == [
        {
            "method": "Notify",
            "args": [
                "Rehab Coach",
                0,
                "rehab-coach",
                "Icing done",
                "Take the ice pack off now.",
                [],
                {"desktop-entry": "rehab-coach"},
                -1,
            ],
        }
    ]


@pytest.mark.slow
@needs_dbus_daemon
def test_a_bus_without_the_notification_service_falls_back_to_the_tray(private_bus: PrivateBus) -> None:
    assert isinstance(make_notifier(BalloonTray(), bus=private_bus.connection), TrayNotifier)


@pytest.mark.slow
@needs_dbus_daemon
def test_a_notification_service_that_has_gone_is_logged_not_raised(
    fake_desktop: FakeDesktop, private_bus: PrivateBus, caplog: pytest.LogCaptureFixture
) -> None:
    notifier = make_notifier(bus=private_bus.connection)
    notifier.notify("First", "reaches the desktop")
    fake_desktop.stop()

    with caplog.at_level(logging.INFO, logger="coach.services.notify"):
        notifier.notify("Second", "has nowhere to go")

    assert [call["args"][3] for call in fake_desktop.calls()] == ["First"]
    assert "Could not show the notification 'Second'" in caplog.text
