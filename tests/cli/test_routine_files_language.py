"""`coach validate`, `coach new` and `coach settings` in German and Spanish: each problem keeps its PATH:LINE
and says what is wrong in the chosen language; `--json` keeps its keys (issue 24)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach.cli import main

HOSTILE = """\
format = 3
id = "Bad Id"
title = "T"

[[exercises]]
id = "a"
name = "A"
sets = 0
reps = 10
sides = ["rigth"]
image = "nope.svg"
"""


def _validate(capsys: pytest.CaptureFixture[str], path: Path, *language: str) -> tuple[int, str, str]:
    code = main([*language, "validate", str(path)])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_hostile_routine_is_refused_in_german_with_path_and_line_kept(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "hostile.toml"
    path.write_text(HOSTILE, encoding="utf-8")

    code, out, err = _validate(capsys, path, "--lang", "de")

    assert code == 1
    assert err.splitlines() == [
        f"{path}:2: die Routinen-ID 'Bad Id' darf nur Kleinbuchstaben, Ziffern, '-' und '_' verwenden "
        "(höchstens 64)",
        f"{path}:8: sets muss mindestens 1 sein, erhalten: 0",
        f"{path}:10: 'rigth' ist keine Seite, die die App kennt; meinten Sie 'right'?",
    ]
    assert out == (
        f"{path}:11: Warnung: Bild 'nope.svg' liegt weder neben der Routine noch unter den mitgelieferten "
        "Abbildungen; es wird keines gezeigt\n"
    )


def test_the_same_routine_is_refused_in_spanish_and_still_in_english_without_a_language(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "hostile.toml"
    path.write_text(HOSTILE, encoding="utf-8")

    spanish = _validate(capsys, path, "--lang", "es")[2]
    assert f"{path}:8: sets debe ser como mínimo 1, recibido: 0" in spanish.splitlines()

    main(["--lang", "en", "validate", str(path)])
    english = capsys.readouterr().err
    assert f"{path}:8: sets must be at least 1, got 0" in english.splitlines()


def test_coach_new_refuses_a_bad_id_in_german_and_settings_speak_it(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "de", "new", "Bad Id"]) != 0
    assert "'Bad Id' ist keine Routinen-ID" in capsys.readouterr().err

    assert main(["--lang", "de", "settings", "--affected-side", "right"]) == 0
    assert capsys.readouterr().out == "betroffene Seite: rechts\n"


def test_routines_json_keeps_its_keys_and_its_english_problems_in_spanish(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own = data_dir / "routines"
    own.mkdir(parents=True, exist_ok=True)
    (own / "hostile.toml").write_text(HOSTILE, encoding="utf-8")
    assert main(["routines", "--json"]) == 0
    in_english = json.loads(capsys.readouterr().out)

    assert main(["--lang", "es", "routines", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)

    assert payload["broken"] == in_english["broken"]  # scripts read the problems in one language

    assert set(payload) == {"routines", "broken"}
    assert set(payload["broken"][0]) == {"file", "origin", "error", "errors"}
    assert payload["broken"][0]["origin"] == "user"


@pytest.mark.parametrize(
    ("code", "opening"),
    [
        ("de", "# Eine eigene Routine für Rehab Coach, in Format 3."),
        ("es", "# Una rutina propia para Rehab Coach"),
    ],
)
def test_coach_new_writes_its_starter_in_the_chosen_language_and_it_validates(
    data_dir: Path, capsys: pytest.CaptureFixture[str], code: str, opening: str
) -> None:
    assert main(["--lang", code, "new", "my-knee"]) == 0
    path = Path(capsys.readouterr().out.strip())

    text = path.read_text(encoding="utf-8")
    assert text.startswith(opening)
    assert 'id = "my-knee"' in text
    assert main(["validate", str(path)]) == 0
