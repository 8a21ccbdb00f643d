"""The import rules, read from their one declaration (`[tool.importlinter]` in pyproject.toml).

The core imports nothing of ours outside core and no Qt; services know no GUI; the command line imports the
GUI only to open it. A second check runs the commands that need no window and asserts that PySide6 never
loads, which is what keeps `coach history` quick and the rules testable without a display.
"""

from __future__ import annotations

import ast
import contextlib
import inspect
import json
import pkgutil
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import coach.core

ROOT = Path(__file__).resolve().parent.parent


def _lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    """Run import-linter on `project` (a folder holding pyproject.toml and the coach package), apart."""
    return subprocess.run(
        [sys.executable, "-c", "import sys, importlinter.cli as c; sys.exit(c.lint_imports(no_cache=True))"],
        cwd=project,
        env={"PYTHONPATH": str(project), "PATH": "", "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.slow
def test_the_package_keeps_the_declared_import_rules() -> None:
    result = _lint_imports(ROOT)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.slow
@pytest.mark.parametrize(
    ("module", "line"),
    [
        ("coach/core/history/stats.py", "import coach.gui.style"),
        ("coach/core/session/engine.py", "import PySide6.QtCore"),
        ("coach/services/notify.py", "import coach.gui.tray"),
        ("coach/cli/history.py", "import coach.gui.history"),
    ],
)
def test_an_import_against_the_rules_is_caught(tmp_path: Path, module: str, line: str) -> None:
    shutil.copytree(ROOT / "coach", tmp_path / "coach", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")

    result = _lint_imports(tmp_path)

    assert result.returncode != 0
    assert "BROKEN" in result.stdout


QT_MODULES = """
import importlib, json, sys
for name in json.loads(sys.argv[1]):
    importlib.import_module(name)
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in {"PySide6", "shiboken6"})))
"""


@pytest.mark.slow
def test_importing_every_core_module_loads_no_qt() -> None:
    names = ["coach.core", *(m.name for m in pkgutil.walk_packages(coach.core.__path__, "coach.core."))]

    result = subprocess.run(
        [sys.executable, "-c", QT_MODULES, json.dumps(names)], capture_output=True, text=True, check=True
    )

    assert len(names) > 20
    assert json.loads(result.stdout) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [
        ["history", "--json"],
        ["history"],
        ["routines", "--json"],
        ["validate", str(ROOT / "routines" / "hip-strength.toml")],
        ["export", "--csv", "{tmp}/csv"],
    ],
)
def test_commands_without_a_window_never_load_qt(tmp_path: Path, args: list[str]) -> None:
    data = tmp_path / "data"
    _one_session(data)
    command = [arg.replace("{tmp}", str(tmp_path)) for arg in args]

    imported = _imported_by(data, command)

    assert "coach.cli" in imported
    assert [name for name in imported if name.split(".")[0] in {"PySide6", "shiboken6"}] == []


def _one_session(data: Path) -> None:
    """A history of one session in `data`, recorded by the command line."""
    subprocess.run(
        [sys.executable, "-m", "coach", "run", "hip-strength", "--instant"],
        env=_env(data),
        check=True,
        capture_output=True,
    )


def _imported_by(data: Path, command: list[str]) -> list[str]:
    """The modules `coach COMMAND` imports on `data`, as `python -X importtime` lists them."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "coach", *command],
        env=_env(data),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return [line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line]


def _imported_by_history(data: Path) -> list[str]:
    return _imported_by(data, ["history", "--json"])


@pytest.mark.slow
def test_reading_history_loads_no_sqlite_utils_unless_a_migration_is_pending(tmp_path: Path) -> None:
    """sqlite-utils costs about 45 ms to import: the store loads it to write or migrate, never to read."""
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

    from coach.core.store import schema

    data = tmp_path / "data"
    _one_session(data)
    assert "coach.core.store.adherence" in (imported := _imported_by_history(data))
    assert [name for name in imported if name.split(".")[0] == "sqlite_utils"] == []

    older = tmp_path / "older"
    older.mkdir()
    first_release = Migrations(schema.MIGRATION_SET)
    first_release()(schema.m001_sessions_and_steps)
    with contextlib.closing(Database(older / "coach.db")) as db:
        first_release.apply(db)
    assert "sqlite_utils.migrations" in _imported_by_history(older)
    with contextlib.closing(sqlite3.connect(older / "coach.db")) as db:
        assert schema.applied_migrations(db) == schema.KNOWN_MIGRATIONS


def _env(data: Path) -> dict[str, str]:
    return {"COACH_DATA_DIR": str(data), "PATH": "", "LANG": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1"}


def _store_writers() -> set[str]:
    """The store's public methods that write: those that open a write transaction."""
    from coach.core.store.adherence import AdherenceStore

    writers = set()
    for name in dir(AdherenceStore):
        method = getattr(AdherenceStore, name)
        if name.startswith("_") or not callable(method):
            continue
        source = inspect.getsource(method)
        if "self._writing()" in source or ".atomic()" in source:
            writers.add(name)
    return writers


def test_every_store_write_waits_its_turn_for_the_lock() -> None:
    """A write opened with sqlite-utils' deferred `atomic()` fails at once beside another writer."""
    store = ROOT / "coach" / "core" / "store"
    deferred = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted(store.glob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ".atomic()" in line
    ]

    assert deferred == []


def _calls_in(folder: Path) -> list[tuple[str, int, str]]:
    calls = []
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                calls.append((str(path.relative_to(ROOT)), node.lineno, node.func.attr))
    return calls


def test_neither_face_writes_to_the_store_itself() -> None:
    writers = _store_writers()
    faces = _calls_in(ROOT / "coach" / "gui") + _calls_in(ROOT / "coach" / "cli")

    assert {"record_step", "begin_session", "add_day_mark", "begin_icing", "record_dose_changes"} <= writers
    assert [call for call in faces if call[2] in writers] == []
