from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from coach.core.routines.model import plan_steps
from coach.core.store.adherence import AdherenceStore
from coach.core.store.last_routine import last_routine_id
from tests.helpers import hold, routine

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def test_the_last_real_session_names_the_routine(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    store = AdherenceStore.open(path)
    try:
        for routine_id, minutes, simulated in (("knee", 0, False), ("hips", 10, False), ("demo", 20, True)):
            plan = routine(hold(sets=1), routine_id=routine_id)
            store.begin_session(plan, plan_steps(plan), T0 + timedelta(minutes=minutes), simulated=simulated)

        found = last_routine_id(path)
    finally:
        store.close()

    assert found == "hips"


def test_no_database_or_a_damaged_one_names_no_routine(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"not a database at all" * 100)
    empty = tmp_path / "empty.db"
    AdherenceStore.open(empty).close()

    assert last_routine_id(tmp_path / "missing.db") is None
    assert last_routine_id(damaged) is None
    assert last_routine_id(empty) is None
