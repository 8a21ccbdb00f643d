"""The keys routine format 3 adds, read and checked apart from the loader (as format2.py is).

Format 3 says what the sheets format 2 could not: "short-arc quad twice a day, the others once" (an
exercise's own `times_per_day`, `days_per_week`, `days`), "only if pain-free" (an exercise's `pain_limit`),
"up for 2, hold, down for 3" (`tempo`), "until you are tired, about 10–15" (`until = "tired"`), "3 × 10 on
the affected leg, 1 × 10 on the other" (`sides = ["affected", "unaffected"]` and a dose per side), "at 3 × 40
add a 1 lb ankle weight and start again at 3 × 20" (steps of `load`), "step-downs from 10 cm, then 20 cm
when you can do 5 pain-free" (`levels`), and "after two weeks" (`progress_after_weeks`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from coach.core.clinical.safety import PAIN_ACCEPTABLE_MAX, PAIN_LIMIT_REASON
from coach.core.i18n import N_, ngettext
from coach.core.routines.model import (
    AFFECTED,
    UNAFFECTED,
    WEEKDAYS,
    ExerciseKind,
    ProgressionKind,
    SideDose,
)
from coach.core.routines.values import Said, Sentence, ValueReader, show

ROUTINE_KEYS_3 = ("days", "progress_after_weeks")
EXERCISE_KEYS_3 = (
    "times_per_day",
    "days_per_week",
    "days",
    "pain_limit",
    "tempo",
    "until",
    "reps_after_load",
    "start_load",
    "levels",
    "start_level",
    "level_up_after_pain_free_reps",
    "progress_after_weeks",
)
# Keys that format 3 lets take a table by side (`sets = { affected = 3, unaffected = 1 }`).
BY_SIDE_KEYS = ("sets", "reps", "hold_seconds")
FORMAT_3_PROGRESSIONS = (ProgressionKind.REPS_THEN_LOAD, ProgressionKind.LEVEL)
MAX_STEPS = 10  # loads or levels on one exercise: more than any sheet we have seen (ours)
MAX_STEP_CHARACTERS = 60
# Limits (ours, as format 2's): the calendar's, and a tempo phase of at most a minute (a hold is longer:
# a hold_seconds of its own, not a tempo).
_LIMITS: dict[str, tuple[float, float]] = {
    "times_per_day": (1, 6),
    "days_per_week": (1, 7),
    "progress_after_weeks": (1, 52),
    "level_up_after_pain_free_reps": (1, 100),
    "sets": (1, 20),
    "reps": (1, 100),
    "hold_seconds": (1, 600),
}
TEMPO_LIMITS = (0.0, 60.0)

Line = Callable[[str], int]


@dataclass(frozen=True, slots=True)
class ExerciseExtras3:
    """An exercise's format 3 values."""

    times_per_day: int | None = None
    days_per_week: int | None = None
    days: tuple[str, ...] = ()
    pain_limit: int | None = None
    tempo: tuple[float, float, float] | None = None
    until_tired: bool = False
    side_doses: tuple[SideDose, ...] = ()
    loads: tuple[str, ...] = ()
    load_step: int = 0
    reps_after_load: int | None = None
    levels: tuple[str, ...] = ()
    level_step: int = 0
    level_up_after_pain_free_reps: int | None = None
    progress_after_weeks: int = 0


def refuse_format_3_values(
    reader: ValueReader, table: dict[str, Any], keys: tuple[str, ...], line: Line
) -> None:
    """In a format 1 or 2 file, each format 3 key, and each format 3 shape of an older key, is an error
    that says how to opt in."""
    for key in keys:
        if key in table:
            said = N_("'{key}' needs format 3: write 'format = 3' at the top of the file")
            reader.error(line(key), Sentence(said, key=key))
    for key in BY_SIDE_KEYS:
        if isinstance(table.get(key), dict):
            said = N_("{key} by side needs format 3: write 'format = 3' at the top of the file")
            reader.error(line(key), Sentence(said, key=key))
    if isinstance(table.get("load"), list):
        reader.error(
            line("load"),
            Sentence(N_("steps of load need format 3: write 'format = 3' at the top of the file")),
        )
    if table.get("progression") in {k.value for k in FORMAT_3_PROGRESSIONS}:
        reader.error(
            line("progression"),
            Sentence(
                N_("progression = {value} needs format 3: write 'format = 3' at the top"),
                value=show(table["progression"]),
            ),
        )


def read_days(reader: ValueReader, table: dict[str, Any], line: int) -> tuple[str, ...]:
    """`days = ["mon", "thu"]`: weekdays, each once."""
    if "days" not in table:
        return ()
    value = table["days"]
    names = ", ".join(f'"{d}"' for d in WEEKDAYS)
    if not isinstance(value, list) or not value or not all(isinstance(d, str) for d in value):
        said = N_('days must be a list of weekdays such as ["mon", "thu"], got {value}')
        reader.error(line, Sentence(said, value=show(value)))
        return ()
    days = [d.strip().lower()[:3] if d.strip().lower() in _LONG_DAYS else d.strip().lower() for d in value]
    for day, written in zip(days, value, strict=True):
        if day not in WEEKDAYS:
            reader.error(
                line,
                Sentence(N_("{value} is not a weekday; days are {days}"), value=show(written), days=names),
            )
            return ()
    if len(set(days)) != len(days):
        reader.error(line, Sentence(N_("days lists the same day twice: {value}"), value=show(value)))
        return ()
    return tuple(sorted(days, key=WEEKDAYS.index))


_LONG_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def check_days_agree(
    reader: ValueReader, days: tuple[str, ...], days_per_week: float | None, line: int
) -> None:
    """`days` and `days_per_week` given together must count the same days."""
    if days and days_per_week is not None and len(days) != int(days_per_week):
        said = ngettext(
            # Translators: English keeps "days" for one day too (the sentence is compared as it always read).
            "days names {count} days but days_per_week says {days_per_week}; give one of them",
            "days names {count} days but days_per_week says {days_per_week}; give one of them",
            len(days),
        )
        english = "days names {count} days but days_per_week says {days_per_week}; give one of them"
        values = {"count": len(days), "days_per_week": int(days_per_week)}
        reader.error(line, Said(said.format(**values), english.format(**values)))


def split_by_side(
    reader: ValueReader, table: dict[str, Any], sides: list[str], line: Line
) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """`sets = { affected = 3, unaffected = 1 }`: the table with each by-side key as its largest value (for
    the checks that follow), and the values by side."""
    plain = dict(table)
    by_side: dict[str, dict[str, Any]] = {}
    for key in BY_SIDE_KEYS:
        value = table.get(key)
        if not isinstance(value, dict):
            continue
        if set(sides) != {AFFECTED, UNAFFECTED}:
            reader.error(
                line(key),
                Sentence(
                    N_('{key} by side goes with sides = ["affected", "unaffected"], the person\'s legs'),
                    key=key,
                ),
            )
            plain.pop(key)
            continue
        if set(value) != {AFFECTED, UNAFFECTED}:
            said = N_("{key} by side must give both affected and unaffected, got {value}")
            reader.error(line(key), Sentence(said, key=key, value=show(value)))
            plain.pop(key)
            continue
        integer = key != "hold_seconds"
        named = {f"{key}.{side}": number for side, number in value.items()}
        numbers = {
            side: reader.number(named, f"{key}.{side}", line(key), limits=_LIMITS[key], integer=integer)
            for side in value
        }
        found = {side: n for side, n in numbers.items() if n is not None}
        if len(found) != len(numbers):
            plain.pop(key)
            continue
        by_side[key] = {side: (int(n) if integer else n) for side, n in found.items()}
        plain[key] = max(by_side[key].values())
    return plain, by_side


def side_doses(
    by_side: dict[str, dict[str, Any]], sets: int, reps: int | None, hold: float
) -> tuple[SideDose, ...]:
    """The dose on each side where the sheet gives any key by side."""
    if not by_side:
        return ()
    return tuple(
        SideDose(
            side,
            by_side.get("sets", {}).get(side, sets),
            by_side.get("reps", {}).get(side, reps),
            float(by_side.get("hold_seconds", {}).get(side, hold)),
        )
        for side in (AFFECTED, UNAFFECTED)
    )


def split_loads(
    reader: ValueReader, table: dict[str, Any], line: Line
) -> tuple[dict[str, Any], tuple[str, ...], int]:
    """`load = ["no weight", "0.5 kg ankle weight"]`: the table with `load` as the one in use, the steps,
    and the index of the one in use (`start_load`, from 1 in the file)."""
    value = table.get("load")
    if not isinstance(value, list):
        _start_step(reader, table, "start_load", 0, line)
        return table, (), 0
    loads = _steps(reader, value, "load", line("load"))
    plain = dict(table)
    plain.pop("load")
    step = _start_step(reader, table, "start_load", len(loads), line) if loads else 0
    if loads:
        plain["load"] = loads[step]
    return plain, loads, step


def _steps(reader: ValueReader, value: list[Any], key: str, line: int) -> tuple[str, ...]:
    if not (2 <= len(value) <= MAX_STEPS) or not all(isinstance(v, str) and v.strip() for v in value):
        said = N_("{key} steps must be 2 to {limit} texts in quotes, easiest first, got {value}")
        reader.error(line, Sentence(said, key=key, limit=MAX_STEPS, value=show(value)))
        return ()
    steps = tuple(" ".join(v.split()) for v in value)
    if any(len(s) > MAX_STEP_CHARACTERS for s in steps):
        said = N_("each of the {key} steps may be at most {limit} characters")
        reader.error(line, Sentence(said, key=key, limit=MAX_STEP_CHARACTERS))
        return ()
    if len(set(steps)) != len(steps):
        reader.error(
            line, Sentence(N_("the {key} steps name the same one twice: {value}"), key=key, value=show(value))
        )
        return ()
    return steps


def _start_step(reader: ValueReader, table: dict[str, Any], key: str, count: int, line: Line) -> int:
    """`start_load = 2` or `start_level = 2`: where the person is now, from 1; 0-based here."""
    if key not in table:
        return 0
    if count == 0:
        what = key.removeprefix("start_")
        reader.error(line(key), Sentence(N_("{key} goes with a list of {what}s"), key=key, what=what))
        return 0
    value = reader.number(table, key, line(key), limits=(1, count), integer=True)
    return 0 if value is None else int(value) - 1


def read_extras(
    reader: ValueReader,
    table: dict[str, Any],
    line: Line,
    loads: tuple[tuple[str, ...], int],
    kind: ExerciseKind | None,
) -> ExerciseExtras3:
    """The format 3 exercise keys; `loads` (the steps and the one in use) come from `split_loads`."""
    number = _number_reader(reader, table, line)
    levels: tuple[str, ...] = ()
    if "levels" in table:
        value = table["levels"]
        if isinstance(value, list):
            levels = _steps(reader, value, "levels", line("levels"))
        else:
            said = N_("levels must be a list of texts in quotes, got {value}")
            reader.error(line("levels"), Sentence(said, value=show(value)))
    days_per_week = number("days_per_week")
    days = read_days(reader, table, line("days"))
    check_days_agree(reader, days, days_per_week, line("days"))
    times = number("times_per_day")
    after_weeks = number("progress_after_weeks")
    pain_free = number("level_up_after_pain_free_reps")
    return ExerciseExtras3(
        times_per_day=None if times is None else int(times),
        days_per_week=None if days_per_week is None else int(days_per_week),
        days=days,
        pain_limit=read_pain_limit(reader, table, line("pain_limit")) if "pain_limit" in table else None,
        tempo=_tempo(reader, table, line("tempo"), kind),
        until_tired=_until(reader, table, line("until")),
        loads=loads[0],
        load_step=loads[1],
        reps_after_load=None
        if number("reps_after_load", (1, 100)) is None
        else int(table["reps_after_load"]),
        levels=levels,
        level_step=_start_step(reader, table, "start_level", len(levels), line),
        level_up_after_pain_free_reps=None if pain_free is None else int(pain_free),
        progress_after_weeks=int(after_weeks or 0),
    )


def _number_reader(reader: ValueReader, table: dict[str, Any], line: Line) -> Callable[..., float | None]:
    def number(key: str, limits: tuple[float, float] | None = None) -> float | None:
        return reader.number(table, key, line(key), limits=limits or _LIMITS[key], integer=True)

    return number


def read_pain_limit(reader: ValueReader, table: dict[str, Any], line: int) -> int | None:
    """`pain_limit`, 0 to 5 (0: only if pain-free), as the routine's is checked."""
    value = table["pain_limit"]
    if isinstance(value, bool) or not isinstance(value, int):
        said = N_("pain_limit must be a whole number from 0 to {limit}, got {value}")
        reader.error(line, Sentence(said, limit=PAIN_ACCEPTABLE_MAX, value=show(value)))
    elif value < 0:
        reader.error(line, Sentence(N_("pain_limit must be at least 0, got {value}"), value=value))
    elif value > PAIN_ACCEPTABLE_MAX:
        said = N_("pain_limit must be at most {limit}, got {value}: {reason}")
        reader.error(line, Sentence(said, limit=PAIN_ACCEPTABLE_MAX, value=value, reason=PAIN_LIMIT_REASON))
    else:
        return value
    return None


def _tempo(
    reader: ValueReader, table: dict[str, Any], line: int, kind: ExerciseKind | None
) -> tuple[float, float, float] | None:
    if "tempo" not in table:
        return None
    value = table["tempo"]
    low, high = TEMPO_LIMITS
    numbers = (
        isinstance(value, list)
        and len(value) == 3
        and all(isinstance(v, int | float) and not isinstance(v, bool) and v == v for v in value)
    )
    if not numbers:
        said = N_("tempo must be three numbers of seconds [UP, HOLD, DOWN], got {value}")
        reader.error(line, Sentence(said, value=show(value)))
        return None
    up, hold, down = (float(v) for v in value)
    if min(up, hold, down) < low or max(up, hold, down) > high:
        said = N_("each part of tempo must be {low}–{high} seconds, got {value}")
        reader.error(line, Sentence(said, low=f"{low:g}", high=f"{high:g}", value=show(value)))
        return None
    if up + down <= 0:
        reader.error(
            line, Sentence(N_("tempo must take some time up or down, got {value}"), value=show(value))
        )
        return None
    if kind is not None and kind is not ExerciseKind.REPS:
        reader.error(line, Sentence(N_("tempo is the time of each rep: it goes with reps")))
        return None
    for key in ("rep_seconds", "hold_seconds"):
        if key in table:
            reader.error(line, Sentence(N_("tempo already gives each rep's time: remove {key}"), key=key))
            return None
    return up, hold, down


def _until(reader: ValueReader, table: dict[str, Any], line: int) -> bool:
    if "until" not in table:
        return False
    value = table["until"]
    if value != "tired":
        said = N_('until must be "tired" (each set until you are tired), got {value}')
        reader.error(line, Sentence(said, value=show(value)))
        return False
    if not isinstance(table.get("reps"), list):
        reader.error(
            line,
            Sentence(N_('until = "tired" goes with the expected range of reps, such as reps = [10, 15]')),
        )
        return False
    return True


def check_progression_3(
    reader: ValueReader,
    extras: ExerciseExtras3,
    progression: ProgressionKind | None,
    reps_range: tuple[int, int] | None,
    line: Line,
) -> None:
    """What each format 3 progression needs, and the keys that need it."""
    if progression is ProgressionKind.REPS_THEN_LOAD:
        if len(extras.loads) < 2:
            reader.error(
                line("progression"),
                Sentence(N_('progression = "reps-then-load" needs steps of load: load = ["…", "…"]')),
            )
        if reps_range is None:
            reader.error(
                line("progression"),
                Sentence(N_('progression = "reps-then-load" needs a range of reps to climb')),
            )
    if extras.reps_after_load is not None:
        if progression is not ProgressionKind.REPS_THEN_LOAD:
            reader.error(
                line("reps_after_load"),
                Sentence(N_('reps_after_load goes with progression = "reps-then-load"')),
            )
        elif reps_range is not None and not reps_range[0] <= extras.reps_after_load <= reps_range[1]:
            reader.error(
                line("reps_after_load"),
                Sentence(
                    N_("reps_after_load must be within the range of reps {low}–{high}, got {value}"),
                    low=reps_range[0],
                    high=reps_range[1],
                    value=extras.reps_after_load,
                ),
            )
    if progression is ProgressionKind.LEVEL and len(extras.levels) < 2:
        reader.error(
            line("progression"),
            Sentence(N_('progression = "level" needs levels = ["…", "…"], easiest first')),
        )
    if extras.level_up_after_pain_free_reps is not None and progression is not ProgressionKind.LEVEL:
        reader.error(
            line("level_up_after_pain_free_reps"),
            Sentence(N_('level_up_after_pain_free_reps goes with progression = "level"')),
        )


def check_against_routine(
    reader: ValueReader,
    extras: ExerciseExtras3,
    routine: tuple[int, int, tuple[str, ...]],
    line: Line,
) -> None:
    """An exercise's own plan fits inside the routine's: `routine` is (days_per_week, times_per_day, days)."""
    days_per_week, times_per_day, days = routine
    if extras.days and days and not set(extras.days) <= set(days):
        said = N_("days must be among the routine's days ({days})")
        reader.error(line("days"), Sentence(said, days=", ".join(days)))
    if extras.days_per_week is not None and days_per_week and extras.days_per_week > days_per_week:
        reader.error(
            line("days_per_week"),
            Sentence(
                N_("days_per_week may be at most the routine's ({limit}), got {value}"),
                limit=days_per_week,
                value=extras.days_per_week,
            ),
        )
    if extras.times_per_day is not None and not days_per_week:
        reader.error(
            line("times_per_day"),
            Sentence(N_("an exercise's times_per_day needs days_per_week on the routine")),
        )
    elif extras.times_per_day is not None and extras.times_per_day > times_per_day:
        reader.error(
            line("times_per_day"),
            Sentence(
                N_(
                    "times_per_day may be at most the routine's ({limit}), got {value}: the routine says how "
                    "many "
                    "sessions a day there are, an exercise in how many of them it is done"
                ),
                limit=times_per_day,
                value=extras.times_per_day,
            ),
        )
