"""Windows that fit the screen they open on: a laptop at 1366×768, a netbook at 1024×600, 200 % scaling."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Room left for the window's frame and title bar, which the available geometry does not include.
_FRAME = QSize(16, 48)


def fit_to_screen(window: QWidget, preferred: QSize, available: QRect | None = None) -> QSize:
    """Resize `window` to `preferred`, or less where the screen is smaller; the size chosen.

    `available` is the screen's free area (default: the screen the window is on, without panels), in the
    same device-independent pixels as the window, so 200 % scaling halves it as it should.
    """
    if available is None:
        screen = window.screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry()
    room = available.size() - _FRAME
    size = preferred.boundedTo(room).expandedTo(window.minimumSizeHint().boundedTo(room))
    window.resize(size)
    if not available.contains(window.frameGeometry()):
        window.move(available.topLeft())
    return size


def fit_wrapped_text(window: QWidget) -> QSize:
    """Resize `window` to the height its wrapped text needs at its width, within the screen; the size.

    Qt opens a top-level window at most two thirds of the screen high, at its minimum size when that is
    more: a minimum worked out as if no label wrapped. At 1024×600 a dialog of wrapped questions was cut
    off (the check-in's first lines); this asks the layout for the height at the width the window has.
    """
    layout = window.layout()
    width = max(window.width(), window.minimumWidth())
    needed = layout.totalHeightForWidth(width) if layout is not None and layout.hasHeightForWidth() else -1
    return fit_to_screen(window, QSize(width, max(needed, window.height())))
