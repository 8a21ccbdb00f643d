from __future__ import annotations

import pytest
from PySide6.QtDBus import QDBus, QDBusConnection, QDBusMessage
from PySide6.QtWidgets import QApplication

from coach.services.session_bus import (
    BusError,
    ServiceInterface,
    int32,
    service_available,
    session_bus,
    uint32,
)
from tests.services.conftest import FakeDesktop, PrivateBus, needs_dbus_daemon

SCREEN_SAVER = ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver")


def test_without_a_bus_address_there_is_no_session_bus(
    monkeypatch: pytest.MonkeyPatch, qapp: QApplication
) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)

    assert session_bus() is None


def test_a_bus_that_is_not_connected_offers_no_services(qapp: QApplication) -> None:
    bus = QDBusConnection.connectToBus("unix:path=/nonexistent/bus", "test-nowhere")
    try:
        assert not service_available(bus, "org.freedesktop.Notifications")
    finally:
        QDBusConnection.disconnectFromBus("test-nowhere")


@pytest.mark.slow
@needs_dbus_daemon
def test_a_python_int_goes_as_int32_which_the_screensaver_refuses(
    fake_desktop: FakeDesktop, private_bus: PrivateBus
) -> None:
    # Why every argument carries its Qt type: the plain PySide6 way sends the cookie with the wrong type.
    message = QDBusMessage.createMethodCall(*SCREEN_SAVER, "UnInhibit")
    message.setArguments([17])

    reply = private_bus.connection.call(message, QDBus.CallMode.Block, 5000)

    assert reply.errorName() == "org.freedesktop.DBus.Error.UnknownMethod"
    assert fake_desktop.calls() == []


@pytest.mark.slow
@needs_dbus_daemon
def test_a_typed_call_reaches_the_service_with_its_types(
    fake_desktop: FakeDesktop, private_bus: PrivateBus
) -> None:
    screen_saver = ServiceInterface(private_bus.connection, *SCREEN_SAVER)

    result = screen_saver("UnInhibit", uint32(3_000_000_000))

    assert result is None
    assert fake_desktop.calls() == [{"method": "UnInhibit", "args": [3_000_000_000]}]


@pytest.mark.slow
@needs_dbus_daemon
@pytest.mark.qt_log_ignore("QMetaObject::invokeMethod: No such method")
def test_arguments_of_the_wrong_type_are_a_bus_error(
    fake_desktop: FakeDesktop, private_bus: PrivateBus
) -> None:
    screen_saver = ServiceInterface(private_bus.connection, *SCREEN_SAVER)

    with pytest.raises(BusError, match=r"no method UnInhibit\(int\)"):
        screen_saver("UnInhibit", int32(17))

    assert fake_desktop.calls() == []


@pytest.mark.slow
@needs_dbus_daemon
def test_a_service_that_is_not_there_is_a_bus_error(private_bus: PrivateBus) -> None:
    screen_saver = ServiceInterface(private_bus.connection, *SCREEN_SAVER)

    with pytest.raises(BusError, match=r"org\.freedesktop\.ScreenSaver is not reachable"):
        screen_saver("UnInhibit", uint32(17))


@pytest.mark.slow
@needs_dbus_daemon
def test_a_running_service_is_available_and_an_absent_one_is_not(
    fake_desktop: FakeDesktop, private_bus: PrivateBus
) -> None:
    assert service_available(private_bus.connection, "org.freedesktop.ScreenSaver")
    assert not service_available(private_bus.connection, "org.example.Absent")
