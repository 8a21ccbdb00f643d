"""A session as the person goes through it: pain before → player → end of session → back to the library,
and, at start, the recovery offer and the next-morning check-in.

Every step is a core operation run through the runner; this module only decides which page shows next.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from coach.core.i18n import _
from coach.core.routines.model import Routine
from coach.gui.main_window import MainWindow
from coach.gui.operations import SAVE_AGAIN_MS, WRITE_PATIENCE_SECONDS, OperationRunner

if TYPE_CHECKING:
    from coach.core.operations import LiveSession, RecoveryOffer
    from coach.core.operations.context import Coach
    from coach.gui.check_in import MorningCheckIn
    from coach.gui.pain_before import PainBeforePage
    from coach.gui.player import PlayerView
    from coach.gui.recovery import RecoveryDialog
    from coach.gui.services import Services


class SessionFlow(QObject):
    """Starts sessions (pain before first), plays them, asks the end questions, recovers and checks in."""

    def __init__(self, runner: OperationRunner, window: MainWindow, services: Services) -> None:
        super().__init__(window)
        self.runner, self.window, self.services = runner, window, services
        self.player: PlayerView | None = None
        self.pain_page: PainBeforePage | None = None
        self.pain_routine: Routine | None = None
        self.live: LiveSession | None = None
        self.recovery: RecoveryOffer | None = None
        self.recovery_dialog: RecoveryDialog | None = None
        self.check_in: MorningCheckIn | None = None
        self.beeps, self.speak = True, True  # set by the Sound menu
        # Told when a player opens (True) or closes: the icing window gives the player its keys meanwhile.
        self.on_player: Callable[[bool], None] = _nothing
        window.start_requested.connect(self.ask_before_start)
        self.desktop_ending = False  # a log-out: close without asking, as SIGTERM does
        # Steps kept while another program holds the write lock are tried again from here, off the tick.
        self.finishing: LiveSession | None = None  # ended, its last writes waiting their turn
        self.finishing_tries = 0
        self.saving = QTimer(self)
        self.saving.setInterval(SAVE_AGAIN_MS)
        self.saving.timeout.connect(self._on_save_again)
        # Closing the sessions a killed app left waits its turn too: tried again from a timer, off the start.
        self.recovery_tries = 0
        self.recovery_waiting = False
        self._qt_app = QApplication.instance()
        if isinstance(self._qt_app, QApplication):
            self._qt_app.commitDataRequest.connect(self._on_desktop_ending)

    # -- starting ------------------------------------------------------------------------------------------

    def start_routine(self, routine_id: str) -> PlayerView | None:
        """Open the guided player on the library's routine `routine_id` (no pain question first)."""
        entry = self.runner.coach.library.find(routine_id)
        return None if entry is None else self.play_routine(entry.routine)

    def ask_before_start(self, routine_id: str) -> PainBeforePage | None:
        """Start the library's routine `routine_id` as a person does: pain score first, then the player."""
        entry = self.runner.coach.library.find(routine_id)
        return None if entry is None else self.ask_pain_before(entry.routine)

    def ask_pain_before(self, routine: Routine) -> PainBeforePage | None:
        """Show the one-tap pain score before `routine` (skippable); the answer starts the player."""
        from coach.core.operations.pause import why_paused
        from coach.core.operations.sessions import asks_pain_before
        from coach.core.store.connection import preload_writer
        from coach.gui.pain_before import PainBeforePage

        if self.player is not None or self.pain_page is not None:
            return None
        preload_writer()  # the session's first write follows the answer: its library loads meanwhile
        paused = self.runner.query(lambda coach: why_paused(coach, routine), self.window)
        if paused is not None:  # nothing starts while a warning sign waits for a clinician
            self.runner.show_sentence(paused, self.window)
            return None
        if not asks_pain_before(routine):
            self.play_routine(routine)
            return None
        page = PainBeforePage(routine.title)
        page.answered.connect(self._on_pain_before)
        page.cancelled.connect(self._close_pain_page)
        self.pain_page, self.pain_routine = page, routine
        self.window.start_action.setEnabled(False)
        self.window.show_page(page)
        page.setFocus()
        return page

    def _on_pain_before(self, pain: int | None) -> None:
        routine = self.pain_routine
        if self.pain_page is None or routine is None:
            return
        self._close_pain_page(back_to_library=False)
        if self.play_routine(routine, pain) is None:
            self._on_session_closed()

    def _close_pain_page(self, *, back_to_library: bool = True) -> None:
        page, self.pain_page = self.pain_page, None
        if page is not None:
            self.window.remove_page(page)
        if back_to_library:
            self._on_session_closed()

    def play_routine(self, routine: Routine, pain_before: int | None = None) -> PlayerView | None:
        """Begin a session of `routine` (the core's begin_session: the pause, the pain before) and play it."""
        from coach.core.operations.sessions import begin_session

        if self.player is not None:
            return None
        live = self.runner.run(lambda coach: begin_session(coach, routine, pain_before), self.window)
        if live is None:
            return None
        player = self._play(live)
        if live.said_before:  # pain before above the sheet's limit: the core's sentence, beside the player
            self.runner.show_sentence(live.said_before, self.window)
        return player

    # -- after a crash, and the next morning ---------------------------------------------------------------

    def offer_recovery(self) -> None:
        """Offer to resume a session the app died in, or to close it as stopped early."""
        from coach.core.operations.queries import any_session_left_open

        if self.player is not None:
            self.recovery_waiting = False
            return
        if not self.recovery_waiting and not self.runner.query(any_session_left_open, self.window):
            return  # nothing to offer: the sessions' module loads with the first session
        from coach.core.operations import find_recovery
        from coach.core.operations.changes import OpResult
        from coach.core.operations.turns import in_turn

        waited = self.recovery_tries * SAVE_AGAIN_MS / 1000
        self.recovery_tries += 1
        waiting: list[bool] = []

        def attempt(coach: Coach) -> OpResult[RecoveryOffer | None]:
            result = in_turn(coach, find_recovery, patience=WRITE_PATIENCE_SECONDS, waited=waited)
            if result is None:  # another program holds the lock: asked again in a moment, off the start
                waiting.append(True)
                return OpResult(None)
            return result

        offer = self.runner.run(attempt, self.window)
        if waiting:
            self.recovery_waiting = True
            QTimer.singleShot(SAVE_AGAIN_MS, self, self.offer_recovery)
            return
        was_waiting, self.recovery_waiting, self.recovery_tries = self.recovery_waiting, False, 0
        if offer is None:
            if was_waiting:  # the morning's question waited for this one
                self.offer_morning_check_in()
            return
        from coach.gui.recovery import RecoveryDialog

        self.recovery = offer
        dialog = RecoveryDialog(offer.record, offer.why_not, self.window)
        # Bound methods, never lambdas that capture widgets: PySide may then free a widget inside Qt's own
        # clean-up of another, which crashes at exit.
        dialog.finished.connect(self._on_recovery_answer)
        self.recovery_dialog = dialog
        dialog.open()

    def _on_recovery_answer(self) -> None:
        from coach.core.operations import close_abandoned_session
        from coach.core.operations.sessions import resume_session

        dialog, offer = self.recovery_dialog, self.recovery
        if dialog is None or offer is None:
            return
        session_id = offer.record.id
        if dialog.resume_chosen and offer.why_not is None:
            live = self.runner.run(lambda coach: resume_session(coach, session_id), self.window)
            if live is not None:
                self._play(live)
                return
        self.runner.run(lambda coach: close_abandoned_session(coach, session_id), self.window)
        self.offer_morning_check_in()

    def offer_morning_check_in(self) -> MorningCheckIn | None:
        """On the first start of a day after a session, ask once how the knee is this morning."""
        from coach.core.operations.queries import morning_check_in_due

        if self.check_in is not None or self.player is not None or self.recovery_waiting:
            return None
        if self.recovery_dialog is not None and self.recovery_dialog.isVisible():
            return None  # asked once the recovery question is answered
        record = self.runner.query(morning_check_in_due, self.window)
        if record is None:
            return None
        from coach.gui.check_in import MorningCheckIn

        self.check_in = MorningCheckIn(record, self.runner, self.window)
        self.check_in.open()
        return self.check_in

    # -- the player and the end of the session --------------------------------------------------------------

    def _play(self, live: LiveSession) -> PlayerView:
        from coach.core.routines.loader import ILLUSTRATIONS
        from coach.gui.player import PlayerView
        from coach.gui.sound_menu import voice_unavailable
        from coach.services.sound import silence_reason

        player = PlayerView(
            live.routine,
            live.engine,
            placeholder=self.runner.coach.places.assets / ILLUSTRATIONS / "placeholder.svg",
            sound=self.services.sound,
            voice=self.services.voice,
            announcer=self.services.announcer,
            beeps=self.beeps and silence_reason(self.services.sound) is None,
            speak=self.speak,
            voice_note=voice_unavailable(self.services) if self.speak else None,  # speech loads now
            icing=live.icing,
        )
        player.finished.connect(self._on_session_finished)
        live.patience = WRITE_PATIENCE_SECONDS
        self.player, self.live = player, live
        self.saving.start()
        self.window.start_action.setEnabled(False)
        self.window.show_page(player)
        self.on_player(True)
        self.services.inhibitor.inhibit(_("Guided exercise session"))
        player.start()
        return player

    def _on_session_finished(self) -> None:
        """The player ended: once what waits is written (never holding the window while another program
        has the lock: the saving timer tries again), the end page."""
        self.on_player(False)
        self.services.inhibitor.release()
        self.finishing, self.finishing_tries = self.live, 0
        self._end_when_saved()

    def _end_when_saved(self) -> None:
        from coach.core.operations import Changes
        from coach.core.operations.sessions import hurt_choices
        from coach.core.routines.model import is_icing_only
        from coach.gui.session_end import SessionEndPage

        live = self.finishing
        if live is not None and live.unsaved:
            # Counted in the saving timer's tries: once as long as any write waits, the core says it.
            waited = self.finishing_tries * SAVE_AGAIN_MS / 1000
            self.finishing_tries += 1
            saved = self.runner.run(
                lambda coach: live.save_waiting(waited=waited), self.window, announce=False
            )
            if saved is False:  # waiting its turn behind another program: the saving timer comes back
                return
        self.saving.stop()
        self.finishing = None
        if self.player is not None:
            self.window.remove_page(self.player)
        self.player = None
        if live is None:
            return
        self.runner.announce(Changes(sessions=True, steps=True))
        page = SessionEndPage(
            live.record(),
            self.runner,
            icing_only=is_icing_only(live.routine),
            exercises=hurt_choices(live.routine),
        )
        page.done.connect(self._on_session_closed)
        self.window.show_page(page)

    def _on_save_again(self) -> None:
        if self.finishing is not None:
            self._end_when_saved()
            return
        live = self.live
        if live is not None and live.unsaved and self.player is not None:
            self.runner.run(lambda coach: live.save_waiting(), self.window, announce=False)

    def _on_session_closed(self) -> None:
        self.window.show_library()
        self.window.start_action.setEnabled(self.window.selected_routine() is not None)

    def running(self) -> bool:
        """Whether a session is being done (running or paused) in the player."""
        from coach.core.session.engine import EngineState

        return self.player is not None and self.player.engine.state in (
            EngineState.RUNNING,
            EngineState.PAUSED,
        )

    def _on_desktop_ending(self, _manager: object = None) -> None:
        """The desktop session ends (log-out, shut-down): nothing may hold it up; when the app then closes,
        the session is saved as stopped early and a live icing run stays live (`close`)."""
        self.desktop_ending = True

    def may_close(self) -> bool:
        """Closing during a session asks first (in the player: Esc stops and saves, Space carries on)."""
        if self.desktop_ending:
            return True
        if self.player is not None and self.running():
            _bring_forward(self.window)
            self.player.ask_to_stop()
            return False
        return True

    def close(self) -> None:
        """Save a running session as stopped early (every finished step is already stored); the ice of an
        icing step in progress stays on, its run live for the next start."""
        self.saving.stop()
        finishing, self.finishing = self.finishing, None
        if finishing is not None and finishing.unsaved:  # closing: wait out the lock once, as any close
            self.runner.run(lambda coach: finishing.save_unsaved(), self.window, announce=False)
        if self.player is not None and self.running():
            self.player.finished.disconnect()
            if self.live is not None:
                self.live.icing.leave_live()
            self.player.engine.stop()
            live = self.live
            if live is not None and live.unsaved:  # closing: what waited its turn waits out the lock once
                self.runner.run(lambda coach: live.save_unsaved(), self.window, announce=False)
        if self.check_in is not None:
            self.check_in.close()
        if isinstance(self._qt_app, QApplication):
            self._qt_app.commitDataRequest.disconnect(self._on_desktop_ending)
            self._qt_app = None


def _nothing(opened: bool) -> None:
    pass


def _bring_forward(window: MainWindow) -> None:
    window.showNormal()
    window.raise_()
    window.activateWindow()
