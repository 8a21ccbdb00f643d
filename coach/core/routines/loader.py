"""Routine files (TOML, format 1, 2 or 3) into `Routine` objects; every problem as `PATH:LINE: sentence`.

The loader never raises for bad input: it collects every problem it can find in one pass, so that a person
editing a file sees all of them at once, and one broken file never stops the other routines from loading.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coach.core.clinical.safety import ICING_LIMIT_REASON, ICING_MAX_MINUTES
from coach.core.digest import sha256_hex
from coach.core.i18n import ENGLISH, N_, _
from coach.core.routines import format2, format3, run_walk_keys
from coach.core.routines.bounds import (
    UnreadableRoutineError,
    illustration_problem,
    long_number_line,
    planned_work_steps,
    read_bounded,
    resolved,
    too_many_steps,
)
from coach.core.routines.format2 import EXERCISE_KEYS_2, ROUTINE_KEYS_2
from coach.core.routines.format3 import EXERCISE_KEYS_3, ROUTINE_KEYS_3
from coach.core.routines.icing_total import planned_icing_minutes
from coach.core.routines.model import Exercise, ExerciseKind, Routine
from coach.core.routines.run_walk_keys import ROUTINE_RUN_KEYS, RUN_WALK_KEYS
from coach.core.routines.toml_lines import KeyLines
from coach.core.routines.translations import translated
from coach.core.routines.values import MAX_TEXT_CHARACTERS, Problem, Sentence, ValueReader, show

FORMAT_VERSION = 1
NEWEST_FORMAT = (
    3  # formats 2 and 3 add the keys in format2.py and format3.py; a file opts in with `format = N`
)
MAX_FILE_BYTES = 1_000_000
ILLUSTRATIONS = "illustrations"

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")

ROUTINE_KEYS = ("format", "id", "title", "description", "sessions_per_week", "source", "exercises")
EXERCISE_KEYS = (
    "id",
    "name",
    "instructions",
    "image",
    "sets",
    "reps",
    "rep_seconds",
    "hold_seconds",
    "sides",
    "rest_seconds",
    "icing",
    "timer_minutes",
)

# Limits (ours) that catch typos such as `reps = 1200` while leaving room for any real prescription.
_LIMITS: dict[str, tuple[float, float]] = {
    "sessions_per_week": (0, 14),
    "sets": (1, 20),
    "reps": (1, 100),
    "rep_seconds": (0.5, 60),
    "hold_seconds": (1, 600),
    "rest_seconds": (0, 600),
    "timer_minutes": (0.5, 180),
}
# The sides a routine may name (lower case; a file may write "Left"): the player and the cues say these, and a
# typo such as "rigth" would otherwise run as a side of its own.
SIDE_NAMES = ("left", "right", "affected", "other")
SIDE_NAMES_3 = (*SIDE_NAMES, "unaffected")  # format 3: "affected" and "unaffected" are the person's legs
DEFAULT_REP_SECONDS = 3.0  # ours: a controlled rep, up and down


@dataclass(frozen=True, slots=True)
class CheckedRoutine:
    """The outcome of reading one file: a routine when it is valid, and every problem found."""

    path: Path
    routine: Routine | None
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.warning)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.warning)


class RoutineError(Exception):
    """A routine file that cannot be used; `problems` holds every error found in it."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
        first = problems[0]
        self.path, self.line, self.message = first.path, first.line, first.message


def load_routine(path: Path, assets_dir: Path | None = None) -> Routine:
    """Read a routine file or raise RoutineError listing all its problems."""
    checked = check_routine_file(path, assets_dir)
    if checked.routine is None:
        raise RoutineError(checked.errors)
    return checked.routine


def read_routine_text(path: Path) -> str:
    """The text of the routine file `path`, read as the loader reads it (a plain file of at most
    MAX_FILE_BYTES, UTF-8); else UnreadableRoutineError saying why (a FIFO, a device, a loop of links)."""
    raw = read_bounded(path, MAX_FILE_BYTES)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableRoutineError(_("the file is not UTF-8 text")) from None


def check_routine_file(
    path: Path, assets_dir: Path | None = None, language: str | None = None
) -> CheckedRoutine:
    """Read and validate one routine file; never raises for anything wrong with the file.

    With `language` (other than English), the routine's words are those of its translation, if it has one
    (`translations.py`; what cannot be used of it is a warning). Without, the file's own words: what the
    editor and dose changes write back.
    """
    try:
        raw = read_bounded(path, MAX_FILE_BYTES)
    except UnreadableRoutineError as refusal:
        return _failed(path, 1, str(refusal))
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark from a Windows editor is harmless
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return _failed(path, line, Sentence(N_("the file is not UTF-8 text")))
    try:
        checked = check_routine_text(text, path, assets_dir)
    except Exception as error:  # a loader bug must not stop the other routines from loading
        said = N_("this file could not be checked ({error}); please report it")
        return _failed(path, 1, Sentence(said, error=type(error).__name__))
    if checked.routine is None:
        return checked
    routine = dataclasses.replace(checked.routine, content_hash=content_hash(raw))
    if language is None or language == ENGLISH:
        return dataclasses.replace(checked, routine=routine)
    routine, warnings = translated(routine, path, language)
    return dataclasses.replace(checked, routine=routine, problems=checked.problems + warnings)


def content_hash(raw: bytes) -> str:
    """The version stamp of a routine file: SHA-256 of its bytes, as hex."""
    return sha256_hex(raw)


def check_routine_text(text: str, path: Path, assets_dir: Path | None = None) -> CheckedRoutine:
    """Validate routine TOML given as text; `path` names it in messages and anchors relative images."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = _TOML_POSITION.search(message)
        line = int(match.group(1)) if match else text.count("\n") + 1  # TOML ends no line at U+0085 (NEL)
        sentence = _TOML_POSITION.sub("", message).rstrip(".")
        return _failed(path, line, Sentence(N_("this is not valid TOML: {reason}"), reason=sentence))
    except RecursionError:
        return _failed(path, 1, Sentence(N_("this is not a routine: its values are nested far too deeply")))
    except ValueError:  # not a TOMLDecodeError: a whole number past Python's 4,300-digit limit
        line = long_number_line(text) or 1
        return _failed(path, line, Sentence(N_("this number is far too long to be a count or a time")))
    checker = _Checker(path, KeyLines(text), assets_dir)
    routine = checker.routine(document)
    problems = tuple(sorted(checker.problems, key=lambda p: (p.line, p.warning)))
    valid = routine is not None and not any(not p.warning for p in problems)
    return CheckedRoutine(path, routine if valid else None, problems)


def _failed(path: Path, line: int, message: str | Sentence) -> CheckedRoutine:
    return CheckedRoutine(path, None, (Problem.of(path, line, message),))


class _Checker(ValueReader):
    """Walks a parsed document, building a Routine and collecting every problem on the way."""

    def __init__(self, path: Path, lines: KeyLines, assets_dir: Path | None) -> None:
        super().__init__(path)
        self.lines = lines
        self.assets_dir = assets_dir
        self.format = FORMAT_VERSION
        self.plan = format2.RoutinePlan()
        self.days: tuple[str, ...] = ()

    # -- the routine ----------------------------------------------------------------------------------

    def routine(self, doc: dict[str, Any]) -> Routine | None:
        if self._format(doc) == "newer":
            return None  # its keys may mean what this version cannot know: the format is the one problem
        known = ROUTINE_KEYS + ROUTINE_KEYS_2 + ROUTINE_KEYS_3 + ROUTINE_RUN_KEYS
        self.unknown_keys(doc, known, self.lines.of_top, "routine")
        line = self.lines.of_top
        if self.format < 2:
            format2.refuse_format_2_keys(self, doc, ROUTINE_KEYS_2, line)
        requires = None
        if self.format < 3:
            format3.refuse_format_3_values(self, doc, ROUTINE_KEYS_3 + ROUTINE_RUN_KEYS, line)
        else:
            doc = self._routine_days(doc)
            requires = run_walk_keys.read_requires(self, doc, line("requires"))
        routine_id = self._identifier(doc, "id", line("id"))
        title = self.text(doc, "title", line("title"), required=True)
        description = self.text(doc, "description", line("description"))
        source = self.text(doc, "source", line("source"))
        per_week = self._number(doc, "sessions_per_week", line("sessions_per_week"), integer=True)
        plan = format2.read_plan(self, doc, line, per_week) if self.format >= 2 else None
        self.plan = plan or self.plan
        exercises = self._exercises(doc)
        if routine_id is None or title is None or exercises is None:
            return None
        plan = plan or format2.RoutinePlan(sessions_per_week=int(per_week or 0))
        return Routine(
            id=routine_id,
            title=title,
            exercises=exercises,
            description=description or "",
            sessions_per_week=plan.sessions_per_week,
            source=source or "",
            path=self.path,
            id_line=line("id"),
            format=self.format,
            days_per_week=plan.days_per_week,
            times_per_day=plan.times_per_day,
            weeks=plan.weeks,
            pain_limit=plan.pain_limit,
            pain_limit_given=plan.pain_limit_given,
            next=plan.next,
            education=plan.education,
            days=self.days,
            progress_after_weeks=self._progress_after_weeks(doc),
            requires=requires,
        )

    def _routine_days(self, doc: dict[str, Any]) -> dict[str, Any]:
        """Format 3's `days` on the routine; without `days_per_week` they give it."""
        line = self.lines.of_top("days")
        self.days = format3.read_days(self, doc, line)
        given = doc.get("days_per_week")
        if isinstance(given, int) and not isinstance(given, bool):
            format3.check_days_agree(self, self.days, given, line)
        if self.days and "days_per_week" not in doc:
            return {**doc, "days_per_week": len(self.days)}
        return doc

    def _progress_after_weeks(self, doc: dict[str, Any]) -> int:
        if self.format < 3:
            return 0
        line = self.lines.of_top("progress_after_weeks")
        weeks = self.number(doc, "progress_after_weeks", line, limits=(1, 52), integer=True, default=0)
        return int(weeks or 0)

    def _format(self, doc: dict[str, Any]) -> str:
        """Reads `format`; returns "newer" for a format this version does not know yet."""
        line = self.lines.of_top("format")
        if "format" not in doc:
            said = N_("the file must say which format it uses: add 'format = {version}' at the top")
            self.error(1, Sentence(said, version=FORMAT_VERSION))
            return ""
        value = doc["format"]
        wrong = N_("format must be a whole number from {oldest} to {newest}, got {value}")
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(line, Sentence(wrong, oldest=FORMAT_VERSION, newest=NEWEST_FORMAT, value=show(value)))
        elif value > NEWEST_FORMAT:
            said = N_("format {value} needs a newer Rehab Coach: this one reads formats {oldest} to {newest}")
            self.error(line, Sentence(said, value=show(value), oldest=FORMAT_VERSION, newest=NEWEST_FORMAT))
            return "newer"
        elif value < FORMAT_VERSION:
            self.error(line, Sentence(wrong, oldest=FORMAT_VERSION, newest=NEWEST_FORMAT, value=show(value)))
        else:
            self.format = value
        return ""

    def _exercises(self, doc: dict[str, Any]) -> tuple[Exercise, ...] | None:
        line = self.lines.of_top("exercises")
        tables = doc.get("exercises")
        if tables is None:
            self.error(1, Sentence(N_("the routine has no exercises: add at least one [[exercises]] table")))
            return None
        if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables) or not tables:
            self.error(line, Sentence(N_("exercises must be a list of [[exercises]] tables")))
            return None
        exercises: list[Exercise] = []
        first_line: dict[str, int] = {}
        for index, table in enumerate(tables):
            exercise = self._exercise(index, table)
            if exercise is None:
                continue
            if exercise.id in first_line:
                self.error(
                    self.lines.of_exercise(index, "id"),
                    Sentence(
                        N_("exercise id '{id}' is used twice (first at line {line})"),
                        id=exercise.id,
                        line=first_line[exercise.id],
                    ),
                )
                continue
            first_line[exercise.id] = self.lines.of_exercise(index, "id")
            exercises.append(exercise)
        if len(exercises) != len(tables):
            return None
        if too_many := too_many_steps(tuple(exercises)):
            self.error(max(exercises, key=lambda e: planned_work_steps((e,))).line, too_many)
            return None
        icing = [e for e in exercises if e.icing]
        total = planned_icing_minutes(icing)
        if total > ICING_MAX_MINUTES:
            self.error(
                icing[-1].line,
                Sentence(
                    N_("the icing in this routine adds up to {minutes} minutes: {reason}"),
                    minutes=f"{total:g}",
                    reason=ICING_LIMIT_REASON,
                ),
            )
            return None
        return tuple(exercises)

    # -- one exercise ---------------------------------------------------------------------------------

    def _exercise(self, index: int, table: dict[str, Any]) -> Exercise | None:
        errors_before = self.error_count()
        original = table

        def line(key: str | None = None) -> int:
            return self.lines.of_exercise(index, key)

        self.unknown_keys(
            table, EXERCISE_KEYS + EXERCISE_KEYS_2 + EXERCISE_KEYS_3 + RUN_WALK_KEYS, line, "exercise"
        )
        by_side: dict[str, dict[str, Any]] = {}
        loads: tuple[tuple[str, ...], int] = ((), 0)
        if self.format >= 3:
            raw_sides = table.get("sides")
            names = (
                [s.strip().lower() for s in raw_sides if isinstance(s, str)]
                if isinstance(raw_sides, list)
                else []
            )
            table, by_side = format3.split_by_side(self, table, names, line)
            table, steps, step = format3.split_loads(self, table, line)
            loads = (steps, step)
            table = self._tempo_as_rep_time(table)
        else:
            format3.refuse_format_3_values(self, table, EXERCISE_KEYS_3 + RUN_WALK_KEYS, line)
        ranges: tuple[tuple[int, int] | None, tuple[float, float] | None] = (None, None)
        if self.format >= 2:
            table, reps_range, hold_range = format2.split_ranges(self, table, line)
            ranges = (reps_range, hold_range)
        else:
            format2.refuse_format_2_keys(self, table, EXERCISE_KEYS_2, line)
        extras = format2.read_extras(self, table, line, ranges) if self.format >= 2 else None
        exercise_id = self._identifier(table, "id", line("id"), index + 1, header=line())
        name = self.text(table, "name", line("name"), required=True, header=line())
        number = self._number
        sets = number(table, "sets", line("sets"), integer=True, default=1)
        reps = number(table, "reps", line("reps"), integer=True)
        rep_seconds = number(table, "rep_seconds", line("rep_seconds"))
        hold = number(table, "hold_seconds", line("hold_seconds"))
        rest = number(table, "rest_seconds", line("rest_seconds"), default=0)
        icing = self.flag(table, "icing", line("icing"))
        timer = self._timer_minutes(
            table, line("timer_minutes" if "timer_minutes" in table else "icing"), icing
        )
        kind = self._kind(table, line(), icing)
        extras3 = format3.read_extras(self, original, line, loads, kind) if self.format >= 3 else None
        running = run_walk_keys.RunWalkExtras()
        if self.format >= 3:
            running = run_walk_keys.read_run_walk(self, original, line)
        if rep_seconds is not None and reps is None and "reps" not in table:
            self.error(line("rep_seconds"), Sentence(N_("rep_seconds only applies to an exercise with reps")))
        sides = self._sides(table, line("sides"), SIDE_NAMES_3 if self.format >= 3 else SIDE_NAMES)
        instructions = self._instructions(table, line("instructions"))
        image = self._image(table, line("image"))
        if kind is not None and exercise_id is not None and name is not None:
            minutes = (timer or 0.0) * int(sets or 1) * max(1, len(sides))
            looks = " ".join((name, *instructions, exercise_id.replace("-", " ").replace("_", " ")))
            format2.check_icing_lookalike(self, (kind, icing, name), looks, minutes, line())
            if extras is not None:
                format2.check_progression(self, extras.progression, kind, icing, line("progression"))
                format2.check_prescribed(
                    self, extras, (None if reps is None else int(reps), hold, int(sets or 1)), line
                )
                format2.warn_hold_range_without_progression(self, kind, extras, name, line())
            if extras3 is not None and extras is not None:
                format3.check_progression_3(self, extras3, extras.progression, extras.reps_range, line)
                plan = (self.plan.days_per_week, self.plan.times_per_day, self.days)
                format3.check_against_routine(self, extras3, plan, line)
        has_errors = self.error_count() > errors_before
        if has_errors or kind is None or exercise_id is None or name is None:
            return None
        extras = extras or format2.ExerciseExtras()
        extras3 = extras3 or format3.ExerciseExtras3()
        reps_now = extras.start_reps or (int(reps) if reps is not None else None)
        hold_now = extras.start_hold or hold or 0.0
        return Exercise(
            id=exercise_id,
            name=name,
            kind=kind,
            sets=int(sets or 1),
            reps=reps_now,
            rep_seconds=(rep_seconds or DEFAULT_REP_SECONDS) if kind is ExerciseKind.REPS else 0.0,
            hold_seconds=hold_now,
            timer_minutes=timer or 0.0,
            sides=sides,
            rest_seconds=rest or 0.0,
            icing=icing,
            instructions=instructions,
            image=image,
            line=line(),
            reps_range=extras.reps_range,
            hold_range=extras.hold_range,
            load=extras.load,
            progression=extras.progression,
            rest_after_seconds=extras.rest_after_seconds,
            targets=extras.targets,
            prescribed_reps=extras.prescribed_reps,
            prescribed_hold_seconds=extras.prescribed_hold_seconds,
            prescribed_sets=extras.prescribed_sets,
            times_per_day=extras3.times_per_day,
            days_per_week=extras3.days_per_week,
            days=extras3.days,
            pain_limit=extras3.pain_limit,
            tempo=extras3.tempo,
            until_tired=extras3.until_tired,
            side_doses=format3.side_doses(by_side, int(sets or 1), reps_now, hold_now),
            loads=extras3.loads,
            load_step=extras3.load_step,
            reps_after_load=extras3.reps_after_load,
            levels=extras3.levels,
            level_step=extras3.level_step,
            level_up_after_pain_free_reps=extras3.level_up_after_pain_free_reps,
            progress_after_weeks=extras3.progress_after_weeks,
            run_walk=running.run_walk,
            stages=running.stages,
            stage=running.stage,
            cadence_bpm=running.cadence_bpm,
        )

    @staticmethod
    def _tempo_as_rep_time(table: dict[str, Any]) -> dict[str, Any]:
        """A valid tempo gives the rep's time and its hold, so the format 1 checks see a rep with a hold."""
        tempo = table.get("tempo")
        valid = (
            isinstance(tempo, list)
            and len(tempo) == 3
            and all(isinstance(v, int | float) and not isinstance(v, bool) for v in tempo)
            and "rep_seconds" not in table
            and "hold_seconds" not in table
        )
        if not valid:
            return table
        assert isinstance(tempo, list)
        up, hold, down = (float(v) for v in tempo)
        changed = {**table, "rep_seconds": max(0.5, min(60.0, up + down))}
        if hold > 0:
            changed["hold_seconds"] = max(1.0, hold)
        return changed

    def _kind(self, table: dict[str, Any], header: int, icing: bool) -> ExerciseKind | None:
        if run_walk_keys.is_run_walk(table):  # format 3's; what may not go with it: read_run_walk
            return ExerciseKind.RUN_WALK if self.format >= 3 else None
        has = {key for key in ("reps", "hold_seconds", "timer_minutes") if key in table}
        if icing:
            if has - {"timer_minutes"}:
                self.error(
                    header,
                    Sentence(N_("an icing exercise is a plain timer: give timer_minutes, not reps or holds")),
                )
                return None
            return ExerciseKind.TIMER
        if "timer_minutes" in has and len(has) > 1:
            self.error(
                header,
                Sentence(
                    N_("an exercise is either a timer or reps/holds: remove timer_minutes or the others")
                ),
            )
            return None
        if "reps" in has:
            return ExerciseKind.REPS
        if "hold_seconds" in has:
            return ExerciseKind.HOLD
        if "timer_minutes" in has:
            return ExerciseKind.TIMER
        self.error(
            header,
            Sentence(N_("the exercise needs reps, hold_seconds or timer_minutes to say how it is done")),
        )
        return None

    def _timer_minutes(self, table: dict[str, Any], line: int, icing: bool) -> float | None:
        if icing and "timer_minutes" not in table:
            # Said, never assumed: how long the ice stays on is the physiotherapist's number.
            self.error(
                line,
                Sentence(
                    N_("an icing exercise needs timer_minutes (at most {limit})"), limit=ICING_MAX_MINUTES
                ),
            )
            return None
        minutes = self._number(table, "timer_minutes", line)
        if icing and minutes is not None and minutes > ICING_MAX_MINUTES:
            said = N_("an icing timer of {minutes} minutes is too long: {reason}")
            self.error(line, Sentence(said, minutes=f"{minutes:g}", reason=ICING_LIMIT_REASON))
            return None
        return minutes

    def _sides(self, table: dict[str, Any], line: int, known: tuple[str, ...]) -> tuple[str, ...]:
        if "sides" not in table:
            return ()
        value = table["sides"]
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(s, str) and s.strip() for s in value)
        ):
            said = N_('sides must be a list of names such as ["left", "right"], got {value}')
            self.error(line, Sentence(said, value=show(value)))
            return ()
        names = [s.strip().lower() for s in value]  # "Left" is left: spelling, not meaning
        for name in names:
            if name not in known:
                import difflib  # only for a misspelt side: not on every start

                guess = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
                if guess:
                    said = N_("'{name}' is not a side the app knows; did you mean '{guess}'?")
                    self.error(line, Sentence(said, name=name, guess=guess[0]))
                else:
                    said = N_("'{name}' is not a side the app knows; sides are {known}")
                    self.error(line, Sentence(said, name=name, known=", ".join(known)))
                return ()
        if len(set(names)) != len(names):
            self.error(line, Sentence(N_("sides lists the same side twice: {value}"), value=show(value)))
        elif len(names) > 4 or any(len(n) > 30 for n in names):
            self.error(line, Sentence(N_("sides may list at most 4 names of at most 30 characters")))
        return tuple(names)

    def _instructions(self, table: dict[str, Any], line: int) -> tuple[str, ...]:
        value = table.get("instructions", [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
            self.error(
                line, Sentence(N_("instructions must be a list of sentences, got {value}"), value=show(value))
            )
            return ()
        read = (self.plain(s, "instructions", line, limit=MAX_TEXT_CHARACTERS) for s in value if s.strip())
        return tuple(s for s in read if s)

    def _image(self, table: dict[str, Any], line: int) -> Path | None:
        name = self.text(table, "image", line)
        if name is None:
            return None
        if "\0" in name or len(name) > 255:
            self.error(line, Sentence(N_("image {name} is not a usable file name"), name=show(name)))
            return None
        folder = self._folder
        candidate = resolved(folder / name)
        if candidate is None:
            said = N_("image '{name}' is a link that loops or cannot be followed; none is shown")
            self.warn(line, Sentence(said, name=name))
            return None
        if Path(name).is_absolute() or not candidate.is_relative_to(folder):
            said = N_("image '{name}' points outside the routine's folder; keep images beside the file")
            self.error(line, Sentence(said, name=name))
            return None
        places = [candidate]
        if self.assets_dir is not None:
            bundled_folder = self._bundled_folder
            bundled = resolved(bundled_folder / name)
            places += [bundled] if bundled is not None and bundled.is_relative_to(bundled_folder) else []
        for place in places:
            with contextlib.suppress(OSError):  # e.g. a name too long for this file system
                if place.is_file():
                    problem = illustration_problem(place, name)
                    if problem is not None:
                        self.warn(line, problem)
                        return None
                    return place
        self.warn(
            line,
            Sentence(
                N_(
                    "image '{name}' is neither beside the routine nor among the bundled illustrations; "
                    "none is shown"
                ),
                name=name,
            ),
        )
        return None

    # Resolved once a file, not once an image: resolving reads every folder on the way (a start checks all).
    @functools.cached_property
    def _folder(self) -> Path:
        return self.path.parent.resolve()

    @functools.cached_property
    def _bundled_folder(self) -> Path:
        assert self.assets_dir is not None
        return (self.assets_dir / ILLUSTRATIONS).resolve()

    def _number(
        self,
        table: dict[str, Any],
        key: str,
        line: int,
        *,
        integer: bool = False,
        default: float | None = None,
    ) -> float | None:
        return self.number(table, key, line, limits=_LIMITS[key], integer=integer, default=default)

    def _identifier(
        self, table: dict[str, Any], key: str, line: int, exercise: int = 0, header: int = 1
    ) -> str | None:
        """An id; `exercise` is the exercise's number from 1 (0: the routine's own id)."""
        value = self.text(table, key, line, required=True, header=header)
        if value is not None and not ID_PATTERN.match(value):
            if exercise:
                said = N_(
                    "exercise {number} id '{id}' may use only lowercase letters, digits, '-' and '_' (at "
                    "most 64)"
                )
            else:
                said = N_(
                    "the routine id '{id}' may use only lowercase letters, digits, '-' and '_' (at most 64)"
                )
            self.error(line, Sentence(said, number=exercise, id=value))
            return None
        return value
