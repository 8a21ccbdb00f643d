"""The routine folders while the app runs: the library reloads when a file changes, and one action opens
the person's own folder (made when it does not exist yet) in the desktop's file manager.
"""

from __future__ import annotations

import stat
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices

from coach.core.i18n import _
from coach.core.paths import ensure_private_dir
from coach.gui.settling_watch import SettlingWatch

# An editor saves a file in several steps (write a copy, rename, touch); reload once, after the last of them.
_SETTLE_MS = 300


class RoutineFolders(QObject):
    """Watches the bundled and the person's routine folders; `changed` once a burst of file changes settles.

    A folder that does not exist yet is watched through its parent, so that its creation is noticed too.
    """

    changed = Signal()

    def __init__(self, folders: list[Path], own: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folders = folders
        self.own = own
        # The data folder, watched only to notice the routines folder being made, also sees the database's
        # files change at every step written: no routine changed, and no timer wakes the app for nothing.
        self.watcher = SettlingWatch(_SETTLE_MS, self, ignore=self._only_the_database)
        self.watcher.settled.connect(self._on_settled)
        self.open_action = QAction(_("Open my routines &folder"), self)
        self.open_action.setToolTip(
            _("Your own routine files (.toml) go here; the list updates when they change.")
        )
        self.open_action.triggered.connect(self.open_own_folder)
        self._watch()
        self._seen = self._snapshot()

    @property
    def watched(self) -> list[str]:
        """The paths watched now (folders and routine files); none once stopped."""
        return self.watcher.watched

    def open_own_folder(self) -> bool:
        """Create the person's routines folder when needed and show it; whether the desktop could open it."""
        ensure_private_dir(self.own)
        self._watch()
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.own)))

    def _watch(self) -> None:
        wanted: set[str] = set()
        for folder in self.folders:
            if folder.is_dir():
                wanted.add(str(folder))
                wanted.update(str(path) for path in folder.glob("*.toml") if _plain_file(path))
            elif folder.parent.is_dir():
                wanted.add(str(folder.parent))  # to notice the folder being made
        self.watcher.watch(wanted)

    def _only_the_database(self, path: str) -> bool:
        """Whether a change of `path` is the data folder's own files, seen only because the routines folder
        does not exist yet. Not when the folder itself went (the system then drops its watch): the settle
        watches it again once it is back."""
        return path in self._parents_only() and path in self.watcher.watched

    def _parents_only(self) -> set[str]:
        """The folders watched only because a routine folder inside them does not exist (yet)."""
        missing = {str(folder.parent) for folder in self.folders if not folder.is_dir()}
        return missing - {str(folder) for folder in self.folders}

    def stop(self) -> None:
        """Watch nothing more (the app is closing); stopping twice is harmless."""
        self.watcher.stop()

    def _on_settled(self) -> None:
        self._watch()  # a new file, a new folder, or a file an editor replaced by renaming
        seen = self._snapshot()
        if seen != self._seen:
            self._seen = seen
            self.changed.emit()

    def _snapshot(self) -> dict[str, tuple[int, int]]:
        """Each routine file's modification time and size: what a reload would notice."""
        found = {}
        for folder in self.folders:
            for path in folder.glob("*.toml") if folder.is_dir() else ():
                try:
                    status = path.stat()
                except OSError:
                    continue  # removed between the listing and now: the next change sees it gone
                found[str(path)] = (status.st_mtime_ns, status.st_size)
        return found


def _plain_file(path: Path) -> bool:
    """Whether `path` is a plain file to watch (a link loop cannot be, a pipe or a device need not be:
    the folder's own watch sees one replaced)."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False
