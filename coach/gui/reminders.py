"""Daily reminders in the app: a timer that asks the core when to look next, the prompt, the settings dialog.

Qt timers run on the monotonic clock, which stands still while the laptop sleeps, so the timer never
waits more than a minute: after a wake the core looks again, at the wall clock, within that minute.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date, datetime, time

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

from coach.core.history.reminders import (
    SNOOZE_MINUTES,
    ReminderSchedule,
    ReminderState,
    next_check,
    reminder_due,
)
from coach.core.session.clock import Clock
from coach.core.settings import Settings
from coach.services.notify import Notifier

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
    ) -> None:
        super().__init__(parent)
        self.clock = clock
        self.notifier = notifier
        self._settings = settings
        self._save = save
        self._done_days = done_days
        self.prompt = ReminderPrompt()
        self.prompt.start_clicked.connect(self._on_start)
        self.prompt.snooze_clicked.connect(self.snooze)
        self.prompt.dismiss_clicked.connect(self.dismiss)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.CoarseTimer)
        self.timer.timeout.connect(self.check)

    @property
    def schedule(self) -> ReminderSchedule:
        settings = self._settings()
        return ReminderSchedule(settings.reminder_days, settings.reminder_time)

    @property
    def state(self) -> ReminderState:
        settings = self._settings()
        return ReminderState(settings.reminder_handled_at, settings.reminder_snoozed_until)

    def set_schedule(self, days: tuple[int, ...], at: time | None) -> None:
        """Save new days and time; reminding starts from now (nothing earlier counts as missed)."""
        now = self.clock.wall()
        self._save(
            self._settings().replace(
                reminder_days=days, reminder_time=at, reminder_handled_at=now, reminder_snoozed_until=None
            )
        )
        self.check()

    def check(self) -> None:
        """Remind if due, then sleep until the next time one could be due (a minute at most)."""
        now = self.clock.wall()
        schedule, state = self.schedule, self.state
        # The store is read only when a reminder would be due if no dose had been done.
        if reminder_due(schedule, state, now, ()) and reminder_due(schedule, state, now, self._done_days()):
            self._remember(self.state.handled(now))
            self.notifier.notify(self.tr("Time for your routine"), self.tr("Start it now, or snooze it."))
            self.prompt.show_for(now)
        self._reschedule(now)

    def snooze(self, minutes: int) -> None:
        now = self.clock.wall()
        self._remember(self.state.snoozed(now, minutes))
        self.prompt.hide()
        self._reschedule(now)

    def dismiss(self) -> None:
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
        self.setWindowTitle(self.tr("Reminder — Rehab Coach"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Reminder"))
        self.start_button = QPushButton(self.tr("&Start today's routine"))
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start_clicked)
        self.snooze_buttons: dict[int, QPushButton] = {}
        snoozes = QHBoxLayout()
        snoozes.addWidget(QLabel(self.tr("Snooze:")))
        for minutes in SNOOZE_MINUTES:
            button = QPushButton(self.tr("{0} min").format(minutes))
            button.setAccessibleName(self.tr("Snooze {0} minutes").format(minutes))
            button.setProperty("snooze_minutes", minutes)
            button.clicked.connect(self._on_snooze)
            snoozes.addWidget(button)
            self.snooze_buttons[minutes] = button
        self.dismiss_button = QPushButton(self.tr("&Dismiss"))
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

    def show_for(self, now: datetime) -> None:
        self.message.setText(
            self.tr("It is {0}: time for today's routine.").format(now.astimezone().strftime("%H:%M"))
        )
        self.show()
        self.raise_()
        self.activateWindow()


class ReminderDialog(QDialog):
    """Pick the days and the time of the daily reminder."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reminders"))
        intro = QLabel(self.tr("Remind me to do my routine on these days, at this time:"))
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
        self.time_edit.setAccessibleName(self.tr("Reminder time"))
        when = settings.reminder_time or time(18, 0)
        self.time_edit.setTime(QTime(when.hour, when.minute))
        note = QLabel(
            self.tr("Reminders come while Rehab Coach or its tray icon runs. No days: no reminders.")
        )
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
        layout.addWidget(note)
        layout.addWidget(buttons)

    def chosen(self) -> tuple[tuple[int, ...], time]:
        """The days ticked and the time."""
        days = tuple(day for day, box in self.day_boxes.items() if box.isChecked())
        picked = self.time_edit.time()
        return days, time(picked.hour(), picked.minute())
