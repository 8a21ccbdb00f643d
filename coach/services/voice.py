"""Spoken cues ("Clamshells, left side, set 2 of 3") through the platform's text-to-speech, if it has one."""

from __future__ import annotations

from typing import Protocol


class Voice(Protocol):
    def say(self, text: str) -> None:
        """Speak `text`, cutting off anything still being said; silently does nothing without a voice."""

    def stop(self) -> None:
        """Stop speaking."""


class NullVoice:
    """Says nothing: no speech engine, tests, or the user turned the voice off."""

    def say(self, text: str) -> None:
        del text

    def stop(self) -> None:
        pass
