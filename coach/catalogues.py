"""The translators' tools: extract every marked string, update each language's catalogue, compile them.

`python3 dev.py i18n` runs `update()`; the wheel's build hook (hatch_build.py) runs `compile_all()`; the
catalogue test compares `extracted()` with each `.po`. Babel does the reading and writing (its extractor reads
Python source for the keywords below; its `.po` writer keeps translators' comments).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from coach.core.i18n import DOMAIN

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "coach"
LOCALE = ROOT / "locale"
TEMPLATE = LOCALE / f"{DOMAIN}.pot"
# The names the source calls: gettext's own, with their argument positions (c: the context).
KEYWORDS = {
    "_": None,
    "N_": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
}
COMMENT_TAGS = ["Translators:"]


@dataclass(frozen=True, slots=True)
class Found:
    """One string of the source: its id (a (singular, plural) pair for a count), its context, where."""

    message: str | tuple[str, ...]
    context: str | None
    places: tuple[tuple[str, int], ...]
    comments: tuple[str, ...]


def extracted(source: Path = SOURCE) -> Iterator[Found]:
    """Every marked string in the Python files under `source`."""
    from babel.messages.extract import extract_from_dir

    for filename, line, message, comments, context in extract_from_dir(
        str(source),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
    ):
        place = (f"coach/{filename}", line)
        yield Found(message, context, (place,), tuple(comments))


def template(source: Path = SOURCE):  # type: ignore[no-untyped-def]  # babel has no types
    """The catalogue template (`coach.pot`) of the source as it is now."""
    from babel.messages.catalog import Catalog

    catalogue = Catalog(project="Rehab Coach", domain=DOMAIN, charset="utf-8", fuzzy=False)
    for found in extracted(source):
        catalogue.add(
            found.message,
            None,
            locations=list(found.places),
            auto_comments=list(found.comments),
            context=found.context,
        )
    return catalogue


def update(locale: Path = LOCALE, source: Path = SOURCE) -> list[str]:
    """Write the template and bring every language's `.po` up to date with it (new strings empty, gone ones
    dropped), then compile each; returns one line per language saying what is left to translate."""
    from babel.messages.pofile import read_po, write_po

    pot = template(source)
    locale.mkdir(parents=True, exist_ok=True)
    with (locale / f"{DOMAIN}.pot").open("wb") as handle:
        write_po(handle, pot, width=110, omit_header=False, include_lineno=False)
    said = []
    for po_path in sorted(locale.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        code = po_path.parent.parent.name
        with po_path.open("rb") as handle:
            catalogue = read_po(handle, locale=code)
        catalogue.update(pot, update_header_comment=False, no_fuzzy_matching=True)
        catalogue.obsolete.clear()
        with po_path.open("wb") as handle:
            write_po(handle, catalogue, width=110, include_lineno=False)
        missing = sum(1 for message in catalogue if message.id and not _translated(message))
        total = sum(1 for message in catalogue if message.id)
        said.append(f"{code}: {total} strings, {missing} to translate")
    compile_all(locale)
    return said


def new_language(code: str, locale: Path = LOCALE, source: Path = SOURCE) -> Path:
    """Start a catalogue for `code` (every string empty, the language's plural rule in its header)."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    po_path = locale / code / "LC_MESSAGES" / f"{DOMAIN}.po"
    if po_path.exists():
        return po_path
    catalogue = Catalog(locale=code, project="Rehab Coach", domain=DOMAIN, charset="utf-8", fuzzy=False)
    catalogue.update(template(source), no_fuzzy_matching=True)
    po_path.parent.mkdir(parents=True, exist_ok=True)
    with po_path.open("wb") as handle:
        write_po(handle, catalogue, width=110, include_lineno=False)
    return po_path


def compile_all(locale: Path = LOCALE, into: Path | None = None) -> list[Path]:
    """Compile each language's `.po` into a `.mo` beside it (or under `into`, same layout); returns them."""
    from coach.core.i18n import compile_po

    written = []
    for po_path in sorted(locale.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        relative = po_path.relative_to(locale).with_suffix(".mo")
        mo_path = (into or locale) / relative
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        mo_path.write_bytes(compile_po(po_path))
        written.append(mo_path)
    return written


def _translated(message) -> bool:  # type: ignore[no-untyped-def]  # babel has no types
    if isinstance(message.string, tuple | list):
        return all(message.string) and not message.fuzzy
    return bool(message.string) and not message.fuzzy


def read(po_path: Path):  # type: ignore[no-untyped-def]  # babel has no types
    """A `.po` as Babel's catalogue."""
    from babel.messages.pofile import read_po

    with po_path.open("rb") as handle:
        return read_po(handle, locale=po_path.parent.parent.name)


def as_text(catalogue) -> str:  # type: ignore[no-untyped-def]  # babel has no types
    from babel.messages.pofile import write_po

    out = io.BytesIO()
    write_po(out, catalogue, width=110, include_lineno=False)
    return out.getvalue().decode("utf-8")


def main(argv: list[str]) -> int:
    """`python3 dev.py i18n [LANG]`: start LANG's catalogue if asked, then update and compile them all;
    `--compile` only compiles (the standalone build)."""
    if argv == ["--compile"]:
        for path in compile_all():
            print(f"compiled {path.relative_to(ROOT)}")
        return 0
    for code in argv:
        print(f"started {new_language(code).relative_to(ROOT)}")
    for line in update():
        print(line)
    print(f"wrote {TEMPLATE.relative_to(ROOT)}; translate the empty strings in each .po (or on Weblate)")
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
