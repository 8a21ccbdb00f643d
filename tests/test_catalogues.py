"""The message catalogues: complete, nothing extra, placeholders intact; the language chosen as documented."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest

from coach import catalogues
from coach.cli import main
from coach.core import i18n
from coach.core.i18n import (
    _,
    chosen_language,
    format_date,
    format_decimal,
    format_moment,
    ngettext,
    use_language,
)
from coach.core.paths import catalogues as catalogue_folder

LANGUAGES = [code for code in i18n.LANGUAGES if code != i18n.ENGLISH]
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)[a-z]|%[a-z]")


@pytest.fixture(scope="module")
def source_strings() -> dict[tuple[str | None, str], object]:
    found: dict[tuple[str | None, str], object] = {}
    for item in catalogues.extracted():
        key = item.message if isinstance(item.message, str) else item.message[0]
        found[(item.context, key)] = item.message
    return found


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_string_of_the_source_is_translated_and_the_catalogue_has_no_other(
    code: str, source_strings: dict[tuple[str | None, str], object]
) -> None:
    catalogue = catalogues.read(catalogues.LOCALE / code / "LC_MESSAGES" / "coach.po")
    in_catalogue = {
        (message.context, message.id if isinstance(message.id, str) else message.id[0]): message
        for message in catalogue
        if message.id
    }

    missing = sorted(str(key) for key in source_strings.keys() - in_catalogue.keys())
    extra = sorted(str(key) for key in in_catalogue.keys() - source_strings.keys())
    untranslated = sorted(
        str(key) for key, message in in_catalogue.items() if not catalogues._translated(message)
    )
    assert (missing, extra, untranslated) == ([], [], []), f"run `python3 dev.py i18n` and translate ({code})"


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_translation_keeps_the_placeholders_of_its_source(code: str) -> None:
    catalogue = catalogues.read(catalogues.LOCALE / code / "LC_MESSAGES" / "coach.po")
    wrong = []
    for message in catalogue:
        if not message.id:
            continue
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        wanted = sorted(PLACEHOLDER.findall(sources[-1]))
        for string in strings:
            if sorted(PLACEHOLDER.findall(string)) != wanted:
                wrong.append((sources[0], string))
    assert wrong == []


def test_a_broken_placeholder_is_caught() -> None:
    assert sorted(PLACEHOLDER.findall("%(prog)s: Fehler: %(mesage)s")) != sorted(
        PLACEHOLDER.findall("%(prog)s: error: %(message)s")
    )
    assert PLACEHOLDER.findall("{minutes} min of {limit}") == ["{minutes}", "{limit}"]


@pytest.mark.parametrize(
    ("asked", "environ", "chosen"),
    [
        ("de", {"LANG": "es_ES.UTF-8"}, "de"),
        ("es_MX", {}, "es"),
        ("fr", {"LANG": "de_AT.UTF-8"}, "de"),
        (None, {"LANGUAGE": "fr:es:de", "LANG": "de_DE.UTF-8"}, "es"),
        (None, {"LANGUAGE": "fr", "LANG": "de_DE.UTF-8"}, "de"),
        (None, {"LC_ALL": "C", "LANG": "de_DE.UTF-8"}, "en"),
        (None, {"LC_MESSAGES": "es_ES", "LANG": "de_DE"}, "es"),
        (None, {}, "en"),
    ],
)
def test_the_language_is_the_one_asked_then_the_desktops_then_english(
    asked: str | None, environ: dict[str, str], chosen: str
) -> None:
    assert chosen_language(asked, environ) == chosen


def test_a_language_without_a_catalogue_or_a_damaged_one_is_english(tmp_path: Path) -> None:
    assert use_language("de", None) == "en"
    damaged = tmp_path / "de" / "LC_MESSAGES"
    damaged.mkdir(parents=True)
    (damaged / "coach.mo").write_bytes(b"\x00" * 64)
    assert use_language("de", tmp_path) == "en"
    assert _("options") == "options"


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_catalogue_is_read_from_its_po_when_no_mo_was_compiled(code: str, tmp_path: Path) -> None:
    messages = tmp_path / code / "LC_MESSAGES"
    messages.mkdir(parents=True)
    (messages / "coach.po").write_bytes((catalogues.LOCALE / code / "LC_MESSAGES" / "coach.po").read_bytes())

    assert use_language(code, tmp_path) == code
    assert _("options") == {"de": "Optionen", "es": "opciones"}[code]


def test_dates_numbers_and_counts_follow_the_language() -> None:
    day = date(2026, 12, 4)
    moment = datetime(2026, 12, 4, 8, 5)
    assert (format_date(day), format_decimal(2.5)) == ("4 Dec 2026", "2.5")
    assert format_moment(moment, "%A %d %B, %H:%M", "MMMMEEEEd") == "Friday 04 December, 08:05"
    assert ngettext("one", "many", 2) == "many"
    use_language("de", catalogue_folder())
    assert (format_date(day), format_decimal(2.5)) == ("04.12.2026", "2,5")
    assert format_moment(moment, "%A %d %B, %H:%M", "MMMMEEEEd") == "Fr., 4. Dezember, 08:05"
    assert format_moment(day, "%d %b %Y", "yMMMd", time=False) == "4. Dez. 2026"
    use_language("es", catalogue_folder())
    assert (format_date(day), format_decimal(2.5)) == ("4 dic 2026", "2,5")
    assert format_moment(moment, "%A %d %B, %H:%M", "MMMMEEEEd") == "vie, 4 de diciembre, 8:05"


@pytest.mark.parametrize(
    ("how", "usage"),
    [(["--lang", "de"], "Aufruf: coach"), (["--lang=es"], "uso: coach"), ([], "usage: coach")],
)
def test_the_command_lines_help_is_in_the_language_asked(
    how: list[str], usage: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main([*how, "--help"])
    assert capsys.readouterr().out.startswith(usage)


def test_the_desktops_language_is_the_command_lines(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LANGUAGE", "es")
    assert main(["ice", "--minutes", "25"]) == 2
    assert "argumento --minutes" in capsys.readouterr().err


def test_icing_past_its_limit_is_refused_in_the_desktops_language(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LANGUAGE", "de")
    assert main(["ice", "--minutes", "25"]) == 2
    assert capsys.readouterr().err == (
        "coach: Argument --minutes: 25 Minuten sind zu lang: Kühlen ist auf 20 Minuten begrenzt, weil "
        "längere Kälte Haut und Nerven schädigen kann\n"
    )


def test_the_whole_help_is_spanish_when_the_desktop_speaks_spanish(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LANGUAGE", "es")
    for command in ([], ["ice"], ["run-log"]):
        with pytest.raises(SystemExit):
            main([*command, "--help"])
        out = capsys.readouterr().out
        assert out.startswith("uso: coach")
        assert "show " not in out
        assert "Example" not in out
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "listar las rutinas incluidas y las suyas" in capsys.readouterr().out
