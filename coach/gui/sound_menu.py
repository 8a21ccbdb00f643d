"""Sound ▸ Beeps and Spoken cues: the person's choice, kept in the settings, passed on to the player."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from coach.core.i18n import _
from coach.gui.main_window import MainWindow
from coach.gui.operations import OperationRunner
from coach.services.voice import LaterVoice

if TYPE_CHECKING:
    from coach.gui.flows.session import SessionFlow
    from coach.gui.services import Services


class SoundMenu(QObject):
    """The two ticks of the Sound menu; speech that cannot load is shown greyed out with the reason."""

    def __init__(
        self, runner: OperationRunner, window: MainWindow, services: Services, sessions: SessionFlow
    ) -> None:
        super().__init__(window)
        self.runner, self.services, self.sessions = runner, services, sessions
        settings = runner.coach.settings
        menu = window.sound_menu
        self.beeps_action = menu.addAction(_("&Beeps"))
        self.voice_action = menu.addAction(_("Spoken &cues"))
        for action, chosen in ((self.beeps_action, settings.beeps), (self.voice_action, settings.voice)):
            action.setCheckable(True)
            action.setChecked(chosen)
            action.toggled.connect(self._on_choice)
        if not isinstance(services.voice, LaterVoice) or services.voice.loaded:
            self._show_speechless()
        self._show_silence()
        # Speech loads at its first need, and a machine's lack of sound may be found only at the first cue:
        # the menu looks again (loading speech if it has not yet) when it is opened.
        menu.aboutToShow.connect(self._show_speechless)
        menu.aboutToShow.connect(self._show_silence)
        sessions.beeps, sessions.speak = settings.beeps, settings.voice

    def _show_speechless(self) -> None:
        reason = voice_unavailable(self.services)
        if reason is not None and self.voice_action.isEnabled():
            # The choice is kept for when speech can load; the menu says why it cannot now.
            self.voice_action.setEnabled(False)
            self.voice_action.setText(_("Spoken cues unavailable: {0}").format(reason))

    def _show_silence(self) -> None:
        silent = beeps_unavailable(self.services)
        if silent is not None and self.beeps_action.isEnabled():
            self.beeps_action.setEnabled(False)
            self.beeps_action.setText(_("Beeps unavailable: {0}").format(silent))

    def _on_choice(self) -> None:
        from coach.core.operations import change_settings

        beeps, voice = self.beeps_action.isChecked(), self.voice_action.isChecked()
        chosen = self.runner.coach.settings.replace(beeps=beeps, voice=voice)
        self.runner.run(lambda coach: change_settings(coach, chosen))
        self.sessions.beeps, self.sessions.speak = beeps, voice
        player = self.sessions.player
        if player is not None:
            player.beeps, player.speak = beeps, voice
            if not voice:
                self.services.voice.stop()


def beeps_unavailable(services: Services) -> str | None:
    """Why no beep can play (no audio output found), or None when one may."""
    from coach.services.sound import silence_reason

    # A NullSound with its default reason was chosen (beeps off, tests), not a machine without sound.
    return silence_reason(services.sound)


def voice_unavailable(services: Services) -> str | None:
    """Why no voice can speak (speech did not load; loads it now if not yet), or None when one can."""
    from coach.services.voice import unavailable_because

    return unavailable_because(services.voice)
