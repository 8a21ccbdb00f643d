"""`coach advice`: for each routine used, the pain rule's decision, the reason and the change it proposes."""

from __future__ import annotations

import argparse
import json
from typing import IO, Any

from coach.cli.history import in_english
from coach.cli.parser import EXIT_INVALID, EXIT_OK, UsageError
from coach.core.clinical.pain_rule import Progression
from coach.core.history.advice import RoutineAdvice
from coach.core.i18n import _, pgettext
from coach.core.operations import Coach, accept_progression, confirm_clinician_seen
from coach.core.operations.pause import open_sign
from coach.core.operations.queries import all_advice


def _advice_json(advice: RoutineAdvice, urgent: bool) -> dict[str, Any]:
    proposal = advice.proposal
    return {
        "routine_id": advice.routine.id,
        "routine_title": advice.routine.title,
        "decision": advice.decision.value,
        "reason": advice.reason,
        "change": None
        if proposal is None
        else [
            {
                "exercise_id": c.exercise_id,
                "exercise_name": c.exercise_name,
                "before": c.before,
                "after": c.after,
            }
            for c in proposal.changes
        ],
        "next": advice.routine.next or None,
        "urgent": urgent and advice.decision is Progression.SEE_CLINICIAN,
        # A return-to-running plan's next run (null otherwise, and while a warning sign pauses exercise).
        "next_run": None
        if advice.next_run is None
        else {
            "run_seconds": _whole(advice.next_run.run_seconds),
            "walk_seconds": _whole(advice.next_run.walk_seconds),
            "repeats": advice.next_run.repeats,
        },
    }


def _whole(seconds: float) -> float | int:
    """60.0 as 60: seconds are whole in every plan we have seen, and read so."""
    return int(seconds) if seconds.is_integer() else seconds


def _decision_word(advice: RoutineAdvice) -> str:
    """The decision in one word or two, as `coach advice` prints it ('progress'; the JSON keeps the value)."""
    return {
        Progression.PROGRESS: pgettext("advice decision", "progress"),
        Progression.HOLD: pgettext("advice decision", "hold"),
        Progression.EASE: pgettext("advice decision", "ease"),
        Progression.STOP_AND_REVIEW: pgettext("advice decision", "stop-and-review"),
        Progression.SEE_CLINICIAN: pgettext("advice decision", "see-clinician"),
    }[advice.decision]


def _write_text(advice: RoutineAdvice, out: IO[str]) -> None:
    out.write(f"{advice.routine.id}: {_decision_word(advice)}\n")
    out.write("  " + _("why: {reason}").format(reason=advice.reason) + "\n")
    if advice.proposal is not None:
        out.writelines(f"  {c.exercise_name}: {c.before} → {c.after}\n" for c in advice.proposal.changes)


def advice_command(args: argparse.Namespace, coach: Coach, out: IO[str]) -> int:
    advices: list[RoutineAdvice] = []
    if coach.has_history:  # reading advice never creates a database
        if args.seen_clinician:  # the older spelling of `coach review --cleared`
            confirm_clinician_seen(coach)
            out.write(_("Noted: a clinician has seen you. Dose advice starts again from here.") + "\n")
        else:
            coach.backups = False  # a question takes no backup
        if args.json and args.accept is None:
            with in_english():  # the JSON's "reason" is a public contract: English whatever the language
                advices = all_advice(coach, include_simulated=args.include_simulated)
        else:
            advices = all_advice(coach, include_simulated=args.include_simulated)
        if args.accept is not None:
            return _accept(args.accept, advices, coach, out)
    urgent = (paused := open_sign(coach)) is not None and paused.urgent
    if args.json:
        payload = {"routines": [_advice_json(a, urgent) for a in advices]}
        json.dump(payload, out, indent=2, ensure_ascii=False)
        out.write("\n")
        return EXIT_OK
    if not advices:
        out.write(_("No advice yet: do a routine and answer the pain questions.") + "\n")
    for advice in advices:
        _write_text(advice, out)
    return EXIT_OK


def _accept(routine_id: str, advices: list[RoutineAdvice], coach: Coach, out: IO[str]) -> int:
    """Write the proposed change for `routine_id` as the person's own copy (accept_progression)."""
    found = next((a for a in advices if a.routine.id == routine_id), None)
    if found is None:
        raise UsageError(
            _("no advice for '{routine}'; 'coach advice' lists the routines advised on").format(
                routine=routine_id
            )
        )
    if found.proposal is None:
        out.write(
            _("{routine}: {decision}, no change to take: {reason}").format(
                routine=routine_id, decision=_decision_word(found), reason=found.reason
            )
            + "\n"
        )
        return EXIT_INVALID
    path = accept_progression(coach, found.proposal).value
    out.writelines(f"  {c.exercise_name}: {c.before} → {c.after}\n" for c in found.proposal.changes)
    out.write(
        _("Saved your own copy as {path}. It is used from now on; delete it to go back.").format(path=path)
        + "\n"
    )
    return EXIT_OK


def review_command(args: argparse.Namespace, coach: Coach, out: IO[str]) -> int:
    """`coach review --cleared | --not-cleared | --unsure [--note TEXT]`: the core's sentence, as given."""
    from coach.core.operations.pause import record_review

    review = record_review(coach, args.answer, args.note).value
    out.write(f"{review.sentence}\n")
    return EXIT_OK
