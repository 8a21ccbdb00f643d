"""Announcements to a screen reader ("Get ready. Clamshells, left side, set 1 of 3.") through Qt's
accessibility layer, if one is listening; the words come from `coach.core.session.cues.for_screen_reader`.

Qt 6.8 and later have an announcement event (`QAccessibleAnnouncementEvent`): Orca, NVDA and VoiceOver read
its message without moving the focus. On an older Qt the sentence becomes the accessible description of the
widget that has the focus (the player), and a name change on it makes the reader look at it again: what
ARIA calls a live region.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6 import QtGui
from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QWidget

Send = Callable[[QAccessibleEvent], None]
MakeAnnouncement = Callable[[QWidget, str], QAccessibleEvent]


class Announcer(Protocol):
    """Says a sentence to whatever screen reader listens; nothing when none does."""

    def announce(self, source: QWidget, text: str) -> None:
        """Announce `text` on behalf of `source` (the widget it belongs to), politely: after what is read."""


@dataclass(frozen=True, slots=True)
class NullAnnouncer:
    """Announces nothing (the tests' default; a face without a screen, such as the terminal)."""

    def announce(self, source: QWidget, text: str) -> None:
        del source, text


def _announcement_event() -> MakeAnnouncement | None:
    """Qt's announcement event class (Qt 6.8 and later), or None on an older Qt."""
    found = getattr(QtGui, "QAccessibleAnnouncementEvent", None)
    return found if isinstance(found, type) and issubclass(found, QAccessibleEvent) else None


class QtAnnouncer:
    """Announces through Qt's accessibility layer: an announcement event, or the live-region fallback.

    :param send: hands an event to the accessibility layer (tests pass one that keeps it).
    :param announcement: Qt's announcement event class; None forces the fallback of an older Qt.
    """

    def __init__(
        self,
        send: Send = QAccessible.updateAccessibility,
        announcement: MakeAnnouncement | None = _announcement_event(),  # noqa: B008 (looked up once)
    ) -> None:
        self.send = send
        self.announcement = announcement

    def announce(self, source: QWidget, text: str) -> None:
        if self.announcement is not None:
            self.send(self.announcement(source, text))
            return
        # The fallback: the sentence is the widget's description (Qt itself says that it changed), and a
        # name change makes a reader that watches the focused widget read it.
        source.setAccessibleDescription(text)
        self.send(QAccessibleEvent(source, QAccessible.Event.NameChanged))
