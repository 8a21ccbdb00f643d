"""Typed values out of a parsed TOML table, each problem recorded as `PATH:LINE: sentence`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coach.core.i18n import N_, _
from coach.core.plain_text import without_control_characters, without_direction_controls

# Names and titles are read from across the room and drawn at every tick of the player: a few words each.
# (A valid 1 MB file once named an exercise with 990,000 characters and stalled each tick for 2.9 s.)
MAX_NAME_CHARACTERS = 120
# Any other text: a description, an instruction, a paragraph of education.
MAX_TEXT_CHARACTERS = 2_000
# The keys that are names or titles; the keys whose text may run over several lines.
NAME_KEYS = ("title", "name")
MULTI_LINE_KEYS = ("description",)
FILE_NAME_KEYS = ("image",)


_NOT_A_NUMBER = N_("{key} must be a number, got {value}")
# An unknown key, by what it belongs to (whole sentences: "routine key" and "Routinenschlüssel" are one word
# in one language and two in another).
_UNKNOWN_GUESS = {
    "routine": N_("unknown routine key '{key}'; did you mean '{guess}'?"),
    "exercise": N_("unknown exercise key '{key}'; did you mean '{guess}'?"),
    "translation": N_("unknown translation key '{key}'; did you mean '{guess}'?"),
    "translated exercise": N_("unknown translated exercise key '{key}'; did you mean '{guess}'?"),
}
_UNKNOWN_KNOWN = {
    "routine": N_("unknown routine key '{key}'; known keys are {known}"),
    "exercise": N_("unknown exercise key '{key}'; known keys are {known}"),
    "translation": N_("unknown translation key '{key}'; known keys are {known}"),
    "translated exercise": N_("unknown translated exercise key '{key}'; known keys are {known}"),
}


class Sentence:
    """A sentence for a person, kept as its English template (marked with N_) and its named values: `said()`
    in the chosen language, `english()` as the source writes it (a value may itself be a Sentence)."""

    __slots__ = ("template", "values")

    def __init__(self, template: str, /, **values: object) -> None:
        self.template = template
        self.values = values

    def said(self) -> str:
        return _(self.template).format(**{k: _said(v) for k, v in self.values.items()})

    def english(self) -> str:
        return self.template.format(**{k: _english(v) for k, v in self.values.items()})

    def __str__(self) -> str:
        return self.said()


class Said(Sentence):
    """Words already said in the chosen language (a count's form from ngettext, a run-walk described), with
    their English."""

    __slots__ = ("_said",)

    def __init__(self, said: str, english: str) -> None:
        super().__init__(english)
        self._said = said

    def said(self) -> str:
        return self._said

    def english(self) -> str:
        return self.template


def _said(value: object) -> object:
    return value.said() if isinstance(value, Sentence) else value


def _english(value: object) -> object:
    return value.english() if isinstance(value, Sentence) else value


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong (or, with `warning`, merely worth knowing) about a routine file: `message` in the
    chosen language (what people read), `english` the same in English where it differs ("" where not: for
    `--json` and logs, which stay English)."""

    path: Path
    line: int
    message: str
    warning: bool = False
    english: str = ""

    @classmethod
    def of(cls, path: Path, line: int, sentence: str | Sentence, *, warning: bool = False) -> Problem:
        """A problem saying `sentence` (a Sentence: in the chosen language, its English kept too)."""
        if isinstance(sentence, str):
            return cls(path, line, sentence, warning)
        said, english = sentence.said(), sentence.english()
        return cls(path, line, said, warning, "" if english == said else english)

    def __str__(self) -> str:
        """`PATH:LINE: what is wrong` in the chosen language."""
        if self.warning:
            return _("{path}:{line}: warning: {message}").format(
                path=self.path, line=self.line, message=self.message
            )
        return f"{self.path}:{self.line}: {self.message}"

    def in_english(self) -> str:
        """`PATH:LINE: what is wrong` in English whatever the language (for `--json`)."""
        prefix = "warning: " if self.warning else ""
        return f"{self.path}:{self.line}: {prefix}{self.english or self.message}"


class ValueReader:
    """Reads keys of one file's tables, collecting a Problem for every value that is not as it must be."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def error(self, line: int, message: str | Sentence) -> None:
        self.problems.append(Problem.of(self.path, line, message))

    def warn(self, line: int, message: str | Sentence) -> None:
        self.problems.append(Problem.of(self.path, line, message, warning=True))

    def error_count(self) -> int:
        return sum(1 for problem in self.problems if not problem.warning)

    def unknown_keys(
        self, table: dict[str, Any], known: tuple[str, ...], line: Callable[[str], int], what: str
    ) -> None:
        for key in table:
            if key in known:
                continue
            # "rest" means rest_seconds, not the nearer-spelled "reps": a key missing only its unit first.
            with_unit = [k for k in known if k.startswith(f"{key}_")]
            import difflib  # only for an unknown key: not on every start

            guess = with_unit or difflib.get_close_matches(key, known, n=1, cutoff=0.6)
            if guess:
                sentence = _UNKNOWN_GUESS[what]
                self.error(line(key), Sentence(sentence, key=key, guess=guess[0]))
            else:
                sentence = _UNKNOWN_KNOWN[what]
                self.error(line(key), Sentence(sentence, key=key, known=", ".join(known)))

    def text(
        self, table: dict[str, Any], key: str, line: int, *, required: bool = False, header: int = 1
    ) -> str | None:
        if key not in table:
            if required:
                self.error(header, Sentence(N_("'{key}' is missing"), key=key))
            return None
        value = table[key]
        if not isinstance(value, str):
            self.error(
                line, Sentence(N_("{key} must be text in quotes, got {value}"), key=key, value=show(value))
            )
            return None
        if required and not value.strip():
            self.error(line, Sentence(N_("{key} must not be empty"), key=key))
            return None
        if key in FILE_NAME_KEYS:  # never shown as text; the caller says why an unusable name is unusable
            return value.strip()
        limit = MAX_NAME_CHARACTERS if key in NAME_KEYS else MAX_TEXT_CHARACTERS
        return self.plain(value, key, line, limit=limit, newlines=key in MULTI_LINE_KEYS)

    def plain(self, value: str, key: str, line: int, *, limit: int, newlines: bool = False) -> str | None:
        """`value` as plain text: control characters removed (with a warning), direction marks removed,
        trimmed; None (with an error) when it is longer than `limit` characters."""
        if len(value) > limit:
            self.error(
                line,
                Sentence(
                    N_("{key} may be at most {limit} characters, got {length}"),
                    key=key,
                    limit=f"{limit:,}",
                    length=f"{len(value):,}",
                ),
            )
            return None
        clean = without_control_characters(value, newlines=newlines)
        if clean != value:
            self.warn(
                line,
                Sentence(
                    N_("{key} held control characters (such as ESC or BEL); they were removed"), key=key
                ),
            )
        return without_direction_controls(clean.strip())

    def flag(self, table: dict[str, Any], key: str, line: int) -> bool:
        value = table.get(key, False)
        if not isinstance(value, bool):
            self.error(
                line, Sentence(N_("{key} must be true or false, got {value}"), key=key, value=show(value))
            )
            return False
        return value

    def number(
        self,
        table: dict[str, Any],
        key: str,
        line: int,
        *,
        limits: tuple[float, float],
        integer: bool = False,
        default: float | None = None,
    ) -> float | None:
        """A number within `limits` (inclusive), `default` when the key is absent, None after an error."""
        if key not in table:
            return default
        value = table[key]
        low, high = limits
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or (integer and isinstance(value, float))
        ):
            sentence = N_("{key} must be a whole number, got {value}") if integer else _NOT_A_NUMBER
            self.error(line, Sentence(sentence, key=key, value=show(value)))
            return None
        if value != value:  # NaN
            self.error(line, Sentence(_NOT_A_NUMBER, key=key, value="nan"))
            return None
        if value < low:
            self.error(
                line,
                Sentence(
                    N_("{key} must be at least {low}, got {value}"),
                    key=key,
                    low=f"{low:g}",
                    value=show(value),
                ),
            )
            return None
        if value > high:
            self.error(
                line,
                Sentence(
                    N_("{key} must be at most {high}, got {value}"),
                    key=key,
                    high=f"{high:g}",
                    value=show(value),
                ),
            )
            return None
        return float(value)


def show(value: object) -> str | Sentence:
    """A value as the person wrote it, short enough for one line (a number too long to show: said so)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int) and value.bit_length() > _LONGEST_SHOWN_BITS:
        digits = round(value.bit_length() * _DIGITS_A_BIT)
        return Sentence(N_("a number of about {digits} digits"), digits=f"{digits:,}")
    try:
        text = f'"{value}"' if isinstance(value, str) else repr(value)
    except ValueError:  # a whole number inside a list past Python's 4,300-digit limit for printing
        return Sentence(N_("numbers far too long to show"))
    return text if len(text) <= 40 else text[:37] + "..."


_LONGEST_SHOWN_BITS = 128
_DIGITS_A_BIT = 0.30103  # log10(2)
