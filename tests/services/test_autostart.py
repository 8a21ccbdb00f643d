"""Start at login: an XDG autostart entry where the desktop looks for one, and nothing elsewhere."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from coach.core.desktop_entry import DesktopEntryError
from coach.services.autostart import NullAutoStart, XdgAutoStart, make_autostart


def test_the_entry_goes_to_xdg_config_home_and_runs_the_app(tmp_path: Path) -> None:
    autostart = make_autostart({"XDG_CONFIG_HOME": str(tmp_path / "config"), "PATH": ""}, "linux")
    assert isinstance(autostart, XdgAutoStart)
    assert not autostart.enabled()

    autostart.set_enabled(True)

    entry = (tmp_path / "config" / "autostart" / "rehab-coach.desktop").read_text(encoding="utf-8")
    assert autostart.enabled()
    assert entry.startswith("[Desktop Entry]\nType=Application\n")
    assert "\nExec=" in entry
    assert "-m coach\n" in entry  # not installed on PATH: the interpreter runs the package
    autostart.set_enabled(False)
    assert not autostart.enabled()
    assert not (tmp_path / "config" / "autostart" / "rehab-coach.desktop").exists()


def test_an_installed_coach_command_is_used_and_quoted(tmp_path: Path) -> None:
    folder = tmp_path / "my bin"
    folder.mkdir()
    command = folder / "coach"
    command.write_text("#!/bin/sh\n", encoding="utf-8")
    command.chmod(0o755)
    autostart = make_autostart({"XDG_CONFIG_HOME": str(tmp_path), "PATH": str(folder)}, "linux")
    assert isinstance(autostart, XdgAutoStart)

    autostart.set_enabled(True)

    assert f'\nExec="{command}"\n' in autostart.path.read_text(encoding="utf-8")


def test_a_relative_xdg_config_home_is_ignored_as_the_spec_says(tmp_path: Path) -> None:
    autostart = make_autostart({"XDG_CONFIG_HOME": "relative/config", "PATH": ""}, "linux")
    assert isinstance(autostart, XdgAutoStart)
    assert autostart.path == Path.home() / ".config" / "autostart" / "rehab-coach.desktop"


def test_other_platforms_say_why_not() -> None:
    for platform in ("win32", "darwin"):
        autostart = make_autostart({}, platform)
        assert isinstance(autostart, NullAutoStart)
        assert autostart.unavailable
        assert not autostart.enabled()


@pytest.mark.skipif(os.name != "posix", reason="modes are POSIX")
def test_the_entry_is_0644_in_0755_folders_whatever_the_umask(tmp_path: Path) -> None:
    autostart = XdgAutoStart(tmp_path / "config", ["/usr/bin/coach"])
    old = os.umask(0)
    try:
        autostart.set_enabled(True)
    finally:
        os.umask(old)

    assert stat.S_IMODE(autostart.path.stat().st_mode) == 0o644
    assert stat.S_IMODE(autostart.path.parent.stat().st_mode) == 0o755
    assert stat.S_IMODE((tmp_path / "config").stat().st_mode) == 0o755


def test_a_newline_in_the_command_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    autostart = XdgAutoStart(tmp_path / "config", ["/opt/evil\nExec=rm -rf ~/coach"])

    with pytest.raises(DesktopEntryError, match="a desktop entry cannot hold"):
        autostart.set_enabled(True)

    assert not autostart.enabled()
