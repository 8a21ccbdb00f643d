"""The single-instance socket lives in the user's private runtime folder, under a name that says nothing."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

import pytest

from coach.core import runtime_place
from coach.core.runtime_place import is_private_folder, socket_path

pytestmark = pytest.mark.skipif(os.name != "posix", reason="a named pipe on Windows has no folder")


@pytest.fixture
def shared_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in for /tmp, with no runtime folder to be found."""
    shared = tmp_path / "t"
    shared.mkdir()
    shared.chmod(0o1777)
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(shared))
    monkeypatch.setattr(runtime_place, "private_runtime_folder", lambda environ=None: None)
    return shared


def test_the_socket_goes_into_a_private_xdg_runtime_dir(tmp_path: Path) -> None:
    runtime = tmp_path / "r"
    runtime.mkdir(mode=0o700)

    path = Path(socket_path(tmp_path / "data", {"XDG_RUNTIME_DIR": str(runtime)}))

    assert path.parent == runtime
    assert path.name.startswith("rehab-coach-")
    assert path == Path(socket_path(tmp_path / "data", {"XDG_RUNTIME_DIR": str(runtime)}))
    assert path != Path(socket_path(tmp_path / "other", {"XDG_RUNTIME_DIR": str(runtime)}))


def test_a_runtime_dir_others_can_enter_is_not_used(tmp_path: Path) -> None:
    runtime = tmp_path / "r"
    runtime.mkdir()
    runtime.chmod(0o755)

    path = socket_path(tmp_path / "data", {"XDG_RUNTIME_DIR": str(runtime)})

    assert not path.startswith(str(runtime))


def test_without_a_runtime_dir_the_socket_hides_in_a_private_folder_of_the_shared_one(
    tmp_path: Path, shared_tmp: Path
) -> None:
    path = Path(socket_path(tmp_path / "data"))

    assert path.parent.parent == shared_tmp
    seen_by_others = str(path.relative_to(shared_tmp))
    assert "rehab" not in seen_by_others
    assert "coach" not in seen_by_others
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert is_private_folder(path.parent)


def test_a_folder_someone_else_left_under_our_name_is_never_used(tmp_path: Path, shared_tmp: Path) -> None:
    first = Path(socket_path(tmp_path / "data")).parent
    first.chmod(0o777)  # as if another user had made it first, open to all, to catch our socket

    second = Path(socket_path(tmp_path / "data")).parent

    assert second != first
    assert is_private_folder(second)


def test_a_link_is_not_a_private_folder(tmp_path: Path) -> None:
    target = tmp_path / "target"
    target.mkdir(mode=0o700)
    (tmp_path / "link").symlink_to(target)

    assert is_private_folder(target)
    assert not is_private_folder(tmp_path / "link")
