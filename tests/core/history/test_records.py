"""Plain records: marked days counted once each, whatever the marks overlap."""

from __future__ import annotations

from datetime import date

from coach.core.history.records import DayMark, DayMarkKind, MarkedDayCount, count_marked_days


def test_overlapping_marks_count_each_day_once_and_a_flare_up_wins() -> None:
    marks = [
        DayMark(1, DayMarkKind.REST, date(2026, 3, 9), date(2026, 3, 15)),
        DayMark(2, DayMarkKind.REST, date(2026, 3, 12), date(2026, 3, 13)),
        DayMark(3, DayMarkKind.FLARE_UP, date(2026, 3, 14), date(2026, 3, 20)),
    ]

    assert count_marked_days(marks, date(2026, 3, 1), date(2026, 3, 16)) == MarkedDayCount(5, 3)
    assert count_marked_days(marks, date(2026, 3, 17), date(2026, 3, 31)) == MarkedDayCount(0, 4)
