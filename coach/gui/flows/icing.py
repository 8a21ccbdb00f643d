"""Icing and what keeps the app around between sessions: the icing controller and window, the tray, and the
daily reminders. Built from the runner (the Coach context) and the main window; `close()` stops it all.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox, QSystemTrayIcon, QWidget

from coach.core.clinical.safety import ICING_END_ADVICE, ICING_MAX_MINUTES
from coach.core.i18n import _
from coach.gui.main_window import MainWindow
from coach.gui.operations import OperationRunner

if TYPE_CHECKING:
    from coach.core.session.icing import IcingEnded
    from coach.core.settings import Settings
    from coach.gui.flows.session import SessionFlow
    from coach.gui.icing import IcingController, IcingWindow
    from coach.gui.reminders import ReminderDialog
    from coach.gui.services import Services
    from coach.gui.tray import CoachTray


class IcingFlow(QObject):
    """The icing timer (one action starts 20 minutes), its window, the tray and the reminders."""

    def __init__(
        self, runner: OperationRunner, window: MainWindow, services: Services, sessions: SessionFlow
    ) -> None:
        from coach.core.operations.queries import any_icing_left_open
        from coach.gui.reminders import ReminderScheduler

        super().__init__(window)
        self.runner, self.window, self.sessions = runner, window, sessions
        self.services = services
        self.announcer = services.announcer
        # The timer, its window and the tray are made when first needed (the tray at once where the desktop
        # has one); the timer also at start when a run a killed or closed app left is open.
        self._controller: IcingController | None = None
        self._icing_window: IcingWindow | None = None
        self._keys_for_player = False
        if runner.query(any_icing_left_open):
            self.controller.resume()  # taken up if still live; ended ones are recorded as ended
        window.ice_action.triggered.connect(self._on_ice_action)
        self._tray: CoachTray | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self._make_tray()
        coach = runner.coach
        self.reminders = ReminderScheduler(
            coach.clock,
            services.notifier,
            lambda: runner.coach.settings,
            self._save_settings,
            self._dose_days,
            parent=self,
            times_per_day=self._times_per_day,
            doses=self._doses,
            paused=self._paused,
        )
        self.reminders.start_requested.connect(self.todays_routine)
        self.reminders_action = QAction(_("&Reminders…"), window)
        self.reminders_action.triggered.connect(self.edit_reminders)
        window.session_menu.insertAction(window.quit_action, self.reminders_action)
        self.reminder_dialog: ReminderDialog | None = None
        self.quit_box: QMessageBox | None = None  # "Quit while icing?", while it asks
        self.reminders.check()  # one missed while the app was closed shows now
        runner.changed.connect(self._show_dose_in_tray)
        self._show_dose_in_tray()

    @property
    def controller(self) -> IcingController:
        """The icing timer, made when first needed (its module loads then)."""
        if self._controller is None:
            from coach.gui.icing import IcingController

            made = IcingController(self.runner, self.services.sound, self.services.notifier, parent=self)
            made.changed.connect(self._on_icing_changed)
            made.ended.connect(self._on_icing_ended)
            made.skin_check_due.connect(self._on_skin_check)
            made.resumed_late.connect(self.show_window)
            self._controller = made
        return self._controller

    @property
    def running(self) -> bool:
        """Whether the app's icing timer runs (asked without making it)."""
        return self._controller is not None and self._controller.running

    @property
    def icing_window(self) -> IcingWindow:
        """The icing window, made when first needed (a start of the timer, a run taken up, the tray)."""
        if self._icing_window is None:
            from coach.gui.icing import IcingWindow

            made = IcingWindow(self.controller)
            made.start_requested.connect(self.start)
            self.controller.start_refused.connect(made.show_refusal)
            made.player_key.connect(self._on_player_key)
            made.keep_keys_for_player(self._keys_for_player)
            self._icing_window = made
        return self._icing_window

    @property
    def tray(self) -> CoachTray:
        """The tray's menu and icon: made at start where the desktop has a tray; without one nothing shows
        its menu, so it is made only when asked for."""
        if self._tray is None:
            self._make_tray()
        assert self._tray is not None
        return self._tray

    def _make_tray(self) -> None:
        from coach.gui.tray import CoachTray

        tray = CoachTray(self.controller, self.window.history_action, parent=self)
        tray.start_icing_requested.connect(self._on_ice_action)
        tray.stop_icing_requested.connect(self._on_stop_icing)
        tray.routine_requested.connect(self.todays_routine)
        tray.show_requested.connect(self.show_front)
        tray.toggle_requested.connect(self._on_tray_click)
        if tray.icon is not None:
            # With a tray, closing the window leaves the app (its icing timer, its reminders) running.
            QApplication.setQuitOnLastWindowClosed(False)
        self._tray = tray
        if hasattr(self, "reminders"):  # made after the start: the dose it shows is today's
            self._show_dose_in_tray()

    def close_window(self) -> None:
        """Close the icing window if it was ever made."""
        if self._icing_window is not None:
            self._icing_window.close()

    def start(self, minutes: int = ICING_MAX_MINUTES) -> str | None:
        """Start icing for `minutes` and show the icing window; the refusal's sentence, if refused.

        Asking while a timer runs just shows it.
        """
        refusal = self.controller.start(minutes)
        self.icing_window.show_refusal(refusal)
        self.show_window()
        return refusal

    def show_window(self) -> None:
        """Bring the icing window forward; during a session show it beside the player without the keyboard."""
        if not self.sessions.running():
            bring_forward(self.icing_window)
            return
        # Space, the arrows and Esc stay with the person's exercise, not with Stop icing.
        window = self.icing_window
        window.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        window.showNormal()
        window.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, False)

    def may_quit(self, leave: Callable[[], None]) -> bool:
        """True when nothing is iced; else ask (without blocking the countdown): stop the ice and quit, quit
        and leave its timer running (taken up at the next start), or stay. `leave` quits once answered."""
        if not self.running:
            return True
        run = self.controller.run
        left = run.minutes_left() if run is not None else 0
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Quit while icing?"),
            _(
                "The icing timer is running ({left} min left). Stop icing and quit, or quit and leave the"
                " timer running? Rehab Coach takes it up when next opened."
            ).format(left=left),
            QMessageBox.StandardButton.Cancel,
            self.window,
        )
        self.stop_and_quit = box.addButton(_("&Stop icing and quit"), QMessageBox.ButtonRole.AcceptRole)
        self.keep_and_quit = box.addButton(_("&Keep the timer and quit"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self._leave = leave
        box.finished.connect(self._on_quit_answer)
        box.finished.connect(box.deleteLater)
        self.quit_box = box
        box.open()
        return False

    def _on_quit_answer(self) -> None:
        box, self.quit_box = self.quit_box, None
        if box is None:
            return
        chosen = box.clickedButton()
        if chosen is self.stop_and_quit:
            self.controller.stop()
        if chosen in (self.stop_and_quit, self.keep_and_quit):
            self._leave()

    def keep_keys_for_player(self, player_open: bool) -> None:
        self._keys_for_player = player_open
        if self._icing_window is not None:
            self._icing_window.keep_keys_for_player(player_open)

    def _on_icing_changed(self) -> None:
        run = self.controller.run
        self.window.show_icing(run.minutes_left() if run is not None and self.controller.running else None)

    def _on_icing_ended(self, ended: IcingEnded) -> None:
        """Make the end seen even with no sound and no notifications: a banner, and the window in front; and
        heard by a screen reader."""
        from coach.core.session import cues

        if not ended.finished:
            return
        when = ended.ended_at.astimezone().strftime("%H:%M")
        self.window.show_banner(
            _("Icing done at {time}. {advice}").format(time=when, advice=_(ICING_END_ADVICE))
        )
        self.show_window()
        self.announcer.announce(self.icing_window, cues.icing_done())

    def _on_skin_check(self, prompt: str) -> None:
        """The core's skin-check prompt, five minutes in (the icing window shows it), for a screen reader."""
        self.announcer.announce(self.icing_window, prompt)

    def _on_player_key(self, key: Qt.Key) -> None:
        if self.sessions.player is not None:
            self.sessions.player.press(key)

    def _on_ice_action(self) -> None:
        self.start(ICING_MAX_MINUTES)

    def _on_stop_icing(self) -> None:
        bring_forward(self.icing_window)
        self.icing_window.ask_to_stop()

    def todays_routine(self) -> None:
        """Today's routine (the plan's: the one done last), started as Start starts it."""
        bring_forward(self.window)
        self.window.start_action.trigger()

    def show_front(self) -> None:
        during_session = self.sessions.running()
        bring_forward(self.icing_window if self.running and not during_session else self.window)

    def _on_tray_click(self) -> None:
        """Show the window, or hide it when it is already in front (a tray app's left click)."""
        if self.window.isVisible() and self.window.isActiveWindow() and self.tray.icon is not None:
            self.window.hide()
        else:
            self.show_front()

    # -- reminders -----------------------------------------------------------------------------------------

    def edit_reminders(self) -> None:
        """The days and time of the daily reminder, in a dialog that does not block the timers."""
        from coach.gui.reminders import ReminderDialog

        self.reminder_dialog = ReminderDialog(self.runner.coach.settings, self.window)
        self.reminder_dialog.accepted.connect(self._on_reminders_chosen)
        self.reminder_dialog.open()

    def _on_reminders_chosen(self) -> None:
        if self.reminder_dialog is not None:
            self.reminders.set_schedule(*self.reminder_dialog.chosen())

    def _save_settings(self, settings: Settings) -> None:
        from coach.core.operations import change_settings

        self.runner.run(lambda coach: change_settings(coach, settings), self.window)

    def _times_per_day(self) -> int:
        """How many times a day the plan's routine (the one done last) is due."""
        from coach.core.operations.queries import todays_plan

        plan = self.runner.query(todays_plan)
        return plan.times_per_day if plan is not None else 1

    def _paused(self) -> str | None:
        """Why exercise is paused (a warning sign waits for a clinician), or None."""
        from coach.core.operations.pause import open_sign

        sign = self.runner.query(open_sign)
        return None if sign is None else sign.sentence()

    def _doses(self) -> dict[date, int]:
        from coach.core.operations.queries import recent_doses

        return self.runner.query(recent_doses) or {}

    def _dose_days(self) -> set[date]:
        times = self._times_per_day()
        return {day for day, done in self._doses().items() if done >= times}

    def _show_dose_in_tray(self) -> None:
        """'Start today's routine (2 of 3 today)' in the tray, for a routine due several times a day."""
        if self._tray is None:
            return  # said when the tray is made
        dose = self.reminders.dose_text(self.runner.coach.now())
        self.tray.routine_action.setText(
            _("Start today's &routine ({dose})").format(dose=dose) if dose else _("Start today's &routine")
        )

    def close(self) -> None:
        """Stop every timer and delete the parentless windows. A running icing run stays live (the ice is
        still on: a signal or a log-out is not the person stopping it); the next start takes it up."""
        self.runner.changed.disconnect(self._show_dose_in_tray)
        self.reminders.stop()
        if self._controller is not None:
            self._controller.timer.stop()
            self._controller.write_waiting()
        if self._icing_window is not None:
            self._icing_window.close()
            self._icing_window.deleteLater()
        if self._tray is not None:
            self._tray.menu.deleteLater()
        self.reminders.prompt.close()
        self.reminders.prompt.deleteLater()


def bring_forward(window: QWidget) -> None:
    window.showNormal()
    window.raise_()
    window.activateWindow()
