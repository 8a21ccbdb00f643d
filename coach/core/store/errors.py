"""The store's one error type, and how it writes moments."""

from __future__ import annotations

from datetime import UTC, datetime


class StoreError(Exception):
    """The adherence database cannot be used as asked; the message says why in plain words."""


def utc_text(moment: datetime) -> str:
    """How the store writes a moment: ISO 8601 in UTC, to the millisecond."""
    if moment.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware")
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def parse_utc(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None
