#!/usr/bin/env python3
"""Set up a local virtual environment and run Rehab Coach, its tests or its benchmarks.

    python3 dev.py run [ARGS...]     start the app (ARGS go to the `coach` command)
    python3 dev.py test [ARGS...]    ruff, mypy, then the whole pytest suite (ARGS go to pytest)
    python3 dev.py test --busy N [ARGS...]
                                     the same with N CPU-bound busy loops running beside it (a busy machine)
    python3 dev.py bench [ARGS...]   every benchmark in bench/, as ratios against baselines of the same run
    python3 dev.py bundle            the standalone one-folder build in dist/rehab-coach/ (PyInstaller)
    python3 dev.py lock              rewrite requirements.lock from what .venv holds
    python3 dev.py i18n [LANG]       extract every marked string, update each language's catalogue
                                     (locale/LANG/LC_MESSAGES/coach.po), compile them; LANG starts one

Only the standard library is used here, so this runs on any Python 3.11+. The first call makes `.venv`
and installs the pinned versions from requirements.lock; later calls skip that step unless
pyproject.toml or requirements.lock changed.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements.lock"
STAMP = VENV / ".rehab-coach-installed"


def _venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def _wanted_stamp() -> str:
    digest = hashlib.sha256()
    for path in (ROOT / "pyproject.toml", LOCK):
        digest.update(path.read_bytes())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def _say(message: str) -> None:
    print(f"dev.py: {message}", file=sys.stderr, flush=True)


def ensure_venv() -> Path:
    """Make or refresh .venv so that it matches pyproject.toml and requirements.lock."""
    if sys.version_info < (3, 11):  # noqa: UP036 - this file runs on whatever python3 there is
        sys.exit("dev.py: Rehab Coach needs Python 3.11 or newer; this is " + sys.version.split()[0])
    python = _venv_python()
    wanted = _wanted_stamp()
    if python.exists() and STAMP.exists() and STAMP.read_text(encoding="utf-8") == wanted:
        return python
    if not python.exists():
        _say(f"creating a virtual environment in {VENV}")
        try:
            venv.EnvBuilder(with_pip=True, clear=VENV.exists()).create(VENV)
        except (OSError, subprocess.CalledProcessError) as error:
            sys.exit(
                f"dev.py: could not create {VENV}: {error}\n"
                "On Debian or Ubuntu install the venv module first: sudo apt install python3-venv"
            )
    _say("installing Rehab Coach and its pinned dependencies (the first time takes a minute)")
    command = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "--quiet"]
    command += ["--constraint", str(LOCK), "--editable", f"{ROOT}[test,dev]"]
    if subprocess.call(command) != 0:
        sys.exit("dev.py: installing the dependencies failed (see pip's message above)")
    STAMP.write_text(wanted, encoding="utf-8")
    return python


def _run(python: Path, *args: str) -> int:
    return subprocess.call([str(python), *args], cwd=ROOT)


def _busy_count(args: list[str]) -> tuple[int, list[str]]:
    """`--busy N` (or `--busy=N`) taken out of `args`: N and the rest, for pytest."""
    for index, arg in enumerate(args):
        if arg == "--busy" and index + 1 < len(args):
            value, rest = args[index + 1], args[:index] + args[index + 2 :]
        elif arg.startswith("--busy="):
            value, rest = arg.partition("=")[2], args[:index] + args[index + 1 :]
        else:
            continue
        if not value.isdigit():
            sys.exit(f"dev.py: --busy takes a number of busy loops, got {value!r}")
        return int(value), rest
    return 0, args


def _busy_loops(count: int) -> list[subprocess.Popen[bytes]]:
    """`count` CPU-bound Python loops: what other jobs on a shared CI machine do to the tests' timing."""
    loops = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(count)]
    if loops:
        _say(f"{count} busy loop(s) running beside the tests (pids {' '.join(str(p.pid) for p in loops)})")
    return loops


def run_tests(python: Path, args: list[str]) -> int:
    """Lint, type-check, then run the whole suite; stop at the first stage that fails.

    `--busy N` in `args` runs N busy loops beside all of it, stopped when it ends.
    """
    busy, pytest_args = _busy_count(args)
    loops = _busy_loops(busy)
    started = time.monotonic()
    try:
        return _run_stages(python, pytest_args)
    finally:
        for loop in loops:
            loop.kill()
            loop.wait()
        if loops:
            _say(f"took {time.monotonic() - started:.0f} s beside {busy} busy loop(s)")


def _run_stages(python: Path, pytest_args: list[str]) -> int:
    stages: list[tuple[str, list[str]]] = [
        ("ruff check", ["-m", "ruff", "check", "."]),
        ("ruff format --check", ["-m", "ruff", "format", "--check", "."]),
        ("mypy", ["-m", "mypy"]),
        ("pytest", ["-m", "pytest", *pytest_args]),
    ]
    for name, args in stages:
        _say(f"running {name}")
        code = _run(python, *args)
        if code != 0:
            _say(f"{name} failed (exit {code})")
            return code
    return 0


def _normalised(line: str) -> str:
    name, _, rest = line.partition("==")
    return re.sub(r"[-_.]+", "-", name).lower() + "==" + rest


def write_lock(python: Path) -> int:
    """Pin what .venv holds as plain name==version lines, keeping the platform-only pins already listed."""
    frozen = subprocess.run(
        [str(python), "-m", "pip", "freeze", "--exclude-editable", "--all"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    old = LOCK.read_text(encoding="utf-8").splitlines()
    header = [line for line in old if line.startswith("#")]
    platform_only = [line for line in old if ";" in line]
    skip = {"pip", "setuptools", *(line.split("==")[0] for line in platform_only)}
    pins = [_normalised(line) for line in frozen if "==" in line]
    pins = [line for line in pins if line.split("==")[0] not in skip]
    LOCK.write_text(
        "\n".join([*header, *sorted(pins + platform_only, key=lambda line: line.split("==")[0])]) + "\n",
        encoding="utf-8",
    )
    _say(f"wrote {LOCK.name}")
    return 0


def bundle(python: Path) -> int:
    """Build dist/rehab-coach/ with PyInstaller (installed into .venv at its pinned version on first use)."""
    if subprocess.call([str(python), "-c", "import PyInstaller"], stderr=subprocess.DEVNULL) != 0:
        _say("installing PyInstaller (the first time only)")
        command = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "--quiet"]
        if subprocess.call([*command, "--constraint", str(LOCK), f"{ROOT}[bundle]"]) != 0:
            sys.exit("dev.py: installing PyInstaller failed (see pip's message above)")
    if _run(python, "-m", "coach.catalogues", "--compile") != 0:
        sys.exit("dev.py: compiling the message catalogues failed (see above)")
    spec = ROOT / "packaging" / "pyinstaller" / "rehab-coach.spec"
    build = ROOT / "build" / "pyinstaller"
    code = _run(
        python,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        str(ROOT / "dist"),
        "--workpath",
        str(build),
        str(spec),
    )
    if code == 0:
        _say(f"built {ROOT / 'dist' / 'rehab-coach'}; try: dist/rehab-coach/rehab-coach --version")
    return code


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test", "bench", "lock", "bundle", "i18n"}:
        print(__doc__, file=sys.stderr)
        return 2
    python = ensure_venv()
    command, rest = argv[0], argv[1:]
    if command == "run":
        return _run(python, "-m", "coach", *rest)
    if command == "test":
        return run_tests(python, rest)
    if command == "bench":
        if not (ROOT / "bench" / "__main__.py").exists():
            _say("there are no benchmarks yet (bench/ arrives with the player and icing work)")
            return 2
        return _run(python, "-m", "bench", *rest)
    if command == "bundle":
        return bundle(python)
    if command == "i18n":
        return _run(python, "-m", "coach.catalogues", *rest)
    return write_lock(python)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
