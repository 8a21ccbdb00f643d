"""`coach desktop install [--uninstall]`: add Rehab Coach to the desktop's applications menu, or take it out.

Copies the launcher, the AppStream metainfo and the icons that travel in the package (`coach/_data/linux`)
into the user's XDG data folder ($XDG_DATA_HOME, else ~/.local/share). The launcher's commands are rewritten
to the `coach` that runs now, so that a pipx or virtual-environment install not on PATH starts from the menu.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from coach.cli.parser import EXIT_INVALID, EXIT_OK
from coach.cli.problems import complain
from coach.core.desktop_entry import DesktopEntryError, exec_line, string_value
from coach.core.files import make_shared_folders, write_bytes_whole
from coach.core.i18n import _
from coach.core.operations.context import Coach
from coach.core.paths import shipped

DESKTOP_FILE = "rehab-coach.desktop"
METAINFO_FILE = "io.github.rehabcoach.RehabCoach.metainfo.xml"
_EXEC_LINE = re.compile(r"^(Exec|TryExec)=coach\b(.*)$", re.MULTILINE)


class DesktopError(Exception):
    """The launcher cannot be installed: a sentence saying why."""


@dataclass(frozen=True, slots=True)
class Placement:
    """One shipped file and where it goes in the user's data folder."""

    source: Path
    target: Path


def xdg_data_home(environ: Mapping[str, str]) -> Path:
    """$XDG_DATA_HOME when it is an absolute path (the spec ignores a relative one), else ~/.local/share."""
    value = environ.get("XDG_DATA_HOME", "")
    if value and Path(value).is_absolute():
        return Path(value)
    return Path(environ.get("HOME", str(Path.home()))) / ".local" / "share"


def placements(linux: Path, data_home: Path) -> list[Placement]:
    """The launcher, the metainfo and every icon size, each with its place under `data_home`."""
    files = [
        Placement(linux / DESKTOP_FILE, data_home / "applications" / DESKTOP_FILE),
        Placement(linux / METAINFO_FILE, data_home / "metainfo" / METAINFO_FILE),
    ]
    icons = linux / "icons"
    for icon in sorted(path for path in icons.rglob("*") if path.is_file()):
        files.append(Placement(icon, data_home / "icons" / icon.relative_to(icons)))
    return files


def coach_program() -> Path:
    """The `coach` that runs now: the standalone build's executable, the one beside this Python, or PATH's."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable)
    beside = Path(sys.executable).parent / ("coach.exe" if os.name == "nt" else "coach")
    if beside.is_file():
        return beside
    found = shutil.which("coach")
    if found is None:
        raise DesktopError(
            _("cannot find the `coach` command for the menu to start; install Rehab Coach first")
        )
    return Path(found).absolute()


def launcher_text(template: str, program: Path) -> str:
    """The shipped launcher with every `coach` command pointing at `program` (DesktopEntryError for a path
    a desktop entry cannot hold, a newline in it say)."""

    def point(match: re.Match[str]) -> str:
        key, rest = match.group(1), match.group(2)
        value = string_value(str(program)) if key == "TryExec" else exec_line([str(program)])
        return f"{key}={value}{rest}"

    return _EXEC_LINE.sub(point, template)


def install(linux: Path, data_home: Path, program: Path) -> list[Path]:
    """Copy every file into place (the launcher pointing at `program`), 0644 in 0755 folders whatever the
    umask, so that no other user can change what the menu runs; return the files written."""
    launcher = launcher_text((linux / DESKTOP_FILE).read_text(encoding="utf-8"), program)
    written = []
    for placement in placements(linux, data_home):
        make_shared_folders(placement.target.parent)
        if placement.source.name == DESKTOP_FILE:
            data = launcher.encode("utf-8")
        else:
            data = placement.source.read_bytes()
        write_bytes_whole(placement.target, data, mode=0o644)
        written.append(placement.target)
    return written


def uninstall(linux: Path, data_home: Path) -> list[Path]:
    """Remove every file `install` puts in place; return those that were there."""
    removed = []
    for placement in placements(linux, data_home):
        if placement.target.is_file():
            placement.target.unlink()
            removed.append(placement.target)
    return removed


def desktop_command(args: argparse.Namespace, coach: Coach, out: IO[str]) -> int:
    if not sys.platform.startswith("linux"):
        print(
            "coach: "
            + _("desktop install is for Linux desktops; see packaging/README.md for macOS and Windows"),
            file=sys.stderr,
        )
        return EXIT_INVALID
    data_home = xdg_data_home(os.environ)
    try:
        if args.uninstall:
            for path in uninstall(shipped("linux"), data_home):
                out.write(_("removed {path}").format(path=path) + "\n")
            out.write(_("Rehab Coach is no longer in the applications menu.") + "\n")
        else:
            for path in install(shipped("linux"), data_home, coach_program()):
                out.write(_("installed {path}").format(path=path) + "\n")
            out.write(_("Rehab Coach is in the applications menu (it may take a moment to appear).") + "\n")
    except (DesktopError, DesktopEntryError, OSError) as error:
        complain(f"coach: {error}")
        return EXIT_INVALID
    return EXIT_OK
