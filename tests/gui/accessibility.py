"""What a screen reader would find in a window: its focusable controls and the names it would read."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QScrollBar,
    QWidget,
)


def accessible_name(widget: QWidget) -> str:
    """The name a screen reader reads for `widget`: its own, a button's text, or its label's (buddy)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def focusable_controls(window: QWidget) -> list[QWidget]:
    """Every control in `window` that the keyboard can reach (the window too if it takes the focus), and every
    button and slider, whether or not it takes the focus (the player's buttons leave the keys to the player).

    The line edit inside a spin box or an editable combo box is part of that control, named with it; a
    combo box's list is its own pop-up window; scroll bars and Qt's own parts ("qt_…": a table's corner
    button, the menu bar's overflow arrow) are read by their role.
    """
    found = [window, *window.findChildren(QWidget)]
    return [
        widget
        for widget in found
        if (
            widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            or isinstance(widget, QAbstractButton | QAbstractSlider)
        )
        and widget.window() is window.window()
        and not isinstance(widget.parentWidget(), QAbstractSpinBox | QComboBox)
        and not isinstance(widget, QScrollBar)
        and not widget.objectName().startswith("qt_")
    ]


def unnamed_controls(window: QWidget) -> list[str]:
    """The controls in `window` a screen reader could reach but not name: class and object, for a message."""
    return [
        f"{type(widget).__name__} {widget.objectName() or ''} under {type(widget.parentWidget()).__name__}"
        for widget in focusable_controls(window)
        if not accessible_name(widget)
    ]
