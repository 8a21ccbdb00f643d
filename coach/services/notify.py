"""Desktop notifications (icing done, reminders)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Protocol

from coach.services.session_bus import (
    BusError,
    MethodCall,
    ServiceInterface,
    int32,
    service_available,
    session_bus,
    text,
    texts,
    uint32,
    variant_map,
)

if TYPE_CHECKING:
    from PySide6.QtDBus import QDBusConnection
    from PySide6.QtWidgets import QSystemTrayIcon

logger = logging.getLogger(__name__)

NOTIFICATIONS = "org.freedesktop.Notifications"
APP_NAME = "Rehab Coach"
# The icon's name in the icon theme and the desktop file's name (packaging/rehab-coach.desktop).
APP_ICON = "rehab-coach"


class Notifier(Protocol):
    def notify(self, title: str, body: str) -> None:
        """Show a desktop notification; does nothing where the desktop has none."""


class NullNotifier:
    def notify(self, title: str, body: str) -> None:
        del title, body


class DBusNotifier:
    """Notifies through the freedesktop Notifications service, which every Linux desktop runs."""

    def __init__(self, call: MethodCall) -> None:
        self._call = call

    @classmethod
    def on(cls, bus: QDBusConnection) -> DBusNotifier:
        """A notifier talking to the Notifications service on `bus`."""
        return cls(ServiceInterface(bus, NOTIFICATIONS, "/org/freedesktop/Notifications", NOTIFICATIONS))

    def notify(self, title: str, body: str) -> None:
        """Show `title` and `body` as a new notification; a failure is logged, never raised."""
        try:
            self._call(
                "Notify",
                text(APP_NAME),
                uint32(0),  # replaces no earlier notification
                text(APP_ICON),
                text(title),
                text(body),
                texts([]),  # no action buttons
                variant_map({"desktop-entry": APP_ICON}),
                int32(-1),  # the desktop's own display time
                returns="uint",
            )
        except BusError as error:
            logger.info("Could not show the notification %r: %s", title, error)


class TrayNotifier:
    """Notifies through the tray icon's balloon, for desktops without the D-Bus service (Windows, macOS)."""

    def __init__(self, tray: QSystemTrayIcon) -> None:
        self.tray = tray

    def notify(self, title: str, body: str) -> None:
        """Show `title` and `body` in a balloon by the tray icon."""
        self.tray.showMessage(title, body)


def make_notifier(tray: QSystemTrayIcon | None = None, *, bus: QDBusConnection | None = None) -> Notifier:
    """D-Bus notifications where the service exists, else the tray's balloons, else NullNotifier."""
    bus = session_bus() if bus is None else bus
    if bus is not None and service_available(bus, NOTIFICATIONS):
        return DBusNotifier.on(bus)
    if tray is not None and tray.supportsMessages():
        return TrayNotifier(tray)
    logger.info("Desktop notifications are off: no notification service and no tray balloons")
    return NullNotifier()
