"""The workflows both faces call, in the spirit of Anki's operations.

Each operation is a plain function over the store (and a clock, a data folder) that does one thing a person
asked for, and returns an `OpResult`: what it produced and the `Changes` it made, so that the GUI can tell
every open window at once and the CLI can print. An operation that may not be carried out raises `Refused`
with the sentence saying why; a store that fails raises `StoreError`. Nothing outside the core writes to the
store: the GUI and the CLI call these.
"""

from coach.core.operations.changes import Changes, OpResult, Refused
from coach.core.operations.days import (
    accept_progression,
    answer_morning_check_in,
    change_settings,
    confirm_clinician_seen,
    mark_days,
    morning_check_in_questions,
    unmark_days,
)
from coach.core.operations.exports import export_csv_files, export_report
from coach.core.operations.icing import (
    IcingNow,
    IcingStarted,
    close_abandoned_icing,
    finish_icing,
    icing_now,
    live_icing_run,
    resume_icing,
    start_icing,
)
from coach.core.operations.sessions import (
    EndOfSession,
    LiveSession,
    RecoveryOffer,
    answer_pain_before,
    answer_session_end,
    close_abandoned_session,
    find_recovery,
    record_step,
    resume_session,
    run_instant_session,
    start_session,
)

__all__ = [
    "Changes",
    "EndOfSession",
    "IcingNow",
    "IcingStarted",
    "LiveSession",
    "OpResult",
    "RecoveryOffer",
    "Refused",
    "accept_progression",
    "answer_morning_check_in",
    "answer_pain_before",
    "answer_session_end",
    "change_settings",
    "close_abandoned_icing",
    "close_abandoned_session",
    "confirm_clinician_seen",
    "export_csv_files",
    "export_report",
    "find_recovery",
    "finish_icing",
    "icing_now",
    "live_icing_run",
    "mark_days",
    "morning_check_in_questions",
    "record_step",
    "resume_icing",
    "resume_session",
    "run_instant_session",
    "start_icing",
    "start_session",
    "unmark_days",
]
