"""`coach export --csv DIR --force` in a process that kills itself (SIGKILL) at its Nth file operation.

The file operations are counted through Python's audit hooks (every open, rename, removal and folder made),
so the kill lands exactly between two of them, at any point of the export. With N = 0 it runs to its end
and prints how many operations there were.
"""

from __future__ import annotations

import os
import signal
import sys

import coach.cli.export
import coach.core.export
import coach.core.operations
from coach.cli import main

# Imported before the counting starts, so that reading their code is not counted as the export's work.
PRELOADED = (coach.cli.export, coach.core.export, coach.core.operations)
FILE_OPERATIONS = frozenset(
    {"open", "os.rename", "os.replace", "os.remove", "os.rmdir", "os.mkdir", "shutil.rmtree", "os.scandir"}
)


def export_until(kill_at: int, folder: str) -> int:
    seen = 0

    def count(event: str, _args: tuple[object, ...]) -> None:
        nonlocal seen
        if event in FILE_OPERATIONS:
            seen += 1
            if seen == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)

    sys.addaudithook(count)
    code = main(["export", "--csv", folder, "--force", "--include-simulated"])
    print(seen, flush=True)
    return code


if __name__ == "__main__":
    sys.exit(export_until(int(sys.argv[1]), sys.argv[2]))
