"""Writing a file whole or not at all: drawn beside its place, checked, flushed to disk, then renamed.

A reader (or a physiotherapist's spreadsheet) therefore finds the old file or the whole new one, never a
part; a full disk or a kill leaves no half-written file behind, and a writer that produced nothing (Qt's
PDF writer reports no errors) is caught by checking what it wrote.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from coach.core.i18n import _
from coach.core.reading import UnreadableFileError, read_bounded

# Checks the finished temporary file; returns why it is not acceptable, or None.
Check = Callable[[Path], str | None]
# Written, complete, just before the files of a pair are renamed into a folder shared with other files: an
# export killed between two renames is finished by the next one, so the pair lands together (the next
# export of the folder, or `finish_interrupted_renames`, completes what the manifest lists).
RENAMES_MANIFEST = ".rehab-coach-renames.json"
MANIFEST_MAX_BYTES = 64 * 1024  # two file names and their temporary names


class WriteError(Exception):
    """The file could not be written whole; the message says why, with the path."""


def not_replaceable(path: Path) -> str | None:
    """Why `path` must not be replaced by a file written whole (only a regular file may be), or None.

    A rename replaces whatever has the name: run as root, `--force` once put a PDF in place of /dev/full.
    """
    try:
        facts = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        return _("{path} cannot be looked at ({error}); it was not replaced").format(
            path=path, error=error.strerror or error
        )
    if stat.S_ISLNK(facts.st_mode):
        return _("{path} is a link; it was not replaced (name the file itself, or another name)").format(
            path=path
        )
    if stat.S_ISDIR(facts.st_mode):
        return _("{path} is a folder; it was not replaced").format(path=path)
    if not stat.S_ISREG(facts.st_mode):
        return _("{path} is a device or another special file, not a plain file; it was not replaced").format(
            path=path
        )
    return None


def new_private_temporary(target: Path) -> Path:
    """An empty file beside `target`, readable by its owner only, with a hidden name."""
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}-", suffix=".part", dir=target.parent)
    os.close(descriptor)
    return Path(temporary)


def write_text_whole(target: Path, text: str, *, mode: int = 0o600) -> None:
    """Write `text` (UTF-8) as `target`, whole or not at all: a private temporary file beside it, fsynced,
    renamed over it, and the folder fsynced so that the rename survives a power cut. On failure the
    temporary file is removed, the old `target` is left as it was, and the OSError is raised as it came.

    The one home of "write beside, then rename" for small files: settings, the person's routine copy,
    the library cache, the launcher and the autostart entry (exports and backups use write_whole and
    write_together). The file gets `mode` whatever the umask: private by default, 0o644 for what the
    desktop reads.
    """
    write_bytes_whole(target, text.encode("utf-8"), mode=mode)


def write_bytes_whole(target: Path, data: bytes, *, mode: int = 0o600) -> None:
    """`write_text_whole` for bytes (an icon)."""
    temporary = new_private_temporary(target)
    try:
        with temporary.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode != 0o600:
            temporary.chmod(mode)
        os.replace(temporary, target)
        sync_folder(target.parent)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def make_shared_folders(folder: Path) -> None:
    """Create `folder` and its missing parents 0o755 whatever the umask (others may read, only its owner
    change); folders that exist are left as they are."""
    missing = []
    while not folder.is_dir():
        missing.append(folder)
        folder = folder.parent
    for new in reversed(missing):
        new.mkdir(exist_ok=True)
        new.chmod(0o755)


def sync_file(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX; elsewhere the rename is durable enough)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_together(writes: Sequence[tuple[Path, Callable[[Path], None]]], check: Check | None = None) -> None:
    """Write each target through `writer(temporary)`; rename them all into place only when all are whole.

    Raises WriteError (every temporary file removed, every target as it was) when a writer fails, the
    disk is full, or `check` (default: not empty) refuses what was written.
    """
    temporaries: list[Path] = []
    current = writes[0][0]
    try:
        for target, writer in writes:
            current = target
            temporary = new_private_temporary(target)
            temporaries.append(temporary)
            writer(temporary)
            problem = (check or _not_empty)(temporary)
            if problem:
                raise WriteError(
                    _("{path}: {problem}; nothing was written").format(path=target, problem=problem)
                )
            sync_file(temporary)
        pairs = [(temporary, target) for (target, _), temporary in zip(writes, temporaries, strict=True)]
        manifest = _write_manifest(pairs) if len(pairs) > 1 else None
        for temporary, target in pairs:
            os.replace(temporary, target)
        for folder in {target.parent for target, _ in writes}:
            sync_folder(folder)
        if manifest is not None:
            manifest.unlink()
    except OSError as error:
        _remove(temporaries)
        raise WriteError(
            _("{path}: {problem}; nothing was written").format(path=current, problem=_reason(error))
        ) from error
    except BaseException:
        _remove(temporaries)
        raise


def write_folder(folder: Path, writes: Sequence[tuple[str, Callable[[Path], None]]]) -> None:
    """Write the files NAME (through `writer(path)`) into `folder` so that they land together, all or none.

    When `folder` is missing, or holds nothing but these files, the new files are drawn in a hidden folder
    beside it, which then takes its place in one step (an atomic exchange where the system has one; else
    the old folder steps aside first, so that a kill between leaves no folder, never a mixed one). When the
    folder holds other things too (or is a link or a mount point), the files are renamed in one after another
    (`write_together`).
    Hidden folders and files left by an earlier, killed export are removed first.
    """
    names = {name for name, _ in writes}
    _remove_leftovers(folder, names)
    in_place = folder.is_symlink() or os.path.ismount(folder)  # a link or a disk's top cannot be renamed
    if in_place or (folder.exists() and {p.name for p in folder.iterdir()} - names):
        write_together([(folder / name, writer) for name, writer in writes])
        return
    folder.parent.mkdir(parents=True, exist_ok=True)
    drawn = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", suffix=".part", dir=folder.parent))
    current = drawn
    try:
        for name, writer in writes:
            current = drawn / name
            current.touch(mode=0o600)  # health data: its owner's alone, as every file the app writes
            writer(current)
            problem = _not_empty(current)
            if problem:
                raise WriteError(
                    _("{path}: {problem}; nothing was written").format(path=folder / name, problem=problem)
                )
            sync_file(current)
        sync_folder(drawn)
        current = folder
        if not folder.exists():
            os.rename(drawn, folder)
        elif not _exchange(drawn, folder):
            aside = drawn.with_suffix(".old")
            os.rename(folder, aside)
            os.rename(drawn, folder)
            drawn = aside
        sync_folder(folder.parent)
    except OSError as error:
        raise WriteError(
            _("{path}: {problem}; nothing was written").format(path=current, problem=_reason(error))
        ) from error
    finally:
        shutil.rmtree(drawn, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes  # ~0.5 MiB with libffi, for a rename that exports alone make

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_current_folder, rename_exchange = -100, 2
    done = renameat2(
        at_current_folder, os.fsencode(first), at_current_folder, os.fsencode(second), rename_exchange
    )
    return bool(done == 0)


def _write_manifest(pairs: Sequence[tuple[Path, Path]]) -> Path | None:
    """Record the renames about to happen (all in one folder), durably; None when they span folders."""
    folders = {target.parent for _, target in pairs} | {temporary.parent for temporary, _ in pairs}
    if len(folders) != 1:
        return None
    folder = folders.pop()
    manifest = folder / RENAMES_MANIFEST
    names = [[temporary.name, target.name] for temporary, target in pairs]
    write_whole_text(manifest, json.dumps({"renames": names}))
    return manifest


def write_whole_text(target: Path, text: str) -> None:
    """A small text file written whole (beside its place, flushed, renamed)."""
    temporary = new_private_temporary(target)
    try:
        temporary.write_text(text, encoding="utf-8")
        sync_file(temporary)
        os.replace(temporary, target)
        sync_folder(target.parent)
    except BaseException:
        _remove([temporary])
        raise


def finish_interrupted_renames(folder: Path) -> bool:
    """Finish the renames an export killed half-way listed (so its pair lands whole); whether it did."""
    manifest = folder / RENAMES_MANIFEST
    try:
        # Bounded: the folder is the person's, so a pipe or a huge file could sit under the manifest's name
        raw = json.loads(read_bounded(manifest, MANIFEST_MAX_BYTES, "a note of renames").decode("utf-8"))
        renames = [(str(a), str(b)) for a, b in raw["renames"]]
    except (UnreadableFileError, ValueError, KeyError, TypeError):
        return False
    for temporary, target in renames:
        if "/" in temporary or "/" in target or not temporary.startswith("."):
            return False  # not a manifest of ours: leave everything as it is
        with contextlib.suppress(FileNotFoundError):
            os.replace(folder / temporary, folder / target)
    sync_folder(folder)
    manifest.unlink(missing_ok=True)
    return True


def _remove_leftovers(folder: Path, names: set[str]) -> None:
    """Hidden drafts of an export that was killed: health data nobody should find later.

    An export killed between renaming the files of its pair is finished first, so the pair is whole.
    """
    if folder.is_dir():
        finish_interrupted_renames(folder)
    patterns: list[tuple[Path, str, tuple[str, ...]]] = [
        (folder.parent, f".{folder.name}-", (".part", ".old"))
    ]
    patterns += [(folder, f".{name}-", (".part",)) for name in (*names, RENAMES_MANIFEST)]
    for place, prefix, suffixes in patterns:
        if not place.is_dir() or place.is_symlink():
            continue
        for leftover in place.iterdir():
            if leftover.name.startswith(prefix) and leftover.name.endswith(suffixes):
                if leftover.is_dir() and not leftover.is_symlink():
                    shutil.rmtree(leftover, ignore_errors=True)
                else:
                    with contextlib.suppress(OSError):
                        leftover.unlink()


def remove_drafts(target: Path) -> None:
    """Remove the hidden drafts of `target` (`.NAME-….part`) that a killed writer left beside it: health
    data nobody should find later (a PDF report killed while drawn, say)."""
    folder, prefix = target.parent, f".{target.name}-"
    if not folder.is_dir() or folder.is_symlink():
        return
    for leftover in folder.iterdir():
        if leftover.name.startswith(prefix) and leftover.name.endswith(".part") and leftover.is_file():
            with contextlib.suppress(OSError):
                leftover.unlink()


def write_whole(target: Path, writer: Callable[[Path], None], check: Check | None = None) -> None:
    """`write_together` for one file."""
    write_together([(target, writer)], check)


def _not_empty(path: Path) -> str | None:
    return _("the written file was empty (is the disk full?)") if path.stat().st_size == 0 else None


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return _("the disk is full")
    return error.strerror or str(error)


def _remove(paths: list[Path]) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
