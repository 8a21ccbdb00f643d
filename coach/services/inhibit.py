"""Keep the screen awake while a session runs (the person is on the mat, not touching the laptop).

Linux and the BSDs: the freedesktop ScreenSaver service on the session bus (KDE, GNOME, Xfce, LXQt …).
Windows: SetThreadExecutionState. macOS: nothing yet (it needs an IOKit power assertion through PyObjC,
a dependency not worth one feature), so the null version; the Mac's own display-sleep setting applies.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from coach.services.session_bus import (
    BusError,
    MethodCall,
    ServiceInterface,
    service_available,
    session_bus,
    text,
    uint32,
)

if TYPE_CHECKING:
    from PySide6.QtDBus import QDBusConnection

logger = logging.getLogger(__name__)

SCREEN_SAVER = "org.freedesktop.ScreenSaver"
APP_NAME = "Rehab Coach"

# SetThreadExecutionState flags (winbase.h).
ES_CONTINUOUS = 0x80000000
ES_DISPLAY_REQUIRED = 0x00000002


class Inhibitor(Protocol):
    def inhibit(self, reason: str) -> None:
        """Ask the desktop not to blank the screen or lock until `release`; idempotent."""

    def release(self) -> None:
        """Let the screen sleep again; idempotent, safe without a prior `inhibit`."""


class NullInhibitor:
    def inhibit(self, reason: str) -> None:
        del reason

    def release(self) -> None:
        pass


class DBusInhibitor:
    """Inhibits through the freedesktop ScreenSaver service, holding its cookie until `release`."""

    def __init__(self, call: MethodCall) -> None:
        self._call = call
        self._cookie: int | None = None

    @classmethod
    def on(cls, bus: QDBusConnection) -> DBusInhibitor:
        """An inhibitor talking to the ScreenSaver service on `bus`."""
        return cls(ServiceInterface(bus, SCREEN_SAVER, "/org/freedesktop/ScreenSaver", SCREEN_SAVER))

    @property
    def active(self) -> bool:
        """Whether the desktop has granted an inhibition that is not yet released."""
        return self._cookie is not None

    def inhibit(self, reason: str) -> None:
        """Ask the desktop to keep the screen on, giving `reason`; a failure is logged, never raised."""
        if self._cookie is not None:
            return
        try:
            cookie = self._call("Inhibit", text(APP_NAME), text(reason), returns="uint")
        except BusError as error:
            logger.info("Could not keep the screen awake: %s", error)
            return
        if isinstance(cookie, int):
            self._cookie = cookie

    def release(self) -> None:
        """Hand the cookie back so the screen may sleep again."""
        if self._cookie is None:
            return
        cookie, self._cookie = self._cookie, None
        try:
            self._call("UnInhibit", uint32(cookie))
        except BusError as error:
            # The service forgets a cookie when we disconnect, so at worst this lasts until the app quits.
            logger.info("Could not let the screen sleep again: %s", error)


class WindowsInhibitor:
    """Keeps the display on with SetThreadExecutionState, which is per thread: use it from the GUI thread."""

    def __init__(self, set_execution_state: Callable[[int], int]) -> None:
        self._set_execution_state = set_execution_state
        self._active = False

    def inhibit(self, reason: str) -> None:
        """Keep the display on until `release` (Windows records no reason)."""
        del reason
        if self._active:
            return
        if self._set_execution_state(ES_CONTINUOUS | ES_DISPLAY_REQUIRED) == 0:
            logger.info("Could not keep the screen awake: SetThreadExecutionState refused")
            return
        self._active = True

    def release(self) -> None:
        """Let the display sleep again."""
        if not self._active:
            return
        self._active = False
        self._set_execution_state(ES_CONTINUOUS)


def make_inhibitor(*, bus: QDBusConnection | None = None) -> Inhibitor:
    """The platform's way to keep the screen awake, or NullInhibitor where there is none."""
    # One branch per platform and no early return: mypy then checks each branch on its own platform only.
    inhibitor: Inhibitor
    if sys.platform == "win32":
        import ctypes

        set_state = ctypes.windll.kernel32.SetThreadExecutionState
        set_state.argtypes = [ctypes.c_uint32]
        set_state.restype = ctypes.c_uint32
        inhibitor = WindowsInhibitor(set_state)
    elif sys.platform == "darwin":
        inhibitor = NullInhibitor()
    else:
        inhibitor = _session_bus_inhibitor(session_bus() if bus is None else bus)
    return inhibitor


def _session_bus_inhibitor(bus: QDBusConnection | None) -> Inhibitor:
    if bus is not None and service_available(bus, SCREEN_SAVER):
        return DBusInhibitor.on(bus)
    logger.info("Keeping the screen awake is off: no %s service on the session bus", SCREEN_SAVER)
    return NullInhibitor()
