"""Data stays local: a whole session, its history and its exports open no socket, in the window or a terminal.

Python's sockets are refused outright (socket.socket patched); Qt's own, made in C++, are looked for in the
process's open files (/proc), which shows every internet socket whoever made it.
"""

from __future__ import annotations

import io
import socket
from pathlib import Path

import pytest

from coach.cli import main
from coach.cli.questions import Questions
from coach.cli.terminal_session import session_in_terminal
from coach.core.routines.loader import load_routine
from coach.core.session.clock import FakeClock
from coach.core.store.adherence import AdherenceStore
from tests.cli.fakes import Unreadable, library, scripted_keys
from tests.conftest import EXAMPLE
from tests.helpers import over
from tests.network import internet_sockets_held, refuse_sockets


@pytest.mark.usefixtures("qapp")  # the PDF is drawn by Qt: the test suite's one application draws it
def test_a_session_in_a_terminal_and_its_exports_open_no_socket(
    store: AdherenceStore,
    fake_clock: FakeClock,
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = internet_sockets_held()
    made = refuse_sockets(monkeypatch)
    plan = load_routine(EXAMPLE)
    out = io.StringIO()

    session_in_terminal(
        over(store, fake_clock, library=library(plan)),
        plan,
        out,
        Questions(Unreadable(), out, interactive=False),
        scripted_keys(fake_clock),
    )
    assert main(["run", "hip-strength", "--instant"]) == 0
    assert main(["history", "--json"]) == 0
    assert main(["export", "--csv", str(tmp_path / "csv"), "--pdf", str(tmp_path / "r.pdf")]) == 0
    assert main(["backup", "list"]) == 0

    assert made.asked == []
    assert internet_sockets_held() - before == set()


def test_the_watch_sees_a_socket_made_in_python_or_held(monkeypatch: pytest.MonkeyPatch) -> None:
    before = internet_sockets_held()
    held = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        held.bind(("127.0.0.1", 0))  # the kernel lists a socket once it has an address
        held.listen()
        if Path("/proc/self/net/tcp").exists():
            assert len(internet_sockets_held() - before) == 1
        made = refuse_sockets(monkeypatch)
        with pytest.raises(OSError, match="no sockets"):
            socket.create_connection(("127.0.0.1", 9))
        assert len(made.asked) == 1
    finally:
        held.close()
