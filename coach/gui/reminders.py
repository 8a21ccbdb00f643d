"""Daily reminders in the app: a timer that asks the core when to look next, the prompt, the settings dialog.

For a routine due several times a day, each dose not yet done is reminded across the waking hours the
person sets, and the prompt says which dose it is ("2 of 3 today").

Qt timers run on the monotonic clock, which stands still while the laptop sleeps, so the timer never
waits more than a minute: after a wake the core looks again, at the wall clock, within that minute.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject, Qt, QTime, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from coach.core.history.reminders import (
    SNOOZE_MINUTES,
    ReminderSchedule,
    ReminderState,
    dose_progress,
    next_check,
    reminder_due,
)
from coach.core.i18n import _
from coach.core.session.clock import Clock
from coach.core.settings import Settings

if TYPE_CHECKING:
    from coach.services.notify import Notifier  # its module loads D-Bus, at the first notification

MAX_WAIT_MS = 60_000


class ReminderScheduler(QObject):
    """Shows a reminder (notification and prompt) when the core says one is due; no timer when none set."""

    start_requested = Signal()

    def __init__(
        self,
        clock: Clock,
        notifier: Notifier,
        settings: Callable[[], Settings],
        save: Callable[[Settings], None],
        done_days: Callable[[], Collection[date]],
        parent: QObject | None = None,
        *,
        times_per_day: Callable[[], int] = lambda: 1,
        doses: Callable[[], Mapping[date, int]] | None = None,
        paused: Callable[[], str | None] = lambda: None,
    ) -> None:
        super().__init__(parent)
        self.clock = clock
        self.notifier = notifier
        self._settings = settings
        self._save = save
        self._done_days = done_days
        self._times_per_day = times_per_day  # of today's routine (format 2's times_per_day)
        self._doses = doses or (dict)
        self._paused = paused  # why exercise is paused (a warning sign waits for a clinician), or None
        self.prompt = ReminderPrompt()
        self.prompt.start_clicked.connect(self._on_start)
        self.prompt.snooze_clicked.connect(self.snooze)
        self.prompt.dismiss_clicked.connect(self.dismiss)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.CoarseTimer)
        self.timer.timeout.connect(self.check)
        self._stopped = False

    def stop(self) -> None:
        """Stop for good: no timer, no prompt, and none of the callbacks given is called again.

        The app calls this when it closes: its callbacks read windows that are about to be deleted, and a
        timer left running would call them after that. Calling it again does nothing.
        """
        if self._stopped:
            return
        self._stopped = True
        self.timer.stop()
        self.timer.timeout.disconnect(self.check)
        if isValid(self.prompt):  # the app may have deleted the parentless prompt already
            self.prompt.start_clicked.disconnect(self._on_start)
            self.prompt.snooze_clicked.disconnect(self.snooze)
            self.prompt.dismiss_clicked.disconnect(self.dismiss)
            self.prompt.close()
            self.prompt.deleteLater()

    @property
    def schedule(self) -> ReminderSchedule:
        settings = self._settings()
        return ReminderSchedule(
            settings.reminder_days,
            settings.reminder_time,
            self._times_per_day(),
            settings.waking_from,
            settings.waking_until,
        )

    @property
    def state(self) -> ReminderState:
        settings = self._settings()
        return ReminderState(settings.reminder_handled_at, settings.reminder_snoozed_until)

    def set_schedule(
        self, days: tuple[int, ...], at: time | None, waking: tuple[time, time] | None = None
    ) -> None:
        """Save new days, time and waking hours; reminding starts from now (nothing earlier is missed)."""
        if self._stopped:
            return
        now = self.clock.wall()
        settings = self._settings().replace(
            reminder_days=days, reminder_time=at, reminder_handled_at=now, reminder_snoozed_until=None
        )
        if waking is not None:
            settings = settings.replace(waking_from=waking[0], waking_until=waking[1])
        self._save(settings)
        self.check()

    def check(self) -> None:
        """Remind if due, then sleep until the next time one could be due (a minute at most)."""
        if self._stopped:
            return
        now = self.clock.wall()
        schedule, state = self.schedule, self.state
        # The store is read only when a reminder would be due if no dose had been done.
        if reminder_due(schedule, state, now, ()) and self._still_due(schedule, state, now):
            self._remember(self.state.handled(now))
            why = self._paused()
            if why is not None:  # the reminder pauses too, and says why (the core's sentence)
                self.notifier.notify(_("Your routine is paused"), why)
                self.prompt.show_paused(why)
            else:
                dose = self.dose_text(now)
                title = (
                    _("Time for your routine ({dose})").format(dose=dose)
                    if dose
                    else _("Time for your routine")
                )
                self.notifier.notify(title, _("Start it now, or snooze it."))
                self.prompt.show_for(now, dose)
        self._reschedule(now)

    def _still_due(self, schedule: ReminderSchedule, state: ReminderState, now: datetime) -> bool:
        if schedule.times_per_day <= 1:
            return reminder_due(schedule, state, now, self._done_days())
        return reminder_due(schedule, state, now, (), doses=self._doses())

    def dose_text(self, now: datetime) -> str:
        """'2 of 3 today' for a routine due several times a day; '' for once a day."""
        if self._stopped:
            return ""
        times = self._times_per_day()
        if times <= 1:
            return ""
        return dose_progress(self._doses().get(now.astimezone().date(), 0), times)

    def snooze(self, minutes: int) -> None:
        if self._stopped:
            return
        now = self.clock.wall()
        self._remember(self.state.snoozed(now, minutes))
        self.prompt.hide()
        self._reschedule(now)

    def dismiss(self) -> None:
        if self._stopped:
            return
        self._remember(self.state.handled(self.clock.wall()))
        self.prompt.hide()

    def _on_start(self) -> None:
        self.dismiss()
        self.start_requested.emit()

    def _remember(self, state: ReminderState) -> None:
        self._save(
            self._settings().replace(
                reminder_handled_at=state.handled_at, reminder_snoozed_until=state.snoozed_until
            )
        )

    def _reschedule(self, now: datetime) -> None:
        upcoming = next_check(self.schedule, self.state, now)
        if upcoming is None:
            self.timer.stop()
            return
        wait_ms = int((upcoming - now).total_seconds() * 1000)
        self.timer.start(max(0, min(MAX_WAIT_MS, wait_ms)))


class ReminderPrompt(QWidget):
    """A small window: start today's routine, snooze it, or dismiss."""

    start_clicked = Signal()
    snooze_clicked = Signal(int)
    dismiss_clicked = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle(_("Reminder — Rehab Coach"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(_("Reminder"))
        self.start_button = QPushButton(_("&Start today's routine"))
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start_clicked)
        self.snooze_buttons: dict[int, QPushButton] = {}
        snoozes = QHBoxLayout()
        snoozes.addWidget(QLabel(_("Snooze:")))
        for minutes in SNOOZE_MINUTES:
            button = QPushButton(_("{minutes} min").format(minutes=minutes))
            button.setAccessibleName(_("Snooze {minutes} minutes").format(minutes=minutes))
            button.setProperty("snooze_minutes", minutes)
            button.clicked.connect(self._on_snooze)
            snoozes.addWidget(button)
            self.snooze_buttons[minutes] = button
        self.dismiss_button = QPushButton(_("&Dismiss"))
        self.dismiss_button.clicked.connect(self.dismiss_clicked)
        snoozes.addStretch(1)
        snoozes.addWidget(self.dismiss_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.start_button)
        layout.addLayout(snoozes)

    def _on_snooze(self) -> None:
        button = self.sender()
        if isinstance(button, QPushButton):
            self.snooze_clicked.emit(int(button.property("snooze_minutes")))

    def show_paused(self, why: str) -> None:
        """Say that the reminder is paused and why; nothing to start."""
        self.message.setText(why)
        self.start_button.hide()
        self.show()
        self.raise_()

    def show_for(self, now: datetime, dose: str = "") -> None:
        """Show the prompt for the reminder at `now`; `dose` says which dose of the day ('2 of 3 today')."""
        when = now.astimezone().strftime("%H:%M")
        self.start_button.show()
        if dose:
            self.message.setText(
                _("It is {time}: time for your routine, {dose}.").format(time=when, dose=dose)
            )
            self.start_button.setText(_("&Start it now ({dose})").format(dose=dose))
        else:
            self.message.setText(_("It is {time}: time for today's routine.").format(time=when))
            self.start_button.setText(_("&Start today's routine"))
        self.show()
        self.raise_()
        self.activateWindow()


class ReminderDialog(QDialog):
    """Pick the days and the time of the daily reminder."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Reminders"))
        intro = QLabel(_("Remind me to do my routine on these days, at this time:"))
        intro.setWordWrap(True)
        locale = QLocale()
        self.day_boxes: dict[int, QCheckBox] = {}
        days = QGridLayout()
        for iso_day in range(1, 8):
            box = QCheckBox(locale.dayName(iso_day, QLocale.FormatType.LongFormat))
            box.setChecked(iso_day in settings.reminder_days)
            days.addWidget(box, (iso_day - 1) // 4, (iso_day - 1) % 4)
            self.day_boxes[iso_day] = box
        self.time_edit = QTimeEdit()
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setAccessibleName(_("Reminder time"))
        when = settings.reminder_time or time(18, 0)
        self.time_edit.setTime(QTime(when.hour, when.minute))
        self.waking_from = QTimeEdit(QTime(settings.waking_from.hour, settings.waking_from.minute))
        self.waking_until = QTimeEdit(QTime(settings.waking_until.hour, settings.waking_until.minute))
        waking = QHBoxLayout()
        waking.addWidget(QLabel(_("Awake from")))
        for edit, name in (
            (self.waking_from, _("Awake from")),
            (self.waking_until, _("Awake until")),
        ):
            edit.setDisplayFormat("HH:mm")
            edit.setAccessibleName(name)
        waking.addWidget(self.waking_from)
        waking.addWidget(QLabel(_("until")))
        waking.addWidget(self.waking_until)
        waking.addStretch(1)
        waking_note = QLabel(
            _(
                "A routine to do several times a day is reminded at each dose not yet done, spread across "
                "these hours; the time above is for routines done once a day."
            )
        )
        waking_note.setWordWrap(True)
        note = QLabel(_("Reminders come while Rehab Coach or its tray icon runs. No days: no reminders."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(days)
        layout.addWidget(self.time_edit)
        layout.addLayout(waking)
        layout.addWidget(waking_note)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def chosen(self) -> tuple[tuple[int, ...], time, tuple[time, time]]:
        """The days ticked, the time, and the waking hours."""
        days = tuple(day for day, box in self.day_boxes.items() if box.isChecked())
        picked = self.time_edit.time()
        start, end = self.waking_from.time(), self.waking_until.time()
        waking = (time(start.hour(), start.minute()), time(end.hour(), end.minute()))
        return days, time(picked.hour(), picked.minute()), waking
