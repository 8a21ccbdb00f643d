"""Kill `coach export --csv --force` at random points: the folder holds the old pair or the new, not a mix."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from coach.cli import main
from coach.core.files import RENAMES_MANIFEST, finish_interrupted_renames
from tests.conftest import REPO
from tests.helpers import scaled

CHILD = Path(__file__).with_name("export_child.py")
OLD = {"sessions.csv": b"old sessions\n", "steps.csv": b"old steps\n"}

pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name != "posix", reason="SIGKILL")]


def _export(data: Path, folder: Path, kill_at: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(CHILD), str(kill_at), str(folder)],
        cwd=REPO,
        env={**os.environ, "COACH_DATA_DIR": str(data)},
        capture_output=True,
        text=True,
        timeout=scaled(60),
    )


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes], int]:
    """A data folder with sessions, the pair a whole export writes, and how many file operations it takes."""
    data = tmp_path_factory.mktemp("history") / "data"
    os.environ["COACH_DATA_DIR"] = str(data)
    try:
        for routine in ("hip-strength", "gentle-start", "hip-strength"):
            assert main(["run", routine, "--instant", "--pain", "2"]) == 0
    finally:
        del os.environ["COACH_DATA_DIR"]
    reference = data.parent / "reference"
    whole = _export(data, reference, kill_at=0)
    assert whole.returncode == 0, whole.stderr
    new = {p.name: p.read_bytes() for p in reference.iterdir()}  # sessions, steps, reviews and runs
    return data, new, int(whole.stdout.split()[-1])


def _kill_points(count: int) -> list[int]:
    """Fractions of the way through the export, random but the same on every run."""
    chance = random.Random(14)
    return [chance.randint(1, 1000) for _ in range(count)]


History = tuple[Path, dict[str, bytes], int]


def kill_and_look(tmp_path: Path, history: History, kill_at: int, *, old: bool) -> None:
    data, new, _ = history
    folder = tmp_path / "for-the-physio"
    if old:
        folder.mkdir()
        for name, content in OLD.items():
            (folder / name).write_bytes(content)

    killed = _export(data, folder, kill_at)

    assert killed.returncode == -9, f"the export was not killed at operation {kill_at}: {killed.stderr}"
    found = {p.name: p.read_bytes() for p in folder.iterdir()} if folder.exists() else {}
    assert found in ({}, new, OLD if old else new), f"a mixed pair after a kill at operation {kill_at}"
    again = _export(data, folder, kill_at=0)
    assert again.returncode == 0, again.stderr
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == new
    assert [p.name for p in tmp_path.iterdir()] == ["for-the-physio"], "the next export removes the drafts"


def _operation(history: tuple[Path, dict[str, bytes], int], point: int) -> int:
    """The operation `point` thousandths of the way through the export."""
    return 1 + point * (history[2] - 1) // 1000


@pytest.mark.parametrize("point", _kill_points(4))
@pytest.mark.parametrize("old", [True, False], ids=["over-an-old-pair", "into-a-new-folder"])
def test_a_csv_export_killed_at_random_leaves_a_whole_pair(
    tmp_path: Path, history: tuple[Path, dict[str, bytes], int], point: int, old: bool
) -> None:
    kill_and_look(tmp_path, history, _operation(history, point), old=old)


@pytest.mark.parametrize("from_the_end", range(1, 13))
def test_a_csv_export_killed_while_its_files_land_leaves_a_whole_pair(
    tmp_path: Path, history: tuple[Path, dict[str, bytes], int], from_the_end: int
) -> None:
    """The last operations are where the two files are put in place: each one is tried."""
    kill_and_look(tmp_path, history, history[2] + 1 - from_the_end, old=True)


@pytest.mark.long
@pytest.mark.parametrize("point", _kill_points(100))
def test_a_hundred_killed_csv_exports(
    tmp_path: Path, history: tuple[Path, dict[str, bytes], int], point: int
) -> None:
    kill_and_look(tmp_path, history, _operation(history, point), old=True)


def _shared_folder(tmp_path: Path, name: str) -> Path:
    """A folder the person also keeps other things in, holding an old pair."""
    folder = tmp_path / name
    folder.mkdir()
    (folder / "notes.txt").write_text("my own notes\n", encoding="utf-8")
    for file, content in OLD.items():
        (folder / file).write_bytes(content)
    return folder


@pytest.fixture(scope="module")
def shared_operations(tmp_path_factory: pytest.TempPathFactory, history: History) -> int:
    """How many file operations a whole export into a shared folder takes."""
    whole = _export(history[0], _shared_folder(tmp_path_factory.mktemp("shared"), "count"), kill_at=0)
    assert whole.returncode == 0, whole.stderr
    return int(whole.stdout.split()[-1])


@pytest.mark.parametrize("from_the_end", range(1, 10))  # one rename a file (four), the manifest, the syncs
def test_a_pair_killed_while_landing_in_a_shared_folder_is_finished_whole(
    tmp_path: Path, history: History, shared_operations: int, from_the_end: int
) -> None:
    data, new, _ = history
    folder = _shared_folder(tmp_path, "shared")

    killed = _export(data, folder, shared_operations + 1 - from_the_end)
    assert killed.returncode == -9, killed.stderr
    finish_interrupted_renames(folder)  # what the next export of the folder does first

    files = {name: (folder / name).read_bytes() for name in new if (folder / name).exists()}
    assert files in (OLD, new), f"a mixed pair after a kill {from_the_end} operations from the end"
    assert not (folder / RENAMES_MANIFEST).exists()
    again = _export(data, folder, kill_at=0)
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in folder.iterdir()) == [
        "notes.txt",
        "reviews.csv",
        "runs.csv",
        "sessions.csv",
        "steps.csv",
    ]
