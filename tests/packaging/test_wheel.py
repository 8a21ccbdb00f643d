"""The wheel, installed into a fresh virtual environment outside the repository, runs from its own data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from tests.conftest import REPO


def _run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, check=False, cwd=cwd, env=env
    )
    assert result.returncode == 0, f"{command}: {result.stdout}{result.stderr}"
    return result.stdout


@pytest.mark.slow
def test_the_installed_wheel_lists_and_runs_its_bundled_routines(tmp_path: Path) -> None:
    # Given a wheel and an sdist built from this checkout (hatchling, the build backend, is in [dev])
    dist = tmp_path / "dist"
    _run(sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-t", "sdist", "-d", dist, cwd=REPO)
    wheel = next(dist.glob("rehab_coach-*.whl"))
    assert next(dist.glob("rehab_coach-*.tar.gz"))
    # ... installed into a new environment far from the repository. Its dependencies (PySide6 is 200 MB)
    # come from this environment's site-packages through a .pth line, which does not run the editable
    # install's own .pth: `coach` itself can only come from the wheel.
    target = tmp_path / "elsewhere" / "venv"
    venv.EnvBuilder(with_pip=False, symlinks=os.name != "nt").create(target)
    python = target / "bin" / "python"
    where = "import sysconfig; print(sysconfig.get_path('purelib'))"
    site = Path(_run(python, "-c", where, cwd=tmp_path).strip())
    pip = [sys.executable, "-m", "pip", "--python", str(python), "--disable-pip-version-check"]
    _run(*pip, "install", "--quiet", "--no-deps", wheel, cwd=tmp_path)
    (site / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    coach = target / "bin" / "coach"
    env = {
        **{k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
        "COACH_DATA_DIR": str(tmp_path / "data"),
    }

    # Then it answers from its own installed data
    assert _run(coach, "--version", cwd=tmp_path, env=env).strip() == f"coach {_version()}"
    listed = json.loads(_run(coach, "routines", "--json", cwd=tmp_path, env=env))
    files = {entry["id"]: Path(entry["file"]) for entry in listed["routines"]}
    assert {"gentle-start", "hip-strength", "hip-and-knee", "ice"} <= set(files)
    assert all(path.is_relative_to(site / "coach" / "_data" / "routines") for path in files.values())
    assert listed["broken"] == []
    out = _run(coach, "run", "hip-strength", "--instant", cwd=tmp_path, env=env)
    assert "recorded simulated session" in out
    assert (tmp_path / "data" / "coach.db").is_file()
    assert (site / "coach" / "_data" / "linux" / "rehab-coach.desktop").is_file()
    # ... and speaks the languages of its compiled catalogues
    assert (site / "coach" / "_data" / "locale" / "de" / "LC_MESSAGES" / "coach.mo").is_file()
    assert _run(coach, "--lang", "de", "--help", cwd=tmp_path, env=env).startswith("Aufruf: coach")
    assert (site / "coach" / "_data" / "assets" / "LICENSES.toml").is_file()


def _version() -> str:
    from coach import __version__

    return __version__
