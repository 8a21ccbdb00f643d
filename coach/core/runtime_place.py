"""Where the single-instance socket lives: the user's private runtime folder, never a name others can read.

On Linux the socket goes into XDG_RUNTIME_DIR (or /run/user/UID), a folder only its user can enter and that
the system empties at log-out. Without one (a container, a minimal session) it goes into a folder of its own
in the shared temporary folder, made 0700, whose name is a hash: other users see neither "rehab-coach" nor
the data folder. A folder of that name that is not ours and private is never used (someone may be waiting
for us there); the next name is tried. On Windows a named pipe has no folder; its name is the same hash.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Mapping
from pathlib import Path

from coach.core.digest import sha256_hex

# A Unix socket's path must fit in sockaddr_un (108 bytes on Linux, 104 on macOS), with room for Qt's suffix.
_MAX_SOCKET_PATH = 100
_TRIES = 8


def private_runtime_folder(environ: Mapping[str, str] | None = None) -> Path | None:
    """The user's own runtime folder when there is a safe one, else None."""
    env = os.environ if environ is None else environ
    candidates: list[Path] = []
    if env.get("XDG_RUNTIME_DIR"):
        candidates.append(Path(env["XDG_RUNTIME_DIR"]))
    if sys.platform.startswith("linux") and hasattr(os, "getuid"):
        candidates.append(Path(f"/run/user/{os.getuid()}"))
    if sys.platform == "darwin":
        import platformdirs

        candidates.append(Path(platformdirs.user_runtime_dir(ensure_exists=True)))
    return next((folder for folder in candidates if is_private_folder(folder)), None)


def is_private_folder(folder: Path) -> bool:
    """True when `folder` is a real folder (not a link) owned by this user and closed to everyone else."""
    try:
        status = folder.lstat()
    except OSError:
        return False
    if not stat.S_ISDIR(status.st_mode):
        return False
    if hasattr(os, "getuid") and status.st_uid != os.getuid():
        return False
    return status.st_mode & 0o077 == 0


def socket_path(data_dir: Path, environ: Mapping[str, str] | None = None) -> str:
    """The full path (POSIX) or pipe name (Windows) of the socket for this user and this data folder."""
    folder_hash = _hash(str(data_dir.expanduser().resolve()))
    if os.name != "posix":
        return f"coach-{_hash(_user_key() + folder_hash)}"
    runtime = private_runtime_folder(environ)
    if runtime is not None:
        path = runtime / f"rehab-coach-{folder_hash}"
        if len(str(path)) <= _MAX_SOCKET_PATH:
            return str(path)
    return str(_shared_private_folder() / folder_hash)


def nobody_listens(name: str) -> bool:
    """True when no app can be listening on the socket `name` (as `socket_path` names it), found cheaply.

    A launch asks this before loading QtNetwork: with no socket file (a pipe on Windows) there is nobody to
    hand the request to, which is the usual case. False means someone may listen (a socket file left by a
    killed app looks the same), and the launch asks over QLocalSocket.
    """
    if os.name == "posix":
        return os.path.isabs(name) and not os.path.lexists(name)
    if sys.platform == "win32":
        import _winapi  # the named-pipe calls behind multiprocessing; waits for nothing when none exists

        try:
            _winapi.WaitNamedPipe(rf"\\.\pipe\{name}", 1)
        except FileNotFoundError:
            return True
        except OSError:  # busy or timed out: a server is there
            return False
    return False


def _shared_private_folder() -> Path:
    """A 0700 folder of ours in the shared temporary folder, named by a hash that says nothing."""
    import tempfile  # rarely needed (no runtime folder), and it pulls in random and shutil

    base = Path(tempfile.gettempdir())
    for attempt in range(_TRIES):
        folder = base / _hash(f"{_user_key()}:{attempt}")
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            pass
        except OSError:
            continue
        if is_private_folder(folder):
            return folder
    raise OSError(f"{base}: found no private folder for the single-instance socket")


def _user_key() -> str:
    uid = os.getuid() if hasattr(os, "getuid") else os.environ.get("USERNAME", "user")
    return f"rehab-coach:{uid}"


def _hash(text: str) -> str:
    return sha256_hex(text.encode("utf-8"))[:16]
