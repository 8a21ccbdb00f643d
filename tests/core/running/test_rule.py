"""The runners' pain rule: up a stage after two good runs, back a stage above the limit or not settled, the
stage derived from the runs, the next run in one sentence."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from coach.core.routines.library import discover_routines
from coach.core.routines.model import RunWalk
from coach.core.running.rule import RunPlan, StageMove, at_stage, runner_advice
from coach.core.running.runs import Run, RunPain, RunSource
from tests.conftest import REPO

STAGES = (RunWalk(60, 60, 10), RunWalk(120, 60, 8), RunWalk(180, 60, 6))
PLAN = RunPlan("back-to-running", STAGES, start=0, pain_limit=3)
START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def a_run(
    number: int,
    during: int | None = 2,
    after_hour: int | None = 1,
    next_morning: int | None = 1,
    *,
    minutes: float = 20.0,
    source: RunSource = RunSource.LOGGED,
    routine_id: str | None = None,
) -> Run:
    return Run(
        id=number,
        started_at=START + timedelta(days=2 * number),
        minutes=minutes,
        source=source,
        distance_km=None,
        moving_minutes=None,
        cadence_spm=None,
        pain=RunPain(during, after_hour, next_morning),
        stage=None,
        routine_id=routine_id,
        session_id=None,
        simulated=False,
    )


def test_without_runs_the_plan_starts_at_its_first_stage() -> None:
    advice = runner_advice(PLAN, [])

    assert (advice.stage, advice.move) == (0, StageMove.HOLD)
    assert advice.sentence().endswith("Next run: 1 min run, 1 min walk, 10 times.")


def test_two_good_runs_move_up_a_stage() -> None:
    one = runner_advice(PLAN, [a_run(1)])
    two = runner_advice(PLAN, [a_run(1), a_run(2)])

    assert (one.stage, one.move) == (0, StageMove.HOLD)
    assert "One more run like the last" in one.reason
    assert (two.stage, two.move) == (1, StageMove.UP)
    assert two.sentence() == (
        "Two runs in a row with pain within 3 during, settled within an hour and by the next morning. "
        "Next run: 2 min run, 1 min walk, 8 times."
    )


def test_pain_above_the_limit_during_a_run_goes_back_a_stage() -> None:
    runs = [a_run(1), a_run(2), a_run(3, during=4)]

    advice = runner_advice(PLAN, runs)

    assert (advice.stage, advice.move) == (0, StageMove.BACK)
    assert advice.next_run == STAGES[0]


def test_pain_at_the_limit_is_within_it() -> None:
    assert runner_advice(PLAN, [a_run(1, during=3), a_run(2, during=3)]).stage == 1


def test_not_settled_by_the_next_morning_goes_back_a_stage_and_never_below_the_first() -> None:
    up = [a_run(1), a_run(2)]

    assert runner_advice(PLAN, [*up, a_run(3, next_morning=5)]).stage == 0
    assert runner_advice(PLAN, [*up, a_run(3, after_hour=4)]).move is StageMove.BACK
    assert runner_advice(PLAN, [a_run(1, next_morning=6)]).stage == 0


def test_a_run_not_settled_breaks_the_count_of_good_runs() -> None:
    runs = [a_run(1), a_run(2), a_run(3), a_run(4, next_morning=4), a_run(5)]

    assert runner_advice(PLAN, runs).stage == 0  # up to 1, back to 0, then only one good run


def test_a_run_whose_morning_answer_is_not_in_yet_holds_and_says_so() -> None:
    advice = runner_advice(PLAN, [a_run(1), a_run(2, next_morning=None)])

    assert (advice.stage, advice.move) == (0, StageMove.HOLD)
    assert "Answer the pain questions of your last run" in advice.reason


def test_a_guided_run_stopped_halfway_repeats_the_stage() -> None:
    guided = {"source": RunSource.GUIDED, "routine_id": "back-to-running"}
    runs = [a_run(1, **guided), a_run(2, minutes=5, **guided)]  # type: ignore[arg-type]

    advice = runner_advice(PLAN, runs)

    assert advice.stage == 0
    assert "not done in full" in advice.reason


def test_runs_of_another_plan_do_not_count() -> None:
    runs = [a_run(1, routine_id="another-plan"), a_run(2, routine_id="another-plan")]

    assert runner_advice(PLAN, runs).stage == 0


def test_the_last_stage_is_kept_and_the_physiotherapist_asked() -> None:
    runs = [a_run(n) for n in range(1, 8)]

    advice = runner_advice(PLAN, runs)

    assert advice.stage == 2
    assert "last stage" in advice.reason


def test_the_bundled_plan_goes_to_30_minutes_of_continuous_running_on_alternate_days() -> None:
    library = discover_routines(REPO / "routines", REPO / "no-user-routines", REPO / "assets")
    entry = library.find("back-to-running")
    assert entry is not None
    routine = entry.routine

    plan = RunPlan.of(routine)

    assert plan is not None
    assert plan.stages[-1] == RunWalk(1800, 0, 1)
    assert plan.pain_limit == 3
    assert routine.days_per_week == 3
    assert routine.requires is not None
    assert routine.requires.routine == "hip-strength"
    assert library.find("hip-strength") is not None
    assert at_stage(routine, 2).exercises[0].run_walk == plan.stages[2]


def test_the_reason_and_the_next_run_are_said_in_the_language_chosen() -> None:
    from coach.core.i18n import ENGLISH, use_language
    from coach.core.paths import catalogues

    use_language("de", catalogues())
    try:
        two = runner_advice(PLAN, [a_run(1), a_run(2)])
        said = two.sentence()
    finally:
        use_language(ENGLISH, None)

    assert two.reason == (
        "Zwei Läufe hintereinander mit Schmerz von höchstens 3 währenddessen, "
        "beruhigt innerhalb einer Stunde und bis zum nächsten Morgen."
    )
    assert "Nächster Lauf: " in said
