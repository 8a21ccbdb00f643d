"""Data stays local: a whole session, its history and its exports open no socket, in the window or a terminal.

Python's sockets are refused outright (socket.socket patched); Qt's own, made in C++, are looked for in the
process's open files (/proc), which shows every internet socket whoever made it.
"""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from coach.core.routines.loader import load_routine
from coach.core.session.clock import FakeClock
from coach.gui.app import CoachApp
from coach.gui.session_end import SessionEndPage
from tests.conftest import EXAMPLE
from tests.gui.driving import advance
from tests.network import internet_sockets_held, refuse_sockets


def test_a_session_in_the_window_opens_no_socket(
    qtbot: QtBot, coach_app: CoachApp, fake_clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = internet_sockets_held()
    made = refuse_sockets(monkeypatch)

    player = coach_app.sessions.play_routine(load_routine(EXAMPLE))
    assert player is not None
    advance(player, fake_clock, player.engine.seconds_total + 1)
    qtbot.waitUntil(lambda: isinstance(coach_app.window.pages.currentWidget(), SessionEndPage))
    coach_app.show_history()
    coach_app.show_backups()

    assert made.asked == []
    assert internet_sockets_held() - before == set()
