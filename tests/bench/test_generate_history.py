from __future__ import annotations

from datetime import date
from pathlib import Path

from bench.generate_history import generate
from bench.history import history_view
from coach.core.history.stats import summarize
from coach.core.store.adherence import AdherenceStore

TODAY = date(2026, 3, 4)


def test_the_generator_writes_history_the_store_and_stats_can_read(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"

    count = generate(path, years=1, today=TODAY)

    store = AdherenceStore.open(path)
    try:
        sessions = store.sessions()
        marks = store.day_marks()
        assert store.integrity_ok()
        seen = history_view(store, TODAY)
    finally:
        store.close()
    assert len(sessions) == count
    assert 3 * 40 <= count <= 5 * 52  # 3 to 5 a week, less holidays and lost weeks
    assert {s.time_zone for s in sessions} == {"Europe/London", "America/New_York"}
    assert any(m.kind.value == "rest" for m in marks)
    assert summarize(sessions, TODAY, marks=marks).sessions_completed > 0
    assert seen == count


def test_the_generator_is_deterministic(tmp_path: Path) -> None:
    generate(tmp_path / "a.db", years=1, today=TODAY)
    generate(tmp_path / "b.db", years=1, today=TODAY)

    stores = [AdherenceStore.open(tmp_path / name) for name in ("a.db", "b.db")]
    try:
        first, second = (store.sessions() for store in stores)
    finally:
        for store in stores:
            store.close()
    assert first == second
