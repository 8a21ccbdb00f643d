from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from coach.core.operations.context import Coach
from coach.core.paths import ShippedDataError, ensure_private_dir, resolve_places, shipped
from coach.core.session.clock import FakeClock
from tests.conftest import REPO


def test_coach_data_dir_overrides_the_platform_folder(tmp_path: Path) -> None:
    places = resolve_places({"COACH_DATA_DIR": str(tmp_path / "mine")})

    assert places.data_dir == tmp_path / "mine"
    assert places.database == tmp_path / "mine" / "coach.db"
    assert places.user_routines == tmp_path / "mine" / "routines"


def test_without_the_variable_the_platform_folder_is_used() -> None:
    places = resolve_places({})

    assert places.data_dir.name == "rehab-coach"


def test_bundled_folders_are_found_in_the_repository() -> None:
    places = resolve_places({})

    assert places.bundled_routines == REPO / "routines"
    assert places.assets == REPO / "assets"
    assert shipped("linux") == REPO / "packaging" / "linux"


def test_an_installed_package_uses_its_own_data_never_a_folder_beside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "site-packages" / "coach"
    (package / "_data" / "routines").mkdir(parents=True)
    (tmp_path / "site-packages" / "assets").mkdir()  # someone else's folder beside the package
    monkeypatch.setattr("coach.core.paths.package_folder", lambda: package)

    assert shipped("routines") == package / "_data" / "routines"
    with pytest.raises(ShippedDataError, match=r"_data/assets: Rehab Coach's bundled folder 'assets'"):
        shipped("assets")


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_a_new_data_folder_is_private(tmp_path: Path) -> None:
    ensure_private_dir(tmp_path / "new" / "data")

    assert stat.S_IMODE((tmp_path / "new" / "data").stat().st_mode) == 0o700


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_an_existing_folder_keeps_its_permissions(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)

    ensure_private_dir(shared)

    assert stat.S_IMODE(shared.stat().st_mode) == 0o755


def test_a_data_folder_that_is_a_file_is_not_an_empty_history(tmp_path: Path) -> None:
    afile = tmp_path / "data"
    afile.write_text("not a folder", encoding="utf-8")
    coach = Coach(resolve_places({"COACH_DATA_DIR": str(afile)}), FakeClock())

    with pytest.raises(NotADirectoryError, match="this is not a folder"):
        _ = coach.has_history
    assert Coach(resolve_places({"COACH_DATA_DIR": str(tmp_path / "new")}), FakeClock()).has_history is False
