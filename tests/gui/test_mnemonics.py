"""In every language, the letters underlined in a menu (Alt+letter) are different within that menu and on the
menu bar, so that the keyboard alone reaches each item with one key."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from coach.core.i18n import LANGUAGES, use_language
from coach.core.operations.context import Coach
from coach.core.paths import Places, catalogues
from coach.core.session.clock import FakeClock
from coach.core.store.adherence import AdherenceStore
from coach.gui.app import CoachApp, Services
from coach.services.autostart import XdgAutoStart
from tests.gui.conftest import close

MNEMONIC = re.compile(r"&([^&\s])")


def letter(text: str) -> str | None:
    found = MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).lower() if found else None


def clashes(actions: list[QAction]) -> list[str]:
    letters = Counter(letter(a.text()) for a in actions if a.isVisible() and not a.isSeparator())
    return [
        f"{key!r}: " + ", ".join(a.text() for a in actions if letter(a.text()) == key)
        for key, times in letters.items()
        if key is not None and times > 1
    ]


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_no_two_items_of_a_menu_share_their_underlined_letter(
    qtbot: QtBot, places: Places, fake_clock: FakeClock, tmp_path: Path, code: str
) -> None:
    use_language(code, catalogues())
    # Start at login offered (it is on a Linux desktop), so that its letter is among the others.
    services = Services(autostart=XdgAutoStart(tmp_path / "config", ["coach"]))
    app = CoachApp(Coach(places, fake_clock, store=AdherenceStore.open(places.database)), services=services)
    qtbot.addWidget(app.window)
    try:
        bar = app.window.menuBar()
        found = {"menu bar": clashes(bar.actions())}
        menus = [action.menu() for action in bar.actions() if isinstance(action.menu(), QMenu)]
        while menus:
            menu = menus.pop()
            assert isinstance(menu, QMenu)
            found[menu.title()] = clashes(menu.actions())
            menus += [a.menu() for a in menu.actions() if isinstance(a.menu(), QMenu)]
        assert {where: said for where, said in found.items() if said} == {}
        assert len(found) > 4  # the bar and its menus were all looked at
    finally:
        close(app)
