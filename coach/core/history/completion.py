"""Per-exercise completion: work steps done against planned, per exercise and per side, over sessions.

The plan comes from what each session stored when it began (m004). Sessions recorded before that have no
stored plan; for them the steps they reached (done or skipped) stand in for the plan, so a session that was
stopped early looks complete for its exercises: the best history can say (ours).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coach.core.history.work import PlannedWork, WorkCount


@dataclass(frozen=True, slots=True)
class ExerciseCompletion:
    """Work steps done and planned for one exercise on one side (None: an exercise without sides)."""

    exercise_id: str
    exercise_name: str
    side: str | None
    done: int
    planned: int

    @property
    def share(self) -> float:
        """Done over planned, 0..1 (1 when nothing was planned)."""
        return min(1.0, self.done / self.planned) if self.planned else 1.0


def exercise_completion(
    planned: Sequence[PlannedWork], work: Sequence[WorkCount]
) -> list[ExerciseCompletion]:
    """Done against planned work steps per exercise and side, in the order exercises first appear."""
    names: dict[tuple[str, str | None], str] = {}
    plan: dict[tuple[str, str | None], int] = {}
    done: dict[tuple[str, str | None], int] = {}
    with_plan = {p.session_id for p in planned}
    for p in planned:
        key = (p.exercise_id, p.side)
        names.setdefault(key, p.exercise_name)
        plan[key] = plan.get(key, 0) + p.steps
    for w in work:
        key = (w.exercise_id, w.side)
        names.setdefault(key, w.exercise_id)
        if w.session_id not in with_plan:
            plan[key] = plan.get(key, 0) + w.reached
        done[key] = done.get(key, 0) + w.done
    return [
        ExerciseCompletion(
            exercise_id, name, side, done.get((exercise_id, side), 0), plan.get((exercise_id, side), 0)
        )
        for (exercise_id, side), name in names.items()
    ]
