"""A routine's words in another language, from its sibling file in `translations/`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coach.cli import main
from coach.core.i18n import LANGUAGES
from coach.core.routines.library import discover_routines
from coach.core.routines.library_cache import library_stamp
from coach.core.routines.loader import check_routine_file
from coach.core.routines.translations import translated, translation_path
from tests.conftest import REPO

BUNDLED = REPO / "routines"
ASSETS = REPO / "assets"
OTHER_LANGUAGES = [code for code in LANGUAGES if code != "en"]
ROUTINE_FILES = sorted(BUNDLED.glob("*.toml"))


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
@pytest.mark.parametrize("path", ROUTINE_FILES, ids=lambda path: path.stem)
def test_every_word_of_every_bundled_routine_is_translated_and_nothing_else_changes(
    path: Path, code: str
) -> None:
    english = check_routine_file(path, ASSETS).routine
    checked = check_routine_file(path, ASSETS, code)
    routine = checked.routine
    assert english is not None
    assert routine is not None
    assert translation_path(path, code).is_file()

    assert checked.problems == ()
    assert routine.title != english.title
    assert routine.description != english.description
    assert len(routine.education) == len(english.education)
    assert not set(routine.education) & set(english.education)
    for mine, theirs in zip(routine.exercises, english.exercises, strict=True):
        assert mine.name != theirs.name
        assert mine.instructions
        assert not set(mine.instructions) & set(theirs.instructions)
        # the prescription is the routine file's, whatever the language
        assert (mine.id, mine.sets, mine.reps, mine.hold_seconds, mine.sides, mine.load, mine.levels) == (
            theirs.id,
            theirs.sets,
            theirs.reps,
            theirs.hold_seconds,
            theirs.sides,
            theirs.load,
            theirs.levels,
        )
    assert routine.content_hash == english.content_hash


def _own_routine(tmp_path: Path) -> Path:
    folder = tmp_path / "routines"
    folder.mkdir()
    path = folder / "hip-strength.toml"
    shutil.copy(BUNDLED / "hip-strength.toml", path)
    (folder / "translations").mkdir()
    return path


def test_a_translation_of_part_of_a_routine_keeps_the_rest_in_its_own_words(tmp_path: Path) -> None:
    path = _own_routine(tmp_path)
    translation_path(path, "de").write_text(
        'title = "Meine Hüfte"\n\n[exercises.clamshell]\nname = "Muschel"\n', encoding="utf-8"
    )

    routine = check_routine_file(path, ASSETS, "de").routine

    assert routine is not None
    assert routine.title == "Meine Hüfte"
    assert routine.description.startswith("Clamshells")
    assert [e.name for e in routine.exercises[:2]] == ["Muschel", "Side-lying leg raise"]
    assert routine.exercises[0].instructions[0].startswith("Lie on your side")


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("title = [", "could not be read"),
        ("\udcff", "could not be read"),
        ('titel = "x"', "unknown translation key 'titel'; did you mean 'title'?"),
        ('[exercises.no-such]\nname = "x"', "the routine has no exercise 'no-such'"),
        ("[exercises.clamshell]\nname = 3", "name must be text in quotes"),
        ('[exercises.clamshell]\nsets = 5\nname = "x"', "unknown translated exercise key 'sets'"),
        ('title = "\\u001b[2Jx"', "control characters"),
    ],
)
def test_a_translation_that_cannot_be_used_is_a_warning_and_never_breaks_the_routine(
    tmp_path: Path, text: str, said: str
) -> None:
    path = _own_routine(tmp_path)
    translation_path(path, "es").write_bytes(text.encode("utf-8", "surrogateescape"))

    checked = check_routine_file(path, ASSETS, "es")

    assert checked.routine is not None
    assert checked.errors == ()
    assert any(said in problem.message for problem in checked.problems), checked.problems
    assert all(problem.path == translation_path(path, "es") for problem in checked.problems)
    assert checked.routine.exercises[0].sets == 3  # a translation never changes the dose


def test_without_a_language_the_file_is_read_in_its_own_words_as_the_editor_writes_it_back() -> None:
    path = BUNDLED / "hip-strength.toml"
    routine = check_routine_file(path, ASSETS).routine
    english = check_routine_file(path, ASSETS, "en").routine

    assert routine is not None
    assert routine == english
    assert routine.title == "Hip and knee strength (weeks 3–6)"
    assert translated(routine, path, "fr") == (routine, ())


def test_the_library_speaks_the_language_and_its_kept_copy_knows_which(tmp_path: Path) -> None:
    german = discover_routines(BUNDLED, tmp_path / "none", ASSETS, "de")
    assert german.find("ice") is not None
    assert german.find("ice").routine.title == "Das Knie kühlen (20 Minuten)"  # type: ignore[union-attr]

    from coach.core.i18n import use_language
    from coach.core.paths import catalogues

    english_stamp = library_stamp(BUNDLED, tmp_path / "none", ASSETS)
    use_language("de", catalogues())
    assert library_stamp(BUNDLED, tmp_path / "none", ASSETS) != english_stamp


def test_the_command_line_lists_and_validates_routines_in_the_language_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "data"))
    path = _own_routine(tmp_path)
    translation_path(path, "de").write_text('[exercises.no-such]\nname = "x"\n', encoding="utf-8")

    assert main(["--lang", "es", "routines"]) == 0
    assert "Hielo en la rodilla (20 minutos)" in capsys.readouterr().out
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr()
    assert "hip-strength.de.toml:1: warning: the routine has no exercise 'no-such'" in out.out + out.err
