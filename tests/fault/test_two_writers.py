"""Two real processes writing sessions into one history at the same moment: both succeed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from coach.core.store.adherence import AdherenceStore
from tests.conftest import EXAMPLE, REPO
from tests.helpers import scaled

pytestmark = pytest.mark.slow  # starts other processes


def run_pair(data: Path) -> list[subprocess.CompletedProcess[str]]:
    env = {**os.environ, "COACH_DATA_DIR": str(data)}
    command = [sys.executable, "-m", "coach", "run", str(EXAMPLE), "--instant"]
    children = [
        subprocess.Popen(
            command, env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    results = []
    for child in children:
        out, err = child.communicate(timeout=scaled(120))
        results.append(subprocess.CompletedProcess(command, child.returncode, out, err))
    return results


@pytest.mark.parametrize("pair", range(3))
def test_two_instant_runs_at_once_both_succeed(tmp_path: Path, pair: int) -> None:
    data = tmp_path / f"data-{pair}"
    data.mkdir()
    AdherenceStore.open(data / "coach.db").close()  # both start on an existing history

    results = run_pair(data)

    assert [(r.returncode, r.stderr) for r in results] == [(0, ""), (0, "")]
    store = AdherenceStore.open(data / "coach.db")
    sessions = store.sessions(include_simulated=True)
    store.close()
    assert len(sessions) == 2
    assert all(s.steps_completed == s.steps_total for s in sessions)
