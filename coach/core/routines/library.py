"""All the routines a person can choose from: the bundled ones and their own, with broken files set aside."""

from __future__ import annotations

import enum
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from coach.core.i18n import N_
from coach.core.routines.bounds import link_problem
from coach.core.routines.model import Routine
from coach.core.routines.values import Problem, Sentence

if TYPE_CHECKING:
    from coach.core.routines.loader import CheckedRoutine


class Origin(enum.Enum):
    BUNDLED = "bundled"
    USER = "user"


@dataclass(frozen=True, slots=True)
class RoutineEntry:
    """A usable routine, where it came from, and the bundled file it replaces (if the user adjusted one)."""

    routine: Routine
    origin: Origin
    path: Path
    warnings: tuple[Problem, ...] = ()
    replaces: Path | None = None


@dataclass(frozen=True, slots=True)
class BrokenRoutine:
    """A routine file that could not be used, with every problem found in it."""

    path: Path
    origin: Origin
    problems: tuple[Problem, ...]


@dataclass(frozen=True, slots=True)
class Library:
    """The usable routines, sorted by title, and the files that could not be used."""

    routines: tuple[RoutineEntry, ...]
    broken: tuple[BrokenRoutine, ...]

    def find(self, routine_id: str) -> RoutineEntry | None:
        for entry in self.routines:
            if entry.routine.id == routine_id:
                return entry
        return None


def discover_routines(
    bundled_dir: Path, user_dir: Path, assets_dir: Path | None = None, language: str | None = None
) -> Library:
    """Load every `*.toml` in both folders; a user routine with a bundled routine's id takes its place.

    `language`: the routines' words in that language where a translation exists (translations.py)."""
    bundled, broken = _load_folder(bundled_dir, Origin.BUNDLED, assets_dir, language)
    user, user_broken = _load_folder(user_dir, Origin.USER, assets_dir, language)
    broken += user_broken
    by_id = {entry.routine.id: entry for entry in bundled}
    for entry in user:
        replaced = by_id.get(entry.routine.id)
        by_id[entry.routine.id] = (
            RoutineEntry(entry.routine, entry.origin, entry.path, entry.warnings, replaced.path)
            if replaced
            else entry
        )
    ordered = sorted(by_id.values(), key=lambda e: (e.routine.title.casefold(), e.routine.id))
    return Library(tuple(ordered), tuple(sorted(broken, key=lambda b: str(b.path))))


def _load_folder(
    folder: Path, origin: Origin, assets_dir: Path | None, language: str | None
) -> tuple[list[RoutineEntry], list[BrokenRoutine]]:
    # The checker (tomllib and all) loads when files are read: a start that paints from the library cache
    # (library_cache.py) leaves it until after its first paint.
    from coach.core.routines.loader import check_routine_file

    if not folder.is_dir():
        return [], []
    paths = sorted(folder.glob("*.toml"))
    links = {p: link_problem(p, folder) for p in paths}
    checked = [check_routine_file(p, assets_dir, language) for p in paths if links[p] is None]
    broken = [BrokenRoutine(c.path, origin, c.errors) for c in checked if c.routine is None]
    broken += [
        BrokenRoutine(p, origin, (Problem.of(p, 1, Sentence(why)),))
        for p, why in links.items()
        if why is not None
    ]
    groups: dict[str, list[tuple[CheckedRoutine, Routine]]] = defaultdict(list)
    for c in checked:
        if c.routine is not None:
            groups[c.routine.id].append((c, c.routine))
    entries: list[RoutineEntry] = []
    for routine_id, same in groups.items():
        if len(same) == 1:
            ((only, routine),) = same
            entries.append(RoutineEntry(routine, origin, only.path, only.warnings))
            continue
        for c, routine in same:
            others = ", ".join(o.path.name for o, _ in same if o is not c)
            said = N_("routine id '{id}' is also used by {others}; give each file its own id")
            message = Sentence(said, id=routine_id, others=others)
            broken.append(BrokenRoutine(c.path, origin, (Problem.of(c.path, routine.id_line, message),)))
    return entries, broken
