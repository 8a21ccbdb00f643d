"""Where Rehab Coach keeps things. Called at the entry points only; nothing here runs at import time."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "rehab-coach"
DATA_DIR_VARIABLE = "COACH_DATA_DIR"


def _package_dir() -> Path:
    return Path(__file__).resolve().parent.parent


def _shipped(name: str) -> Path:
    """A top-level folder of the repository, or its copy inside an installed wheel (coach/_data/NAME)."""
    inside_wheel = _package_dir() / "_data" / name
    return inside_wheel if inside_wheel.is_dir() else _package_dir().parent / name


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
    return Places(data_dir=data_dir, bundled_routines=_shipped("routines"), assets=_shipped("assets"))


def ensure_private_dir(path: Path) -> None:
    """Create `path` readable by its owner only (health data stays private); leave an existing one alone."""
    if path.is_dir():
        return
    path.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        path.chmod(0o700)
