"""Who the app says it is to the desktop: one id, `rehab-coach`, for the launcher, the dock and every window.

A dock ties a running window to its launcher by the window's class: on X11 the WM_CLASS pair (instance from
`-name`, class from the application name), on Wayland the app id (the desktop file's name). All three are
`rehab-coach`, the name of the desktop file and its StartupWMClass; people read "Rehab Coach" in titles.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication, QIcon

from coach import __version__
from coach.core.paths import APP_NAME

APP_ID = APP_NAME
DISPLAY_NAME = "Rehab Coach"


def qt_arguments(argv: Sequence[str]) -> list[str]:
    """`argv` for QApplication with the X11 instance name set to the app id, unless `-name` was given."""
    program, *rest = argv or ["coach"]
    if "-name" in rest:
        return [program, *rest]
    return [program, "-name", APP_ID, *rest]


def prepare_identity() -> None:
    """Call before the QApplication exists: Qt reads the class part of WM_CLASS as its first window opens."""
    QCoreApplication.setApplicationName(APP_ID)


def app_icon(assets: Path) -> QIcon:
    """The app's icon, drawn from its SVG at whatever size a window, dock or task switcher asks."""
    return QIcon(str(assets / "icons" / "rehab-coach.svg"))


def announce_identity(assets: Path) -> None:
    """Name the running app `rehab-coach` and give every window (icing and reminders too) the app's icon."""
    QCoreApplication.setApplicationName(APP_ID)
    QCoreApplication.setApplicationVersion(__version__)
    QGuiApplication.setApplicationDisplayName(DISPLAY_NAME)
    # Flatpak renames the launcher to its app id, which Wayland then expects as the window's app id.
    QGuiApplication.setDesktopFileName(os.environ.get("FLATPAK_ID") or APP_ID)
    QGuiApplication.setWindowIcon(app_icon(assets))
