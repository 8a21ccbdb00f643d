"""The one door: the operations and queries both faces call, each with the `Coach` context first.

In the spirit of Anki's operations. A command (`start_session(coach, routine)`, `mark_days(coach, …)`) does
one thing a person asked for and returns an `OpResult`: what it produced and the `Changes` it made, so that
the GUI can tell every open window at once and the CLI can print. A query (`queries.summary(coach)`,
`queries.history_view(coach)` …) reads one figure by its one read path and changes nothing. An operation that
may not be carried out raises `Refused` with the sentence saying why; a store that fails raises
`StoreError`. Nothing outside the core writes to the store: the GUI and the CLI call these.

The names below load their modules on first use (PEP 562): `coach history` reads through the queries
without loading the session engine, the exports or the progression writer.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # `X as X`: re-exported for the type checker; at run time __getattr__ loads them
    from coach.core.operations.changes import Changes as Changes
    from coach.core.operations.changes import OpResult as OpResult
    from coach.core.operations.changes import Refused as Refused
    from coach.core.operations.context import Coach as Coach
    from coach.core.operations.days import accept_progression as accept_progression
    from coach.core.operations.days import answer_morning_check_in as answer_morning_check_in
    from coach.core.operations.days import change_settings as change_settings
    from coach.core.operations.days import confirm_clinician_seen as confirm_clinician_seen
    from coach.core.operations.days import mark_days as mark_days
    from coach.core.operations.days import morning_check_in_questions as morning_check_in_questions
    from coach.core.operations.days import unmark_days as unmark_days
    from coach.core.operations.exports import export_csv_files as export_csv_files
    from coach.core.operations.exports import export_report as export_report
    from coach.core.operations.icing import IcingNow as IcingNow
    from coach.core.operations.icing import IcingStarted as IcingStarted
    from coach.core.operations.icing import close_abandoned_icing as close_abandoned_icing
    from coach.core.operations.icing import finish_icing as finish_icing
    from coach.core.operations.icing import icing_now as icing_now
    from coach.core.operations.icing import live_icing_run as live_icing_run
    from coach.core.operations.icing import resume_icing as resume_icing
    from coach.core.operations.icing import start_icing as start_icing
    from coach.core.operations.icing import stop_icing as stop_icing
    from coach.core.operations.icing import take_up_icing as take_up_icing
    from coach.core.operations.runs import RunImport as RunImport
    from coach.core.operations.runs import answer_run_questions as answer_run_questions
    from coach.core.operations.runs import import_run_files as import_run_files
    from coach.core.operations.runs import log_run as log_run
    from coach.core.operations.runs import runs_waiting as runs_waiting
    from coach.core.operations.sessions import EndOfSession as EndOfSession
    from coach.core.operations.sessions import LiveSession as LiveSession
    from coach.core.operations.sessions import RecoveryOffer as RecoveryOffer
    from coach.core.operations.sessions import answer_pain_before as answer_pain_before
    from coach.core.operations.sessions import answer_session_end as answer_session_end
    from coach.core.operations.sessions import asks_pain_before as asks_pain_before
    from coach.core.operations.sessions import begin_session as begin_session
    from coach.core.operations.sessions import close_abandoned_session as close_abandoned_session
    from coach.core.operations.sessions import find_recovery as find_recovery
    from coach.core.operations.sessions import record_step as record_step
    from coach.core.operations.sessions import resume_session as resume_session
    from coach.core.operations.sessions import run_instant_session as run_instant_session
    from coach.core.operations.sessions import start_session as start_session

_HOMES = {
    "changes": ("Changes", "OpResult", "Refused"),
    "context": ("Coach",),
    "days": (
        "accept_progression",
        "answer_morning_check_in",
        "change_settings",
        "confirm_clinician_seen",
        "mark_days",
        "morning_check_in_questions",
        "unmark_days",
    ),
    "exports": ("export_csv_files", "export_report"),
    "icing": (
        "IcingNow",
        "IcingStarted",
        "close_abandoned_icing",
        "finish_icing",
        "icing_now",
        "live_icing_run",
        "resume_icing",
        "start_icing",
        "stop_icing",
        "take_up_icing",
    ),
    "runs": ("RunImport", "answer_run_questions", "import_run_files", "log_run", "runs_waiting"),
    "sessions": (
        "EndOfSession",
        "LiveSession",
        "RecoveryOffer",
        "answer_pain_before",
        "asks_pain_before",
        "begin_session",
        "answer_session_end",
        "close_abandoned_session",
        "find_recovery",
        "record_step",
        "resume_session",
        "run_instant_session",
        "start_session",
    ),
}
# Each home's full name written out: the architecture test reads every module the core loads by name.
_MODULES: dict[str, Callable[[], ModuleType]] = {
    "changes": lambda: importlib.import_module("coach.core.operations.changes"),
    "context": lambda: importlib.import_module("coach.core.operations.context"),
    "days": lambda: importlib.import_module("coach.core.operations.days"),
    "exports": lambda: importlib.import_module("coach.core.operations.exports"),
    "icing": lambda: importlib.import_module("coach.core.operations.icing"),
    "runs": lambda: importlib.import_module("coach.core.operations.runs"),
    "sessions": lambda: importlib.import_module("coach.core.operations.sessions"),
}
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}

__all__ = sorted(_HOME_OF)


if not TYPE_CHECKING:  # the type checker reads the imports above; a name missing there is its error

    def __getattr__(name: str) -> Any:
        module = _HOME_OF.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(_MODULES[module](), name)
        globals()[name] = value
        return value
