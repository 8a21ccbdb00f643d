"""`coach desktop install [--uninstall]`: the launcher, metainfo and icons in the user's XDG data folder."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from coach.cli import main
from coach.cli.desktop import launcher_text, xdg_data_home
from tests.packaging.test_linux_files import (
    needs_appstream,
    needs_desktop_file_utils,
    read_entry,
    validate_desktop_file,
    validate_metainfo,
)


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "xdg-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home


def installed_files(data_home: Path) -> list[Path]:
    return sorted(p for p in data_home.rglob("*") if p.is_file())


def test_install_puts_launcher_metainfo_and_icons_under_xdg_data_home(
    data_dir: Path, data_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["desktop", "install"]) == 0

    launcher = data_home / "applications" / "rehab-coach.desktop"
    assert launcher.is_file()
    assert (data_home / "metainfo" / "io.github.rehabcoach.RehabCoach.metainfo.xml").is_file()
    assert (data_home / "icons" / "hicolor" / "scalable" / "apps" / "rehab-coach.svg").is_file()
    assert (data_home / "icons" / "hicolor" / "256x256" / "apps" / "rehab-coach.png").is_file()
    out = capsys.readouterr().out
    assert f"installed {launcher}" in out
    assert out.count("installed ") == len(installed_files(data_home))


def test_the_installed_launcher_starts_the_coach_that_installed_it(data_dir: Path, data_home: Path) -> None:
    main(["desktop", "install"])

    entry = read_entry(data_home / "applications" / "rehab-coach.desktop")
    program = entry["Desktop Entry"]["TryExec"]
    assert Path(program).is_absolute()
    assert Path(program).is_file()
    assert entry["Desktop Entry"]["Exec"] == program
    assert entry["Desktop Action start-icing"]["Exec"] == f"{program} ice"
    assert entry["Desktop Action show-history"]["Exec"] == f"{program} history --window"


@pytest.mark.slow
@needs_desktop_file_utils
@needs_appstream
def test_the_installed_files_validate(data_dir: Path, data_home: Path) -> None:
    main(["desktop", "install"])

    validate_desktop_file(data_home / "applications" / "rehab-coach.desktop")
    validate_metainfo(data_home / "metainfo" / "io.github.rehabcoach.RehabCoach.metainfo.xml")


def test_uninstall_removes_every_file_install_wrote_and_nothing_else(
    data_dir: Path, data_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = data_home / "applications" / "someone-else.desktop"
    mine.parent.mkdir(parents=True)
    mine.write_text("[Desktop Entry]\n", encoding="utf-8")
    main(["desktop", "install"])
    capsys.readouterr()

    assert main(["desktop", "install", "--uninstall"]) == 0

    assert installed_files(data_home) == [mine]
    assert "no longer in the applications menu" in capsys.readouterr().out


def test_uninstall_when_nothing_is_installed_is_fine(data_dir: Path, data_home: Path) -> None:
    assert main(["desktop", "install", "--uninstall"]) == 0


def test_desktop_needs_an_action(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["desktop"]) == 2
    assert "ACTION" in capsys.readouterr().err


def test_a_relative_xdg_data_home_is_ignored_as_the_spec_says() -> None:
    assert xdg_data_home({"XDG_DATA_HOME": "relative/share", "HOME": "/home/ann"}) == Path(
        "/home/ann/.local/share"
    )
    assert xdg_data_home({"XDG_DATA_HOME": "/srv/share", "HOME": "/home/ann"}) == Path("/srv/share")


def test_a_program_path_with_a_space_is_quoted_for_the_exec_line() -> None:
    text = launcher_text("Exec=coach ice\nTryExec=coach\n", Path("/home/ann/My Apps/coach"))
    assert text == 'Exec="/home/ann/My Apps/coach" ice\nTryExec=/home/ann/My Apps/coach\n'


@pytest.mark.skipif(os.name != "posix", reason="modes are POSIX")
def test_install_writes_0644_files_in_0755_folders_whatever_the_umask(
    data_dir: Path, data_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = os.umask(0)
    try:
        assert main(["desktop", "install"]) == 0
    finally:
        os.umask(old)

    files = installed_files(data_home)
    assert files
    assert {stat.S_IMODE(f.stat().st_mode) for f in files} == {0o644}
    folders = [p for p in data_home.rglob("*") if p.is_dir()] + [data_home]
    assert {stat.S_IMODE(f.stat().st_mode) for f in folders} == {0o755}


def test_a_newline_in_the_program_path_is_refused_and_nothing_is_written(
    data_dir: Path, data_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("coach.cli.desktop.coach_program", lambda: Path("/opt/evil\nExec=rm -rf ~\n/coach"))

    code = main(["desktop", "install"])

    _, err = capsys.readouterr()
    assert code == 1
    assert "a desktop entry cannot hold" in err
    assert not data_home.exists()
