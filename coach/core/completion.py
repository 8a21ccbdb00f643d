"""Per-exercise completion: work steps done against planned, per exercise and per side, over sessions.

The plan comes from what each session stored when it began (m004). Sessions recorded before that have no
stored plan; for them the steps they reached (done or skipped) stand in for the plan, so a session that was
stopped early looks complete for its exercises: the best history can say (ours).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coach.core.records import PlannedWork, StepResult

WORK_KINDS = frozenset({"rep", "hold", "timer"})


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
    planned: Sequence[PlannedWork], results: Sequence[StepResult]
) -> list[ExerciseCompletion]:
    """Done against planned work steps per exercise and side, in the order exercises first appear."""
    key_type = tuple[str, str | None]
    names: dict[key_type, str] = {}
    plan: dict[key_type, int] = {}
    done: dict[key_type, int] = {}
    with_plan = {p.session_id for p in planned}
    for p in planned:
        key = (p.exercise_id, p.side)
        names.setdefault(key, p.exercise_name)
        plan[key] = plan.get(key, 0) + p.steps
    for r in results:
        if r.kind not in WORK_KINDS:
            continue
        key = (r.exercise_id, r.side)
        names.setdefault(key, r.exercise_id)
        if r.session_id not in with_plan:
            plan[key] = plan.get(key, 0) + 1
        done[key] = done.get(key, 0) + (0 if r.skipped else 1)
    return [
        ExerciseCompletion(
            exercise_id, name, side, done.get((exercise_id, side), 0), plan.get((exercise_id, side), 0)
        )
        for (exercise_id, side), name in names.items()
    ]
