"""Time under tension per exercise over a period: sides and sessions summed, old sessions "not recorded"."""

from __future__ import annotations

from coach.core.history.tension import TensionDose, tension_doses
from coach.core.history.work import PlannedWork, WorkCount
from coach.core.i18n import use_language
from coach.core.paths import catalogues as catalogue_folder


def test_the_sentence_says_done_of_prescribed_in_minutes_and_seconds() -> None:
    dose = TensionDose("wall-squat", "Wall squat", 380.0, 480.0)

    assert dose.sentence() == "Wall squat: 6 min 20 s of 8 min under tension (79 %)"


def test_sides_and_sessions_add_up_and_an_old_session_counts_neither_way() -> None:
    planned = [
        PlannedWork(1, "clamshell", "Clamshells", "left", 12, 72.0),
        PlannedWork(1, "clamshell", "Clamshells", "right", 12, 72.0),
        PlannedWork(1, "bridge", "Glute bridge", None, 12, 0.0),  # reps without a tempo: nothing to count
        PlannedWork(2, "clamshell", "Clamshells", "left", 12, 72.0),
        PlannedWork(3, "clamshell", "Clamshells", "left", 12, None),  # before m013
        PlannedWork(3, "side-plank", "Side plank", None, 3, None),  # before m013, never since
    ]
    work = [
        WorkCount(1, "clamshell", "left", 12, 12, 72.0),
        WorkCount(1, "clamshell", "right", 6, 12, 30.0),
        WorkCount(1, "bridge", None, 12, 12, None),
        WorkCount(2, "clamshell", "left", 0, 0, None),  # stopped before it
        WorkCount(3, "clamshell", "left", 12, 12, None),
        WorkCount(3, "side-plank", None, 3, 3, None),
    ]

    doses = tension_doses(planned, work)

    assert [(d.exercise_id, d.done, d.prescribed) for d in doses] == [
        ("clamshell", 102.0, 216.0),
        ("side-plank", 0.0, None),
    ]
    assert [d.sentence() for d in doses] == [
        "Clamshells: 1 min 42 s of 3 min 36 s under tension (47 %)",
        "Side plank: time under tension not recorded",
    ]


def test_the_sentence_is_in_the_language_in_use() -> None:
    use_language("de", catalogue_folder())

    dose = TensionDose("wall-squat", "Wandsitz", 380.0, 480.0)

    assert dose.sentence() == "Wandsitz: 6 min 20 s von 8 min unter Spannung (79 %)"
    assert TensionDose("x", "Wandsitz", 0.0, None).sentence() == "Wandsitz: Zeit unter Spannung nicht erfasst"
