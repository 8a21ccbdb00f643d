"""The bundled illustrations and icons: one for every routine's image, loadable by Qt, within SVG Tiny 1.2."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from tests.conftest import REPO

ROUTINES = sorted((REPO / "routines").glob("*.toml"))
ILLUSTRATIONS = REPO / "assets" / "illustrations"
ICONS = REPO / "assets" / "icons"
VIEW_BOX = {ILLUSTRATIONS: (400.0, 300.0), ICONS: (256.0, 256.0)}
SVGS = sorted([*ILLUSTRATIONS.glob("*.svg"), *ICONS.glob("*.svg")])

# Qt's QSvgRenderer implements SVG Tiny 1.2: no markers, CSS, filters or remote references.
FORBIDDEN = ("<marker", "<style", "filter=", "<filter", "class=", 'href="http')


def images_used() -> list[tuple[str, str]]:
    """(routine file, image) for every exercise that names an image."""
    used = []
    for routine in ROUTINES:
        data = tomllib.loads(routine.read_text(encoding="utf-8"))
        for exercise in data.get("exercises", []):
            if "image" in exercise:
                used.append((routine.name, exercise["image"]))
    return used


def test_the_bundled_routines_name_images() -> None:
    assert ROUTINES
    assert images_used()


def test_every_bundled_exercise_has_its_own_illustration() -> None:
    """Issue 21: the quadriceps hold, wall squat, step-up and step-down once showed a standing figure."""
    without = [
        f"{routine.name}: {exercise['id']}"
        for routine in ROUTINES
        for exercise in tomllib.loads(routine.read_text(encoding="utf-8")).get("exercises", [])
        if "image" not in exercise
    ]
    assert without == []


@pytest.mark.parametrize(("routine", "image"), images_used())
def test_every_routine_image_is_bundled(routine: str, image: str) -> None:
    assert (ILLUSTRATIONS / image).is_file(), f"{routine} uses {image}, missing from assets/illustrations/"


def test_the_placeholder_and_icons_are_there() -> None:
    assert (ILLUSTRATIONS / "placeholder.svg").is_file()
    assert (ICONS / "rehab-coach.svg").is_file()
    assert (ICONS / "ice-running.svg").is_file()


@pytest.mark.parametrize("svg", SVGS, ids=lambda path: path.name)
def test_the_svg_loads_in_qt_with_its_view_box(qapp: QApplication, svg: Path) -> None:
    renderer = QSvgRenderer(str(svg))
    assert renderer.isValid()
    box = renderer.viewBoxF()
    assert (box.x(), box.y()) == (0.0, 0.0)
    assert (box.width(), box.height()) == VIEW_BOX[svg.parent]


@pytest.mark.parametrize("svg", SVGS, ids=lambda path: path.name)
def test_the_svg_keeps_to_svg_tiny(svg: Path) -> None:
    text = svg.read_text(encoding="utf-8").lower()
    assert [word for word in FORBIDDEN if word in text] == []
