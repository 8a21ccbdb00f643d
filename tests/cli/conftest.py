"""The command line's clock, pinned where a test's figures depend on the day."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from coach.core.session.clock import FakeClock

# A Wednesday noon: an --instant session ends "now" and starts half an hour before it; read from the test's
# own wall clock, a session finished at 00:01 on a Friday had started on Thursday, and figures flaked near
# midnight (CI, 2026-12-03 23:26).
WEDNESDAY_NOON = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)


@pytest.fixture
def wednesday(monkeypatch: pytest.MonkeyPatch) -> datetime:
    """Every `coach` command of the test runs with its clock standing at a Wednesday noon (UTC)."""
    monkeypatch.setattr("coach.cli.SystemClock", lambda: FakeClock(WEDNESDAY_NOON, monotonic=1000.0))
    return WEDNESDAY_NOON
