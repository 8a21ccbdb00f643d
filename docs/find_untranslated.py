"""List the words on screen that did not come through the message catalogue (for translators and reviewers).

    .venv/bin/python docs/find_untranslated.py          the windows
    .venv/bin/python docs/find_untranslated.py --cli    the command line's printed sentences

Runs the app offscreen in a pseudo-language in which every catalogue string is shown as ⟦…⟧, opens the
windows a person meets (the main window and its menus, the player at work, rest, a side switch and paused,
the end page, History, the routine editor, the icing timer, About, backups, the run log), and prints every
visible text, tooltip and accessible name that still holds a word outside the brackets: a sentence built in
English, or glued from pieces. Words from routine files (titles, exercises, instructions) are left out: they
are translated by the routine's own translation files. Exits 1 when it found any.
"""

from __future__ import annotations

import gettext
import os
import re
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from bench.generate_history import generate
from coach.core import i18n
from coach.core.operations.context import Coach
from coach.core.paths import resolve_places
from coach.core.routines.model import StepKind
from coach.core.session.clock import FakeClock
from coach.core.store.adherence import AdherenceStore
from coach.gui.app import CoachApp, Services
from coach.gui.check_in import MorningCheckIn
from coach.gui.help import show_warning_signs
from coach.gui.player import PlayerView
from coach.gui.recovery import RecoveryDialog

MONDAY = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
INNERMOST = re.compile(r"⟦[^⟦⟧]*⟧")  # a catalogue string with nothing inside it: nested ones go inside out
# Dates stay English in the pseudo-language (it keeps English's date and number formats).
MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
# Qt's own names of the days (QLocale, in the language Qt is told), as the reminders' day boxes show them.
DAYS = re.compile(r"^(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day$")
DATES = re.compile(rf"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)?\s*\d{{1,2}} ({MONTHS})\b")
FLAGS = re.compile(r"--[a-z][\w-]*")  # a command-line option named in a sentence
PATHS = re.compile(r"(?:/[\w.-]+)+/?")  # a file or folder named in a sentence
WORD = re.compile(r"[^\W\d_]{3,}")
# Qt's own words (translated by Qt's bundled catalogue, not ours) and names the same in every language.
NOT_OURS = {"Rehab", "Coach", "OK", "Cancel", "Yes", "No", "Close", "Save", "Discard", "Apply", "Ctrl"}
NOT_OURS |= {"Shift", "Return", "Enter", "Esc", "Space", "Left", "Right", *i18n.LANGUAGES.values()}
# "coach:" before an error; argparse's "argument --minutes:" (translated by argparse's own gettext).
NOT_OURS |= {"argument", "coach"}


class Pseudo(gettext.NullTranslations):
    """Every message of the catalogue as ⟦message⟧, so that what is not from it stands out."""

    def gettext(self, message: str) -> str:
        return f"⟦{message}⟧"

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return f"⟦{msgid1 if n == 1 else msgid2}⟧"

    def pgettext(self, context: str, message: str) -> str:
        return f"⟦{message}⟧"


def texts_of(widget: QWidget) -> list[tuple[str, str]]:
    """Every (what, text) a person may read or hear from `widget`."""
    found: list[tuple[str, str]] = []
    for what, text in (
        ("tooltip", widget.toolTip()),
        ("accessible name", widget.accessibleName()),
        ("accessible description", widget.accessibleDescription()),
        ("window title", widget.windowTitle() if widget.isWindow() else ""),
    ):
        found.append((what, text))
    if isinstance(widget, QLabel):
        found.append(("label", widget.text()))
    if isinstance(widget, QAbstractButton):
        found.append(("button", widget.text()))
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        text = widget.toPlainText()
        found.extend(("text", line) for line in text.splitlines()[:40])
    if isinstance(widget, QGroupBox):
        found.append(("group", widget.title()))
    if isinstance(widget, QLineEdit):
        found.append(("placeholder", widget.placeholderText()))
    if isinstance(widget, QComboBox):
        found.extend(("choice", widget.itemText(i)) for i in range(widget.count()))
    if isinstance(widget, QTabWidget):
        found.extend(("tab", widget.tabText(i)) for i in range(widget.count()))
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()
        try:
            columns = min(model.columnCount(QModelIndex()), 20)
        except TypeError:  # a list model: one column
            columns = 1
        for column in range(columns):
            found.append(("column", str(model.headerData(column, Qt.Orientation.Horizontal) or "")))
        for row in range(min(model.rowCount(QModelIndex()), 5)):
            for column in range(columns):
                found.append(("cell", str(model.data(model.index(row, column)) or "")))
    for action in widget.actions():
        found.extend(action_texts(menu_of(action), action))
    return found


def menu_of(action: QAction) -> QMenu | None:
    menu = action.menu()
    return menu if isinstance(menu, QMenu) else None


def action_texts(menu: QMenu | None, action) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    found = [("action", action.text()), ("action tooltip", action.toolTip())]
    if menu is not None:
        found.append(("menu", menu.title()))
        for inner in menu.actions():
            found.extend(action_texts(menu_of(inner), inner))
    return found


def outside(text: str, data: set[str]) -> list[str]:
    rest = text.replace("&", "")
    while INNERMOST.search(rest):
        rest = INNERMOST.sub(" ", rest)
    rest = FLAGS.sub(" ", PATHS.sub(" ", DATES.sub(" ", DAYS.sub(" ", rest))))
    for known in sorted(data, key=len, reverse=True):
        if known and known in rest:
            rest = rest.replace(known, " ")
    return [word for word in WORD.findall(rest) if word not in NOT_OURS]


def stored_words(database: Path) -> set[str]:
    """What the person typed or the history holds: routine titles and ids, notes, reasons of marked days."""
    import sqlite3

    with sqlite3.connect(database) as db:
        found = {row[0] for row in db.execute("SELECT routine_title FROM sessions")}
        found |= {row[0] for row in db.execute("SELECT routine_id FROM sessions")}
        found |= {row[0] for row in db.execute("SELECT note FROM sessions")}
        found |= {row[0] for row in db.execute("SELECT reason FROM day_marks")}
    return {str(word) for word in found if word}


def routine_words(coach: Coach) -> set[str]:
    words: set[str] = set()
    for entry in coach.library.routines:
        routine = entry.routine
        words.add(routine.title)
        for name in ("description", "source"):
            words.add(str(getattr(routine, name, "") or ""))
        for name in ("advice", "education"):
            words.update(str(line) for line in getattr(routine, name, ()) or ())
        for exercise in routine.exercises:
            words.add(exercise.name)
            words.update(str(line) for line in getattr(exercise, "instructions", ()) or ())
            words.update(
                str(line).strip() for line in str(getattr(exercise, "instructions", "")).splitlines()
            )
    return {w for w in words if w}


def kind_now(player: PlayerView) -> StepKind:
    return player.engine.current_step.kind


def look(name: str, data: set[str], report: dict[tuple[str, str, str], str]) -> None:
    QApplication.processEvents()
    for widget in QApplication.allWidgets():
        if not widget.isVisible() and not isinstance(widget, QMenu):
            continue
        for what, text in texts_of(widget):
            if text and outside(text, data):
                report.setdefault((type(widget).__name__, what, text), name)


def main() -> int:
    i18n.use_translations(Pseudo())
    qt_app = QApplication(sys.argv)
    qt_app.setStyle("Fusion")
    report: dict[tuple[str, str, str], str] = {}
    with tempfile.TemporaryDirectory() as folder:
        os.environ["COACH_DATA_DIR"] = folder
        places = resolve_places()
        generate(places.database, 1, today=MONDAY.date())
        clock = FakeClock(wall=MONDAY)
        coach = Coach(places, clock, store=AdherenceStore.open(places.database))
        app = CoachApp(coach, services=Services())
        data = routine_words(coach) | stored_words(places.database)
        app.window.show()
        look("main window", data, report)
        history = app.show_history()
        look("History", data, report)
        marks = history.edit_marks()
        look("History, marking days", data, report)
        marks.reject()
        chooser = history.choose_report()
        look("History, the report's period", data, report)
        chooser.reject()
        history.close()
        signs = show_warning_signs(app.window)
        look("warning signs", data, report)
        signs.close()
        backups = app.show_backups()
        look("backups", data, report)
        backups.close()
        run_log = app.runs.log_run()
        look("log a run", data, report)
        run_log.reject()
        record = coach.store.sessions()[-1]
        check_in = MorningCheckIn(record, app.runner, app.window)
        check_in.show()
        look("morning check-in", data, report)
        check_in.reject()
        recovery = RecoveryDialog(record, None, app.window)
        recovery.show()
        look("recovery", data, report)
        recovery.reject()
        about = app.show_about()
        look("About", data, report)
        about.close()
        app.window.select_routine("hip-strength")
        editor = app.editing.edit_chosen()
        if editor is not None:
            look("routine editor", data, report)
            editor.unsaved = False
            editor.close()
        page = app.sessions.ask_before_start("hip-strength")
        if page is not None:
            look("pain before", data, report)
            page.skip()
        player = app.sessions.player
        if player is not None:
            clock.advance(5 + 4 * 3 + 1.2)
            player.tick()
            look("player, a set", data, report)
            player.pause_action.trigger()
            look("player, paused", data, report)
            player.pause_action.trigger()
            while kind_now(player) is not StepKind.SWITCH_SIDE:
                player.skip_action.trigger()
            clock.advance(2.4)
            player.tick()
            look("player, side switch", data, report)
            while kind_now(player) is not StepKind.REST:
                player.skip_action.trigger()
            clock.advance(3)
            player.tick()
            look("player, rest", data, report)
            player.stop_action.trigger()
            look("player, stopping", data, report)
            player.stop_button.click()
            look("end page", data, report)
        app.ice.start(20)
        look("icing", data, report)
        app.ice.edit_reminders()
        look("reminders", data, report)
        app.close()
    for (kind, what, text), where in sorted(report.items(), key=lambda item: (item[1], item[0])):
        print(f"{where:22} {kind:18} {what:22} {text!r}")
    print(f"{len(report)} texts hold words that are not from the catalogue")
    return 1 if report else 0


HOSTILE = """[routine]
id = "x"
title = "X"
sessions_per_week = 40

[[exercise]]
id = "a"
name = "A"
sets = "many"
"""


def cli_commands(folder: Path) -> list[list[str]]:
    """The commands a person types, each printing sentences (not JSON) on a year of history."""
    hostile = folder / "hostile.toml"
    hostile.write_text(HOSTILE, encoding="utf-8")
    return [
        ["routines"],
        ["validate", str(hostile)],
        ["run", "hip-strength", "--instant", "--pain", "2"],
        ["run", "hip-strength", "--instant", "--pain", "9"],
        ["ice", "--minutes", "25"],
        ["ice", "--status"],
        ["history"],
        ["advice"],
        ["backup", "list"],
        ["export", "--csv", str(folder / "csv")],
        ["export", "--pdf", str(folder / "r.pdf")],
        ["run-log", "--minutes", "20", "--pain", "2"],
        ["run-log"],
        ["settings"],
        ["review", "--cleared"],
    ]


def main_cli() -> int:
    import contextlib
    import io

    import coach.cli as cli

    def pseudo(*_: object) -> str:
        i18n.use_translations(Pseudo())
        return i18n.ENGLISH

    vars(cli)["use_language"] = pseudo  # every command in the pseudo-language
    found = 0
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        os.environ["COACH_DATA_DIR"] = str(folder / "data")
        (folder / "data").mkdir()
        generate(folder / "data" / "coach.db", 1, today=datetime.now(UTC).date())
        stored = stored_words(folder / "data" / "coach.db")
        library = Coach(resolve_places(), FakeClock(wall=MONDAY))
        stored |= routine_words(library) | {entry.routine.id for entry in library.library.routines}
        library.close()
        for command in cli_commands(folder):
            out, err = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                try:
                    code = cli.main(command)
                except SystemExit as stop:
                    code = stop.code if isinstance(stop.code, int) else 2
            for line in (out.getvalue() + err.getvalue()).splitlines():
                if outside(line, stored):
                    found += 1
                    print(f"coach {' '.join(command[:2]):24} ({code}) {line!r}")
    print(f"{found} printed lines hold words that are not from the catalogue")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main_cli() if "--cli" in sys.argv else main())
