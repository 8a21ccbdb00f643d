"""On a real X server every window reports WM_CLASS `rehab-coach`, the launcher's StartupWMClass."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.helpers import scaled

pytestmark = pytest.mark.slow  # starts other processes


@pytest.mark.skipif(
    shutil.which("xvfb-run") is None or shutil.which("xprop") is None,
    reason="needs xvfb-run (xvfb) and xprop (x11-utils)",
)
def test_every_window_reports_the_launchers_class_on_x11(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "QT_QPA_PLATFORM"}
    child = REPO / "tests" / "packaging" / "window_class_child.py"
    result = subprocess.run(
        ["xvfb-run", "-a", sys.executable, str(child), str(tmp_path / "data")],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
        env={**env, "PYTHONPATH": str(REPO)},
        timeout=scaled(120),
    )

    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert [line.split(":")[0] for line in lines] == ["main", "history", "icing"]
    for line in lines:
        assert line.endswith('WM_CLASS(STRING) = "rehab-coach", "rehab-coach"'), line
