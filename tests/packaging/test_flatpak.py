"""The Flatpak manifest parses (flatpak-builder's own reading) and names the metainfo's app id."""

from __future__ import annotations

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow  # starts other processes

FLATPAK = REPO / "packaging" / "flatpak"


@pytest.mark.skipif(shutil.which("flatpak-builder") is None, reason="flatpak-builder is not installed")
def test_flatpak_builder_reads_the_manifest_and_its_app_id_is_the_metainfos() -> None:
    manifest_path = next(FLATPAK.glob("*.yml"))
    result = subprocess.run(
        ["flatpak-builder", "--show-manifest", manifest_path.name],
        cwd=FLATPAK,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    manifest = json.loads(result.stdout)

    metainfo = next((REPO / "packaging" / "linux").glob("*.metainfo.xml"))
    assert manifest["id"] == ET.parse(metainfo).getroot().findtext("id") == manifest_path.stem
    assert manifest["runtime"] == "org.kde.Platform"
    assert "--share=network" not in manifest["finish-args"]
