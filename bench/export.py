"""One export as a person runs it, in a whole process: `coach export --csv DIR` or `--pdf FILE`.

    python -m bench.export csv|pdf TARGET      (run by bench/__main__.py, one process per run)

The parent times the process; the child prints one line of JSON: its peak resident memory when the export
has finished, VmHWM (its own: ru_maxrss keeps the parent's peak at the fork, RUSAGE_CHILDREN the largest of
every child so far); elsewhere ru_maxrss.
"""

from __future__ import annotations

import json
import resource
import sys
from pathlib import Path


def peak_rss_mib() -> float:
    """This process's peak resident memory in MiB."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(kind: str, target: str) -> int:
    from coach.cli import main as coach

    done = coach(["export", f"--{kind}", target, "--force"])
    print(json.dumps({"peak_rss_mib": peak_rss_mib()}))
    return done


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
