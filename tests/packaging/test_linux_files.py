"""The Linux launcher, AppStream metainfo and icons in packaging/linux: valid, complete and up to date."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.conftest import REPO

LINUX = REPO / "packaging" / "linux"
DESKTOP_FILE = LINUX / "rehab-coach.desktop"
METAINFO = LINUX / "io.github.rehabcoach.RehabCoach.metainfo.xml"

needs_desktop_file_utils = pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None, reason="desktop-file-utils is not installed"
)
needs_appstream = pytest.mark.skipif(
    shutil.which("appstreamcli") is None, reason="appstream is not installed"
)


def read_entry(path: Path) -> configparser.ConfigParser:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(path, encoding="utf-8")
    return entry


def validate_desktop_file(path: Path) -> None:
    result = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "", "no warnings either"


def validate_metainfo(path: Path) -> None:
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_launcher_offers_icing_todays_routine_and_history() -> None:
    entry = read_entry(DESKTOP_FILE)

    assert entry["Desktop Entry"]["Actions"] == "start-icing;start-routine;show-history;"
    actions = {
        entry[f"Desktop Action {name}"]["Name"]: entry[f"Desktop Action {name}"]["Exec"]
        for name in ("start-icing", "start-routine", "show-history")
    }
    assert actions == {
        "Start icing timer": "coach ice",
        "Start today's routine": "coach today",
        "Show history": "coach history --window",
    }


def test_the_launcher_names_the_window_class_the_app_reports() -> None:
    from coach.gui.identity import APP_ID

    entry = read_entry(DESKTOP_FILE)["Desktop Entry"]

    assert entry["StartupWMClass"] == APP_ID
    assert entry["Icon"] == APP_ID
    assert DESKTOP_FILE.stem == APP_ID, "Wayland's app id is the desktop file's name"


@pytest.mark.slow
@needs_desktop_file_utils
def test_desktop_file_validate_passes() -> None:
    validate_desktop_file(DESKTOP_FILE)


@pytest.mark.slow
@needs_appstream
def test_appstreamcli_validate_passes() -> None:
    validate_metainfo(METAINFO)


def test_the_metainfo_launches_the_desktop_file_and_shows_the_readme_screenshots() -> None:
    root = ET.parse(METAINFO).getroot()

    assert root.findtext("launchable") == DESKTOP_FILE.name
    assert METAINFO.name == f"{root.findtext('id')}.metainfo.xml"
    shots = [Path(image.text or "").name for image in root.iter("image")]
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert shots
    for name in shots:
        assert (REPO / "docs" / "screenshots" / name).is_file(), name
        assert f"docs/screenshots/{name}" in readme, f"{name} is not one of the README's screenshots"
    assert root.find("content_rating") is not None
    assert root.find("releases/release") is not None


@pytest.mark.slow
def test_the_icons_are_rendered_from_the_current_svg(tmp_path: Path) -> None:
    """Fails when the icon changed and packaging/render_icons.py was not run again."""
    result = subprocess.run(
        [sys.executable, str(REPO / "packaging" / "render_icons.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr

    fresh = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    stored = sorted(p.relative_to(LINUX / "icons") for p in (LINUX / "icons").rglob("*") if p.is_file())
    assert fresh == stored
    assert Path("hicolor/scalable/apps/rehab-coach.svg") in stored
    assert Path("hicolor/48x48/apps/rehab-coach.png") in stored
    for relative in stored:
        if relative.suffix == ".png":
            image = QImage(str(LINUX / "icons" / relative))
            size = int(relative.parts[1].split("x")[0])
            assert (image.width(), image.height()) == (size, size)
            assert image == QImage(str(tmp_path / relative)), f"{relative} is out of date"
        else:
            assert (LINUX / "icons" / relative).read_bytes() == (tmp_path / relative).read_bytes()


@pytest.mark.parametrize("code", ["de", "es"])
def test_the_launcher_and_the_metainfo_speak_every_language_the_app_does(code: str) -> None:
    entry = read_entry(DESKTOP_FILE)
    for section in entry.sections():
        keys = ("GenericName", "Comment", "Keywords") if section == "Desktop Entry" else ("Name",)
        missing = [key for key in keys if f"{key}[{code}]" not in entry[section]]
        assert missing == [], f"[{section}] has no {code} for {missing}"

    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    root = ET.parse(METAINFO).getroot()
    release_notes = {id(element) for release in root.iter("release") for element in release.iter()}
    for parent in root.iter():
        if id(parent) in release_notes:
            continue  # release notes stay in English, as software centres show them
        for tag in ("summary", "p", "li", "caption"):
            english = [c for c in parent if c.tag == tag and lang not in c.attrib]
            translated = [c for c in parent if c.tag == tag and c.attrib.get(lang) == code]
            assert len(translated) == len(english), (
                f"<{parent.tag}>: {len(english)} <{tag}>, {len(translated)} in {code}"
            )
    translation = root.find("translation")
    assert translation is not None
    assert (translation.get("type"), translation.text) == ("gettext", "coach")
