"""The progress of an export that takes a while: a window-modal QProgressDialog that can be cancelled.

The core's export reads and writes a page of sessions at a time and tells `tell(fraction)` after each; the
dialog appears once the export has run for `SHOWN_AFTER_MS` (a short export never shows it) and from then
on each page lets the event loop run (QProgressDialog.setValue does, for a modal dialog), so the windows
keep painting and Cancel can be pressed. Cancel raises ExportCancelled from the next `tell`: the export
stops and its drafts are removed, nothing is written (coach/core/files.py).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from coach.core.export import ExportCancelled
from coach.core.i18n import _

SHOWN_AFTER_MS = 1000
_STEPS = 1000


class ExportProgress(QProgressDialog):
    """Shows how far an export has come; `tell` is the core's progress callback."""

    def __init__(self, label: str, parent: QWidget, *, shown_after_ms: int = SHOWN_AFTER_MS) -> None:
        super().__init__(label, "", 0, _STEPS, parent)
        self.setCancelButtonText(_("Cancel"))
        self.setWindowTitle(_("Exporting"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAutoReset(False)
        self.setAutoClose(False)
        self.setMinimumDuration(shown_after_ms)
        self.setValue(0)  # the clock that decides when to show it starts here

    def tell(self, fraction: float) -> None:
        """The export has come `fraction` (0 to 1) of the way; raises ExportCancelled once cancelled."""
        self.setValue(max(1, round(fraction * _STEPS)))
        if self.wasCanceled():
            raise ExportCancelled

    def finish(self) -> None:
        """The export ended (written, refused or cancelled): the dialog goes."""
        self.reset()
        self.hide()
        self.deleteLater()
