"""How a session went, in one vocabulary every face uses: done, partly done, mostly skipped, stopped early.

The app's end page, History's table, `coach history`, the CSV files and the PDF report all say the same
word for the same session, because they all ask `session_outcome`.
"""

from __future__ import annotations

import enum

from coach.core.history.records import SessionRecord, SessionStatus
from coach.core.i18n import pgettext

# A session counts towards the weekly dose when at least half of its work was done (ours): skipping a set
# still leaves a real dose, pressing "next" through a whole routine does not.
DOSE_MIN_SHARE = 0.5


class SessionOutcome(enum.Enum):
    """How a session ended; the value is the word shown and exported."""

    DONE = "done"  # reached the end with every rep, hold and timer done
    PARTLY_DONE = "partly done"  # reached the end with at least half of the work done
    MOSTLY_SKIPPED = "mostly skipped"  # reached the end, but less than half of the work was done
    STOPPED_EARLY = "stopped early"  # stopped before the end (or closed after a crash)
    OPEN = "in progress"  # not finished: running now, or the app died and it is not yet closed

    @property
    def label(self) -> str:
        """The word shown to a person, in the chosen language (the value stays English: CSV and JSON)."""
        return _labels()[self]

    @property
    def heading(self) -> str:
        """The word as a table's column heading: 'Partly done'."""
        return _headings()[self]


def _labels() -> dict[SessionOutcome, str]:
    return {
        SessionOutcome.DONE: pgettext("session outcome", "done"),
        SessionOutcome.PARTLY_DONE: pgettext("session outcome", "partly done"),
        SessionOutcome.MOSTLY_SKIPPED: pgettext("session outcome", "mostly skipped"),
        SessionOutcome.STOPPED_EARLY: pgettext("session outcome", "stopped early"),
        SessionOutcome.OPEN: pgettext("session outcome", "in progress"),
    }


def _headings() -> dict[SessionOutcome, str]:
    return {
        SessionOutcome.DONE: pgettext("session outcome", "Done"),
        SessionOutcome.PARTLY_DONE: pgettext("session outcome", "Partly done"),
        SessionOutcome.MOSTLY_SKIPPED: pgettext("session outcome", "Mostly skipped"),
        SessionOutcome.STOPPED_EARLY: pgettext("session outcome", "Stopped early"),
        SessionOutcome.OPEN: pgettext("session outcome", "In progress"),
    }


def most_work_done(session: SessionRecord) -> bool:
    """Whether at least half of the session's planned work was done."""
    return session.steps_total > 0 and session.steps_completed >= DOSE_MIN_SHARE * session.steps_total


def session_outcome(session: SessionRecord) -> SessionOutcome:
    """The one word for how `session` went."""
    if session.status is SessionStatus.OPEN:
        return SessionOutcome.OPEN
    if session.status is SessionStatus.STOPPED:
        return SessionOutcome.STOPPED_EARLY
    if session.fully_done:
        return SessionOutcome.DONE
    return SessionOutcome.PARTLY_DONE if most_work_done(session) else SessionOutcome.MOSTLY_SKIPPED
