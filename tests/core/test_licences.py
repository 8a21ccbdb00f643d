"""The one list of licences covers every file Rehab Coach ships besides its code."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.core.licences import AssetLicence, LicenceListError, Licences, read_licences, unlisted_files
from tests.conftest import REPO, write


def test_every_bundled_asset_and_routine_has_a_licence() -> None:
    licences = read_licences(REPO / "assets")

    assert unlisted_files(REPO, licences) == []
    assert {lib.name for lib in licences.libraries} >= {"Qt and Qt for Python (PySide6)", "Python"}


def test_a_file_no_entry_covers_is_named(tmp_path: Path) -> None:
    write(tmp_path / "assets" / "icons" / "app.svg", "<svg/>")
    write(tmp_path / "assets" / "sounds" / "new.ogg", "")
    licences = Licences((AssetLicence("assets/icons/*.svg", "icons", "us", "CC-BY-4.0"),), ())

    assert unlisted_files(tmp_path, licences) == ["assets/sounds/new.ogg"]


def test_a_broken_list_is_a_sentence_with_its_path(tmp_path: Path) -> None:
    write(tmp_path / "LICENSES.toml", '[[asset]]\nfiles = "x"\n')

    with pytest.raises(LicenceListError, match=r"LICENSES.toml: an entry lacks 'what'"):
        read_licences(tmp_path)
