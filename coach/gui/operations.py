"""One way from a user's action to the core: run an operation, show a refusal, announce what changed.

The runner holds the `Coach` context (store, clock, library, places, settings) and hands it to every
operation and query it runs: `runner.run(lambda coach: mark_days(coach, …))`, `runner.query(summary)`. No
window holds the store. Every window that shows stored things listens to `OperationRunner.changed` and
refreshes itself from the `Changes` it carries; no window wires a signal to another by hand (Anki's
`operation_did_execute`).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from typing import TypeVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from coach.core.i18n import _
from coach.core.operations.changes import Changes, OpResult, Refused
from coach.core.operations.context import Coach
from coach.core.store.errors import StoreError

T = TypeVar("T")
log = logging.getLogger(__name__)

# A write waits this long for another program's lock on the GUI thread (a tick stays under the 50 ms a person
# would notice), then waits its turn and is tried again every SAVE_AGAIN_MS, off the tick.
WRITE_PATIENCE_SECONDS = 0.02
SAVE_AGAIN_MS = 250


class OperationRunner(QObject):
    """Runs core operations for the GUI; `changed` tells every open window what an operation changed."""

    changed = Signal(object)  # Changes
    refused = Signal(str)  # the sentence shown, for tests and the log

    def __init__(self, coach: Coach, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.coach = coach
        self.message_box: QMessageBox | None = None

    def run(
        self,
        operation: Callable[[Coach], OpResult[T]],
        parent: QWidget | None = None,
        *,
        show_refusal: Callable[[str], None] | None = None,
        announce: bool = True,
        initiator: str = "",
    ) -> T | None:
        """Run `operation`; its value, or None when it was refused or the store failed (said in a message).

        `show_refusal` shows a refusal (or a file that could not be written) in the window that asked, a line
        under the form, instead of a box.
        With `announce` False the caller announces the changes itself, later (a page storing each answer
        as it is given tells the other windows once, when it is left).
        """
        try:
            result = operation(self.coach)
        except Refused as refusal:
            if show_refusal is not None:
                self.refused.emit(str(refusal))
                show_refusal(str(refusal))
            else:
                self._show(parent, str(refusal), QMessageBox.Icon.Information)
            return None
        except StoreError as failure:
            log.error("an operation failed: %s", failure)
            self._show(parent, str(failure), QMessageBox.Icon.Warning)
            return None
        except OSError as failure:
            # A file the operation writes (settings, a routine copy, an export) could not be written: said
            # where the asking window says refusals, else in a box.
            log.error("an operation could not write a file: %s", failure)
            if show_refusal is not None:
                self.refused.emit(_file_problem(failure))
                show_refusal(_file_problem(failure))
            else:
                self._show(parent, _file_problem(failure), QMessageBox.Icon.Warning)
            return None
        if announce:
            self.announce(result.changes.by(initiator) if initiator else result.changes)
        return result.value

    def query(self, read: Callable[[Coach], T], parent: QWidget | None = None) -> T | None:
        """Run a query (it changes nothing); its value, or None when the store failed (said in a message)."""
        try:
            return read(self.coach)
        except StoreError as failure:
            log.error("reading the history failed: %s", failure)
            self._show(parent, str(failure), QMessageBox.Icon.Warning)
            return None

    @contextlib.contextmanager
    def reading(self, parent: QWidget | None = None) -> Iterator[None]:
        """Around a window's reads: a store that fails then (damaged, locked) is said, never a traceback.

        What the block had not drawn yet stays as it was; the message says what to do.
        """
        try:
            yield
        except StoreError as failure:
            log.error("reading the history failed: %s", failure)
            self._show(parent, str(failure), QMessageBox.Icon.Warning)

    def show_sentence(self, sentence: str, parent: QWidget | None = None) -> None:
        """Show one of the core's sentences (a refusal asked before anything ran) as a refusal is shown."""
        self._show(parent, sentence, QMessageBox.Icon.Information)

    def announce(self, changes: Changes) -> None:
        """Tell every listening window what changed (nothing is said when nothing changed)."""
        if changes:
            self.changed.emit(changes)

    def _show(self, parent: QWidget | None, sentence: str, icon: QMessageBox.Icon) -> None:
        """A window-modal message that does not block the timers (a session or icing may be running)."""
        if self.message_box is not None:
            self.message_box.close()
        box = QMessageBox(icon, "Rehab Coach", sentence, QMessageBox.StandardButton.Ok, parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._on_box_closed)
        self.message_box = box
        self.refused.emit(sentence)
        box.open()

    def _on_box_closed(self) -> None:
        self.message_box = None


def _file_problem(failure: OSError) -> str:
    """An OSError as one sentence with its place: 'Could not write /x/y: No space left on device.'"""
    if failure.filename:
        return _("Could not write {path}: {problem}.").format(
            path=failure.filename, problem=failure.strerror or failure
        )
    return _("Could not write: {problem}.").format(problem=failure.strerror or failure)
