"""The keys routine format 2 adds, read and checked apart from format 1's loader so that each stays small.

Format 2 says what real physiotherapy sheets say: "daily, 3 times a day", "10–15 reps", "hold 5–10 s",
"stop if pain goes above 3/10", "red band", "for 8 weeks", "rest 1 minute between exercises", and which
stage comes next. A file opts in with `format = 2`; a format 1 file using one of these keys is told so.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from coach.core.clinical.safety import (
    ICING_LIMIT_REASON,
    ICING_MAX_MINUTES,
    PAIN_ACCEPTABLE_MAX,
    PAIN_LIMIT_REASON,
)
from coach.core.i18n import N_
from coach.core.routines.model import ExerciseKind, ProgressionKind, Target
from coach.core.routines.values import MAX_TEXT_CHARACTERS, Sentence, ValueReader, show

ROUTINE_KEYS_2 = ("days_per_week", "times_per_day", "weeks", "pain_limit", "next", "education")
EXERCISE_KEYS_2 = (
    "load",
    "progression",
    "rest_after_seconds",
    "start_reps",
    "start_hold_seconds",
    "targets",
    "prescribed_reps",
    "prescribed_hold_seconds",
    "prescribed_sets",
)

# Limits: days and weeks from the calendar; 6 doses a day and 52 weeks are far beyond any sheet we have seen
# (ours), and catch typos such as `times_per_day = 30`.
_LIMITS: dict[str, tuple[float, float]] = {
    "days_per_week": (1, 7),
    "times_per_day": (1, 6),
    "weeks": (1, 52),
    "rest_after_seconds": (0, 600),
    "reps": (1, 100),
    "hold_seconds": (1, 600),
    "prescribed_reps": (1, 100),
    "prescribed_hold_seconds": (1, 600),
    "prescribed_sets": (1, 20),
}
MAX_LOAD_CHARACTERS = 60
MAX_EDUCATION_PARAGRAPHS = 12
_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
# A plain timer that looks like cold treatment without `icing = true` would escape the 20-minute cap
# (CLINICAL.md "Icing"): over the cap it is refused, within it a warning asks for `icing = true`. Whole words,
# any case, in the languages the app ships (English, German, Spanish); "cryo" starts a word (cryotherapy).
_LOOKS_LIKE_ICING = re.compile(
    r"\b(?:ice|iced|icing|cold|cool|cooling|packs?|wraps?|cryo\w*|frozen"
    r"|eis|kälte|kalt\w*|kühl|kühlpack\w*|kühlung"
    r"|hielo|frío|frio|fría|fria|compresa fría)\b",
    re.IGNORECASE,
)

Line = Callable[[str], int]


@dataclass(frozen=True, slots=True)
class RoutinePlan:
    """How often and how long a routine is done, its pain limit and what follows it."""

    sessions_per_week: int = 0
    days_per_week: int = 0
    times_per_day: int = 1
    weeks: int = 0
    pain_limit: int = PAIN_ACCEPTABLE_MAX
    pain_limit_given: bool = False  # the sheet says pain_limit; else the app's default applies
    next: str = ""
    education: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ExerciseExtras:
    """An exercise's format 2 values: ranges, load, how it progresses, the rest after it."""

    reps_range: tuple[int, int] | None = None
    hold_range: tuple[float, float] | None = None
    start_reps: int | None = None
    start_hold: float | None = None
    load: str = ""
    progression: ProgressionKind | None = None
    rest_after_seconds: float = 0.0
    targets: Target | None = None
    prescribed_reps: int | None = None
    prescribed_hold_seconds: float | None = None
    prescribed_sets: int | None = None


def refuse_format_2_keys(
    reader: ValueReader, table: dict[str, Any], keys: tuple[str, ...], line: Line
) -> None:
    """In a format 1 file, each format 2 key is an error that says how to opt in."""
    for key in keys:
        if key in table:
            said = N_("'{key}' needs format 2: write 'format = 2' at the top of the file")
            reader.error(line(key), Sentence(said, key=key))


def read_plan(
    reader: ValueReader, doc: dict[str, Any], line: Line, sessions_per_week: float | None
) -> RoutinePlan:
    """The routine's plan in format 2: days a week times doses a day, or sessions a week."""
    days = _number(reader, doc, "days_per_week", line)
    times = _number(reader, doc, "times_per_day", line, default=1)
    weeks = _number(reader, doc, "weeks", line, default=0)
    if days is not None and sessions_per_week is not None:
        reader.error(
            line("days_per_week"),
            Sentence(
                N_(
                    "give either days_per_week or sessions_per_week, not both "
                    "(days_per_week with times_per_day says 'daily, 3 times a day')"
                )
            ),
        )
    if "times_per_day" in doc and times not in (None, 1) and days is None:
        reader.error(
            line("times_per_day"),
            Sentence(N_("times_per_day goes with days_per_week: say on which days, too")),
        )
    per_day = int(times or 1)
    per_week = int(days) * per_day if days is not None else int(sessions_per_week or 0)
    return RoutinePlan(
        sessions_per_week=per_week,
        days_per_week=int(days or 0),
        times_per_day=per_day,
        weeks=int(weeks or 0),
        pain_limit=_pain_limit(reader, doc, line("pain_limit")),
        pain_limit_given="pain_limit" in doc,
        next=_next(reader, doc, line("next")),
        education=_education(reader, doc, line("education")),
    )


def _pain_limit(reader: ValueReader, doc: dict[str, Any], line: int) -> int:
    if "pain_limit" not in doc:
        return PAIN_ACCEPTABLE_MAX
    value = doc["pain_limit"]
    if isinstance(value, bool) or not isinstance(value, int):
        said = N_("pain_limit must be a whole number from 0 to {limit}, got {value}")
        reader.error(line, Sentence(said, limit=PAIN_ACCEPTABLE_MAX, value=show(value)))
    elif value < 0:
        reader.error(line, Sentence(N_("pain_limit must be at least 0, got {value}"), value=show(value)))
    elif value > PAIN_ACCEPTABLE_MAX:
        said = N_("pain_limit must be at most {limit}, got {value}: {reason}")
        reader.error(
            line, Sentence(said, limit=PAIN_ACCEPTABLE_MAX, value=show(value), reason=PAIN_LIMIT_REASON)
        )
    else:
        return value
    return PAIN_ACCEPTABLE_MAX


def _next(reader: ValueReader, doc: dict[str, Any], line: int) -> str:
    value = reader.text(doc, "next", line)
    if value is None:
        return ""
    if not _ID_PATTERN.match(value):
        reader.error(
            line,
            Sentence(
                N_("next must be a routine id (lowercase letters, digits, '-' and '_'), got {value}"),
                value=show(value),
            ),
        )
        return ""
    if value == doc.get("id"):
        reader.error(line, Sentence(N_("next names this routine itself; name the stage that follows it")))
        return ""
    return value


def _education(reader: ValueReader, doc: dict[str, Any], line: int) -> tuple[str, ...]:
    value = doc.get("education", [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
        said = N_("education must be a list of short paragraphs in quotes, got {value}")
        reader.error(line, Sentence(said, value=show(value)))
        return ()
    if len(value) > MAX_EDUCATION_PARAGRAPHS:
        said = N_("education may have at most {limit} paragraphs, got {count}")
        reader.error(line, Sentence(said, limit=MAX_EDUCATION_PARAGRAPHS, count=len(value)))
        return ()
    read = (reader.plain(p, "education", line, limit=MAX_TEXT_CHARACTERS) for p in value if p.strip())
    return tuple(" ".join(p.split()) for p in read if p)


def split_ranges(
    reader: ValueReader, table: dict[str, Any], line: Line
) -> tuple[dict[str, Any], tuple[int, int] | None, tuple[float, float] | None]:
    """`reps = [10, 15]` and `hold_seconds = [5, 10]`: the ranges, and the table with each range's start."""
    plain = dict(table)
    reps_range = _range(reader, table, "reps", line("reps"), integer=True)
    hold_range = _range(reader, table, "hold_seconds", line("hold_seconds"), integer=False)
    if reps_range is not None:
        plain["reps"] = int(reps_range[0])
    if hold_range is not None:
        plain["hold_seconds"] = hold_range[0]
    for key, found in (("reps", reps_range), ("hold_seconds", hold_range)):
        if isinstance(table.get(key), list) and found is None:
            # Already reported; a placeholder keeps the kind of exercise known for the other checks.
            plain[key] = int(_LIMITS[key][0])
    reps = (int(reps_range[0]), int(reps_range[1])) if reps_range else None
    return plain, reps, hold_range


def _range(
    reader: ValueReader, table: dict[str, Any], key: str, line: int, *, integer: bool
) -> tuple[float, float] | None:
    value = table.get(key)
    if not isinstance(value, list):
        return None
    low_limit, high_limit = _LIMITS[key]
    if len(value) != 2 or not all(_is_number(v, integer) for v in value):
        if integer:
            said = N_("a {key} range must be two whole numbers [low, high], got {value}")
        else:
            said = N_("a {key} range must be two numbers [low, high], got {value}")
        reader.error(line, Sentence(said, key=key, value=show(value)))
        return None
    low, high = value  # compared as written: a huge whole number has no float
    if low > high:
        said = N_("a {key} range must go from low to high, got {value}")
        reader.error(line, Sentence(said, key=key, value=show(value)))
    elif low < low_limit or high > high_limit:
        said = N_("a {key} range must stay within {low}–{high}, got {value}")
        reader.error(
            line, Sentence(said, key=key, low=f"{low_limit:g}", high=f"{high_limit:g}", value=show(value))
        )
    else:
        return float(low), float(high)
    return None


def _is_number(value: object, integer: bool) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) if integer else isinstance(value, int | float) and value == value


def read_extras(
    reader: ValueReader,
    table: dict[str, Any],
    line: Line,
    ranges: tuple[tuple[int, int] | None, tuple[float, float] | None],
) -> ExerciseExtras:
    """The format 2 exercise keys; `ranges` come from `split_ranges`."""
    reps_range, hold_range = ranges
    load = reader.text(table, "load", line("load")) or ""
    if len(load) > MAX_LOAD_CHARACTERS:
        said = N_("load may be at most {limit} characters, got {length}")
        reader.error(line("load"), Sentence(said, limit=MAX_LOAD_CHARACTERS, length=len(load)))
    rest_after = _number(reader, table, "rest_after_seconds", line, default=0)
    prescribed_reps = _number(reader, table, "prescribed_reps", line)
    prescribed_sets = _number(reader, table, "prescribed_sets", line)
    return ExerciseExtras(
        reps_range=reps_range,
        hold_range=hold_range,
        start_reps=_start(reader, table, "start_reps", line, reps_range, integer=True),
        start_hold=_start(reader, table, "start_hold_seconds", line, hold_range, integer=False),
        load=load,
        progression=_progression(reader, table, line("progression")),
        rest_after_seconds=float(rest_after or 0),
        targets=_targets(reader, table, line("targets")),
        prescribed_reps=None if prescribed_reps is None else int(prescribed_reps),
        prescribed_hold_seconds=_number(reader, table, "prescribed_hold_seconds", line),
        prescribed_sets=None if prescribed_sets is None else int(prescribed_sets),
    )


def _targets(reader: ValueReader, table: dict[str, Any], line: int) -> Target | None:
    value = reader.text(table, "targets", line)
    if value is None:
        return None
    try:
        return Target(value)
    except ValueError:
        known = ", ".join(f'"{t.value}"' for t in Target)
        reader.error(
            line, Sentence(N_("targets must be one of {known}, got {value}"), known=known, value=show(value))
        )
        return None


def _start(
    reader: ValueReader,
    table: dict[str, Any],
    key: str,
    line: Line,
    bounds: tuple[float, float] | None,
    *,
    integer: bool,
) -> Any:
    if key not in table:
        return None
    what = key.removeprefix("start_")
    if bounds is None:
        said = N_("{key} goes with a {what} range such as [10, 15]")
        reader.error(line(key), Sentence(said, key=key, what=what))
        return None
    value = reader.number(table, key, line(key), limits=bounds, integer=integer)
    return None if value is None else (int(value) if integer else value)


def _progression(reader: ValueReader, table: dict[str, Any], line: int) -> ProgressionKind | None:
    value = reader.text(table, "progression", line)
    if value is None:
        return None
    try:
        return ProgressionKind(value)
    except ValueError:
        known = ", ".join(f'"{k.value}"' for k in ProgressionKind)
        said = N_("progression must be one of {known}, got {value}")
        reader.error(line, Sentence(said, known=known, value=show(value)))
        return None


def check_progression(
    reader: ValueReader, chosen: ProgressionKind | None, kind: ExerciseKind, icing: bool, line: int
) -> None:
    """A progression the exercise cannot take (reps on a hold, anything on a timer) is an error."""
    if chosen is None or chosen is ProgressionKind.NONE:
        return
    if kind is ExerciseKind.TIMER or icing:
        reader.error(
            line, Sentence(N_('a timer (icing above all) is never progressed: progression must be "none"'))
        )
    elif chosen is ProgressionKind.REPS and kind is not ExerciseKind.REPS:
        reader.error(line, Sentence(N_('progression = "reps" needs an exercise done in reps')))


def check_prescribed(
    reader: ValueReader,
    extras: ExerciseExtras,
    dose: tuple[int | None, float | None, int],
    line: Line,
) -> None:
    """`prescribed_*` (the sheet's dose where Rehab Coach eased a single number) goes with a single number
    and is at least the dose now: easing only ever lowered it. `dose` is (reps, hold_seconds, sets)."""
    reps, hold, sets = dose
    checks = (
        ("prescribed_reps", extras.prescribed_reps, reps, extras.reps_range, "reps"),
        ("prescribed_hold_seconds", extras.prescribed_hold_seconds, hold, extras.hold_range, "hold_seconds"),
        ("prescribed_sets", extras.prescribed_sets, sets, None, "sets"),
    )
    for key, prescribed, now, sheet_range, what in checks:
        if prescribed is None:
            continue
        if not now or sheet_range is not None:
            said = N_("{key} goes with a single number of {what}, not a range or none")
            reader.error(line(key), Sentence(said, key=key, what=what))
        elif prescribed < now:
            reader.error(
                line(key),
                Sentence(
                    N_(
                        "{key} is the sheet's dose before it was eased, so at least {what} ({now}), "
                        "got {value}"
                    ),
                    key=key,
                    what=what,
                    now=f"{now:g}",
                    value=f"{prescribed:g}",
                ),
            )


def warn_hold_range_without_progression(
    reader: ValueReader, kind: ExerciseKind, extras: ExerciseExtras, name: str, line: int
) -> None:
    """A hold without reps never moves unless the sheet says so, even with a range: say how to let it."""
    if kind is ExerciseKind.HOLD and extras.hold_range is not None and extras.progression is None:
        reader.warn(
            line,
            Sentence(
                N_(
                    "'{name}' is a hold without reps, which the pain rule leaves as it is; write "
                    "'progression = \"hold\"' if the sheet means its range to be moved within"
                ),
                name=name,
            ),
        )


def check_icing_lookalike(
    reader: ValueReader, exercise: tuple[ExerciseKind, bool, str], text: str, minutes: float, line: int
) -> None:
    """A plain timer whose name or instructions look like cold treatment (`text`) is refused over the
    20-minute cap (`minutes`: sets and sides counted) and warned about within it: without `icing = true`
    neither the cap nor the skin advice would apply. `exercise` is (kind, icing, name)."""
    kind, icing, name = exercise
    found = _LOOKS_LIKE_ICING.search(text)
    if kind is not ExerciseKind.TIMER or icing or found is None:
        return
    if minutes > ICING_MAX_MINUTES:
        reader.error(
            line,
            Sentence(
                N_(
                    "'{name}' looks like cold treatment (\"{word}\") and runs {minutes} minutes: {reason}; "
                    "write 'icing = true' with at most {limit} minutes"
                ),
                name=name,
                word=found.group(0),
                minutes=f"{minutes:g}",
                reason=ICING_LIMIT_REASON,
                limit=ICING_MAX_MINUTES,
            ),
        )
        return
    reader.warn(
        line,
        Sentence(
            N_(
                "'{name}' looks like icing: add 'icing = true' so that the 20-minute cap and the skin advice "
                "apply"
            ),
            name=name,
        ),
    )


def _number(
    reader: ValueReader, table: dict[str, Any], key: str, line: Line, default: float | None = None
) -> float | None:
    return reader.number(
        table,
        key,
        line(key),
        limits=_LIMITS[key],
        integer=key not in ("rest_after_seconds", "prescribed_hold_seconds"),
        default=default,
    )
