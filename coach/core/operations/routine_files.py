"""Making routine files of the person's own: `coach new` (and, later, the routine editor)."""

from __future__ import annotations

from pathlib import Path

from coach.core.files import write_text_whole
from coach.core.i18n import _
from coach.core.operations.changes import Changes, OpResult
from coach.core.operations.context import Coach
from coach.core.paths import ensure_private_dir
from coach.core.refusal import Refused
from coach.core.routines.bounds import UnreadableRoutineError
from coach.core.routines.loader import ID_PATTERN, read_routine_text
from coach.core.routines.starter import copied_text, starter_text


def new_routine(coach: Coach, routine_id: str, from_routine: str | None = None) -> OpResult[Path]:
    """Write a starter file (or a copy of `from_routine`, an id or a file) as `<id>.toml` in the person's
    routines folder, and give its path. Refused for an id that is not one, or a file already there."""
    if not ID_PATTERN.match(routine_id):
        said = _("'{id}' is not a routine id: use lowercase letters, digits, '-' and '_' (at most 64)")
        raise Refused(said.format(id=routine_id))
    folder = coach.places.user_routines
    target = folder / f"{routine_id}.toml"
    if target.exists():
        raise Refused(_("{path} already exists: choose another id, or edit that file").format(path=target))
    if from_routine is None:
        text = starter_text(
            routine_id, routine_id.replace("-", " ").replace("_", " ").capitalize(), target.name
        )
    else:
        text = copied_text(_source_text(coach, from_routine), routine_id)
    ensure_private_dir(folder)
    write_text_whole(target, text)
    coach.reload_library()
    return OpResult(target, Changes(routines=True))


def _source_text(coach: Coach, name: str) -> str:
    path = Path(name)
    if not (name.endswith(".toml") or path.is_file()):
        entry = next((e for e in coach.library.routines if e.routine.id == name), None)
        if entry is None:
            raise Refused(_("no routine '{name}' in your library (see coach routines)").format(name=name))
        path = entry.path
    try:
        return read_routine_text(path)
    except UnreadableRoutineError as refusal:
        raise Refused(f"{path}: {refusal}") from None
