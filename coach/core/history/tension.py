"""Time under tension, done against prescribed ("dose done", issue 21): per step as it is recorded, and per
exercise over a period for History and the physiotherapist's report.

What counts is the sheet's own time: a rep with a tempo is its up, hold and down, a hold its seconds, a set
until tired with a tempo the reps done at that tempo (`Step.tension_seconds` gives what is prescribed). A rep
without a tempo has none: its pace is the app's, so nothing is invented. Sessions recorded before m013 have
none stored: their exercises read "not recorded".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from coach.core.history.work import PlannedWork, WorkCount
from coach.core.i18n import N_, _
from coach.core.words import minutes_and_seconds

if TYPE_CHECKING:
    from coach.core.routines.model import Step


def tension_done(
    step: Step, *, skipped: bool, active_seconds: float | None, reps_done: int | None = None
) -> float | None:
    """The seconds under tension a finished, skipped or stopped step did (None: the step has none).

    A step done in full did its prescribed time; one skipped or stopped part way the seconds it ran (pauses
    not counted: the engine's clock), never more than prescribed; a set until tired its reps at the tempo.
    """
    prescribed = step.tension_seconds
    if prescribed is None:
        return None
    if step.open_ended and step.tempo is not None:
        return round(max(0, reps_done or 0) * sum(step.tempo), 1)
    if active_seconds is None:
        return 0.0 if skipped else prescribed
    return round(min(prescribed, max(0.0, active_seconds)), 1)


@dataclass(frozen=True, slots=True)
class TensionDose:
    """One exercise's time under tension over a period: done, and prescribed by the sessions' plans (None:
    recorded before this was kept, so not known)."""

    exercise_id: str
    exercise_name: str
    done: float
    prescribed: float | None

    @property
    def percent(self) -> float | None:
        """Done over prescribed, in percent (above 100 once sets until tired pass their range's bottom)."""
        if not self.prescribed:
            return None
        return 100 * self.done / self.prescribed

    def sentence(self) -> str:
        """'Wall squat: 6 min 20 s of 8 min under tension (79 %)', the words every face shows."""
        if self.prescribed is None or self.percent is None:
            return _("{name}: time under tension not recorded").format(name=self.exercise_name)
        return _("{name}: {done} of {prescribed} under tension ({percent} %)").format(
            name=self.exercise_name,
            done=minutes_and_seconds(self.done),
            prescribed=minutes_and_seconds(self.prescribed),
            percent=f"{self.percent:.0f}",
        )


# The heading the report and History give the lines, and what they say when there are none (translated
# where shown).
TENSION_HEADING = N_("Dose done: time under tension against prescribed")
NO_TENSION = N_("None to count: no exercise done in this period has a hold or a tempo.")


def tension_doses(planned: Sequence[PlannedWork], work: Sequence[WorkCount]) -> list[TensionDose]:
    """Time under tension done against prescribed per exercise (sides together), in the order exercises
    first appear: those whose plan prescribes some, and those of sessions that kept none (not recorded).
    An exercise with nothing under tension (reps without a tempo, a timer) is left out."""
    names: dict[str, str] = {}
    prescribed: dict[str, float] = {}
    unknown: set[str] = set()
    recorded: set[tuple[int, str]] = set()
    for p in planned:
        names.setdefault(p.exercise_id, p.exercise_name)
        if p.tension_seconds is None:
            unknown.add(p.exercise_id)
            continue
        recorded.add((p.session_id, p.exercise_id))
        prescribed[p.exercise_id] = prescribed.get(p.exercise_id, 0.0) + p.tension_seconds
    done: dict[str, float] = {}
    for w in work:
        if (w.session_id, w.exercise_id) in recorded and w.tension_done is not None:
            done[w.exercise_id] = done.get(w.exercise_id, 0.0) + w.tension_done
    doses = []
    for exercise_id, name in names.items():
        if prescribed.get(exercise_id):
            doses.append(TensionDose(exercise_id, name, done.get(exercise_id, 0.0), prescribed[exercise_id]))
        elif exercise_id in unknown and exercise_id not in prescribed:
            doses.append(TensionDose(exercise_id, name, 0.0, None))
    return doses
