"""XML from outside, parsed with defusedxml: no entities, no DTD, nothing fetched (a GPS track needs none)."""

from __future__ import annotations

from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from coach.core.i18n import N_, _
from coach.core.running.imports import NotARunError


def parse_xml(raw: bytes, kind: str) -> Element:
    """The root element of `raw`; NotARunError for hostile or broken XML (`kind`: "GPX track")."""
    try:
        return fromstring(raw, forbid_dtd=True)  # type: ignore[no-any-return]
    except DefusedXmlException:
        hostile = _HOSTILE.get(kind)
        raise NotARunError(
            _(hostile)
            if hostile
            else f"the file declares XML entities or a DTD, which a {kind} never needs; it was not read"
        ) from None
    except ParseError as error:
        line = error.position[0]
        broken = _BROKEN.get(kind)
        raise NotARunError(
            _(broken).format(line=line)
            if broken
            else f"the {kind} is cut short or is not well-formed XML (line {line})"
        ) from None


# Each sentence whole for each kind of file, so that a translation need not glue a noun into it.
_HOSTILE = {
    "GPX track": N_(
        "the file declares XML entities or a DTD, which a GPX track never needs; it was not read"
    ),
    "TCX activity": N_(
        "the file declares XML entities or a DTD, which a TCX activity never needs; it was not read"
    ),
}
_BROKEN = {
    "GPX track": N_("the GPX track is cut short or is not well-formed XML (line {line})"),
    "TCX activity": N_("the TCX activity is cut short or is not well-formed XML (line {line})"),
}


def local_name(element: Element) -> str:
    """An element's name without its namespace: `{http://…/v1}RunCadence` → `RunCadence`."""
    return element.tag.rpartition("}")[2]
