"""docs/clinical.md lists every clinical rule with the module it lives in: each module and name it cites
exists, so the page cannot drift from the code unnoticed."""

from __future__ import annotations

import importlib
import re

import pytest

from tests.conftest import REPO

DOC = REPO / "docs" / "clinical.md"
PREFIXES = {"clinical/": "coach/core/clinical/", "history/": "coach/core/history/"}
PREFIXES |= {"routines/": "coach/core/routines/", "session/": "coach/core/session/"}


def cited() -> list[tuple[str, str]]:
    """(module path, name) for every name the code column cites after a module path."""
    pairs = []
    for row in DOC.read_text(encoding="utf-8").splitlines():
        if not row.startswith("| ") or row.startswith(("| rule", "| ---")):
            continue
        code = row.rstrip(" |").rsplit(" | ", 1)[-1]
        for segment in code.split(";"):
            ticked = re.findall(r"`([^`]+)`", segment)
            if not ticked or not ticked[0].endswith(".py"):
                continue
            path, *names = ticked
            pairs += [(path, name) for name in names] or [(path, "")]
    return pairs


def test_the_page_cites_code_for_the_rules() -> None:
    assert len(cited()) > 60


@pytest.mark.parametrize(("path", "name"), cited())
def test_every_module_and_name_the_page_cites_exists(path: str, name: str) -> None:
    full = next(
        (full + path[len(short) :] for short, full in PREFIXES.items() if path.startswith(short)), path
    )
    assert (REPO / full).is_file(), full
    module = importlib.import_module(full.removesuffix(".py").replace("/", "."))
    target: object = module
    for part in re.split(r"[(\s]", name)[0].split(".") if name else []:
        assert hasattr(target, part), f"{full} has no {name}"
        target = getattr(target, part)
