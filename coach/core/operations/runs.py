"""Runs done elsewhere: typed in, or imported from a watch's file; and the pain questions they ask later.

Both faces call these: `coach run-log` and the app's "Log a run" dialog, its dropped files and its check-in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from coach.core.clinical.safety import check_pain
from coach.core.i18n import _
from coach.core.operations.changes import Changes, OpResult, Refused
from coach.core.operations.context import Coach
from coach.core.running.imports import RunFileError, check_run_figures, read_run_file
from coach.core.running.questions import WaitingRun, not_yet, waiting
from coach.core.running.runs import NewRun, Run, RunPain, RunSource
from coach.core.running.wording import run_line

RUNS = Changes(runs=True)


@dataclass(frozen=True, slots=True)
class RunImport:
    """What became of one file: the run recorded, or already there, or why it gave none."""

    path: Path
    run: Run | None = None  # the run recorded from it (None: refused, or already imported)
    already_imported: bool = False
    problem: str = ""  # the sentence saying why the file gave no run

    def sentence(self) -> str:
        """What to tell the person about this file, in one line."""
        if self.run is not None:
            return _("{file}: imported as run {id}, {run}").format(
                file=self.path.name, id=self.run.id, run=run_line(self.run)
            )
        if self.already_imported:
            return _("{file}: already imported; nothing changed").format(file=self.path.name)
        return self.problem


def _check_pain(pain: int | None) -> None:
    problem = None if pain is None else check_pain(pain)
    if problem:
        raise Refused(problem)


def log_run(
    coach: Coach,
    minutes: float,
    pain_during: int | None,
    *,
    distance_km: float | None = None,
    on: date | None = None,
) -> OpResult[Run]:
    """Record a run done elsewhere, typed in: it ended now, or (`on` a past day) at noon that day, since the
    hour is not known."""
    problem = check_run_figures(minutes, distance_km)
    _check_pain(pain_during)
    now = coach.now()
    today, zone = coach.today()
    if on is not None and on > today:
        problem = problem or _("{day} is still to come; a run is logged once it is done").format(day=on)
    if problem:
        raise Refused(problem)
    if on is None or on == today:
        started = now - timedelta(minutes=minutes)
    else:
        started = datetime.combine(on, time(12), zone).astimezone(zone)
    run = NewRun(
        started_at=started,
        minutes=minutes,
        source=RunSource.LOGGED,
        distance_km=distance_km,
        pain=RunPain(during=pain_during),
    )
    run_id = coach.store.record_run(run)
    assert run_id is not None  # a typed run has no fingerprint: never a duplicate
    return OpResult(coach.store.run(run_id), RUNS)


def import_run_files(
    coach: Coach, paths: Iterable[Path], pain_during: int | None = None
) -> OpResult[tuple[RunImport, ...]]:
    """Read each file and record the run it holds, with the pain given for during it. A bad file is said
    in one sentence and changes nothing; a file imported before is one run (said "already imported")."""
    _check_pain(pain_during)
    outcomes = []
    for path in paths:
        try:
            imported = read_run_file(path)
        except RunFileError as error:
            outcomes.append(RunImport(path, problem=str(error)))
            continue
        run_id = coach.store.record_run(imported.as_new_run(pain_during))
        if run_id is None:
            outcomes.append(RunImport(path, already_imported=True))
        else:
            outcomes.append(RunImport(path, coach.store.run(run_id)))
    recorded = any(outcome.run is not None for outcome in outcomes)
    return OpResult(tuple(outcomes), RUNS if recorded else Changes())


def answer_run_questions(
    coach: Coach,
    run_id: int,
    *,
    during: int | None = None,
    after_hour: int | None = None,
    next_morning: int | None = None,
) -> OpResult[Run]:
    """Store a run's pain answers (0–10) once each question's time has come; those not given stay."""
    for pain in (during, after_hour, next_morning):
        _check_pain(pain)
    run = coach.store.run(run_id)
    zone = coach.today()[1]
    early = not_yet(
        run, coach.now(), zone, after_hour=after_hour is not None, next_morning=next_morning is not None
    )
    if early:
        raise Refused(early)
    coach.store.answer_run_pain(run_id, during=during, after_hour=after_hour, next_morning=next_morning)
    return OpResult(coach.store.run(run_id), RUNS)


def runs_waiting(coach: Coach) -> list[WaitingRun]:
    """The runs of the last days with a later pain question due and unanswered, oldest first."""
    if not coach.has_history:
        return []
    now = coach.now()
    zone = coach.today()[1]
    since = now - timedelta(days=9)
    found = (waiting(run, now, zone) for run in coach.store.runs(since=since))
    return [w for w in found if w is not None]
