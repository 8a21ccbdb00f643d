"""The core must run where Qt is not installed: importing it must never import PySide6."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import coach.core

SCRIPT = """
import importlib, json, sys
names = json.loads(sys.argv[1])
for name in names:
    importlib.import_module(name)
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in {"PySide6", "shiboken6"})))
"""


def core_modules() -> list[str]:
    return [m.name for m in pkgutil.walk_packages(coach.core.__path__, "coach.core.")]


def test_the_core_has_the_modules_the_architecture_names() -> None:
    names = set(core_modules())

    for module in ("routine", "loader", "clock", "engine", "timer", "store", "stats", "safety"):
        assert f"coach.core.{module}" in names


def test_importing_every_core_module_does_not_import_qt() -> None:
    import json

    modules = ["coach.core", *core_modules()]
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps(modules)], capture_output=True, text=True, check=True
    )

    assert json.loads(result.stdout) == []
