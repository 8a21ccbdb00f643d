"""The routine model: what a physiotherapist prescribed, as frozen data, and the steps it expands into."""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from coach.core.i18n import N_, _, format_decimal, ngettext, pgettext

# Pacing between blocks of work (ours): long enough to get into position on a mat, short enough to keep going.
GET_READY_SECONDS = 5.0
SWITCH_SIDE_SECONDS = 5.0


class ExerciseKind(enum.Enum):
    """How an exercise is guided."""

    REPS = "reps"  # rep by rep, each rep_seconds (+ hold_seconds at the top)
    HOLD = "hold"  # one timed hold per set
    TIMER = "timer"  # a plain countdown (icing, a walk)
    RUN_WALK = "run-walk"  # format 3: intervals of running and walking, at the person's stage of the plan


class ProgressionKind(enum.Enum):
    """What the pain rule may change when it progresses or eases an exercise."""

    REPS = "reps"
    HOLD = "hold"
    SETS = "sets"
    NONE = "none"  # stretches and icing: never progressed or eased (CLINICAL.md)
    # Format 3: reps climb to the top of the range, then the next load with reps reset (`reps_after_load`).
    REPS_THEN_LOAD = "reps-then-load"
    LEVEL = "level"  # the next of the sheet's `levels` (a harder variant), reps reset to the range's bottom


# The person's legs: format 3's "affected" and "unaffected" sides are resolved to these from settings.
LEGS = ("left", "right")
AFFECTED = "affected"
UNAFFECTED = "unaffected"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def resolve_side(side: str | None, affected_side: str | None) -> str | None:
    """The leg a side names: "affected" is the person's affected leg and "unaffected" the other; a side
    stays as written while the affected leg is not known (or for any other side)."""
    if affected_side not in LEGS or side not in (AFFECTED, UNAFFECTED):
        return side
    other = LEGS[1 - LEGS.index(affected_side)]
    return affected_side if side == AFFECTED else other


@dataclass(frozen=True, slots=True)
class SideDose:
    """Format 3: the dose on one side where the sheet gives one per side (`sets = { affected = 3, … }`)."""

    side: str
    sets: int
    reps: int | None = None
    hold_seconds: float = 0.0


class Target(enum.Enum):
    """What an exercise works, as guidelines group them (Willy 2019: hip-targeted and knee-targeted work).

    Easing goes to the knee-targeted work before the hip work (CLINICAL.md "What moves"): a wall squat
    loads the sore knee, a clamshell barely does.
    """

    KNEE = "knee"
    HIP = "hip"


class StepKind(enum.Enum):
    """One thing the person is doing for a known number of seconds."""

    GET_READY = "get_ready"
    REP = "rep"
    HOLD = "hold"
    TIMER = "timer"
    REST = "rest"
    SWITCH_SIDE = "switch_side"
    RUN = "run"  # a run-walk's running interval
    WALK = "walk"  # a run-walk's walking interval

    @property
    def is_work(self) -> bool:
        """Whether this step is part of the dose (as opposed to a pause between pieces of work)."""
        return self in (StepKind.REP, StepKind.HOLD, StepKind.TIMER, StepKind.RUN, StepKind.WALK)

    @property
    def is_interval(self) -> bool:
        """A run-walk's running or walking interval."""
        return self in (StepKind.RUN, StepKind.WALK)


# The words of a dose: `Words` is the identity for the English record (what progression stores and JSON
# shows), or `_` for people.
Words = Callable[[str], str]


def _english(message: str) -> str:
    return message


@dataclass(frozen=True, slots=True)
class RunWalk:
    """Format 3: one stage of a return-to-running plan, `run_seconds` of running then `walk_seconds` of
    walking, `repeats` times (walk_seconds 0 and repeats 1: a continuous run)."""

    run_seconds: float
    walk_seconds: float
    repeats: int

    @property
    def seconds(self) -> float:
        """How long the whole run-walk takes."""
        return (self.run_seconds + self.walk_seconds) * self.repeats

    @property
    def running_seconds(self) -> float:
        return self.run_seconds * self.repeats

    def describe(self, words: Words = _) -> str:
        """'2 min run, 1 min walk, 8 times', or '30 min run' for a continuous run: in the chosen language, or
        with `words=_english` in English (see `in_english`)."""
        run = words(N_("{time} run")).format(time=_minutes_or_seconds(self.run_seconds, words))
        if self.walk_seconds <= 0 and self.repeats == 1:
            return run
        parts = [run]
        if self.walk_seconds > 0:
            parts.append(words(N_("{time} walk")).format(time=_minutes_or_seconds(self.walk_seconds, words)))
        if self.repeats == 1:
            parts.append(words(N_("once")))
        elif words is _english:
            parts.append(f"{self.repeats} times")
        else:
            parts.append(ngettext("{count} time", "{count} times", self.repeats).format(count=self.repeats))
        return ", ".join(parts)

    def in_english(self) -> str:
        """`describe()` in English whatever the chosen language (the record's words)."""
        return self.describe(_english)


def shown_number(value: float) -> str:
    """A number as `:g` writes it ('2', '1.5'), with the chosen language's decimal mark ('1,5')."""
    text = f"{value:g}"
    if "." not in text or "e" in text:
        return text
    return format_decimal(value, len(text.split(".")[1]))


def _minutes_or_seconds(seconds: float, words: Words = _) -> str:
    """'2 min', '1.5 min' or '45 s'."""
    if seconds >= 60:
        return words(N_("{minutes} min")).format(minutes=_number(seconds / 60, words))
    return words(N_("{seconds} s")).format(seconds=_number(seconds, words))


def side_words(side: str) -> str:
    """A side of the body as a word for people ('left', 'links'); a side the app does not know as written."""
    words = {
        "left": pgettext("side", "left"),
        "right": pgettext("side", "right"),
        "affected": pgettext("side", "affected"),
        "unaffected": pgettext("side", "unaffected"),
        "other": pgettext("side", "other"),
    }
    return words.get(side, side)


# "left side" and "Switch to the left side" are whole phrases: German and Spanish inflect the side's word.
_ON_SIDE = {
    "left": N_("left side"),
    "right": N_("right side"),
    "affected": N_("affected side"),
    "unaffected": N_("unaffected side"),
    "other": N_("other side"),
}
_SWITCH_TO = {
    "left": N_("Switch to the left side"),
    "right": N_("Switch to the right side"),
    "affected": N_("Switch to the affected side"),
    "unaffected": N_("Switch to the unaffected side"),
    "other": N_("Switch to the other side"),
}


@dataclass(frozen=True, slots=True)
class Exercise:
    """One exercise of a routine, already validated by the loader."""

    id: str
    name: str
    kind: ExerciseKind
    sets: int = 1
    reps: int | None = None
    rep_seconds: float = 0.0
    hold_seconds: float = 0.0
    timer_minutes: float = 0.0
    sides: tuple[str, ...] = ()
    rest_seconds: float = 0.0
    icing: bool = False
    instructions: tuple[str, ...] = ()
    image: Path | None = None
    line: int = 0
    # Format 2: the sheet's range (low, high) for reps or a hold; progression moves within it.
    reps_range: tuple[int, int] | None = None
    hold_range: tuple[float, float] | None = None
    load: str = ""  # free text from the sheet, such as "red band"
    progression: ProgressionKind | None = None  # the sheet's `progression`; None: it did not say
    rest_after_seconds: float = 0.0  # rest before the next exercise
    targets: Target | None = None  # the sheet's `targets`: knee or hip work (None: not said)
    # The sheet's own dose where Rehab Coach eased a single number in the person's copy (None: the dose is
    # the sheet's): easing stops at half of it, and progression goes back up to it, never past it.
    prescribed_reps: int | None = None
    prescribed_hold_seconds: float | None = None
    prescribed_sets: int | None = None
    # Format 3 (see the README's key table).
    times_per_day: int | None = None  # None: the routine's
    days_per_week: int | None = None  # None: the routine's
    days: tuple[str, ...] = ()  # weekdays ("mon" … "sun") this exercise is done on; (): every planned day
    pain_limit: int | None = None  # None: the routine's
    tempo: tuple[float, float, float] | None = None  # seconds up, held, down per rep
    until_tired: bool = False  # `until = "tired"`: each set counts up until the person ends it
    side_doses: tuple[SideDose, ...] = ()  # a dose per side; () when every side has the same
    loads: tuple[str, ...] = ()  # the sheet's steps of load, easiest first; `load` is the one in use
    load_step: int = 0  # index into `loads`
    reps_after_load: int | None = None  # where reps restart after the next load
    levels: tuple[str, ...] = ()  # the sheet's variants, easiest first
    level_step: int = 0  # index into `levels`
    level_up_after_pain_free_reps: int | None = None
    progress_after_weeks: int = 0  # no progression before this many weeks at the dose
    # Format 3, back to running: the run-walk in use, the plan's stages easiest first (`run_walk` is
    # `stages[stage]`), and the metronome's beats a minute (None: no metronome).
    run_walk: RunWalk | None = None
    stages: tuple[RunWalk, ...] = ()
    stage: int = 0
    cadence_bpm: int | None = None

    @property
    def level(self) -> str:
        """The level in use, e.g. 'step-down from 10 cm'; '' without levels."""
        return self.levels[self.level_step] if self.levels else ""

    def pain_limit_in(self, routine: Routine) -> int:
        """This exercise's pain limit: its own, else the routine's."""
        return routine.pain_limit if self.pain_limit is None else self.pain_limit

    def dose_on(self, side: str | None) -> SideDose:
        """The dose on `side` ("affected", "unaffected", or any side when the dose is the same on all)."""
        for dose in self.side_doses:
            if dose.side == side:
                return dose
        return SideDose(side or "", self.sets, self.reps, self.hold_seconds)

    @property
    def progresses_by(self) -> ProgressionKind:
        """What the pain rule may raise: the sheet's choice, else reps (unless there is a load); never a hold
        without reps, whatever its name, nor a timer (CLINICAL.md "What moves")."""
        if self.icing or self.kind in _NOT_DOSED or self._effort_only:
            return ProgressionKind.NONE
        if self.progression is not None:
            return self.progression
        if self.kind is ExerciseKind.REPS and not self.load:
            return ProgressionKind.REPS
        return ProgressionKind.NONE  # a loaded exercise moves by its load, which the physiotherapist sets

    @property
    def eases_by(self) -> ProgressionKind:
        """What the pain rule may lower: as for progression, and a loaded exercise by its reps; never a
        stretch or another hold without reps, nor a timer."""
        if self.icing or self.kind in _NOT_DOSED or self._effort_only:
            return ProgressionKind.NONE
        if self.progression is not None:
            return self.progression
        return ProgressionKind.REPS if self.kind is ExerciseKind.REPS else ProgressionKind.NONE

    @property
    def _effort_only(self) -> bool:
        """A set until tired moved by reps: its range is what the person expects, not a dose to raise."""
        by_reps = self.progression in (None, ProgressionKind.REPS)
        return self.until_tired and by_reps

    @property
    def directions(self) -> tuple[str, ...]:
        """The instructions, then the load the sheet gives (e.g. 'With: red band'), for the player."""
        level = (_("Level: {level}").format(level=self.level),) if self.level else ()
        load = (_("With: {load}").format(load=self.load),) if self.load else ()
        return (*self.instructions, *level, *load)

    @property
    def seconds_per_rep(self) -> float:
        return self.rep_seconds + self.hold_seconds

    def prescription(self, words: Words = _english) -> str:
        """How a physiotherapist would write the dose, e.g. '3 × 12 each side' or '3 × 30 s hold'; format 3
        adds the level, the tempo, "until tired" and a dose per side ('3 × 10 affected, 1 × 10 unaffected').
        In English (the record: what a dose change stores), or with `words=_` in the chosen language.
        """
        if self.side_doses:
            side = side_words if words is not _english else _english
            each = (
                words(N_("{dose} {side}")).format(dose=_one_side(self, d, words), side=side(d.side))
                for d in self.side_doses
            )
            return ", ".join(each) + self._extras(words)
        many_sides = len(self.sides) > 1
        if self.kind is ExerciseKind.REPS:
            dose = _reps_dose(self, self.sets, self.reps, self.hold_seconds, words)
        elif self.kind is ExerciseKind.HOLD:
            dose = words(N_("{sets} × {seconds} hold")).format(
                sets=self.sets, seconds=_seconds(self.hold_seconds, words)
            )
        elif self.run_walk is not None:
            return self.run_walk.describe(words)
        else:
            minutes = words(N_("{minutes} min")).format(minutes=_number(self.timer_minutes, words))
            if self.sets == 1:
                return minutes
            dose = f"{self.sets} × {minutes}"
            return words(N_("{dose} each side")).format(dose=dose) if many_sides else dose
        if many_sides:
            dose = words(N_("{dose} each side")).format(dose=dose)
        return dose + self._extras(words)

    def shown_prescription(self) -> str:
        """The prescription in the chosen language, for people."""
        return self.prescription(_)

    def sheet_range(self, words: Words = _english) -> str:
        """The sheet's range as written, e.g. '10–15 reps' or '5–10 s hold'; '' when it gave none."""
        if self.reps_range is not None:
            return words(N_("{low}–{high} reps")).format(low=self.reps_range[0], high=self.reps_range[1])
        if self.hold_range is not None:
            low, high = (_number(value, words) for value in self.hold_range)
            return words(N_("{low}–{high} s hold")).format(low=low, high=high)
        return ""

    def sheet_dose(self, words: Words = _english) -> str:
        """The sheet's own dose where Rehab Coach eased a single number, e.g. '3 × 12'; '' when unchanged."""
        prescribed = (self.prescribed_reps, self.prescribed_hold_seconds, self.prescribed_sets)
        if all(value is None for value in prescribed):
            return ""
        return _as_prescribed(self).prescription(words)

    def _extras(self, words: Words = _english) -> str:
        parts = [self.level, self.load]
        if self.tempo is not None:
            up, hold, down = (_number(value, words) for value in self.tempo)
            parts.append(
                words(N_("up {up} s, hold {hold} s, down {down} s")).format(up=up, hold=hold, down=down)
            )
        return "".join(f", {part}" for part in parts if part)


# A timer is never dosed by the pain rule; a run-walk moves by the runners' pain rule (coach/core/running).
_NOT_DOSED = (ExerciseKind.TIMER, ExerciseKind.RUN_WALK)


def _number(value: float, words: Words) -> str:
    return f"{value:g}" if words is _english else shown_number(value)


def _seconds(value: float, words: Words = _english) -> str:
    return words(N_("{seconds} s")).format(seconds=_number(value, words))


def _reps_dose(exercise: Exercise, sets: int, reps: int | None, hold: float, words: Words = _english) -> str:
    if exercise.until_tired and exercise.reps_range is not None:
        low, high = exercise.reps_range
        count = words(N_("until tired ({low}–{high})")).format(low=low, high=high)
    else:
        count = str(reps)
    dose = f"{sets} × {count}"
    if hold and exercise.tempo is None:
        return words(N_("{dose}, {seconds} hold")).format(dose=dose, seconds=_seconds(hold, words))
    return dose


def _one_side(exercise: Exercise, dose: SideDose, words: Words = _english) -> str:
    if exercise.kind is ExerciseKind.REPS:
        return _reps_dose(exercise, dose.sets, dose.reps, dose.hold_seconds, words)
    return words(N_("{sets} × {seconds} hold")).format(
        sets=dose.sets, seconds=_seconds(dose.hold_seconds, words)
    )


def _as_prescribed(exercise: Exercise) -> Exercise:
    """The exercise at the sheet's own dose (before Rehab Coach eased it)."""
    return dataclasses.replace(
        exercise,
        sets=exercise.prescribed_sets or exercise.sets,
        reps=exercise.prescribed_reps or exercise.reps,
        hold_seconds=exercise.prescribed_hold_seconds or exercise.hold_seconds,
        prescribed_reps=None,
        prescribed_hold_seconds=None,
        prescribed_sets=None,
    )


@dataclass(frozen=True, slots=True)
class Routine:
    """A whole routine as its file describes it."""

    id: str
    title: str
    exercises: tuple[Exercise, ...]
    description: str = ""
    sessions_per_week: int = 0
    source: str = ""
    path: Path | None = None
    id_line: int = 1
    # A hash of the file's bytes, so that history knows which version of the plan a session followed.
    content_hash: str = ""
    # Format 2 (see the README's routine-format table); format 1 files keep the defaults.
    format: int = 1
    days_per_week: int = 0
    times_per_day: int = 1
    weeks: int = 0  # programme length; 0: not given
    pain_limit: int = 5  # "stop if pain is above N" (0-5); 5 is the pain-monitoring model's own limit
    pain_limit_given: bool = False  # the sheet gives pain_limit; else 5 is Rehab Coach's default
    next: str = ""  # the id of the routine that follows this stage
    education: tuple[str, ...] = ()
    # Format 3.
    days: tuple[str, ...] = ()  # the weekdays ("mon" … "sun") of the plan; (): any
    progress_after_weeks: int = 0  # no progression before this many weeks at a dose (an exercise may differ)
    requires: Requirement | None = None  # what must be going well before this routine starts

    @property
    def run_walk_exercise(self) -> Exercise | None:
        """The routine's run-walk (a return-to-running plan has one), or None."""
        return next((e for e in self.exercises if e.run_walk is not None), None)


@dataclass(frozen=True, slots=True)
class Requirement:
    """Format 3's `requires`: the stage that must be tolerated first (a routine's id) and the pain
    condition, "pain during its sessions at most `pain_at_most` and settled by the next morning"."""

    routine: str
    pain_at_most: int

    def sentence(self, title: str | None = None) -> str:
        """Said with the routine: what must be going well before it starts."""
        name = _("“{title}”").format(title=title) if title else f"'{self.routine}'"
        return _(
            "Start this once {name} is going well: pain during its sessions at most {pain} out of 10 and "
            "settled by the next morning."
        ).format(name=name, pain=self.pain_at_most)


@dataclass(frozen=True, slots=True)
class Step:
    """One timed step of a session; `index` is its place in the session's step list."""

    index: int
    kind: StepKind
    exercise_id: str
    exercise_name: str
    seconds: float
    set_number: int = 0
    sets_total: int = 0
    side: str | None = None
    rep: int = 0
    reps_total: int = 0
    hold_seconds: float = 0.0
    icing: bool = False  # an icing timer: run and recorded as icing, with its advice and its cap
    # Format 3: the sheet's tempo (seconds up, held, down), and a set counted up until the person ends it
    # (`until = "tired"`: `seconds` is then the time the top of `reps_range` would take, for the plan only).
    tempo: tuple[float, float, float] | None = None
    open_ended: bool = False
    reps_range: tuple[int, int] | None = None
    load: str = ""  # the load or level in use, shown with the dose
    seconds_per_rep: float = 0.0  # of an open-ended set: for the count shown while it runs
    # A run-walk's interval: which of how many, the plan's stage (0-based), the metronome's beats a minute.
    repeat: int = 0
    repeats_total: int = 0
    stage: int | None = None
    cadence_bpm: int | None = None

    @property
    def hold_starts_after(self) -> float:
        """Seconds into a rep with a hold when the hold begins: the sheet's time up where it gives a tempo,
        else the rep's moving time split evenly between lifting into the hold and lowering out of it."""
        if self.tempo is not None:
            return self.tempo[0]
        return (self.seconds - self.hold_seconds) / 2

    @property
    def hold_ends_after(self) -> float:
        """Seconds into a rep with a hold when the hold ends and lowering begins."""
        return self.hold_starts_after + self.hold_seconds

    @property
    def tension_seconds(self) -> float | None:
        """The seconds under tension the sheet prescribes for this step (issue 21, "dose done"): a rep with a
        tempo its up, hold and down; a hold its seconds; a set until tired with a tempo the bottom of its
        range at that tempo (ours: the sheet expects at least that many reps). None where there is nothing
        to count: a rep without a tempo (its pace is the app's, not the sheet's), a timer, a pause."""
        if self.kind is StepKind.HOLD:
            return self.seconds
        if self.kind is not StepKind.REP or self.tempo is None:
            return None
        if self.open_ended:
            return self.reps_range[0] * sum(self.tempo) if self.reps_range is not None else None
        return sum(self.tempo)

    @property
    def uses_wall_clock(self) -> bool:
        """Long plain timers (icing) keep an elapsed-clock deadline, so that a laptop's sleep counts."""
        return self.kind is StepKind.TIMER

    def describe(self) -> str:
        """A short line for a terminal or a screen reader: 'Clamshells, left side, set 2 of 3, rep 4 of 12'"""
        parts = [self.exercise_name]
        if self.kind is StepKind.GET_READY:
            parts = [_("Get ready: {name}").format(name=self.exercise_name)]
        elif self.kind is StepKind.REST and self.set_number >= self.sets_total:
            parts = [_("Rest before the next exercise")]
        elif self.kind is StepKind.REST:
            said = _("Rest before set {number} of {total}")
            parts = [said.format(number=self.set_number + 1, total=self.sets_total)]
        elif self.kind is StepKind.SWITCH_SIDE:
            side = self.side or ""
            parts = [_(_SWITCH_TO[side]) if side in _SWITCH_TO else f"Switch to the {side} side"]
        elif self.kind.is_interval:
            time = _minutes_or_seconds(self.seconds)
            run = _("Run {time}").format(time=time) if self.kind is StepKind.RUN else None
            said = _("{repeat} of {total}").format(repeat=self.repeat, total=self.repeats_total)
            parts = [run or _("Walk {time}").format(time=time), said]
        else:
            if self.side:
                parts.append(_(_ON_SIDE[self.side]) if self.side in _ON_SIDE else f"{self.side} side")
            if self.sets_total > 1:
                parts.append(
                    _("set {number} of {total}").format(number=self.set_number, total=self.sets_total)
                )
            if self.kind is StepKind.REP and self.open_ended and self.reps_range is not None:
                low, high = self.reps_range
                parts.append(_("until tired, about {low}–{high} reps").format(low=low, high=high))
            elif self.kind is StepKind.REP:
                parts.append(_("rep {number} of {total}").format(number=self.rep, total=self.reps_total))
        return ", ".join(parts)


def plan_steps(routine: Routine, affected_side: str | None = None) -> tuple[Step, ...]:
    """Expand a routine into the exact sequence of timed steps a session walks through; format 3's
    "affected" and "unaffected" sides become the person's legs when `affected_side` ("left" or "right") is
    known."""
    plan = _Plan(affected_side)
    for exercise in routine.exercises:
        plan.add_exercise(exercise)
    return tuple(plan.steps)


def due_exercises(routine: Routine, weekday: int, dose: int = 1) -> Routine:
    """The routine as due on `weekday` (0 = Monday) at its `dose`-th session of the day (from 1): an
    exercise with its own `days` only on those days, one with its own `times_per_day` only up to that dose
    ("short-arc quad twice a day, the others once")."""
    day = WEEKDAYS[weekday]
    due = tuple(
        e
        for e in routine.exercises
        if (not e.days or day in e.days) and dose <= (e.times_per_day or routine.times_per_day)
    )
    return dataclasses.replace(routine, exercises=due)


class _Plan:
    """Builds the step list one exercise at a time."""

    def __init__(self, affected_side: str | None = None) -> None:
        self.steps: list[Step] = []
        self.affected_side = affected_side

    def add_exercise(self, exercise: Exercise) -> None:
        if exercise.run_walk is not None:
            self._add_run_walk(exercise, exercise.run_walk)
            return
        sides: tuple[str | None, ...] = exercise.sides or (None,)
        doses = {side: exercise.dose_on(side) for side in sides}
        most_sets = max(dose.sets for dose in doses.values())
        self._add(exercise, StepKind.GET_READY, GET_READY_SECONDS, 1, sides[0], doses[sides[0]])
        for set_number in range(1, most_sets + 1):
            today = [side for side in sides if doses[side].sets >= set_number]
            for side_number, side in enumerate(today):
                if side_number > 0:
                    self._add(
                        exercise, StepKind.SWITCH_SIDE, SWITCH_SIDE_SECONDS, set_number, side, doses[side]
                    )
                self._add_work(exercise, set_number, side, doses[side])
            if set_number < most_sets and exercise.rest_seconds > 0:
                self._add(exercise, StepKind.REST, exercise.rest_seconds, set_number, None, doses[sides[0]])
        if exercise.rest_after_seconds > 0:
            self._add(exercise, StepKind.REST, exercise.rest_after_seconds, most_sets, None, doses[sides[0]])

    def _add_run_walk(self, exercise: Exercise, intervals: RunWalk) -> None:
        """Get ready, then RUN and WALK intervals, `repeats` times (a continuous run has no walk)."""
        dose = SideDose("", 1)
        self._add(exercise, StepKind.GET_READY, GET_READY_SECONDS, 1, None, dose)
        for repeat in range(1, intervals.repeats + 1):
            self._add(exercise, StepKind.RUN, intervals.run_seconds, 1, None, dose, rep=repeat)
            if intervals.walk_seconds > 0:
                self._add(exercise, StepKind.WALK, intervals.walk_seconds, 1, None, dose, rep=repeat)
        if exercise.rest_after_seconds > 0:
            self._add(exercise, StepKind.REST, exercise.rest_after_seconds, 1, None, dose)

    def _add_work(self, exercise: Exercise, set_number: int, side: str | None, dose: SideDose) -> None:
        if exercise.kind is ExerciseKind.REPS and exercise.until_tired and exercise.reps_range is not None:
            seconds = exercise.reps_range[1] * (exercise.rep_seconds + dose.hold_seconds)
            self._add(exercise, StepKind.REP, seconds, set_number, side, dose, open_ended=True)
        elif exercise.kind is ExerciseKind.REPS:
            for rep in range(1, (dose.reps or 0) + 1):
                seconds = exercise.rep_seconds + dose.hold_seconds
                self._add(exercise, StepKind.REP, seconds, set_number, side, dose, rep=rep)
        elif exercise.kind is ExerciseKind.HOLD:
            self._add(exercise, StepKind.HOLD, dose.hold_seconds, set_number, side, dose)
        else:
            self._add(exercise, StepKind.TIMER, exercise.timer_minutes * 60.0, set_number, side, dose)

    def _add(
        self,
        exercise: Exercise,
        kind: StepKind,
        seconds: float,
        set_number: int,
        side: str | None,
        dose: SideDose,
        rep: int = 0,
        *,
        open_ended: bool = False,
    ) -> None:
        is_rep = kind is StepKind.REP
        interval = kind.is_interval
        self.steps.append(
            Step(
                index=len(self.steps),
                kind=kind,
                exercise_id=exercise.id,
                exercise_name=exercise.name,
                seconds=seconds,
                set_number=set_number,
                sets_total=dose.sets,
                side=resolve_side(side, self.affected_side),
                rep=rep if is_rep else 0,
                reps_total=(dose.reps or 0) if is_rep and not open_ended else 0,
                hold_seconds=dose.hold_seconds if is_rep else 0.0,
                icing=exercise.icing and kind is StepKind.TIMER,
                tempo=exercise.tempo if is_rep else None,
                open_ended=open_ended,
                reps_range=exercise.reps_range if open_ended else None,
                load=", ".join(part for part in (exercise.level, exercise.load) if part),
                seconds_per_rep=exercise.rep_seconds + dose.hold_seconds if open_ended else 0.0,
                repeat=rep if interval else 0,
                repeats_total=exercise.run_walk.repeats if interval and exercise.run_walk else 0,
                stage=exercise.stage if exercise.run_walk is not None else None,
                cadence_bpm=exercise.cadence_bpm if kind is StepKind.RUN else None,
            )
        )


def is_icing_only(routine: Routine) -> bool:
    """Whether every exercise of `routine` is icing (the bundled "Ice the knee"): no exercise to ask about."""
    return bool(routine.exercises) and all(exercise.icing for exercise in routine.exercises)


def total_seconds(steps: tuple[Step, ...] | list[Step]) -> float:
    """How long the steps take when nobody pauses or skips."""
    return sum(step.seconds for step in steps)


def estimated_minutes(routine: Routine) -> float:
    """How long a session of `routine` takes, get-ready, side switches and rests included."""
    return total_seconds(plan_steps(routine)) / 60
