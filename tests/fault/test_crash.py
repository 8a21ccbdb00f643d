"""Kill a real session process partway: every step it had committed must still be there, intact."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from coach.core.store.adherence import AdherenceStore
from tests.conftest import REPO

CHILD = Path(__file__).with_name("session_child.py")
STEPS_BEFORE_KILL = 150


def test_sigkill_partway_loses_no_completed_step(tmp_path: Path) -> None:
    database = tmp_path / "coach.db"
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(database), str(REPO / "routines" / "hip-strength.toml")],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    assert child.stdout is not None
    reported: list[tuple[int, int]] = []
    try:
        for line in child.stdout:
            session_id, step_index = map(int, line.split())
            reported.append((session_id, step_index))
            if len(reported) >= STEPS_BEFORE_KILL:
                break
    finally:
        child.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: no clean-up runs
        child.wait()
        child.stdout.close()

    assert len(reported) == STEPS_BEFORE_KILL, "the child died before it was killed"
    store = AdherenceStore.open(database)
    try:
        assert store.integrity_ok()
        for session in {s for s, _ in reported}:
            stored = store.done_step_indexes(session)
            wanted = [i for s, i in reported if s == session]
            assert set(wanted) <= set(stored)
            assert stored == list(range(len(stored)))  # a clean prefix: nothing half-written
        assert store.open_sessions(), "the killed session must be left open, ready to be recovered"
    finally:
        store.close()
