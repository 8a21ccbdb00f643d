"""The routine library as the last start read it, so that the next start can paint before it reads again.

Checking every routine file (TOML parsing, the line scanner, the checker and the modules behind them) is
about a tenth of a second's start on a slow machine, before the first window can paint. The library a start
found is kept as JSON (`cache/routines.json` in the data folder) under a stamp: every routine file's name,
size and modification time in both folders, the app's version and its routine-reading code. A start whose
stamp matches shows that library at once; any change to a file, a folder or the code misses, and the files
are read as before. After the first paint the app reads the files anyway and shows what it finds if that
differs (an illustration that vanished, say), then keeps it for the next start: the cache only ever decides
what the first paint shows, never what a session runs.

Only the library's own types are rebuilt from the file (a registry, not pickle): a damaged or foreign cache
is read as no cache.
"""

from __future__ import annotations

import dataclasses
import enum
import json
from pathlib import Path
from typing import Any

from coach import __version__
from coach.core.i18n import language
from coach.core.reading import UnreadableFileError, read_bounded
from coach.core.routines.library import BrokenRoutine, Library, Origin, RoutineEntry
from coach.core.routines.model import (
    Exercise,
    ExerciseKind,
    ProgressionKind,
    Requirement,
    Routine,
    RunWalk,
    SideDose,
    Target,
)
from coach.core.routines.translations import FOLDER
from coach.core.routines.values import Problem

CACHE_FILE = Path("cache") / "routines.json"
_FORMAT = 1
# Far above a big library (hundreds of routines of at most 1 MB of TOML each make far less JSON).
MAX_CACHE_BYTES = 32_000_000

_CLASSES: dict[str, type[Any]] = {
    cls.__name__: cls
    for cls in (
        Library,
        RoutineEntry,
        BrokenRoutine,
        Problem,
        Routine,
        Exercise,
        SideDose,
        RunWalk,
        Requirement,
    )
}
_ENUMS: dict[str, type[enum.Enum]] = {
    cls.__name__: cls for cls in (Origin, ExerciseKind, ProgressionKind, Target)
}
_ROUTINE_CODE = Path(__file__).resolve().parent  # a changed checker must not show what the old one found


def library_stamp(bundled_dir: Path, user_dir: Path, assets_dir: Path | None) -> list[Any]:
    """What the library depends on, cheaply: each routine file's name, size and time, and the code's."""
    stamp: list[Any] = [_FORMAT, __version__, str(assets_dir), language()]
    folders = (bundled_dir, user_dir, bundled_dir / FOLDER, user_dir / FOLDER, _ROUTINE_CODE)
    for folder in folders:
        pattern = "*.py" if folder == _ROUTINE_CODE else "*.toml"
        files: list[Any] = []
        try:
            for path in sorted(folder.glob(pattern)):
                status = path.stat()
                files.append([path.name, status.st_size, status.st_mtime_ns])
        except OSError:
            files = [None]  # unreadable now: never matches a stamp taken when it could be read
        stamp.append([str(folder), files])
    return stamp


def load_library(cache: Path, stamp: list[Any]) -> Library | None:
    """The library kept under `stamp`; None when there is none, it is damaged, or anything has changed."""
    try:
        kept = json.loads(read_bounded(cache, MAX_CACHE_BYTES, "the library cache").decode("utf-8"))
        if not isinstance(kept, dict) or kept.get("stamp") != stamp:
            return None
        library = _decode(kept["library"])
    except (UnreadableFileError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None
    return library if isinstance(library, Library) else None


def save_library(cache: Path, stamp: list[Any], library: Library) -> None:
    """Keep `library` for the next start; a cache that cannot be written is simply not kept."""
    text = json.dumps({"stamp": stamp, "library": _encode(library)}, ensure_ascii=False)
    from coach.core.files import write_text_whole  # after the first paint: tempfile is not needed before

    try:
        cache.parent.mkdir(mode=0o700, exist_ok=True)
        write_text_whole(cache, text)
    except OSError:
        pass  # not kept: the next start reads the routine files


def _encode(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return {"enum": type(value).__name__, "value": value.value}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {field.name: _encode(getattr(value, field.name)) for field in dataclasses.fields(value)}
        return {"class": type(value).__name__, "fields": fields}
    if isinstance(value, Path):
        return {"path": str(value)}
    if isinstance(value, tuple):
        return [_encode(item) for item in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    raise TypeError(f"the routine library holds a {type(value).__name__}, which its cache cannot keep")


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_decode(item) for item in value)  # the library's sequences are all tuples
    if not isinstance(value, dict):
        return value
    if "enum" in value:
        return _ENUMS[value["enum"]](value["value"])
    if "path" in value:
        return Path(value["path"])
    fields = value["fields"]
    return _CLASSES[value["class"]](**{name: _decode(item) for name, item in fields.items()})
