"""Recording stand-ins for the services, built on their real interfaces."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from coach.services.sound import Cue


class RecordingSound:
    def __init__(self) -> None:
        self.played: list[Cue] = []

    def play(self, cue: Cue) -> None:
        self.played.append(cue)


class RecordingVoice:
    def __init__(self) -> None:
        self.said: list[str] = []

    def say(self, text: str) -> None:
        self.said.append(text)

    def stop(self) -> None:
        pass


class RecordingInhibitor:
    def __init__(self) -> None:
        self.inhibited = False
        self.calls: list[str] = []

    def inhibit(self, reason: str) -> None:
        self.inhibited = True
        self.calls.append("inhibit")

    def release(self) -> None:
        self.inhibited = False
        self.calls.append("release")


class RecordingNotifier:
    def __init__(self) -> None:
        self.shown: list[tuple[str, str]] = []

    def notify(self, title: str, body: str) -> None:
        self.shown.append((title, body))


class RecordingAnnouncer:
    """Keeps what a screen reader would be told, in order, with the widget each sentence came from."""

    def __init__(self) -> None:
        self.said: list[str] = []
        self.sources: list[QWidget] = []

    def announce(self, source: QWidget, text: str) -> None:
        self.sources.append(source)
        self.said.append(text)
