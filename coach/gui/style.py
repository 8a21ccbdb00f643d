"""One type scale and one spacing step for every window, so that sizes mean the same everywhere.

Sizes are factors of the desktop's own font size (never fixed points), so the user's font settings and
high-DPI screens still rule; colours come from the palette.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QMessageBox, QSizePolicy, QWidget

# The type scale: each step about 1.2-1.4 times the one below.
BODY = 1.0
LEAD = 1.15  # instructions, list entries: read from a little further away
SUBTITLE = 1.3  # "next up", the state line, captions under big numbers
HEADING = 1.6  # a routine's title, set/side/rep in the player
TITLE = 2.0  # the exercise in the player, the end-of-session heading
# The countdown in the icing window; the player's countdown fits itself to its space instead.
DISPLAY = 5.0

SPACING = 12  # between blocks
MARGIN = 24  # around a page


# A window colour darker than this (HSL lightness, 0-255) makes a palette dark.
DARK_BELOW = 128


def is_dark(palette: QPalette) -> bool:
    """Whether `palette` is a dark one (light text on a dark window), a high-contrast black one too."""
    return palette.color(QPalette.ColorRole.Window).lightness() < DARK_BELOW


SAFETY_TEXT = "safety_text"  # the property that marks a label as safety wording (tests check its contrast)


def safety_text(label: QWidget) -> None:
    """Show safety wording (the disclaimer, icing advice, see a doctor) in the palette's full text colour.

    Never the placeholder grey, which reaches only about 3.5:1 on many palettes: safety text must be
    readable, at least 4.5:1 (WCAG 2.x AA), in light and dark palettes alike.
    """
    label.setForegroundRole(QPalette.ColorRole.WindowText)
    label.setProperty(SAFETY_TEXT, True)


def scale_font(widget: QWidget, factor: float, *, bold: bool = False) -> None:
    """Set `widget`'s font to `factor` times the desktop font (a step of the type scale)."""
    font = widget.font()
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    widget.setFont(font)


def plain(label: QLabel | QMessageBox, *, wrap: bool = True) -> None:
    """Show text from a routine file or a person as plain text: never rich text (no images, no styles).

    Qt guesses "rich text" from anything that looks like a tag, so `<img src=...>` in a routine's name
    would load files. A wrapped label also never asks for more width than it is given: one very long word
    is cut at the window's edge instead of making the window thousands of pixels wide.
    """
    label.setTextFormat(Qt.TextFormat.PlainText)
    if isinstance(label, QLabel):
        label.setWordWrap(wrap)
        if wrap:
            policy = label.sizePolicy()
            policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
            label.setSizePolicy(policy)
