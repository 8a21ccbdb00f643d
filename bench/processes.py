"""Whole-process runs: each figure a person waits for is timed from spawning a new Python to its exit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def child_env(data_dir: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of a measured child: offscreen Qt, its own data folder, and Python's byte-code cache.

    PYTHONDONTWRITEBYTECODE is dropped: an installed app runs from .pyc files, and compiling every module
    on every start would time the compiler, not the app (the warm-up run writes the cache).
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update({"QT_QPA_PLATFORM": "offscreen", "COACH_DATA_DIR": str(data_dir), **(extra or {})})
    return env


def run_child(args: Sequence[str], env: Mapping[str, str]) -> tuple[float, dict[str, Any]]:
    """Run `python ARGS` once; the wall-clock seconds it took and the JSON of its last line, if any."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**env, "BENCH_SPAWNED_AT": repr(time.time())},
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"bench: `python {' '.join(args)}` failed (exit {done.returncode}):\n{done.stderr}")
    last = done.stdout.strip().splitlines()[-1:] or [""]
    try:
        figures = json.loads(last[0])
    except ValueError:
        figures = {}
    return seconds, figures if isinstance(figures, dict) else {}


def interleaved(
    commands: Mapping[str, tuple[Sequence[str], Mapping[str, str]]], runs: int, warm_up: int = 1
) -> dict[str, list[tuple[float, dict[str, Any]]]]:
    """Run each command `runs` times, taking turns, so a busy moment of the machine hits them all alike."""
    for _ in range(warm_up):
        for args, env in commands.values():
            run_child(args, env)
    results: dict[str, list[tuple[float, dict[str, Any]]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (args, env) in commands.items():
            results[name].append(run_child(args, env))
    return results
