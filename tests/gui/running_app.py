"""The real app in another process, as the second-launch, stop-signal and bundle tests drive it.

Each wait is given an idle machine's budget stretched for this one (tests.helpers.scaled): a test that starts
the app must pass while other jobs keep the machine busy.
"""

from __future__ import annotations

import subprocess

from pytestqt.qtbot import QtBot

from coach.core.requests import Answer, Request
from coach.gui.instance import InstanceError, hand_over
from tests.helpers import scaled, scaled_ms

Process = subprocess.Popen[str] | subprocess.Popen[bytes]

# An idle machine starts the app and has it listening in a second or two.
STARTUP_SECONDS = 30.0
# How long the app may take to answer one request on an idle machine.
ANSWER_SECONDS = 3.0
# How long a told app may take to close (saving what runs, closing the store) on an idle machine.
CLOSING_SECONDS = 15.0


def answers_ping(name: str) -> bool:
    """Whether an app listening on `name` answers now.

    One that has taken the connection but not answered within a short try (still wiring itself up after
    its first paint, or slowed by a busy machine) is asked again at the next try, not taken for broken.
    """
    try:
        return hand_over(name, Request("ping"), timeout_ms=scaled_ms(0.5)) is not None
    except InstanceError:
        return False


def wait_until_listening(qtbot: QtBot, process: Process, name: str) -> None:
    """Wait until the app in `process` answers on `name`; fail if it exits first."""
    qtbot.waitUntil(
        lambda: process.poll() is not None or answers_ping(name), timeout=round(STARTUP_SECONDS * 1000)
    )
    assert process.poll() is None, f"the app exited ({process.returncode}) before it listened"


def ask(name: str, request: Request) -> Answer | None:
    """The running app's answer to `request` (None when nobody listens)."""
    return hand_over(name, request, timeout_ms=scaled_ms(ANSWER_SECONDS))


def closed(process: Process) -> int:
    """The exit code of an app told to close (by a request or a signal), once it has."""
    return process.wait(timeout=scaled(CLOSING_SECONDS))


def end(process: Process) -> None:
    """Kill the app if it still runs (a test that failed halfway), and reap it."""
    if process.poll() is None:
        process.kill()
    process.wait()
