"""Smoke test of the standalone build (opt-in: `python3 dev.py bundle`, then `python3 dev.py test -m bundle`).

Skipped while dist/rehab-coach/ has not been built; it runs the executable as a user would, on a temporary
data folder: --version, an instant session, and the app on the offscreen platform until it answers.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from coach import __version__
from coach.core.requests import Request, server_name
from tests.conftest import REPO
from tests.gui import running_app
from tests.helpers import scaled

BUNDLE = REPO / "dist" / "rehab-coach" / "rehab-coach"

pytestmark = [
    pytest.mark.bundle,
    pytest.mark.slow,
    pytest.mark.skipif(not BUNDLE.is_file(), reason="no standalone build: run python3 dev.py bundle"),
]


def _env(data: Path) -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "COACH_DATA_DIR": str(data)}


def _bundle(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BUNDLE), *args],
        env=_env(data),
        cwd=data.parent,
        capture_output=True,
        text=True,
        timeout=scaled(120),
    )


def test_the_build_says_its_version_and_records_an_instant_session(tmp_path: Path) -> None:
    data = tmp_path / "data"

    assert _bundle(data, "--version").stdout.strip() == f"coach {__version__}"
    session = _bundle(data, "run", "hip-strength", "--instant")

    assert session.returncode == 0, session.stderr
    assert "recorded simulated session 1 of 'hip-strength'" in session.stdout
    assert (data / "coach.db").is_file()


def test_the_build_opens_the_app_and_answers_a_second_launch(qtbot: QtBot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    app = subprocess.Popen(
        [str(BUNDLE)], env=_env(data), cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    name = server_name(data)
    try:
        running_app.wait_until_listening(qtbot, app, name)
        history = _bundle(data, "history", "--window")
        assert history.returncode == 0, history.stderr
        assert "history is now in front" in history.stdout
    finally:
        if app.poll() is None:
            running_app.ask(name, Request("quit"))
        _, errors = app.communicate(timeout=scaled(running_app.CLOSING_SECONDS))

    assert app.returncode == 0, errors
    assert "Traceback" not in errors
