from __future__ import annotations

import logging

import pytest

from coach.services.inhibit import (
    ES_CONTINUOUS,
    ES_DISPLAY_REQUIRED,
    DBusInhibitor,
    NullInhibitor,
    WindowsInhibitor,
    make_inhibitor,
)
from coach.services.session_bus import BusError
from tests.services.conftest import FakeDesktop, PrivateBus, needs_dbus_daemon
from tests.services.fakes import RecordingCall

REASON = "Guided exercise session"


def test_inhibit_asks_the_screensaver_and_release_returns_its_cookie() -> None:
    call = RecordingCall(result=17)
    inhibitor = DBusInhibitor(call)

    inhibitor.inhibit(REASON)
    inhibitor.release()

    assert call.calls == [
        ("Inhibit", (("QString", "Rehab Coach"), ("QString", REASON)), "uint"),
        ("UnInhibit", (("uint", 17),), None),
    ]


def test_inhibit_and_release_are_idempotent() -> None:
    call = RecordingCall(result=17)
    inhibitor = DBusInhibitor(call)

    inhibitor.release()
    inhibitor.inhibit(REASON)
    inhibitor.inhibit(REASON)
    assert inhibitor.active
    inhibitor.release()
    inhibitor.release()

    assert [method for method, _, _ in call.calls] == ["Inhibit", "UnInhibit"]
    assert not inhibitor.active


def test_a_refused_inhibit_is_logged_and_leaves_nothing_to_release(caplog: pytest.LogCaptureFixture) -> None:
    call = RecordingCall(error=BusError("org.freedesktop.ScreenSaver: Inhibit failed: access denied"))
    inhibitor = DBusInhibitor(call)

    with caplog.at_level(logging.INFO, logger="coach.services.inhibit"):
        inhibitor.inhibit(REASON)
        inhibitor.release()

    assert not inhibitor.active
    assert [method for method, _, _ in call.calls] == ["Inhibit"]
    assert [record.levelno for record in caplog.records] == [logging.INFO]
    assert "access denied" in caplog.text


def test_a_failed_release_is_logged_and_a_new_inhibit_still_works(caplog: pytest.LogCaptureFixture) -> None:
    call = RecordingCall(result=17)
    inhibitor = DBusInhibitor(call)
    inhibitor.inhibit(REASON)
    call.error = BusError("org.freedesktop.ScreenSaver: UnInhibit failed: timeout")

    with caplog.at_level(logging.INFO, logger="coach.services.inhibit"):
        inhibitor.release()
    call.error = None
    inhibitor.inhibit(REASON)

    assert "Could not let the screen sleep again" in caplog.text
    assert [method for method, _, _ in call.calls] == ["Inhibit", "UnInhibit", "Inhibit"]
    assert inhibitor.active


def test_windows_keeps_the_display_on_until_release() -> None:
    states: list[int] = []

    def set_execution_state(flags: int) -> int:
        states.append(flags)
        return ES_CONTINUOUS

    inhibitor = WindowsInhibitor(set_execution_state)

    inhibitor.inhibit(REASON)
    inhibitor.inhibit(REASON)
    inhibitor.release()
    inhibitor.release()

    assert states == [ES_CONTINUOUS | ES_DISPLAY_REQUIRED, ES_CONTINUOUS]


def test_windows_refusing_leaves_nothing_to_release() -> None:
    states: list[int] = []

    def refuse(flags: int) -> int:
        states.append(flags)
        return 0

    inhibitor = WindowsInhibitor(refuse)

    inhibitor.inhibit(REASON)
    inhibitor.release()

    assert states == [ES_CONTINUOUS | ES_DISPLAY_REQUIRED]


def test_without_a_session_bus_there_is_no_inhibitor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)

    assert isinstance(make_inhibitor(), NullInhibitor)


@pytest.mark.slow
@needs_dbus_daemon
def test_the_screensaver_on_the_bus_gets_inhibit_and_uninhibit(
    fake_desktop: FakeDesktop, private_bus: PrivateBus
) -> None:
    inhibitor = make_inhibitor(bus=private_bus.connection)
    assert isinstance(inhibitor, DBusInhibitor)

    inhibitor.inhibit(REASON)
    inhibitor.release()

    # The fake's cookie is above 2**31: it only comes back intact as a real uint32.
    inhibited, released = fake_desktop.calls()
    assert inhibited["method"] == "Inhibit"
    assert inhibited["args"][:2] == ["Rehab Coach", REASON]
    assert released == {"method": "UnInhibit", "args": [inhibited["args"][2]]}


@pytest.mark.slow
@needs_dbus_daemon
def test_a_bus_without_a_screensaver_gives_no_inhibitor(private_bus: PrivateBus) -> None:
    assert isinstance(make_inhibitor(bus=private_bus.connection), NullInhibitor)


@pytest.mark.slow
@needs_dbus_daemon
def test_a_screensaver_that_has_gone_is_logged_not_raised(
    fake_desktop: FakeDesktop, private_bus: PrivateBus, caplog: pytest.LogCaptureFixture
) -> None:
    inhibitor = make_inhibitor(bus=private_bus.connection)
    inhibitor.inhibit(REASON)
    fake_desktop.stop()

    with caplog.at_level(logging.INFO, logger="coach.services.inhibit"):
        inhibitor.release()
        inhibitor.release()

    assert "Could not let the screen sleep again" in caplog.text
    assert [call["method"] for call in fake_desktop.calls()] == ["Inhibit"]
