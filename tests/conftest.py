"""Shared fixtures, and the suite's rules. Qt must be told to run offscreen before anything imports it.

- Every wait of pytest-qt (`qtbot.waitUntil`, `waitSignal`, `waitExposed` …) is given its idle-machine
  budget stretched for this machine (tests.helpers.timeout_scale); waits on a child process use `scaled`.
- A test that starts another process must be marked `slow`; one that is not fails and says so.
- The `long` variants run only when the marker expression names them (`-m long`), whatever else `-m` says.
- Every test reads English (LANGUAGE=en for the suite and its children; English again after each test).
- Hypothesis keeps no deadline: how long an example takes depends on what else the machine runs.
"""

from __future__ import annotations

import os

from tests.helpers import over

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The suite reads English whatever the machine's language; a test of another language asks for it (and the
# `english` fixture below puts English back after it).
os.environ["LANGUAGE"] = "en"

import re
import sqlite3
import sys
from collections.abc import Callable, Generator, Iterator
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from pytestqt.qtbot import QtBot, QWidget, SignalInstance, WaitSignalsOrder, _WaitWidgetContextManager
from pytestqt.wait_signal import CallbackBlocker, CheckParamsCb, MultiSignalBlocker, SignalBlocker

from coach.core.operations import run_instant_session
from coach.core.paths import Places, resolve_places
from coach.core.routines.loader import load_routine
from coach.core.session.clock import FakeClock
from coach.core.store import writing
from coach.core.store.adherence import AdherenceStore
from tests.helpers import scaled_ms

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "tests" / "data" / "knee-basics.toml"

hypothesis_settings.register_profile("coach", deadline=None, suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.load_profile("coach")


class PatientQtBot(QtBot):
    """pytest-qt's QtBot, each wait given its budget (5 s unless a test says) times the scale.

    The methods keep pytest-qt's names (hence the noqa).
    """

    def waitUntil(self, callback: Callable[[], bool | None], *, timeout: int = 5000) -> None:  # noqa: N802
        super().waitUntil(callback, timeout=_stretched(timeout))

    def waitSignal(  # noqa: N802
        self,
        signal: SignalInstance,
        *,
        timeout: int = 5000,
        raising: bool | None = None,
        check_params_cb: CheckParamsCb | None = None,
    ) -> SignalBlocker:
        return super().waitSignal(
            signal, timeout=_stretched(timeout), raising=raising, check_params_cb=check_params_cb
        )

    def waitSignals(  # noqa: N802
        self,
        signals: list[SignalInstance],
        *,
        timeout: int = 5000,
        raising: bool | None = None,
        check_params_cbs: list[CheckParamsCb] | None = None,
        order: WaitSignalsOrder = "none",
    ) -> MultiSignalBlocker:
        return super().waitSignals(
            signals,
            timeout=_stretched(timeout),
            raising=raising,
            check_params_cbs=check_params_cbs,
            order=order,
        )

    def waitCallback(self, *, timeout: int = 5000, raising: bool | None = None) -> CallbackBlocker:  # noqa: N802
        return super().waitCallback(timeout=_stretched(timeout), raising=raising)

    def waitExposed(self, widget: QWidget, *, timeout: int = 5000) -> _WaitWidgetContextManager:  # noqa: N802
        return super().waitExposed(widget, timeout=_stretched(timeout))

    def waitActive(self, widget: QWidget, *, timeout: int = 5000) -> _WaitWidgetContextManager:  # noqa: N802
        return super().waitActive(widget, timeout=_stretched(timeout))


def _stretched(timeout_ms: int) -> int:
    return scaled_ms(timeout_ms / 1000)


@pytest.fixture
def qtbot(qapp: object, request: pytest.FixtureRequest) -> QtBot:
    """pytest-qt's `qtbot`, patient on a busy machine (PatientQtBot)."""
    return PatientQtBot(request)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Leave out the `long` variants unless the marker expression names them (`-m long`, `-m "long or slow"`).

    Done here rather than with `-m "not long"` in addopts, which a `-m` on the command line would replace.
    """
    if re.search(r"\blong\b", str(config.getoption("markexpr") or "")):
        return
    long = [item for item in items if item.get_closest_marker("long") is not None]
    if long:
        config.hook.pytest_deselected(items=long)
        items[:] = [item for item in items if item.get_closest_marker("long") is None]


class _ProcessWatch:
    """The processes the running test has started (as the interpreter's audit events report them)."""

    EVENTS = frozenset(
        {"subprocess.Popen", "os.posix_spawn", "os.fork", "os.forkpty", "os.system", "os.exec", "os.spawn"}
    )

    def __init__(self) -> None:
        self.watching = False
        self.started: list[str] = []

    def hear(self, event: str, args: tuple[Any, ...]) -> None:
        if self.watching and event in self.EVENTS:
            self.started.append(f"{event} {str(args[1] if event == 'subprocess.Popen' else args[0])[:200]}")

    def begin(self) -> None:
        self.watching, self.started = True, []

    def end(self) -> list[str]:
        self.watching = False
        return self.started


_PROCESSES = _ProcessWatch()
sys.addaudithook(_PROCESSES.hear)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, None, None]:
    _PROCESSES.begin()
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    """Fail a test that starts a process (in its fixtures or itself) without the `slow` marker.

    `python3 dev.py test -m "not slow"` is the quick inner loop; it must not start a single process.
    """
    result = yield
    started = _PROCESSES.end()
    if started and item.get_closest_marker("slow") is None:
        pytest.fail(f"mark this test slow: it starts another process ({started[0]})", pytrace=False)
    return result


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock(wall=datetime(2026, 3, 2, 8, 0, tzinfo=UTC), monotonic=1000.0)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data folder, set as COACH_DATA_DIR for the test."""
    folder = tmp_path / "data"
    monkeypatch.setenv("COACH_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def places(data_dir: Path) -> Places:
    return resolve_places()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[AdherenceStore]:
    opened = AdherenceStore.open(tmp_path / "store" / "coach.db")
    yield opened
    opened.close()


def write(path: Path, text: str) -> Path:
    """Write a test file, making its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def a_history(database: Path, sessions: int) -> None:
    """A history of `sessions` instant (simulated) sessions of the example routine."""
    store = AdherenceStore.open(database)
    try:
        for _ in range(sessions):
            run_instant_session(over(store), load_routine(EXAMPLE), now=datetime.now(UTC))
    finally:
        store.close()


@pytest.fixture
def history_locked(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Another program holds the history locked (exclusively, so that not even a reader gets in)."""
    monkeypatch.setattr(writing, "BUSY_TIMEOUT_SECONDS", 0.2)
    a_history(data_dir / "coach.db", sessions=1)
    with closing(sqlite3.connect(data_dir / "coach.db", isolation_level=None)) as holder:
        holder.execute("PRAGMA locking_mode = EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("UPDATE sessions SET note = 'another program'")
        yield
        holder.execute("ROLLBACK")


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Whatever language a test chose (`coach --lang de …` in-process), the next one starts in English."""
    yield
    from coach.core.i18n import ENGLISH, use_language

    use_language(ENGLISH, None)  # also undoes use_translations (a pseudo-language keeps the code "en")
