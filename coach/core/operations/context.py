"""The Coach context: what every operation and query works with, built once by each face.

One object holds the store, the clock, the routine library (which can be read again), the places and the
person's settings. Both faces build it once (the app after its first paint, a command when it runs) and
hand it to every operation and query as its first argument: `start_session(coach, routine)`, never
`start_session(store, routine, clock)`. No window holds the store; the GUI's runner holds the context.

What is not needed is not opened: the store opens on first use (a command that only reads routines never
opens a database), the library is read on first use (`coach history` never reads the routine files), and
the settings are read once.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING

from coach.core.paths import Places, refuse_a_non_folder
from coach.core.session.clock import Clock

if TYPE_CHECKING:
    from coach.core.routines.library import Library
    from coach.core.settings import Settings
    from coach.core.store.adherence import AdherenceStore


class Coach:
    """The store, the clock, the library, the places and the settings of one run of Rehab Coach.

    `store`, `library` and `settings` may be given (the app opened the store and read the library before
    building the context; a test hands its own); what is not given is opened or read on first use.
    `backups`: whether opening the store takes today's backup (commands that only read do not).
    """

    def __init__(
        self,
        places: Places,
        clock: Clock,
        *,
        store: AdherenceStore | None = None,
        library: Library | None = None,
        settings: Settings | None = None,
        backups: bool = True,
        zone: tzinfo | None = None,
    ) -> None:
        self.places = places
        self.clock = clock
        self.backups = backups
        self.zone = zone  # the local zone days are counted in (None: the system's)
        self._store = store
        self._library = library
        self._settings = settings

    @property
    def store(self) -> AdherenceStore:
        """The open store; opened (and today's backup taken) on first use, and again after it was closed
        (a restore found damage and moved the file aside). StoreError when it cannot be."""
        if self._store is None or self._store.closed:
            from coach.core.store.adherence import AdherenceStore

            kept = self.settings.backups_kept if self.backups else 0
            self._store = AdherenceStore.open(self.places.database, now=self.clock.wall(), keep_backups=kept)
        return self._store

    @property
    def has_history(self) -> bool:
        """Whether there is a database to read (asking never creates one); NotADirectoryError, with the
        sentence, when the data folder is a file (that is not "no history yet")."""
        if self._store is not None:
            return True
        refuse_a_non_folder(self.places.data_dir)
        return self.places.database.exists()

    @property
    def library(self) -> Library:
        """The bundled routines and the person's own, read on first use."""
        if self._library is None:
            return self.reload_library()
        return self._library

    def reload_library(self) -> Library:
        """Read the routine files again (one was added, changed or removed) and keep what was read."""
        from coach.core.i18n import language
        from coach.core.routines.library import discover_routines

        places = self.places
        self._library = discover_routines(
            places.bundled_routines, places.user_routines, places.assets, language()
        )
        return self._library

    def use_library(self, library: Library) -> None:
        """Take a library already read (the app's first window read it, from the kept copy or the files)."""
        self._library = library

    @property
    def settings(self) -> Settings:
        """The person's choices, read once from settings.json."""
        if self._settings is None:
            from coach.core.settings import load_settings

            self._settings = load_settings(self.places.data_dir)
        return self._settings

    def reload_settings(self) -> Settings:
        """Read settings.json again (another window or process saved a choice)."""
        self._settings = None
        return self.settings

    def remember(self, settings: Settings) -> None:
        """The settings as just saved (by the change_settings operation)."""
        self._settings = settings

    def with_clock(self, clock: Clock) -> Coach:
        """The same store, library and settings on another clock (a simulated session's)."""
        return Coach(
            self.places,
            clock,
            store=self.store,
            library=self._library,
            settings=self._settings,
            backups=self.backups,
            zone=self.zone,
        )

    def now(self) -> datetime:
        """The wall-clock moment, from the injected clock."""
        return self.clock.wall()

    def today(self) -> tuple[date, tzinfo | None]:
        """The local day and the system's zone now."""
        now = self.clock.wall().astimezone(self.zone)
        return now.date(), now.tzinfo

    def close(self) -> None:
        """Close the store, if it was opened."""
        if self._store is not None:
            store, self._store = self._store, None
            store.close()
