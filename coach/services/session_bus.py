"""Method calls to desktop services on the D-Bus session bus (QtDBus), shared by notify and inhibit.

Every argument carries its Qt type because PySide6 sends each Python int as a D-Bus int32, while the
services declare uint32 arguments (Notify's replaces_id, UnInhibit's cookie) and refuse an int32. So a call
goes through a QDBusInterface, which reads the service's introspection data, and QMetaObject.invokeMethod
with typed arguments. Such calls are synchronous: a desktop service answers within milliseconds, and
TIMEOUT_MS bounds each call to one that hangs (reading the introspection, once, uses Qt's own 25 s).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import Q_ARG, Q_RETURN_ARG, QCoreApplication, QMetaObject, Qt
from PySide6.QtDBus import QDBusConnection, QDBusInterface

TIMEOUT_MS = 2000

Arg = tuple[str, object]
"""A method argument: the Qt type its D-Bus type maps to ("uint" for u, "QString" for s …) and its value."""


def text(value: str) -> Arg:
    """A D-Bus string (s)."""
    return ("QString", value)


def uint32(value: int) -> Arg:
    """A D-Bus unsigned 32-bit integer (u)."""
    return ("uint", value)


def int32(value: int) -> Arg:
    """A D-Bus signed 32-bit integer (i)."""
    return ("int", value)


def texts(values: Sequence[str]) -> Arg:
    """A D-Bus array of strings (as)."""
    return ("QStringList", list(values))


def variant_map(values: Mapping[str, object]) -> Arg:
    """A D-Bus dictionary of variants (a{sv})."""
    return ("QVariantMap", dict(values))


class BusError(Exception):
    """A desktop service could not be called; the message says which and why."""


class MethodCall(Protocol):
    def __call__(self, method: str, *args: Arg, returns: str | None = None) -> object:
        """Call `method` with `args`; return its result (of Qt type `returns`) or raise BusError."""


class ServiceInterface:
    """One interface of one object of a session-bus service, called with typed arguments."""

    def __init__(self, bus: QDBusConnection, service: str, path: str, interface: str) -> None:
        self.bus = bus
        self.service = service
        self.path = path
        self.interface = interface
        self._remote: QDBusInterface | None = None

    def __call__(self, method: str, *args: Arg, returns: str | None = None) -> object:
        """Call `method` with `args`; return its result (of Qt type `returns`) or raise BusError."""
        remote = self._connect()
        typed = [Q_ARG(qt_type, value) for qt_type, value in args]
        direct = Qt.ConnectionType.DirectConnection
        try:
            if returns is None:
                result: object = None
                invoked = QMetaObject.invokeMethod(remote, method, direct, *typed)
            else:
                result = QMetaObject.invokeMethod(remote, method, direct, Q_RETURN_ARG(returns), *typed)
                invoked = True
        except RuntimeError:
            invoked = False
        if not invoked:
            # Qt found no method of that name and those argument types in the service's introspection.
            raise BusError(f"{self.service}: no method {method}({', '.join(t for t, _ in args)})")
        failure = remote.lastError()
        if failure.isValid():
            raise BusError(f"{self.service}: {method} failed: {failure.message()}")
        return result

    def _connect(self) -> QDBusInterface:
        if self._remote is None or not self._remote.isValid():
            remote = QDBusInterface(self.service, self.path, self.interface, self.bus)
            if not remote.isValid():
                raise BusError(f"{self.service} is not reachable: {remote.lastError().message()}")
            remote.setTimeout(TIMEOUT_MS)
            self._remote = remote
        return self._remote


def session_bus() -> QDBusConnection | None:
    """The desktop session's bus, or None where there is none (this never starts a bus daemon)."""
    runtime_dir = os.environ.get("XDG_RUNTIME_DIR")
    has_address = bool(os.environ.get("DBUS_SESSION_BUS_ADDRESS")) or (
        runtime_dir is not None and (Path(runtime_dir) / "bus").exists()
    )
    # Without an address libdbus would try to autolaunch a daemon for X11; QtDBus warns if used before
    # the application object exists.
    if not has_address or QCoreApplication.instance() is None:
        return None
    bus = QDBusConnection.sessionBus()
    return bus if bus.isConnected() else None


def service_available(bus: QDBusConnection, name: str) -> bool:
    """Whether `name` is running on `bus` or can be started by it."""
    if not bus.isConnected():
        return False
    daemon = bus.interface()
    registered = daemon.isServiceRegistered(name)
    if registered.isValid() and registered.value():
        return True
    activatable = daemon.activatableServiceNames()
    return activatable.isValid() and name in activatable.value()
