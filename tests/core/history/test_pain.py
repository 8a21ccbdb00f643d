from __future__ import annotations

from datetime import date, timedelta

from coach.core.history.pain import pain_trend
from tests.core.history_builders import session_on

MONDAY = date(2026, 3, 2)


def test_the_morning_answer_belongs_to_the_morning_after_the_session() -> None:
    sessions = [session_on(MONDAY, pain=4, morning_pain=2)]

    monday, tuesday = pain_trend(sessions, MONDAY, MONDAY + timedelta(days=1))

    assert (monday.session_pain, monday.morning_pain) == (4, None)
    assert (tuesday.session_pain, tuesday.morning_pain) == (None, 2)


def test_two_sessions_on_a_day_show_the_higher_pain() -> None:
    sessions = [session_on(MONDAY, hour=8, pain=2), session_on(MONDAY, hour=19, pain=5)]

    (monday,) = pain_trend(sessions, MONDAY, MONDAY)

    assert monday.session_pain == 5


def test_the_rolling_mean_covers_the_seven_days_ending_on_each_day() -> None:
    pains = {0: 2, 3: 4, 6: 6, 7: 8}
    sessions = [session_on(MONDAY + timedelta(days=d), pain=p) for d, p in pains.items()]

    trend = pain_trend(sessions, MONDAY, MONDAY + timedelta(days=9))

    means = [day.session_mean for day in trend]
    assert means[0] == 2.0
    assert means[6] == 4.0  # 2, 4, 6
    assert means[7] == 6.0  # 4, 6, 8: day 0 left the window
    assert means[9] == 6.0
    assert trend[1].session_pain is None


def test_values_before_the_period_still_count_in_its_first_means() -> None:
    sessions = [session_on(MONDAY - timedelta(days=3), pain=6), session_on(MONDAY, pain=2)]

    (monday,) = pain_trend(sessions, MONDAY, MONDAY)

    assert monday.session_mean == 4.0


def test_the_baseline_before_a_session_is_drawn_on_its_day() -> None:
    sessions = [
        session_on(MONDAY, hour=8, pain_before=2, pain=3),
        session_on(MONDAY, hour=19, pain_before=4),
        session_on(MONDAY + timedelta(days=1), pain=1),
    ]

    monday, tuesday = pain_trend(sessions, MONDAY, MONDAY + timedelta(days=1))

    assert monday.before_pain == 4  # the day's highest, as for the other pains
    assert tuesday.before_pain is None  # skipped: no baseline drawn
