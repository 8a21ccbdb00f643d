"""One message catalogue for the whole app: gettext, with the language chosen once per process.

Every sentence a person reads goes through `_` (or `ngettext` for a count, `pgettext` where a word alone is
ambiguous) at the moment it is shown, never at import: a constant that holds a sentence is marked with `N_`
and translated where it is used. The core, the GUI and the command line share the one catalogue, `coach`,
kept as `locale/LANG/LC_MESSAGES/coach.po` at the top of the repository (`python3 dev.py i18n` extracts the
strings and updates every language; README "Translations" says how to add one).

The language is, in this order: the one asked for (`--lang`, the app's own choice in its settings), then the
desktop's (`LANGUAGE`, `LC_ALL`, `LC_MESSAGES`, `LANG`, as gettext reads them), then English.
Dates and numbers in another language than English are written by Babel (imported only then: it costs
40 ms and 9 MB).

A wheel carries compiled catalogues (`.mo`, made at build by hatch_build.py); a source checkout may have only
the `.po`, which is then compiled in memory when first needed (Babel again).
"""

from __future__ import annotations

import gettext
import io
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

DOMAIN = "coach"
ENGLISH = "en"
# The languages with a complete catalogue, English (the source language) first, each named in itself.
LANGUAGES: dict[str, str] = {"en": "English", "de": "Deutsch", "es": "Español"}
ENVIRONMENT = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

__all__ = [
    "LANGUAGES",
    "N_",
    "_",
    "chosen_language",
    "format_date",
    "format_decimal",
    "format_moment",
    "language",
    "ngettext",
    "pgettext",
    "use_language",
]


@dataclass(slots=True)
class _Current:
    code: str = ENGLISH
    translations: gettext.NullTranslations = gettext.NullTranslations()  # noqa: RUF009 - replaced, never shared


_current = _Current()


def N_(message: str) -> str:  # noqa: N802 - gettext's own name for "mark for extraction, translate later"
    """Mark `message` for the catalogue without translating it (a constant, translated where shown)."""
    return message


def _(message: str) -> str:
    """`message` in the chosen language (itself when the catalogue has no translation)."""
    return _current.translations.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a sentence for `count`, by the chosen language's plural rule."""
    return _current.translations.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """`message` translated in `context` (a word that means two things in English)."""
    return _current.translations.pgettext(context, message)


def language() -> str:
    """The code of the language in use: 'en', 'de' or 'es'."""
    return _current.code


def chosen_language(asked: str | None = None, environ: dict[str, str] | None = None) -> str:
    """The language to use: `asked` if we have it, else the desktop's first one we have, else English.

    A code may carry a region or an encoding ('de_AT.UTF-8'); only the language part counts. LANGUAGE may
    list several, colon-separated, in the person's order of preference (gettext's convention).
    """
    if asked:
        code = _language_part(asked)
        if code in LANGUAGES:
            return code
    env = os.environ if environ is None else environ
    for name in ENVIRONMENT:
        value = env.get(name, "")
        if not value:
            continue
        for part in value.split(":"):
            code = _language_part(part)
            if code in LANGUAGES:
                return code
            if code == "c" or code == "posix":
                return ENGLISH
        if name != "LANGUAGE":  # gettext stops at the first of the locale variables that is set
            break
    return ENGLISH


def _language_part(value: str) -> str:
    return value.split(".")[0].split("@")[0].split("_")[0].split("-")[0].strip().lower()


def use_language(asked: str | None, folder: Path | None) -> str:
    """Choose the language for this process (see `chosen_language`) and load its catalogue from `folder`
    (the shipped `locale`; None: it is missing, and English is all there is); returns the code in use.

    Also points the standard library's own gettext (argparse's "usage:", "options") at our catalogue, so
    that the command line's help is one language.
    """
    code = chosen_language(asked)
    translations: gettext.NullTranslations = gettext.NullTranslations()
    if code != ENGLISH:
        found = load_catalogue(code, folder) if folder is not None else None
        if found is not None:
            translations = found
        else:
            code = ENGLISH
    _current.code = code
    _current.translations = translations
    _use_for_the_standard_library(translations)
    return code


def _use_for_the_standard_library(translations: gettext.NullTranslations) -> None:
    """argparse translates its own words through `gettext.gettext` (module `argparse`'s `_`, `ngettext`)."""
    import argparse

    argparse._ = translations.gettext  # type: ignore[attr-defined]
    argparse.ngettext = translations.ngettext  # type: ignore[attr-defined]


def load_catalogue(code: str, folder: Path) -> gettext.GNUTranslations | None:
    """The compiled catalogue of `code` in `folder`; compiled in memory from its `.po` when there is no
    `.mo` or the `.po` is newer (a source checkout). None when the language has no catalogue."""
    messages = folder / code / "LC_MESSAGES"
    mo, po = messages / f"{DOMAIN}.mo", messages / f"{DOMAIN}.po"
    try:
        if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
            with mo.open("rb") as handle:
                return gettext.GNUTranslations(handle)
        if po.is_file():
            return gettext.GNUTranslations(io.BytesIO(compile_po(po)))
    except (OSError, ValueError):  # an unreadable or damaged catalogue: English rather than no app
        return None
    return None


def compile_po(po: Path) -> bytes:
    """The `.mo` bytes of the catalogue `po` (Babel's reader and writer; fuzzy entries left out)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalogue = read_po(handle)
    out = io.BytesIO()
    write_mo(out, catalogue, use_fuzzy=False)
    return out.getvalue()


def format_date(day: date | datetime, style: str = "medium") -> str:
    """A date as the language writes it ('4 Dec 2026', '04.12.2026', '4 dic 2026')."""
    if _current.code == ENGLISH:
        shown = day.date() if isinstance(day, datetime) else day
        if style == "long":
            return f"{shown.day} {shown:%B %Y}"
        return f"{shown.day} {shown:%b %Y}"
    from babel.dates import format_date as babel_date

    return str(babel_date(day, format=style, locale=_current.code))


def format_moment(moment: date | datetime, english: str, skeleton: str, *, time: bool = True) -> str:
    """A day (and its time of day) as the language writes it: `english` is the strftime pattern English
    uses ('%A %d %B, %H:%M'); another language is written from the CLDR date `skeleton` ('MMMMEEEEd': the
    fields wanted, in the language's own order and words) and, with `time`, the language's short time."""
    if _current.code == ENGLISH:
        return moment.strftime(english)
    from babel.dates import format_skeleton, format_time

    day = str(format_skeleton(skeleton, moment, fuzzy=True, locale=_current.code))
    if not time or not isinstance(moment, datetime):
        return day
    return f"{day}, {format_time(moment, 'short', locale=_current.code)}"


def format_decimal(number: float, places: int = 1) -> str:
    """A number with `places` decimals as the language writes it ('2.5', '2,5')."""
    if _current.code == ENGLISH:
        return f"{number:.{places}f}"
    from babel.numbers import format_decimal as babel_decimal

    pattern = "0." + "0" * places if places else "0"
    return str(babel_decimal(number, format=pattern, locale=_current.code))


def languages_in(folder: Path) -> Sequence[str]:
    """The language codes that have a catalogue in `folder` (English needs none)."""
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if (p / "LC_MESSAGES" / f"{DOMAIN}.po").is_file())


def use_translations(translations: gettext.NullTranslations) -> None:
    """Show every message through `translations`, dates and numbers staying English: for tools and tests
    (docs/find_untranslated.py's pseudo-language, in which every catalogue string is marked)."""
    _current.code = ENGLISH
    _current.translations = translations
