"""Opening the database: a folder, an empty, read-only, busy or damaged file each get their own sentence."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from coach.core.operations import run_instant_session
from coach.core.routines.loader import load_routine
from coach.core.store import writing
from coach.core.store.adherence import AdherenceStore
from coach.core.store.errors import StoreError
from tests.conftest import EXAMPLE, REPO
from tests.helpers import over, scaled

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def a_history(path: Path, sessions: int = 3) -> None:
    store = AdherenceStore.open(path)
    try:
        for _ in range(sessions):
            run_instant_session(over(store), load_routine(EXAMPLE), now=NOW)
    finally:
        store.close()


def test_a_folder_named_like_the_database_is_its_own_message(tmp_path: Path) -> None:
    (tmp_path / "coach.db").mkdir()

    with pytest.raises(StoreError, match=r"coach.db is a folder, not a Rehab Coach database"):
        AdherenceStore.open(tmp_path / "coach.db")


def test_an_empty_file_is_moved_aside_not_reused(tmp_path: Path) -> None:
    (tmp_path / "coach.db").touch()

    with pytest.raises(StoreError, match=r"empty file \(0 bytes\).*moved aside to coach.db.empty-1"):
        AdherenceStore.open(tmp_path / "coach.db")

    assert (tmp_path / "coach.db.empty-1").exists()
    assert not (tmp_path / "coach.db").exists()


def test_a_damaged_file_is_moved_aside_untouched(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    a_history(path, sessions=20)
    data = bytearray(path.read_bytes())
    page = 4096
    middle = len(data) // page // 2 * page
    data[middle + 100 : middle + page] = os.urandom(page - 100)  # random bytes in a middle page
    path.write_bytes(bytes(data))
    damaged = bytes(data)

    with pytest.raises(
        StoreError, match=r"is damaged \(.+\); it was moved aside to coach.db.damaged-1.*coach backup list"
    ):
        AdherenceStore.open(path)

    assert (tmp_path / "coach.db.damaged-1").read_bytes() == damaged  # nothing written into it
    assert not path.exists()


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_read_only_file_is_said_to_be_read_only(reachable: Path) -> None:
    folder = reachable
    path = folder / "coach.db"
    a_history(path, sessions=1)
    _give_to_the_ordinary_user(folder)
    path.chmod(0o400)

    said = _open_as_an_ordinary_user(path)

    assert "coach.db is read-only (or not yours); nothing was written" in said


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_read_only_folder_is_said_to_be_read_only(reachable: Path) -> None:
    folder = reachable / "data"
    folder.mkdir()
    _give_to_the_ordinary_user(folder)
    folder.chmod(0o500)
    try:
        said = _open_as_an_ordinary_user(folder / "coach.db")
    finally:
        folder.chmod(0o700)

    assert "data is read-only, so Rehab Coach cannot keep its database there; nothing was written" in said
    assert not (folder / "coach.db").exists()


# Root may write anywhere, so as root the store is opened by a child running as `nobody` (setpriv, part of
# util-linux, in every Debian); a bind mount or chattr +i would need more than a container grants.
NOBODY = 65534
_OPEN_AND_SAY = (
    "import sys\n"
    "from pathlib import Path\n"
    "from coach.core.store.adherence import AdherenceStore\n"
    "from coach.core.store.errors import StoreError\n"
    "try:\n"
    "    AdherenceStore.open(Path(sys.argv[1])).close()\n"
    "except StoreError as error:\n"
    "    print(error)\n"
)


@pytest.fixture
def reachable(tmp_path: Path) -> Iterator[Path]:
    """tmp_path itself, or (as root) a folder `nobody` can reach: pytest's own is root's alone."""
    if not AS_ROOT:
        yield tmp_path
        return
    if shutil.which("setpriv") is None:
        pytest.skip("as root this needs setpriv (util-linux) to open the store as an ordinary user")
    folder = Path(tempfile.mkdtemp(prefix="coach-read-only-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder)


def _give_to_the_ordinary_user(path: Path) -> None:
    if AS_ROOT:
        for item in [path, *path.rglob("*")]:
            os.chown(item, NOBODY, NOBODY)


def _open_as_an_ordinary_user(database: Path) -> str:
    """What opening `database` says: in this process, or (as root) in a child running as nobody."""
    if not AS_ROOT:
        try:
            AdherenceStore.open(database).close()
        except StoreError as error:
            return str(error)
        return ""
    as_nobody = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", sys.executable, "-c"]

    def run(code: str, *args: str) -> subprocess.CompletedProcess[str]:
        environ = {**os.environ, "PYTHONPATH": str(REPO)}
        return subprocess.run(
            [*as_nobody, code, *args],
            cwd="/",
            env=environ,
            capture_output=True,
            text=True,
            timeout=scaled(60),
        )

    probe = run("import coach.core.store.adherence")
    if probe.returncode != 0:
        pytest.skip(f"nobody cannot run Rehab Coach from {REPO}: {probe.stderr.strip()[-200:]}")
    done = run(_OPEN_AND_SAY, str(database))
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_lock_held_for_a_second_is_waited_for(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    a_history(path, sessions=1)
    store = AdherenceStore.open(path)
    holder = sqlite3.connect(path, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE sessions SET note = 'another writer'")  # so that a stale read cannot upgrade
    release = threading.Timer(1.0, holder.commit)
    release.start()
    try:
        record = run_instant_session(
            over(store), load_routine(EXAMPLE), now=NOW
        ).value  # every step waits its turn
    finally:
        release.join()
        holder.close()
        store.close()

    assert record.steps_completed == record.steps_total


def test_a_lock_held_past_the_timeout_is_a_sentence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(writing, "BUSY_TIMEOUT_SECONDS", 0.1)
    path = tmp_path / "coach.db"
    store = AdherenceStore.open(path)
    with closing(sqlite3.connect(path)) as holder:
        holder.execute("BEGIN IMMEDIATE")

        with pytest.raises(StoreError, match="kept the database busy"):
            store.begin_icing(NOW, 10)

        holder.rollback()
    assert store.icing_runs() == []
    store.close()


def test_two_stores_writing_at_once_both_succeed(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    AdherenceStore.open(path).close()
    failures: list[BaseException] = []

    def write_sessions() -> None:
        store = AdherenceStore.open(path)
        try:
            for _ in range(5):
                run_instant_session(over(store), load_routine(EXAMPLE), now=NOW)
        except BaseException as error:
            failures.append(error)
        finally:
            store.close()

    writers = [threading.Thread(target=write_sessions) for _ in range(2)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()

    assert failures == []
    store = AdherenceStore.open(path)
    assert len(store.sessions(include_simulated=True)) == 10
    store.close()


def test_a_data_folder_that_is_a_file_is_a_store_error_the_app_can_show(tmp_path: Path) -> None:
    afile = tmp_path / "data"
    afile.write_text("not a folder", encoding="utf-8")

    with pytest.raises(StoreError, match=f"^{afile}: this is not a folder; Rehab Coach keeps its data"):
        AdherenceStore.open(afile / "coach.db")

    assert afile.read_text(encoding="utf-8") == "not a folder"
