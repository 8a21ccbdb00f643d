"""The icing timer in the app: a controller that ticks the core's IcingRun, and the small icing window.

The controller wakes once per second of remaining time, aligned to the moment the countdown's whole second
changes, not on a fast poll: the laptop of someone icing a knee is idle, and should stay so.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QPalette, QPixmapCache, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coach.core.clinical.safety import (
    ICING_END_ADVICE,
    ICING_LIMIT_REASON,
    ICING_MAX_MINUTES,
    ICING_SKIN_CHECK_ADVICE,
    ICING_START_ADVICE,
    ICING_WHO_SHOULD_NOT,
)
from coach.core.history.records import IcingStatus
from coach.core.i18n import _
from coach.core.operations import resume_icing, take_up_icing
from coach.core.operations.changes import OpResult
from coach.core.operations.context import Coach
from coach.core.operations.icing import IcingEnding, IcingStarted, icing_record
from coach.core.operations.turns import in_turn
from coach.core.session.icing import (
    IcingEnded,
    IcingRun,
)
from coach.core.session.timer import countdown_text
from coach.gui import style
from coach.gui.operations import SAVE_AGAIN_MS, WRITE_PATIENCE_SECONDS, OperationRunner
from coach.services.sound import Cue, SoundPlayer

if TYPE_CHECKING:
    from coach.services.notify import Notifier  # its module loads D-Bus, at the first notification

# A little after the second changes, so that the countdown, rounded up, already shows the new second.
_TICK_SLACK_MS = 2


class IcingController(QObject):
    """One icing run at a time: started, ticked on whole seconds, recorded, and rung at its end."""

    changed = Signal()  # started, a second passed, or ended: whatever shows the timer repaints
    ended = Signal(object)  # IcingEnded
    skin_check_due = Signal(str)  # the skin-check prompt, once, 5 minutes into a run (NHS patient advice)
    start_refused = Signal(str)  # a start that waited its turn was refused after all: why
    resumed_late = Signal()  # the run a killed app left, taken up once another program's lock let it

    def __init__(
        self,
        runner: OperationRunner,
        sound: SoundPlayer,
        notifier: Notifier,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.clock = runner.coach.clock
        self.sound = sound
        self.notifier = notifier
        self.run: IcingRun | None = None
        self.warning: str | None = None
        self.skin_check: str | None = None  # the skin-check prompt once given, shown until the run ends
        self._run_id = 0
        self._first_tick = True
        # Precise, not coarse: a coarse timer may fire up to 5 % early, which would show the same second
        # twice and cost a second wake-up.
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self.tick)
        # An ending another program's write lock keeps waiting, tried again from here, off the GUI thread's
        # way: the person sees the end at once, the record follows in its turn.
        self.ending: IcingEnding | None = None
        self._ending_tries = 0
        # So does a start: (minutes, when the person asked); its run counts from when they asked.
        self.starting: tuple[int, datetime] | None = None
        self._start_tries = 0
        # And so does taking up, at start, the run a killed app left (closing those whose deadline passed).
        self.resuming = False
        self._resume_tries = 0
        self.saving = QTimer(self)
        self.saving.setInterval(SAVE_AGAIN_MS)
        self.saving.timeout.connect(self._on_save_again)

    @property
    def running(self) -> bool:
        return self.run is not None and self.run.running

    def start(self, minutes: int) -> str | None:
        """Start a run of `minutes`, or take up the live one (a routine's icing step, a terminal): one ice,
        one deadline. The refusal's sentence when the core refuses it. A running run stays."""
        if self.running or self.starting is not None:
            return None
        self.write_waiting_ending()  # a run stopped a moment ago is closed before another starts
        self.resuming = False  # taking up or starting takes up the live run first
        self.starting, self._start_tries = (minutes, self.clock.wall()), 0
        return self._try_start()

    def _try_start(self) -> str | None:
        """Start (or take up) the run asked for, waiting a moment at most for another program's lock; the
        sentence to show: why it was refused, or that it waits its turn (the saving timer tries again)."""
        if self.starting is None:
            return None
        minutes, asked_at = self.starting
        waited = self._start_tries * SAVE_AGAIN_MS / 1000
        self._start_tries += 1
        waiting: list[bool] = []

        def attempt(coach: Coach) -> OpResult[IcingStarted | None]:
            def take_up(coach: Coach) -> OpResult[IcingStarted]:
                return take_up_icing(coach, minutes, started_at=asked_at)

            result = in_turn(coach, take_up, patience=WRITE_PATIENCE_SECONDS, waited=waited)
            if result is None:
                waiting.append(True)
                return OpResult(None)
            return OpResult(result.value, result.changes)

        refusals: list[str] = []
        started = self.runner.run(attempt, show_refusal=refusals.append)
        if waiting:
            self.saving.start()
            return _(
                "Another program is writing to your history: the timer starts as soon as it has finished,"
                " counting from now."
            )
        self.starting = None
        if started is None:
            return refusals[0] if refusals else _("The icing timer could not start.")
        self._run_id = started.run_id
        self.run, self.warning, self.skin_check = started.run, started.warning, None
        self._first_tick = True
        self._schedule()
        self.changed.emit()
        return None

    def resume(self) -> bool:
        """Take up the run a killed or closed app left running (ended ones are recorded); whether one was."""
        if self.running:
            return False
        self.resuming, self._resume_tries = True, 0
        return self._try_resume()

    def _try_resume(self) -> bool:
        """Take up (or close) what a killed app left, waiting a moment at most for another program's lock
        (else the saving timer tries again); whether a run was taken up."""
        waited = self._resume_tries * SAVE_AGAIN_MS / 1000
        self._resume_tries += 1
        waiting: list[bool] = []

        def attempt(coach: Coach) -> OpResult[IcingStarted | None]:
            result = in_turn(coach, resume_icing, patience=WRITE_PATIENCE_SECONDS, waited=waited)
            if result is None:
                waiting.append(True)
                return OpResult(None)
            return result

        resumed = self.runner.run(attempt)
        if waiting:
            self.saving.start()
            return False
        self.resuming = False
        if resumed is None:
            return False
        self._run_id = resumed.run_id
        self.run, self.warning, self.skin_check = resumed.run, None, None
        self._first_tick = True
        self._schedule()
        self.changed.emit()
        return True

    def stop(self) -> None:
        """End the running run early (the view has asked for confirmation already)."""
        if self.run is not None and self.run.running:
            self._finish(self.run.stop())

    def tick(self) -> None:
        """Look at the clock: repaint, and ring if the deadline has passed (also after a sleep)."""
        if self.run is None or not self.run.running:
            return
        ended = self.run.tick()
        if ended is not None:
            self._finish(ended)
            return
        if self._ended_elsewhere():
            return
        if self._first_tick:
            self._first_tick = False
            let_qt_sleep()
        prompt = self.run.skin_check()
        if prompt is not None:
            self.skin_check = prompt
            self.notifier.notify("Rehab Coach", prompt)
            self.skin_check_due.emit(prompt)
        self._schedule()
        self.changed.emit()

    def _ended_elsewhere(self) -> bool:
        """Whether the run was stopped elsewhere (`coach ice --stop`, a routine's icing step skipped): then
        show the ending recorded there. One read by its key, once a second while icing."""
        run_id = self._run_id
        record = self.runner.query(lambda coach: icing_record(coach, run_id))
        if self.run is None or record is None or record.status is IcingStatus.OPEN:
            return False
        ended = IcingEnded(
            record.status is IcingStatus.FINISHED,
            record.finished_at or self.clock.wall(),
            record.actual_minutes or 0.0,
            while_asleep=False,
        )
        self.run.ended = ended
        self.timer.stop()
        self.changed.emit()
        self.ended.emit(ended)
        return True

    def _schedule(self) -> None:
        assert self.run is not None
        self.timer.start(math.ceil(self.run.seconds_to_next_tick() * 1000) + _TICK_SLACK_MS)

    def _finish(self, ended: IcingEnded) -> None:
        self.timer.stop()
        self.ending, self._ending_tries = IcingEnding(self._run_id, ended), 0
        self._save_ending()
        if ended.finished:
            self.sound.play(Cue.ICING_DONE)
            self.notifier.notify(_("Icing done"), _(ICING_END_ADVICE))
        self.changed.emit()
        self.ended.emit(ended)

    def _on_save_again(self) -> None:
        if self.ending is not None:
            self._save_ending()
        if self.starting is not None:
            self._start_again()
        if self.resuming and self._try_resume():
            self.resumed_late.emit()
        if self.ending is None and self.starting is None and not self.resuming:
            self.saving.stop()

    def _start_again(self) -> None:
        refusal = self._try_start()
        if refusal is not None and self.starting is None:  # refused after its wait, not still waiting
            self.start_refused.emit(refusal)

    def _save_ending(self) -> None:
        """Record the ending, waiting a moment at most for another program's lock (else again later)."""
        ending = self.ending
        if ending is None:
            return
        waited = self._ending_tries * SAVE_AGAIN_MS / 1000
        self._ending_tries += 1
        written = self.runner.run(
            lambda coach: ending.write_in_turn(coach, patience=WRITE_PATIENCE_SECONDS, waited=waited)
        )
        if written is False:  # waiting its turn behind another program: the saving timer comes back
            self.saving.start()
            return
        self.ending = None  # written, or said (the store's whole busy timeout has passed)

    def write_waiting_ending(self) -> None:
        """Write an ending still waiting its turn now, waiting out the lock once (closing, starting again)."""
        ending, self.ending = self.ending, None
        if ending is not None:
            self.runner.run(ending.write)

    def write_waiting(self) -> None:
        """Closing: write what waits its turn now, waiting out the lock once; a start asked for becomes the
        live run the next start takes up (the ice is on)."""
        self.saving.stop()
        self.write_waiting_ending()
        starting, self.starting = self.starting, None
        if starting is not None:
            minutes, asked_at = starting
            self.runner.run(lambda coach: take_up_icing(coach, minutes, started_at=asked_at))


def let_qt_sleep() -> None:
    """Empty Qt's pixmap cache, whose housekeeping timer wakes the app every 30 s while it holds anything.

    It holds pieces of widgets already drawn (button faces, icons), each redrawn when next needed. Once the
    icing window has painted, a run redraws only its countdown, which puts nothing in the cache: emptied,
    the cache's timer stops and the app wakes once a second for the countdown alone, not 31 times in 30 s.
    """
    QPixmapCache.clear()


class IcingWindow(QWidget):
    """A big countdown with the advice, Stop (one confirmation), and after the end what to do next."""

    start_requested = Signal(int)  # minutes
    player_key = Signal(object)  # a Qt.Key pressed here that belongs to the guided player

    # The player's keys: while a session runs they work wherever the person's keyboard is.
    PLAYER_KEYS = (Qt.Key.Key_Space, Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Escape, Qt.Key.Key_M)

    def __init__(self, controller: IcingController) -> None:
        super().__init__()
        self.controller = controller
        self.setWindowTitle(_("Icing — Rehab Coach"))
        self.confirm_box: QMessageBox | None = None
        self._refusal: str | None = None
        self._build()
        controller.changed.connect(self.refresh)
        self.refresh()

    def _build(self) -> None:
        self.countdown = QLabel()
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown.setAccessibleName(_("Time left"))
        style.scale_font(self.countdown, style.DISPLAY, bold=True)
        self.status = _label(_("Icing status"))
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.advice = _label(_("Advice"))
        self.advice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        style.scale_font(self.advice, style.SUBTITLE)
        style.safety_text(self.advice)
        self.warning = _label(_("Warning"))
        self.warning.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.help = _label(_("Who should not ice"))
        self.help.setText(_(ICING_WHO_SHOULD_NOT))
        style.safety_text(self.help)
        buttons = self._build_buttons()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(self.countdown)
        layout.addWidget(self.status)
        layout.addWidget(self.advice)
        layout.addWidget(self.warning)
        layout.addStretch(1)
        layout.addWidget(self.help)
        layout.addLayout(buttons)
        self.setMinimumWidth(460)

    def _build_buttons(self) -> QHBoxLayout:
        self.minutes = QSpinBox()
        self.minutes.setRange(1, ICING_MAX_MINUTES)
        self.minutes.setValue(ICING_MAX_MINUTES)
        self.minutes.setSuffix(_(" min"))
        self.minutes.setAccessibleName(_("Icing minutes"))
        reason = _(ICING_LIMIT_REASON)
        self.minutes.setToolTip(_("At most {0} minutes: {1}.").format(ICING_MAX_MINUTES, reason))
        self.start_button = QPushButton(_("&Start icing"))
        self.start_button.setAccessibleName(_("Start icing"))
        self.start_button.clicked.connect(self._on_start_clicked)
        self.stop_button = QPushButton(_("S&top icing…"))
        self.stop_button.setAccessibleName(_("Stop icing"))
        self.stop_button.clicked.connect(self.ask_to_stop)
        self.close_button = QPushButton(_("&Close"))
        self.close_button.setAccessibleName(_("Close"))
        self.close_button.clicked.connect(self.close)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, self.close)
        self._player_shortcuts = {self._player_shortcut(key): key for key in self.PLAYER_KEYS}
        self.keep_keys_for_player(False)

        buttons = QHBoxLayout()
        buttons.addWidget(self.minutes)
        buttons.addWidget(self.start_button)
        buttons.addStretch(1)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.close_button)
        return buttons

    def _player_shortcut(self, key: Qt.Key) -> QShortcut:
        shortcut = QShortcut(QKeySequence(key), self)
        shortcut.setAutoRepeat(False)
        # A bound method, never a lambda capturing the window: PySide may free it mid clean-up and crash.
        shortcut.activated.connect(self._on_player_shortcut)
        return shortcut

    def _on_player_shortcut(self) -> None:
        key = self._player_shortcuts.get(self.sender())  # type: ignore[call-overload]
        if key is not None:
            self.player_key.emit(key)

    def keep_keys_for_player(self, on: bool) -> None:
        """While a session runs, Space, the arrows, Esc and M here go to the player, never to Stop icing."""
        for shortcut in self._player_shortcuts:
            shortcut.setEnabled(on)

    def show_refusal(self, refusal: str | None) -> None:
        """Show why a request was refused (until the next start), or clear it."""
        self._refusal = refusal
        self.refresh()

    def _on_start_clicked(self) -> None:
        self.start_requested.emit(self.minutes.value())

    def refresh(self) -> None:
        run = self.controller.run
        running = self.controller.running
        if running:
            self._refusal = None
        self.countdown.setText(countdown_text(run.remaining() if run else ICING_MAX_MINUTES * 60))
        self.status.setText(self._status_text())
        ended = run is not None and not running
        status_font = self.status.font()
        status_font.setBold(ended)
        self.status.setFont(status_font)
        self.countdown.setForegroundRole(
            QPalette.ColorRole.PlaceholderText if ended else QPalette.ColorRole.WindowText
        )
        advice = self.controller.skin_check or _(ICING_START_ADVICE) + " " + _(ICING_SKIN_CHECK_ADVICE)
        self.advice.setText(advice if running or run is None else _(ICING_END_ADVICE))
        warning = self._refusal or (self.controller.warning if running else None)
        self.warning.setText(warning[0].upper() + warning[1:] if warning else "")
        self.warning.setVisible(bool(warning))
        self.stop_button.setVisible(running)
        self.minutes.setVisible(not running)
        self.start_button.setVisible(not running)
        self.start_button.setText(_("&Start icing") if run is None else _("&Ice again"))

    def _status_text(self) -> str:
        run = self.controller.run
        if run is None:
            return _("Choose how long, then start.")
        if run.ended is None:
            return _("Icing for {0} minutes").format(run.planned_minutes)
        when = run.ended.ended_at.astimezone().strftime("%H:%M")
        if run.ended.while_asleep:
            return _("Ended at {0} while the computer was asleep").format(when)
        if run.ended.finished:
            return _("Done at {0}").format(when)
        return _("Stopped at {0}, after {1:.1f} of {2} minutes").format(
            when, run.ended.actual_minutes, run.planned_minutes
        )

    def ask_to_stop(self) -> None:
        """One confirmation, then stop; the box does not block, so the countdown keeps going meanwhile."""
        if not self.controller.running:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Stop icing?"),
            _("Stop icing now? The minutes so far are saved."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        box.accepted.connect(self.controller.stop)
        box.finished.connect(box.deleteLater)
        self.confirm_box = box
        box.open()


def _label(name: str) -> QLabel:
    label = QLabel()
    style.plain(label)
    label.setAccessibleName(name)
    return label
