"""Kill a real session process partway: every step it had committed must still be there, intact."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from coach.core.store.adherence import AdherenceStore
from tests.conftest import REPO

pytestmark = pytest.mark.slow  # starts other processes

CHILD = Path(__file__).with_name("session_child.py")
STEPS_BEFORE_KILL = 150


def _kill_points(count: int) -> list[int]:
    """`count` kill points (steps committed before SIGKILL), random but the same on every run."""
    chance = random.Random(14)
    return [chance.randint(1, 400) for _ in range(count)]


@pytest.mark.parametrize("steps_before_kill", _kill_points(20))
def test_sigkill_at_a_random_point_loses_no_completed_step(tmp_path: Path, steps_before_kill: int) -> None:
    kill_partway(tmp_path, steps_before_kill)


@pytest.mark.long
@pytest.mark.parametrize("steps_before_kill", _kill_points(200))
def test_two_hundred_sigkills(tmp_path: Path, steps_before_kill: int) -> None:
    kill_partway(tmp_path, steps_before_kill)


def test_sigkill_partway_loses_no_completed_step(tmp_path: Path) -> None:
    kill_partway(tmp_path, STEPS_BEFORE_KILL)


def kill_partway(tmp_path: Path, steps_before_kill: int) -> None:
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
            if len(reported) >= steps_before_kill:
                break
    finally:
        child.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: no clean-up runs
        child.wait()
        child.stdout.close()

    assert len(reported) == steps_before_kill, "the child died before it was killed"
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
