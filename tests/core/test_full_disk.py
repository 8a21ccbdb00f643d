"""A full disk, for real: a small tmpfs (when the tests run as root), skipped elsewhere.

Nothing half-written appears, a good old file is never replaced by an empty one, and each failure says
"the disk is full" with its place.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from coach.core.history.period import Period
from coach.core.operations import Refused, export_csv_files, export_report, run_instant_session
from coach.core.routines.loader import load_routine
from coach.core.store.adherence import AdherenceStore
from coach.core.store.errors import StoreError
from tests.conftest import EXAMPLE
from tests.helpers import over

pytestmark = pytest.mark.slow  # starts other processes

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 512 KB tmpfs, unmounted afterwards."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(folder)], capture_output=True, check=False
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode(errors='replace').strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def fill(folder: Path) -> None:
    """Use up every free byte of the disk that `folder` is on."""
    with contextlib.suppress(OSError), (folder / "filler").open("wb", buffering=0) as handle:
        while True:
            handle.write(b"\0" * 4096)


def test_a_full_disk_mid_session_is_said_and_the_database_stays_whole(small_disk: Path) -> None:
    store = AdherenceStore.open(small_disk / "coach.db")
    run_instant_session(over(store), load_routine(EXAMPLE), now=NOW)
    fill(small_disk)

    def sessions_until_full() -> None:
        for _ in range(50):
            run_instant_session(over(store), load_routine(EXAMPLE), now=NOW)

    with pytest.raises(StoreError, match="the disk is full"):
        sessions_until_full()
    store.close()
    (small_disk / "filler").unlink()

    reopened = AdherenceStore.open(small_disk / "coach.db")
    assert reopened.integrity_ok()
    assert all(s.steps_completed <= s.steps_total for s in reopened.sessions(include_simulated=True))
    reopened.close()


def test_a_history_on_a_full_disk_says_so_when_opened(small_disk: Path) -> None:
    AdherenceStore.open(small_disk / "coach.db").close()
    (small_disk / "coach.db-shm").unlink(missing_ok=True)  # as after a restart: SQLite must make it again
    fill(small_disk)

    with pytest.raises(StoreError, match=r"coach\.db: the disk is full; free some space"):
        AdherenceStore.open(small_disk / "coach.db")


def test_exports_on_a_full_disk_keep_the_old_files_and_leave_no_partial_ones(
    small_disk: Path, tmp_path: Path
) -> None:
    store = AdherenceStore.open(tmp_path / "coach.db")
    for _ in range(3):
        run_instant_session(over(store), load_routine(EXAMPLE), now=NOW)
    out = small_disk / "export"
    export_csv_files(over(store), out)
    report = small_disk / "report.pdf"
    report.write_bytes(b"%PDF-1.4 the good old report %%EOF")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    fill(small_disk)

    with pytest.raises(Refused, match="disk is full"):
        export_csv_files(over(store), out, overwrite=True)

    def draw(path: Path, _report: object, _today: date) -> None:
        path.write_bytes(b"%PDF-1.4 " + b"x" * 100_000 + b"%%EOF")

    with pytest.raises(Refused, match="The report was not written"):
        export_report(over(store, now=NOW), report, Period(), draw)

    store.close()
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert report.read_bytes() == b"%PDF-1.4 the good old report %%EOF"
    assert sorted(p.name for p in small_disk.iterdir()) == ["export", "filler", "report.pdf"]
