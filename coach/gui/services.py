"""The platform services the app uses (sound, voice, notifications, screen-saver inhibition, start at
login, screen-reader announcements), each replaceable by its null version: tests use the null ones, the
start finds the real ones."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coach.services.autostart import AutoStart
    from coach.services.inhibit import Inhibitor
    from coach.services.notify import Notifier
    from coach.services.screen_reader import Announcer
    from coach.services.sound import SoundPlayer
    from coach.services.voice import Voice


@dataclass
class Services:
    """The platform features the app uses, each replaceable by its null version."""

    sound: SoundPlayer = field(default_factory=lambda: _null_services().sound)
    voice: Voice = field(default_factory=lambda: _null_services().voice)
    notifier: Notifier = field(default_factory=lambda: _null_services().notifier)
    inhibitor: Inhibitor = field(default_factory=lambda: _null_services().inhibitor)
    autostart: AutoStart = field(default_factory=lambda: _null_services().autostart)
    announcer: Announcer = field(default_factory=lambda: _null_services().announcer)


def _null_services() -> Services:
    """Every null version (imported here: the services' modules load D-Bus, which the first paint skips)."""
    from coach.services.autostart import NullAutoStart
    from coach.services.inhibit import NullInhibitor
    from coach.services.notify import NullNotifier
    from coach.services.screen_reader import NullAnnouncer
    from coach.services.sound import NullSound
    from coach.services.voice import NullVoice

    return Services(
        NullSound(), NullVoice(), NullNotifier(), NullInhibitor(), NullAutoStart(), NullAnnouncer()
    )
