"""Before a terminal session: offer to carry on a session the app or the terminal died in, or close it.

The same offer the app makes at start (`coach.gui.recovery`), asked a line at a time; when nobody can
answer (stdin is not a terminal), it is left as it is (nothing waits, and nothing is closed without asking:
the app or an interactive terminal asks later).
"""

from __future__ import annotations

from typing import IO

from coach.cli.questions import Questions
from coach.core.operations import (
    Coach,
    LiveSession,
    RecoveryOffer,
    Refused,
    close_abandoned_session,
    find_recovery,
    resume_session,
)

ASK = "r resumes it where it stopped, c closes it as stopped early:"
AGAIN = "Please type r to resume it or c to close it."


def offer_recovery(coach: Coach, questions: Questions, out: IO[str]) -> LiveSession | None:
    """The session to carry on, if there is one and the person chose to; any other is closed as stopped."""
    offer = find_recovery(coach).value
    if offer is None:
        return None
    out.write(f"{describe_offer(offer)}\n")
    session_id = offer.record.id
    if not questions.interactive:
        out.write("It is left as it is; Rehab Coach asks about it when it can.\n")
        return None
    if offer.why_not is None and questions.choose(ASK, {"r": True, "c": False}, AGAIN, enter_skips=False):
        try:
            return resume_session(coach, session_id).value
        except Refused as refused:
            out.write(f"{refused}\n")
    close_abandoned_session(coach, session_id)
    out.write("It is closed as stopped early.\n")
    return None


def describe_offer(offer: RecoveryOffer) -> str:
    """What the session was, when, how much of it is saved, and why it cannot be carried on (if so)."""
    record = offer.record
    when = record.started_at.astimezone().strftime("%A %d %B, %H:%M")
    text = (
        f"Your {record.routine_title} session from {when} did not finish: Rehab Coach closed while it ran. "
        f"The {offer.steps_done} of {record.steps_total} reps and holds you did are saved."
    )
    return text if offer.why_not is None else f"{text} It cannot be resumed: {offer.why_not}."
