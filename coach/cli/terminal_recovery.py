"""Before a terminal session: offer to carry on a session the app or the terminal died in, or close it.

The same offer the app makes at start (`coach.gui.recovery`), asked a line at a time; when nobody can
answer (stdin is not a terminal), it is left as it is (nothing waits, and nothing is closed without asking:
the app or an interactive terminal asks later).
"""

from __future__ import annotations

from typing import IO

from coach.cli.questions import Questions
from coach.core.i18n import N_, _, format_moment, pgettext
from coach.core.operations import (
    Coach,
    LiveSession,
    RecoveryOffer,
    Refused,
    close_abandoned_session,
    find_recovery,
    resume_session,
)

# Translators: r and c are the keys given for "the key that resumes" and "the key that closes".
ASK = N_("r resumes it where it stopped, c closes it as stopped early:")
# Translators: r and c as in "r resumes it where it stopped, …".
AGAIN = N_("Please type r to resume it or c to close it.")


def _choices() -> dict[str, bool]:
    """The keys that answer: English r and c, and the language's own."""
    resume, close = (
        pgettext("the key that resumes", "r").lower(),
        pgettext("the key that closes", "c").lower(),
    )
    return {"r": True, "c": False, resume: True, close: False}


def offer_recovery(coach: Coach, questions: Questions, out: IO[str]) -> LiveSession | None:
    """The session to carry on, if there is one and the person chose to; any other is closed as stopped."""
    offer = find_recovery(coach).value
    if offer is None:
        return None
    out.write(f"{describe_offer(offer)}\n")
    session_id = offer.record.id
    if not questions.interactive:
        out.write(_("It is left as it is; Rehab Coach asks about it when it can.") + "\n")
        return None
    if offer.why_not is None and questions.choose(_(ASK), _choices(), _(AGAIN), enter_skips=False):
        try:
            return resume_session(coach, session_id).value
        except Refused as refused:
            out.write(f"{refused}\n")
    close_abandoned_session(coach, session_id)
    out.write(_("It is closed as stopped early.") + "\n")
    return None


def describe_offer(offer: RecoveryOffer) -> str:
    """What the session was, when, how much of it is saved, and why it cannot be carried on (if so)."""
    record = offer.record
    when = format_moment(record.started_at.astimezone(), "%A %d %B, %H:%M", "MMMMEEEEd")
    # The app's own sentences (coach.gui.recovery), so that both faces say it alike.
    text = " ".join(
        (
            _("Your {0} session from {1} did not finish: Rehab Coach closed while it ran.").format(
                record.routine_title, when
            ),
            _("The {0} of {1} reps and holds you did are saved.").format(
                offer.steps_done, record.steps_total
            ),
        )
    )
    if offer.why_not is None:
        return text
    return text + " " + _("It cannot be resumed: {0}.").format(offer.why_not)
