"""Making and changing the person's own routines: a draft to edit (their own file, a copy of a bundled one,
or a new one) and saving it into their routines folder, whole or not at all.

The routine editor (coach/gui/routine_editor.py) calls these through the runner; `coach new` writes a
starter file the same way.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from coach.core.files import write_text_whole
from coach.core.i18n import _
from coach.core.operations.changes import Changes, OpResult, Refused
from coach.core.operations.context import Coach
from coach.core.paths import ensure_private_dir
from coach.core.routines.bounds import UnreadableRoutineError
from coach.core.routines.editing import RoutineDraft
from coach.core.routines.library import Origin
from coach.core.routines.loader import read_routine_text

ROUTINES = Changes(routines=True)


def draft_routine(coach: Coach, routine_id: str) -> RoutineDraft:
    """The routine `routine_id` as a draft: the person's own file as it is (comments and all), or a copy of
    a bundled one, saved as their own with the same id (it then takes the bundled one's place)."""
    entry = coach.library.find(routine_id)
    if entry is None:
        raise Refused(_("There is no routine {id} to edit.").format(id=repr(routine_id)))
    assert entry.path is not None
    try:
        text = read_routine_text(entry.path)  # the file may have been replaced since the library read it
    except UnreadableRoutineError as refusal:
        raise Refused(f"{entry.path}: {refusal}") from None
    if entry.origin is Origin.USER:
        return RoutineDraft(text, entry.path)
    return RoutineDraft(text, None, copy_of=routine_id)


def draft_target(coach: Coach, draft: RoutineDraft) -> Path:
    """Where the draft will be saved: back over the person's own file, else `ID.toml` in their folder."""
    own = coach.places.user_routines
    if draft.path is not None and draft.path.parent.resolve() == own.resolve():
        return draft.path
    return own / f"{draft.routine_id or 'routine'}.toml"


def save_routine(coach: Coach, draft: RoutineDraft) -> OpResult[Path]:
    """Save the draft into the person's routines folder when the validator accepts it; an existing file is
    kept beside it as `NAME.bak` first."""
    target = draft_target(coach, draft)
    checked = draft.check(target, coach.places.assets)
    if not checked.valid:
        first = checked.checked.errors[0]
        said = _("This routine cannot be saved yet: line {line}: {problem}")
        raise Refused(said.format(line=first.line, problem=first.message))
    routine_id = draft.routine_id
    taken = coach.library.find(routine_id)
    if draft.path is None and taken is not None and routine_id != draft.copy_of:
        if taken.origin is Origin.BUNDLED:
            said = _("The id {id} is already used by a bundled routine; choose another id.")
        else:
            said = _("The id {id} is already used by your routine {file}; choose another id.")
        raise Refused(said.format(id=repr(routine_id), file=taken.path.name))
    ensure_private_dir(target.parent)
    if target.exists():
        shutil.copyfile(target, target.with_name(target.name + ".bak"))
    write_text_whole(target, draft.text())
    draft.path = target
    draft.copy_of = ""
    return OpResult(target, ROUTINES)
