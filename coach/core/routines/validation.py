"""The validator's sentences by key, for a form that shows each beside its field (the routine editor).

`field_problems` takes a routine as TOML text or as a plain dict (what a form holds) and returns every
problem the loader finds, each with the key path it belongs to: `("title",)`, `("exercises", 2, "reps")`,
or `()` for the file as a whole. The sentences are the loader's own, so the editor and `coach validate` say
the same thing.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomlkit

from coach.core.routines.loader import check_routine_text
from coach.core.routines.toml_lines import KeyLines

KeyPath = tuple[str | int, ...]
_UNNAMED = Path("routine.toml")


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """One sentence of the validator, with the key it is about (`()`: the routine as a whole)."""

    key_path: KeyPath
    line: int
    message: str
    warning: bool = False


def field_problems(
    document: str | Mapping[str, Any], path: Path = _UNNAMED, assets_dir: Path | None = None
) -> list[FieldProblem]:
    """Every problem with `document` (TOML text or a dict of the file's keys), each placed on its key."""
    text = document if isinstance(document, str) else tomlkit.dumps(dict(document))
    checked = check_routine_text(text, path, assets_dir)
    try:
        tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError, ValueError):
        lines = None  # the scanner only ever sees valid TOML; the loader has said where it broke
    else:
        lines = KeyLines(text)
    return [FieldProblem(_key_at(lines, p.line), p.line, p.message, p.warning) for p in checked.problems]


def _key_at(lines: KeyLines | None, line: int) -> KeyPath:
    """The key written on `line`: a top-level key, an exercise's key, or an exercise's header."""
    if lines is None:
        return ()
    for key, at in lines.top.items():
        if at == line and key != "exercises":
            return (key,)
    for index, keys in enumerate(lines.exercises):
        for key, at in keys.items():
            if at == line:
                return ("exercises", index, key)
    for index, header in enumerate(lines.exercise_headers):
        if header == line:
            return ("exercises", index)
    return ()
