"""The licences of what Rehab Coach ships besides its code, read from the one list in assets/LICENSES.toml."""

from __future__ import annotations

import fnmatch
import tomllib
from dataclasses import dataclass
from pathlib import Path

from coach.core.i18n import _

LICENCES_FILE = "LICENSES.toml"
# The code's own licence, as in pyproject.toml.
CODE_LICENCE = "GPL-3.0-or-later"


class LicenceListError(Exception):
    """The licence list cannot be read: a sentence with the file's path."""


@dataclass(frozen=True, slots=True)
class AssetLicence:
    """Files that travel with the app (a pattern), what they are, who made them and their licence."""

    files: str
    what: str
    by: str
    licence: str


@dataclass(frozen=True, slots=True)
class LibraryLicence:
    """A library the standalone build carries, and its licence."""

    name: str
    licence: str


@dataclass(frozen=True, slots=True)
class Licences:
    assets: tuple[AssetLicence, ...]
    libraries: tuple[LibraryLicence, ...]

    def licence_of(self, relative: str) -> AssetLicence | None:
        """The first entry whose pattern matches `relative` (a path like `assets/icons/x.svg`), if any."""
        return next((entry for entry in self.assets if fnmatch.fnmatchcase(relative, entry.files)), None)


def read_licences(assets: Path) -> Licences:
    """The list beside the bundled assets; LicenceListError with the path when it is missing or malformed."""
    path = assets / LICENCES_FILE
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        return Licences(
            assets=tuple(
                AssetLicence(str(a["files"]), str(a["what"]), str(a["by"]), str(a["licence"]))
                for a in raw.get("asset", [])
            ),
            libraries=tuple(
                LibraryLicence(str(lib["name"]), str(lib["licence"])) for lib in raw.get("library", [])
            ),
        )
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise LicenceListError(
            _("{path}: the licence list cannot be read: {error}").format(path=path, error=error)
        ) from None
    except (KeyError, TypeError) as error:
        raise LicenceListError(_("{path}: an entry lacks {key}").format(path=path, key=error)) from None


def unlisted_files(shipped_root: Path, licences: Licences) -> list[str]:
    """Files under `shipped_root`/assets and /routines that no entry covers (empty when the list is whole)."""
    missing = []
    for folder in ("assets", "routines"):
        for path in sorted((shipped_root / folder).rglob("*")):
            relative = path.relative_to(shipped_root).as_posix()
            if path.is_file() and licences.licence_of(relative) is None:
                missing.append(relative)
    return missing
