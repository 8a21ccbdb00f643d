"""Marked days, the morning check-in, settings: stored as asked, impossible answers refused."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from coach.core.clinical.pain_rule import Progression, ProgressionAdvice
from coach.core.history.dose_changes import RecordedDoseChange
from coach.core.history.progression import propose
from coach.core.history.records import DayMarkKind
from coach.core.operations import (
    Changes,
    Refused,
    accept_progression,
    answer_morning_check_in,
    change_settings,
    mark_days,
    run_instant_session,
    unmark_days,
)
from coach.core.operations.context import Coach
from coach.core.paths import Places, shipped
from coach.core.routines.model import ProgressionKind
from coach.core.session.clock import FakeClock
from coach.core.settings import Settings, load_settings
from coach.core.store.adherence import AdherenceStore
from tests.helpers import hold, over, reps, routine


def test_marking_days_stores_them_at_the_clocks_time(store: AdherenceStore, fake_clock: FakeClock) -> None:
    result = mark_days(
        over(store, fake_clock), DayMarkKind.REST, date(2026, 3, 9), date(2026, 3, 15), " holiday "
    )

    assert result.changes == Changes(day_marks=True)
    assert result.value.reason == "holiday"
    assert store.day_marks() == [result.value]
    created = store._db.execute("SELECT created_at FROM day_marks").fetchone()[0]
    assert created == "2026-03-02T08:00:00.000+00:00"

    unmark_days(over(store), result.value.id)
    assert store.day_marks() == []


def test_a_span_that_ends_before_it_starts_is_refused(store: AdherenceStore, fake_clock: FakeClock) -> None:
    with pytest.raises(Refused, match="before it starts"):
        mark_days(over(store, fake_clock), DayMarkKind.FLARE_UP, date(2026, 3, 9), date(2026, 3, 1))

    assert store.day_marks() == []


def test_the_morning_answer_is_stored_once(store: AdherenceStore, fake_clock: FakeClock) -> None:
    record = run_instant_session(over(store), routine(hold(sets=1, seconds=10)), now=fake_clock.wall()).value

    answered = answer_morning_check_in(over(store, fake_clock), record.id, 2)

    assert answered.value.morning_pain == 2
    assert answered.value.morning_asked
    assert answered.changes.check_in
    with pytest.raises(Refused):
        answer_morning_check_in(over(store, fake_clock), record.id, 12)


def test_settings_are_saved_at_once(tmp_path: Path) -> None:
    chosen = Settings().replace(beeps=False)

    places = Places(tmp_path, shipped("routines"), shipped("assets"))
    result = change_settings(Coach(places, FakeClock()), chosen)

    assert result.changes.settings
    assert load_settings(tmp_path) == chosen


def test_an_accepted_change_is_recorded_before_and_after_with_its_reason(
    store: AdherenceStore, tmp_path: Path
) -> None:
    plan = routine(  # ranges from the sheet: a single number is a fixed dose, never raised
        dataclasses.replace(reps(sets=3, reps=10), reps_range=(10, 15)),
        dataclasses.replace(
            hold(sets=2, seconds=30), hold_range=(30.0, 45.0), progression=ProgressionKind.HOLD
        ),
    )
    sheet = tmp_path / "test-routine.toml"  # every routine comes from a file; the change is written into it
    sheet.write_text(
        'format = 2\nid = "test-routine"\ntitle = "Test routine"\nsessions_per_week = 3\n\n'
        '[[exercises]]\nid = "clamshell"\nname = "Clamshell"\nsets = 3\nreps = [10, 15]\n\n'
        '[[exercises]]\nid = "calf-stretch"\nname = "Calf Stretch"\nsets = 2\n'
        'hold_seconds = [30, 45]\nprogression = "hold"\n',  # a routine the loader reads: so is its copy
        encoding="utf-8",
    )
    plan = dataclasses.replace(plan, path=sheet)
    advice = ProgressionAdvice(Progression.PROGRESS, "Pain settled after your last two sessions.")
    proposal = propose(plan, advice)
    assert proposal is not None

    coach = over(store, now=datetime(2026, 3, 10, 12, tzinfo=UTC))
    coach.places = dataclasses.replace(coach.places, data_dir=tmp_path)
    accept_progression(coach, proposal)

    changes = store.dose_changes()
    assert [c.exercise_id for c in changes] == ["clamshell", "calf-stretch"]
    assert changes[0] == RecordedDoseChange(
        date(2026, 3, 10),
        plan.id,
        plan.title,
        "clamshell",
        "Clamshell",
        "3 × 10",
        "3 × 12",
        "progress",
        "Pain settled after your last two sessions.",
    )


def test_a_change_the_loader_would_refuse_is_not_written_nor_recorded(
    store: AdherenceStore, tmp_path: Path
) -> None:
    plan = routine(dataclasses.replace(reps(sets=20, reps=48, sides=("left", "right")), reps_range=(40, 50)))
    advice = ProgressionAdvice(Progression.PROGRESS, "Pain settled after your last two sessions.")
    # A proposal made by hand, past the planned-steps bound (20 × 2 × 130 = 5,200 steps).
    too_big = dataclasses.replace(
        plan, exercises=(dataclasses.replace(plan.exercises[0], reps=130, reps_range=None),)
    )
    sheet = tmp_path / "test-routine.toml"
    sheet.write_text(
        'format = 2\nid = "test-routine"\ntitle = "Test routine"\nsessions_per_week = 3\n\n'
        '[[exercises]]\nid = "clamshell"\nname = "Clamshell"\nsets = 20\nsides = ["left", "right"]\n'
        "reps = [40, 50]\n",
        encoding="utf-8",
    )
    plan = dataclasses.replace(plan, path=sheet)
    too_big = dataclasses.replace(too_big, path=sheet)
    proposal = propose(plan, advice)
    assert proposal is not None
    proposal = dataclasses.replace(proposal, routine=too_big)
    coach = over(store, now=datetime(2026, 3, 10, 12, tzinfo=UTC))
    coach.places = dataclasses.replace(coach.places, data_dir=tmp_path)

    with pytest.raises(Refused, match=r"the changed routine would not load \(.*\); nothing was changed"):
        accept_progression(coach, proposal)

    assert "reps = [40, 50]" in sheet.read_text(encoding="utf-8")
    assert not list(coach.places.user_routines.glob("*.toml"))
    assert store.dose_changes() == []


def test_a_progressed_copy_of_a_bundled_routine_keeps_its_translations(
    store: AdherenceStore, tmp_path: Path
) -> None:
    from coach.core.i18n import use_language
    from coach.core.paths import catalogues
    from coach.core.routines.translations import translation_path

    coach = over(store, now=datetime(2026, 3, 10, 12, tzinfo=UTC))
    coach.places = dataclasses.replace(coach.places, data_dir=tmp_path)
    bundled = coach.library.find("hip-strength")
    assert bundled is not None
    proposal = propose(bundled.routine, ProgressionAdvice(Progression.PROGRESS, "Pain settled."))
    assert proposal is not None

    copy = accept_progression(coach, proposal).value

    assert translation_path(copy, "de").read_bytes() == translation_path(bundled.path, "de").read_bytes()
    assert translation_path(copy, "es").is_file()
    use_language("de", catalogues())
    coach.reload_library()
    own = coach.library.find("hip-strength")
    assert own is not None
    assert own.path == copy
    assert own.routine.title.startswith("Hüft")  # the German title, as before the change
