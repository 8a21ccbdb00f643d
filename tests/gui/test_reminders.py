from __future__ import annotations

import shutil
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from coach.core.operations import Changes, start_session
from coach.core.operations.context import Coach
from coach.core.paths import Places
from coach.core.session.clock import FakeClock
from coach.core.settings import Settings, load_settings, save_settings
from coach.core.store.adherence import AdherenceStore
from coach.gui.app import CoachApp, Services
from coach.gui.reminders import ReminderScheduler
from tests.conftest import REPO
from tests.gui.conftest import close
from tests.helpers import over, reps, routine


class RecordingNotifier:
    def __init__(self) -> None:
        self.shown: list[tuple[str, str]] = []

    def notify(self, title: str, body: str) -> None:
        self.shown.append((title, body))


@pytest.fixture
def notifier() -> RecordingNotifier:
    return RecordingNotifier()


@pytest.fixture
def services(notifier: RecordingNotifier) -> Services:
    return Services(notifier=notifier)


def local_time(moment: datetime) -> time:
    local = moment.astimezone()
    return time(local.hour, local.minute)


def every_day_in(coach_app: CoachApp, fake_clock: FakeClock, minutes: int) -> None:
    """Set a daily reminder `minutes` from now (local time), as the settings dialog would."""
    coach_app.ice.reminders.set_schedule(
        (1, 2, 3, 4, 5, 6, 7), local_time(fake_clock.wall() + timedelta(minutes=minutes))
    )


def test_no_reminder_set_means_no_timer(coach_app: CoachApp) -> None:
    assert not coach_app.ice.reminders.timer.isActive()


def test_a_reminder_notifies_and_prompts_at_its_time(
    coach_app: CoachApp, fake_clock: FakeClock, notifier: RecordingNotifier
) -> None:
    every_day_in(coach_app, fake_clock, 30)
    assert coach_app.ice.reminders.timer.interval() <= 60_000, (
        "it looks at the wall clock at least once a minute"
    )

    fake_clock.advance(29 * 60)
    coach_app.ice.reminders.check()
    assert notifier.shown == []

    fake_clock.advance(60)
    coach_app.ice.reminders.check()

    assert notifier.shown == [("Time for your routine", "Start it now, or snooze it.")]
    assert coach_app.ice.reminders.prompt.isVisible()
    coach_app.ice.reminders.check()
    assert len(notifier.shown) == 1, "shown once"


def test_snooze_brings_it_back_after_the_chosen_minutes(
    coach_app: CoachApp, fake_clock: FakeClock, notifier: RecordingNotifier
) -> None:
    every_day_in(coach_app, fake_clock, 1)
    fake_clock.advance(60)
    coach_app.ice.reminders.check()

    coach_app.ice.reminders.prompt.snooze_buttons[10].click()
    assert not coach_app.ice.reminders.prompt.isVisible()
    fake_clock.advance(9 * 60)
    coach_app.ice.reminders.check()
    assert len(notifier.shown) == 1

    fake_clock.advance(60)
    coach_app.ice.reminders.check()
    assert len(notifier.shown) == 2
    assert coach_app.ice.reminders.prompt.isVisible()


def test_start_in_the_prompt_starts_todays_routine(
    qtbot: QtBot, coach_app: CoachApp, fake_clock: FakeClock
) -> None:
    every_day_in(coach_app, fake_clock, 1)
    fake_clock.advance(60)
    coach_app.ice.reminders.check()

    with qtbot.waitSignal(coach_app.window.start_requested):
        coach_app.ice.reminders.prompt.start_button.click()

    assert not coach_app.ice.reminders.prompt.isVisible()


def test_reminders_missed_over_days_of_sleep_show_once(
    coach_app: CoachApp, fake_clock: FakeClock, notifier: RecordingNotifier
) -> None:
    every_day_in(coach_app, fake_clock, 30)

    fake_clock.suspend(3 * 24 * 3600 + 3600)
    coach_app.ice.reminders.check()
    coach_app.ice.reminders.prompt.dismiss_button.click()
    fake_clock.advance(60)
    coach_app.ice.reminders.check()

    assert len(notifier.shown) == 1


def test_the_dialog_saves_days_and_time(coach_app: CoachApp, data_dir: Path) -> None:
    coach_app.ice.reminders_action.trigger()
    dialog = coach_app.ice.reminder_dialog
    assert dialog is not None
    assert dialog.isVisible()
    dialog.day_boxes[1].setChecked(True)
    dialog.day_boxes[4].setChecked(True)
    dialog.time_edit.setTime(dialog.time_edit.time().fromString("07:45", "HH:mm"))

    dialog.accept()

    saved = load_settings(data_dir)
    assert saved.reminder_days == (1, 4)
    assert saved.reminder_time == time(7, 45)
    assert coach_app.coach.settings == saved
    assert coach_app.ice.reminders.timer.isActive()


def test_the_reminders_item_is_in_the_session_menu(coach_app: CoachApp) -> None:
    assert coach_app.ice.reminders_action in coach_app.window.session_menu.actions()


def test_a_reminder_missed_while_the_app_was_closed_shows_when_it_starts(
    qtbot: QtBot, places: Places, fake_clock: FakeClock, notifier: RecordingNotifier
) -> None:
    yesterday = fake_clock.wall() - timedelta(days=1)
    save_settings(
        places.data_dir,
        Settings(
            reminder_days=(1, 2, 3, 4, 5, 6, 7),
            reminder_time=local_time(fake_clock.wall() - timedelta(hours=1)),
            reminder_handled_at=yesterday,
        ),
    )

    app = CoachApp(
        Coach(places, fake_clock, store=AdherenceStore.open(places.database)),
        services=Services(notifier=notifier),
    )
    qtbot.addWidget(app.window)
    try:
        assert len(notifier.shown) == 1
        assert app.ice.reminders.prompt.isVisible()
    finally:
        close(app)


def test_no_reminder_once_todays_dose_is_done(
    coach_app: CoachApp, fake_clock: FakeClock, notifier: RecordingNotifier
) -> None:
    every_day_in(coach_app, fake_clock, 30)
    done = routine(reps(sets=1, reps=2))
    engine = start_session(over(coach_app.coach.store, fake_clock), done).value.engine
    engine.start()
    fake_clock.advance(engine.seconds_total)
    engine.tick()

    fake_clock.advance(30 * 60 - engine.seconds_total)
    coach_app.ice.reminders.check()

    assert notifier.shown == []


def do_a_dose(coach_app: CoachApp, fake_clock: FakeClock) -> None:
    entry = coach_app.window.selected_routine()
    assert entry is not None
    live = start_session(over(coach_app.coach.store, fake_clock), entry.routine).value
    live.engine.start()
    fake_clock.advance(live.engine.seconds_total)
    live.engine.tick()
    coach_app.runner.announce(Changes(sessions=True))


def three_times_a_day(coach_app: CoachApp, places: Places, fake_clock: FakeClock) -> None:
    """The trial sheet (3 times a day) chosen, waking hours from an hour ago: doses at -1 h, +2 h, +5 h."""
    places.user_routines.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "tests" / "data" / "sheets" / "trial-home-programme.toml", places.user_routines)
    coach_app.runner.announce(Changes(routines=True))
    coach_app.window.select_routine("trial-home-programme")
    now = fake_clock.wall()
    coach_app.ice.reminders.set_schedule(
        (1, 2, 3, 4, 5, 6, 7),
        time(18, 0),
        (local_time(now - timedelta(hours=1)), local_time(now + timedelta(hours=5))),
    )


def test_a_routine_three_times_a_day_reminds_each_dose_not_yet_done(
    qtbot: QtBot, coach_app: CoachApp, places: Places, fake_clock: FakeClock, notifier: RecordingNotifier
) -> None:
    three_times_a_day(coach_app, places, fake_clock)
    do_a_dose(coach_app, fake_clock)
    assert coach_app.ice.tray.routine_action.text() == "Start today's &routine (2 of 3 today)"

    fake_clock.advance(2 * 3600)
    coach_app.ice.reminders.check()

    assert coach_app.ice.reminders.prompt.isVisible()
    assert "time for your routine, 2 of 3 today" in coach_app.ice.reminders.prompt.message.text()
    assert coach_app.ice.reminders.prompt.start_button.text() == "&Start it now (2 of 3 today)"
    assert notifier.shown[-1][0] == "Time for your routine (2 of 3 today)"
    with qtbot.waitSignal(coach_app.window.start_requested):
        coach_app.ice.reminders.prompt.start_button.click()


def test_a_dose_done_early_is_not_reminded(
    coach_app: CoachApp, places: Places, fake_clock: FakeClock, notifier: RecordingNotifier
) -> None:
    three_times_a_day(coach_app, places, fake_clock)
    do_a_dose(coach_app, fake_clock)
    do_a_dose(coach_app, fake_clock)  # the second, before its time

    fake_clock.advance(2 * 3600)
    coach_app.ice.reminders.check()

    assert not coach_app.ice.reminders.prompt.isVisible()
    assert notifier.shown == []
    assert coach_app.ice.tray.routine_action.text() == "Start today's &routine (3 of 3 today)"


class RecordingCallbacks:
    """What a scheduler is given to read and save settings, done days and doses; each call is noted."""

    def __init__(self) -> None:
        self.settings = Settings()
        self.calls: list[str] = []

    def current(self) -> Settings:
        self.calls.append("settings")
        return self.settings

    def save(self, settings: Settings) -> None:
        self.calls.append("save")
        self.settings = settings

    def done_days(self) -> list[date]:
        self.calls.append("done_days")
        return []

    def times_per_day(self) -> int:
        self.calls.append("times_per_day")
        return 3

    def doses(self) -> dict[date, int]:
        self.calls.append("doses")
        return {}


def test_a_stopped_scheduler_never_calls_its_callbacks_again(
    qtbot: QtBot, fake_clock: FakeClock, notifier: RecordingNotifier
) -> None:
    given = RecordingCallbacks()
    scheduler = ReminderScheduler(
        fake_clock,
        notifier,
        given.current,
        given.save,
        given.done_days,
        times_per_day=given.times_per_day,
        doses=given.doses,
    )
    every_day = (1, 2, 3, 4, 5, 6, 7)
    scheduler.set_schedule(every_day, local_time(fake_clock.wall() + timedelta(minutes=1)))
    assert scheduler.timer.isActive()
    prompt = scheduler.prompt

    scheduler.stop()
    scheduler.stop()  # closing twice is harmless
    given.calls.clear()
    fake_clock.advance(3600)  # the reminder is due now
    with qtbot.assertNotEmitted(scheduler.start_requested):
        scheduler.timer.timeout.emit()  # a tick already on its way
        scheduler.check()
        scheduler.snooze(10)
        scheduler.dismiss()
        scheduler.set_schedule(every_day, local_time(fake_clock.wall()))
        prompt.start_button.click()
        prompt.snooze_buttons[10].click()
        prompt.dismiss_button.click()

    assert scheduler.dose_text(fake_clock.wall()) == ""
    assert given.calls == []
    assert notifier.shown == []
    assert not scheduler.timer.isActive()


def test_a_reminder_while_a_warning_sign_waits_is_paused_and_says_why(
    coach_app: CoachApp, fake_clock: FakeClock, notifier: RecordingNotifier
) -> None:
    from coach.core.operations import run_instant_session

    entry = coach_app.coach.library.find("hip-strength")
    assert entry is not None
    run_instant_session(coach_app.coach, entry.routine, warning_signs=["swelling"])
    every_day_in(coach_app, fake_clock, 30)

    fake_clock.advance(30 * 60)
    coach_app.ice.reminders.check()

    ((title, body),) = notifier.shown
    assert title == "Your routine is paused"
    assert body.startswith("Exercise is paused")
    prompt = coach_app.ice.reminders.prompt
    assert prompt.isVisible()
    assert prompt.message.text() == body
    assert not prompt.start_button.isVisible()
