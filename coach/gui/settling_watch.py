"""A watch on folders and files that speaks once a burst of changes has settled: the routine folders' and the
run folder's (an editor saves by renaming, a sync client writes a file in steps)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import shiboken6
from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal


class SettlingWatch(QObject):
    """`settled` once the watched paths have been still for `settle_ms` after a change. `ignore(path)`: a
    change of that path starts no timer (a folder watched only to see another appear in it)."""

    settled = Signal()
    changed = Signal(str)  # each change as the system reports it, heard or ignored (for tests)

    def __init__(
        self, settle_ms: int, parent: QObject, *, ignore: Callable[[str], bool] = lambda _path: False
    ) -> None:
        super().__init__(parent)
        self._ignore = ignore
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._on_change)
        self._watcher.fileChanged.connect(self._on_change)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(settle_ms)
        self.timer.timeout.connect(self.settled)

    @property
    def watched(self) -> list[str]:
        """The paths watched now; none once stopped."""
        if not shiboken6.isValid(self._watcher):
            return []
        return sorted(self._watcher.directories() + self._watcher.files())

    def watch(self, paths: Iterable[str]) -> None:
        """Watch exactly `paths` from now on (nothing once stopped)."""
        if not shiboken6.isValid(self._watcher):
            return  # stopped: the app is closing
        wanted = set(paths)
        stale = set(self.watched) - wanted
        if stale:
            self._watcher.removePaths(sorted(stale))
        new = wanted - set(self.watched)
        if new:
            self._watcher.addPaths(sorted(new))

    def _on_change(self, path: str) -> None:
        if not self._ignore(path):
            self.timer.start()
        self.changed.emit(path)

    def stop(self) -> None:
        """Watch nothing more (the app is closing); stopping twice is harmless."""
        if not shiboken6.isValid(self._watcher):
            return
        # A change the system reported just before is still queued: it must not reach a closed app.
        self._watcher.blockSignals(True)
        self.timer.stop()
        if self.watched:
            self._watcher.removePaths(self.watched)
        # Each watcher holds one of the user's inotify instances (128 on a usual Linux, shared by every
        # program the user runs): give it back now rather than whenever the app object is collected.
        shiboken6.delete(self._watcher)
