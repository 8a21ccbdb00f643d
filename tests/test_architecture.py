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
import re
import shutil
import sqlite3
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import coach.core

ROOT = Path(__file__).resolve().parent.parent
QT_PACKAGES = {"PySide6", "shiboken6"}


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
        # the modules directly under the core, each in its layer
        ("coach/core/paths.py", "import coach.core.operations"),
        ("coach/core/words.py", "import coach.core.history.stats"),
        ("coach/core/files.py", "import coach.core.paths"),  # side by side in the base
        ("coach/core/runtime_place.py", "import coach.core.requests"),
        ("coach/core/settings.py", "import coach.core.export"),
        ("coach/core/export.py", "import coach.core.operations"),
        ("coach/core/history/stats.py", "import coach.core.settings"),
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


def _core_modules_outside_the_layers(root: Path) -> list[str]:
    """The modules and packages directly under coach/core that no layer of the core's contract names."""
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    (layers,) = [c["layers"] for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"]
    named = {name.strip(" ()") for layer in layers for name in re.split(r"[|:]", layer)}
    core = root / "coach" / "core"
    here = [p.stem for p in core.glob("*.py") if p.stem != "__init__"]
    here += [p.parent.name for p in core.glob("*/__init__.py")]
    return sorted(f"coach.core.{name}" for name in here if f"coach.core.{name}" not in named)


def test_every_module_directly_under_the_core_is_in_a_layer() -> None:
    assert _core_modules_outside_the_layers(ROOT) == []


@pytest.mark.parametrize("new", ["coach/core/reports.py", "coach/core/base/__init__.py"])
def test_a_core_module_outside_the_layers_is_caught(tmp_path: Path, new: str) -> None:
    shutil.copytree(ROOT / "coach", tmp_path / "coach", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / new).parent.mkdir(exist_ok=True)
    (tmp_path / new).write_text('"""A new room of the core."""\n', encoding="utf-8")

    found = _core_modules_outside_the_layers(tmp_path)

    assert found == [new.removesuffix("/__init__.py").removesuffix(".py").replace("/", ".")]


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
    assert [name for name in imported if name.split(".")[0] in QT_PACKAGES] == []


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
def test_reading_history_loads_only_what_it_prints(tmp_path: Path) -> None:
    """`coach history --json` is timed against `coach --version` (bench/, at most 1.3×): it reads the
    store, the summary and the dose done, and never loads History's overview, the routine model, the
    backups, logging or (with no run recorded) the runs' module, each a few milliseconds of a start that
    takes about a hundred."""
    data = tmp_path / "data"
    _one_session(data)

    imported = set(_imported_by(data, ["history", "--json", "--include-simulated"]))

    assert {"coach.core.store.adherence", "coach.core.history.tension"} <= imported
    unwanted = {
        "coach.core.history.overview",
        "coach.core.routines.model",
        "coach.core.store.backups",
        "coach.core.clinical.pain_rule",
        "coach.core.running.runs",  # no run recorded: none read
        "logging",
    }
    assert imported & unwanted == set()


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


# What makes a store method a writer: it opens a write transaction, or puts a backup in place.
_WRITE_MARKS = ("self._writing()", ".atomic()", "self._lock.alone()")
# The writers a face must never reach, named so that a change in how they are found cannot lose them.
_KNOWN_WRITERS = {
    *("begin_session", "record_step", "finish_session", "record_pain", "record_pain_before"),
    *("record_warning_signs", "close_abandoned", "record_morning_pain", "add_day_mark", "remove_day_mark"),
    *("begin_icing", "finish_icing", "record_dose_changes", "record_clinician_review", "restore_backup"),
}


def _store_writers() -> set[str]:
    """The store's public methods that write, themselves or through a private method of the store."""
    from coach.core.store.adherence import AdherenceStore

    sources: dict[str, str] = {}
    for kind in AdherenceStore.__mro__[:-1]:  # the store and the record mixins it is made of, not object
        for name, member in vars(kind).items():
            function = getattr(member, "__func__", member)  # a classmethod's or staticmethod's function
            if inspect.isfunction(function):
                sources.setdefault(name, inspect.getsource(function))
    writers = {name for name, source in sources.items() if any(mark in source for mark in _WRITE_MARKS)}
    while (
        more := {n for n, source in sources.items() if any(f"self.{w}(" in source for w in writers)} - writers
    ):
        writers |= more
    return {name for name in writers if not name.startswith("_")}


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


def _face_files(root: Path) -> list[Path]:
    return sorted([*(root / "coach" / "gui").rglob("*.py"), *(root / "coach" / "cli").rglob("*.py")])


def _module_names(node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.ImportFrom):
        return [node.module or ""]
    return [alias.name for alias in node.names]


def _loads_by_name(node: ast.Call) -> bool:
    """A call of `importlib.import_module` or `__import__` (by those names)."""
    called = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
    return called in {"import_module", "__import__"}


def _named_modules(node: ast.Call) -> list[str]:
    """The module names a call passes as text (`import_module("PySide6.QtCore")`, `load("sqlite3")`)."""
    return [
        arg.value
        for arg in [*node.args, *(keyword.value for keyword in node.keywords)]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and re.fullmatch(r"[\w.]+", arg.value)
    ]


def _faces_reaching_the_store(root: Path) -> list[str]:
    """Where a GUI or command-line module reaches past the operations into the store: its connections
    (`_db`, `_conn`), sqlite3 itself, or a writer of the store by any name (`w = store.record_step`,
    `getattr(store, "record_step")`)."""
    writers, private = _store_writers(), {"_db", "_conn"}
    found = []
    for path in _face_files(root):
        where = path.relative_to(root)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            line = getattr(node, "lineno", 0)
            if isinstance(node, ast.Attribute) and node.attr in writers | private:
                found.append(f"{where}:{line}: .{node.attr}")
            elif isinstance(node, ast.Constant) and node.value in writers | private:
                found.append(f"{where}:{line}: {node.value!r}")
            elif isinstance(node, ast.Import | ast.ImportFrom):
                found += [
                    f"{where}:{line}: import {m}" for m in _module_names(node) if m.split(".")[0] == "sqlite3"
                ]
            elif isinstance(node, ast.Call):
                named = [m for m in _named_modules(node) if m.split(".")[0] == "sqlite3"]
                found += [f"{where}:{line}: loads {m}" for m in named]
    return found


def test_neither_face_reaches_the_store_past_the_operations() -> None:
    assert _store_writers() >= _KNOWN_WRITERS
    assert _faces_reaching_the_store(ROOT) == []


@pytest.mark.parametrize(
    ("module", "code"),
    [
        ("coach/gui/leak.py", "def leak(store):\n    store._db.execute('DELETE FROM sessions')"),
        ("coach/cli/leak.py", "def leak(app):\n    return app.store._conn"),
        ("coach/gui/leak.py", "def leak(store):\n    return getattr(store, '_db')"),
        ("coach/cli/leak.py", "import sqlite3"),
        ("coach/gui/leak.py", "from sqlite3 import connect"),
        ("coach/cli/leak.py", "import importlib\n\ndb = importlib.import_module('sqlite3')"),
        ("coach/gui/leak.py", "def leak(store):\n    store.record_step(1, None)"),
        ("coach/gui/leak.py", "def leak(store):\n    write = store.record_step\n    write(1, None)"),
        ("coach/cli/leak.py", "def leak(store):\n    getattr(store, 'finish_session')(1)"),
        ("coach/gui/leak.py", "def leak(store):\n    store.add_day_mark(None)"),
        ("coach/cli/leak.py", "def leak(store):\n    store.restore_backup('x', None)"),
        ("coach/gui/leak.py", "from operator import methodcaller\n\nleak = methodcaller('begin_icing', 20)"),
    ],
)
def test_a_face_reaching_the_store_is_caught(tmp_path: Path, module: str, code: str) -> None:
    shutil.copytree(ROOT / "coach", tmp_path / "coach", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / module).write_text(f"{code}\n", encoding="utf-8")

    found = _faces_reaching_the_store(tmp_path)

    assert found
    assert all(place.startswith(module) for place in found), found


def _core_loading_qt(root: Path) -> list[str]:
    """Where the core names a Qt module to a call (`importlib.import_module("PySide6.QtCore")`, `__import__`,
    an alias of them), or loads a module whose name this check cannot read."""
    found = []
    for path in sorted((root / "coach" / "core").rglob("*.py")):
        where = path.relative_to(root)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            named = _named_modules(node)
            found += [f"{where}:{node.lineno}: loads {m}" for m in named if m.split(".")[0] in QT_PACKAGES]
            if _loads_by_name(node) and not named:
                found.append(f"{where}:{node.lineno}: loads a module named at run time")
    return found


def test_the_core_never_loads_qt_by_name() -> None:
    assert _core_loading_qt(ROOT) == []


@pytest.mark.parametrize(
    ("module", "code"),
    [
        ("coach/core/leak.py", "import importlib\n\nimportlib.import_module('PySide6.QtCore')"),
        ("coach/core/session/leak.py", "from importlib import import_module as load\n\nload('PySide6')"),
        ("coach/core/history/leak.py", "def leak():\n    return __import__('shiboken6')"),
        ("coach/core/store/leak.py", "import builtins\n\nbuiltins.__import__('PySide6.QtWidgets')"),
        ("coach/core/leak.py", "import importlib\n\nimportlib.import_module('PySide' + '6')"),
        ("coach/core/routines/leak.py", "import importlib\n\nimportlib.import_module(name='PySide6.QtGui')"),
    ],
)
def test_qt_loaded_by_name_in_the_core_is_caught(tmp_path: Path, module: str, code: str) -> None:
    shutil.copytree(ROOT / "coach", tmp_path / "coach", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / module).write_text(f"{code}\n", encoding="utf-8")

    found = _core_loading_qt(tmp_path)

    assert found
    assert all(place.startswith(module) for place in found), found


def test_the_app_stays_wiring_and_no_gui_class_takes_the_store() -> None:
    """gui/app.py builds the parts and connects them (issue "one door": at most 200 lines); a window is
    handed the runner, never the store."""
    app = ROOT / "coach" / "gui" / "app.py"
    assert len(app.read_text(encoding="utf-8").splitlines()) <= 200
    for path in (ROOT / "coach" / "gui").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name == "__init__":
                hints = [ast.unparse(a.annotation) for a in node.args.args if a.annotation is not None]
                assert not any("AdherenceStore" in hint for hint in hints), f"{path.name}: {node.name}"
