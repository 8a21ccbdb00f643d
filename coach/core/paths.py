"""Where Rehab Coach keeps things. Called at the entry points only; nothing here runs at import time."""

from __future__ import annotations

import errno
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "rehab-coach"
DATA_DIR_VARIABLE = "COACH_DATA_DIR"


class ShippedDataError(Exception):
    """The bundled routines or assets cannot be found: the installation is incomplete."""


def package_folder() -> Path:
    """The folder the `coach` package was loaded from (this module is coach/core/paths.py).

    What importlib.resources.files("coach") gives for a package on disk, without loading its readers
    (zipfile among them): 3.5 ms of every command and of the app's start, for one folder name.
    """
    return Path(__file__).parent.parent


def shipped(name: str) -> Path:
    """A folder Rehab Coach ships (`routines`, `assets`, `linux`), found beside the package's modules.

    An installed wheel, pipx and the standalone build carry it inside the package as `coach/_data/NAME`
    (pyproject's force-include); a source checkout, where it stays at the top of the repository for people
    to find, has no `coach/_data` and is the one place that looks beside the package.
    """
    package = package_folder()
    inside = package / "_data" / name
    # Places hands plain paths to Qt, sqlite and the sound player, so the data must be real files on disk
    # (true for wheels, pipx and PyInstaller; a zipped import has no folder there and is refused below).
    if inside.is_dir():
        return inside
    if not (package / "_data").exists():
        checkout = package.parent / _CHECKOUT_FOLDERS.get(name, name)
        if checkout.is_dir():
            return checkout
    raise ShippedDataError(
        f"{inside}: Rehab Coach's bundled folder '{name}' is missing; reinstall Rehab Coach."
    )


# Where each shipped folder lives in a source checkout, when it is not a top-level folder of that name.
def catalogues() -> Path | None:
    """The shipped message catalogues (`locale`), or None when they are missing (English is all there is)."""
    try:
        return shipped("locale")
    except ShippedDataError:
        return None


_CHECKOUT_FOLDERS = {"linux": "packaging/linux"}


@dataclass(frozen=True, slots=True)
class Places:
    """The folders one run of the app works with."""

    data_dir: Path
    bundled_routines: Path
    assets: Path

    @property
    def user_routines(self) -> Path:
        return self.data_dir / "routines"

    @property
    def database(self) -> Path:
        return self.data_dir / "coach.db"


def resolve_places(environ: Mapping[str, str] | None = None) -> Places:
    """The data folder (COACH_DATA_DIR, else the platform's per-user data folder) and the shipped folders."""
    env = os.environ if environ is None else environ
    override = env.get(DATA_DIR_VARIABLE, "").strip()
    data_dir = Path(override).expanduser() if override else Path(platformdirs.user_data_dir(APP_NAME, False))
    return Places(data_dir=data_dir, bundled_routines=shipped("routines"), assets=shipped("assets"))


def refuse_a_non_folder(path: Path) -> None:
    """NotADirectoryError, with the sentence, when something other than a folder is at `path` (a file, a
    device, a broken link): the data folder is not there to read, not empty."""
    if not path.is_dir() and (path.exists() or path.is_symlink()):
        raise NotADirectoryError(
            errno.ENOTDIR,
            f"this is not a folder; Rehab Coach keeps its data in a folder (set {DATA_DIR_VARIABLE})",
            str(path),
        )


def ensure_private_dir(path: Path) -> None:
    """Create `path` readable by its owner only (health data stays private); leave an existing one alone."""
    if path.is_dir():
        return
    refuse_a_non_folder(path)
    path.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        path.chmod(0o700)
