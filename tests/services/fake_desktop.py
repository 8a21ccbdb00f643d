"""Stand-ins for the desktop's ScreenSaver and Notifications services, run as a separate process.

    python fake_desktop.py BUS_ADDRESS CALLS_FILE

Registers both services on the bus at BUS_ADDRESS and appends each call they receive to CALLS_FILE as a
JSON line, before replying. The slots declare the exact D-Bus signatures of the freedesktop specifications,
so QtDBus itself refuses a call whose argument types are wrong (an int32 where a uint32 belongs), just as
the real services do. A separate process, because the clients' calls are synchronous.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, Slot
from PySide6.QtDBus import QDBusConnection


class CallLog:
    def __init__(self, path: Path) -> None:
        self.path = path

    def record(self, method: str, *args: Any) -> None:
        with self.path.open("a", encoding="utf-8") as file:
            file.write(json.dumps({"method": method, "args": list(args)}) + "\n")


# PySide6's stubs get ClassInfo wrong (no dict argument, not callable), hence the ignores.
@ClassInfo({"D-Bus Interface": "org.freedesktop.ScreenSaver"})  # type: ignore[call-arg]
class ScreenSaver(QObject):  # type: ignore[operator]
    def __init__(self, log: CallLog) -> None:
        super().__init__()
        self.log = log
        self.next_cookie = 4000000000  # above 2**31, so an int32 could not carry it

    @Slot(str, str, result="uint")
    def Inhibit(self, app_name: str, reason: str) -> int:  # noqa: N802 - the D-Bus method's name
        self.next_cookie += 1
        self.log.record("Inhibit", app_name, reason, self.next_cookie)
        return self.next_cookie

    @Slot("uint")
    def UnInhibit(self, cookie: int) -> None:  # noqa: N802
        self.log.record("UnInhibit", cookie)


@ClassInfo({"D-Bus Interface": "org.freedesktop.Notifications"})  # type: ignore[call-arg]
class Notifications(QObject):  # type: ignore[operator]
    def __init__(self, log: CallLog) -> None:
        super().__init__()
        self.log = log
        self.next_id = 0

    @Slot(str, "uint", str, str, str, "QStringList", "QVariantMap", int, result="uint")
    def Notify(  # noqa: N802
        self,
        app_name: str,
        replaces_id: int,
        app_icon: str,
        summary: str,
        body: str,
        actions: list[str],
        hints: dict[str, Any],
        expire_timeout: int,
    ) -> int:
        self.next_id += 1
        self.log.record(
            "Notify", app_name, replaces_id, app_icon, summary, body, actions, hints, expire_timeout
        )
        return self.next_id


def main(address: str, calls_file: str) -> int:
    app = QCoreApplication([])
    bus = QDBusConnection.connectToBus(address, "fake-desktop")
    log = CallLog(Path(calls_file))
    objects = {
        "org.freedesktop.ScreenSaver": ("/org/freedesktop/ScreenSaver", ScreenSaver(log)),
        "org.freedesktop.Notifications": ("/org/freedesktop/Notifications", Notifications(log)),
    }
    for service, (path, exported) in objects.items():
        if not bus.registerObject(path, exported, QDBusConnection.RegisterOption.ExportAllSlots):
            return 1
        if not bus.registerService(service):
            return 1
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
