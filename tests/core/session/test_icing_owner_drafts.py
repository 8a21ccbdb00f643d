"""The icing timer's note is written whole (a draft beside it, renamed over it): a draft a writer killed
mid-write leaves is removed at the next start, or at the next write of the note when another process has
the store open; a draft written a moment ago may be another process's at work, and stays."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime
from pathlib import Path

from coach.core.files import new_private_temporary
from coach.core.operations import finish_icing, start_icing
from coach.core.session.clock import FakeClock
from coach.core.session.icing_owner import DRAFT_AGE_SECONDS, NOTE_NAME, read_owner
from coach.core.store.adherence import AdherenceStore
from tests.helpers import over

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def killed_draft(data_dir: Path, *, age: float) -> Path:
    """A draft of the note as its writer makes it (a hidden name beside it), last written `age` s ago."""
    draft = new_private_temporary(data_dir / NOTE_NAME)
    draft.write_text('{"run_id": 1, "pid": 4', encoding="utf-8")  # cut short by the kill
    then = time.time() - age
    os.utime(draft, (then, then))
    return draft


def test_a_killed_writers_draft_is_removed_at_the_next_write_of_the_note(tmp_path: Path) -> None:
    database = tmp_path / "coach.db"
    other = AdherenceStore.open(database)  # another process has the store: the start's tidy waits
    store = AdherenceStore.open(database)
    try:
        old = killed_draft(tmp_path, age=DRAFT_AGE_SECONDS + 60)
        young = killed_draft(tmp_path, age=0)  # perhaps being written right now
        clock = FakeClock(wall=T0, boot="this-machine")

        started = start_icing(over(store, clock), 20).value

        assert not old.exists(), "left by a kill: removed as the note is written"
        assert young.exists(), "another writer's, at work: kept"
        assert read_owner(tmp_path, started.run_id) is not None
        killed_draft(tmp_path, age=DRAFT_AGE_SECONDS + 60).replace(young)
        clock.advance(60)

        finish_icing(over(store, clock), started.run_id, started.run.stop())

        assert not young.exists(), "removed as the note is"
        assert sorted(p.name for p in tmp_path.iterdir() if NOTE_NAME in p.name) == []
    finally:
        store.close()
        other.close()


def test_a_killed_writers_draft_is_removed_at_the_next_start(tmp_path: Path) -> None:
    database = tmp_path / "coach.db"
    AdherenceStore.open(database).close()
    draft = killed_draft(tmp_path, age=0)

    AdherenceStore.open(database).close()  # alone with the store: every hidden copy a kill left goes

    assert not draft.exists()
