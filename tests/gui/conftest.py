"""The app on a temporary data folder, a FakeClock and null services: what every GUI test starts from."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from coach.core.operations.context import Coach
from coach.core.paths import Places
from coach.core.session.clock import FakeClock
from coach.core.store.adherence import AdherenceStore
from coach.gui.app import CoachApp, Services


@pytest.fixture
def services() -> Services:
    return Services()


@pytest.fixture
def coach_app(qtbot: QtBot, places: Places, fake_clock: FakeClock, services: Services) -> Iterator[CoachApp]:
    store = AdherenceStore.open(places.database)
    app = CoachApp(Coach(places, fake_clock, store=store), services=services)
    qtbot.addWidget(app.window)
    app.window.show()
    yield app
    close(app)


def close(app: CoachApp) -> None:
    """Close the app as Quit does (CoachApp.close stops every timer it started: tests/gui/test_closing.py)."""
    app.close()
