"""Start at login: an XDG autostart entry on Linux and the BSDs, nothing (and the reason) elsewhere.

The freedesktop.org autostart spec: a desktop entry in `$XDG_CONFIG_HOME/autostart` (default
`~/.config/autostart`) is started by the session at login. Windows (a Run key or a Startup-folder shortcut)
and macOS (a LaunchAgent) are not done yet: there the choice is shown disabled with the reason.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Protocol

from coach.core.desktop_entry import exec_line
from coach.core.files import make_shared_folders, write_text_whole
from coach.core.i18n import _

ENTRY_NAME = "rehab-coach.desktop"


class AutoStart(Protocol):
    unavailable: str | None  # why starting at login cannot be offered here; None when it can

    def enabled(self) -> bool:
        """Whether the app starts at login now."""

    def set_enabled(self, on: bool) -> None:
        """Start at login from now on, or stop doing so; OSError when the entry cannot be written."""


class NullAutoStart:
    """No start at login on this system."""

    def __init__(self, unavailable: str | None = None) -> None:
        self.unavailable: str | None = unavailable or _(
            "starting at login is not supported on this system yet"
        )

    def enabled(self) -> bool:
        return False

    def set_enabled(self, on: bool) -> None:
        del on


class XdgAutoStart:
    """An autostart desktop entry that runs `command` at login."""

    def __init__(self, config_home: Path, command: Sequence[str]) -> None:
        self.path = config_home / "autostart" / ENTRY_NAME
        self.command = list(command)
        self.unavailable: str | None = None

    def enabled(self) -> bool:
        return self.path.is_file()

    def set_enabled(self, on: bool) -> None:
        if not on:
            self.path.unlink(missing_ok=True)
            return
        command = exec_line(self.command)  # DesktopEntryError for a newline, before anything is written
        make_shared_folders(self.path.parent)
        entry = (
            "[Desktop Entry]\n"
            "Type=Application\n"
            "Name=Rehab Coach\n"
            "Comment=Reminders and the icing timer of your physiotherapy programme\n"
            f"Exec={command}\n"
            "Icon=rehab-coach\n"
            "Terminal=false\n"
            "StartupWMClass=rehab-coach\n"
            "X-GNOME-Autostart-enabled=true\n"
        )
        write_text_whole(self.path, entry, mode=0o644)  # the session reads it; no one else may change it


def make_autostart(environ: Mapping[str, str] | None = None, platform: str = sys.platform) -> AutoStart:
    """The start-at-login of this platform (XDG on Linux and the BSDs), else a null one saying why."""
    env = os.environ if environ is None else environ
    if not (platform.startswith("linux") or "bsd" in platform):
        return NullAutoStart()
    config_home = env.get("XDG_CONFIG_HOME", "").strip()
    # The spec: a relative XDG_CONFIG_HOME is invalid and must be ignored.
    home = Path(config_home) if config_home and Path(config_home).is_absolute() else Path.home() / ".config"
    installed = shutil.which("coach", path=env.get("PATH"))
    command = [installed] if installed else [sys.executable, "-m", "coach"]
    return XdgAutoStart(home, command)
