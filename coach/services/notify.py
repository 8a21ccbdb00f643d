"""Desktop notifications (icing done, reminders)."""

from __future__ import annotations

from typing import Protocol


class Notifier(Protocol):
    def notify(self, title: str, body: str) -> None:
        """Show a desktop notification; does nothing where the desktop has none."""


class NullNotifier:
    def notify(self, title: str, body: str) -> None:
        del title, body
