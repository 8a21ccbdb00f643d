"""A routine's words in German and Spanish: the dose, the plan, a step and the pain limit as people read them,
counts by the language's plural rule; the English record of a dose (what a dose change stores) unchanged."""

from __future__ import annotations

import dataclasses

from coach.core.i18n import use_language
from coach.core.paths import catalogues as catalogue_folder
from coach.core.routines.model import RunWalk, plan_steps
from coach.core.routines.wording import exercise_line, how_often, pain_limit_text, stage_line
from tests.helpers import hold, reps, routine


def test_the_dose_and_the_plan_read_in_german() -> None:
    use_language("de", catalogue_folder())
    sides = reps(sets=3, reps=12, sides=("left", "right"))
    stretch = dataclasses.replace(hold(sets=3, seconds=20), name="Wandsitz", hold_range=(20.0, 40.0))

    assert sides.shown_prescription() == "3 × 12 je Seite"
    assert sides.prescription() == "3 × 12 each side"  # the record stays English
    assert exercise_line(stretch) == "Wandsitz — 3 × 20 s halten (Bereich laut Übungsblatt: 20–40 s halten)"
    weekly = dataclasses.replace(
        routine(sides), days_per_week=1, format=2, weeks=4, pain_limit=3, pain_limit_given=True
    )
    assert how_often(weekly) == "1 Tag pro Woche"
    assert (
        how_often(dataclasses.replace(weekly, days_per_week=3, times_per_day=2))
        == "3 Tage pro Woche, 2-mal am Tag"
    )
    assert stage_line(weekly) == "4 Wochen lang · aufhören, wenn der Schmerz über 3 von 10 liegt"
    assert pain_limit_text(5, from_sheet=False) == (
        "keine Schmerzgrenze auf dem Übungsblatt: es gilt die Standardgrenze von Rehab Coach, 5 von 10"
    )
    assert pain_limit_text(0) == "aufhören, sobald es überhaupt wehtut"


def test_a_step_and_a_run_walk_read_in_spanish_with_the_decimal_comma() -> None:
    use_language("es", catalogue_folder())
    steps = plan_steps(routine(reps(exercise_id="clamshell", sets=3, reps=12, sides=("left", "right"))))

    assert steps[1].describe() == "Clamshell, lado izquierdo, serie 1 de 3, repetición 1 de 12"
    assert steps[13].describe() == "Cambie al lado derecho"
    assert RunWalk(90, 60, 8).describe() == "1,5 min corriendo, 1 min caminando, 8 veces"
    assert RunWalk(1800, 0, 1).describe() == "30 min corriendo"
    assert how_often(routine(reps(), per_week=1)) == "1 sesión por semana"
