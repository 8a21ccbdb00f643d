from __future__ import annotations

import array
import logging
import sys
import wave
from collections.abc import Mapping
from pathlib import Path

import pytest

from coach.services import sound
from coach.services.sound import (
    Cue,
    EffectsPlayer,
    NullSound,
    PlaysoundPlayer,
    SoundPlayer,
    audio_output_present,
    make_sound_player,
    silence_reason,
)
from tests.conftest import REPO

SOUNDS = REPO / "assets" / "sounds"
FULL_SCALE = 32768

# Imported as the player imports it, without playsound3's import-time warning on machines without audio.
playsound3 = sound._import_playsound3()


class FakeSound:
    """What playsound3.playsound returns: a handle on the player process."""

    def __init__(self) -> None:
        self.alive = True

    def is_alive(self) -> bool:
        return self.alive


class FakePlaysound:
    """Stands in for playsound3.playsound: records each call, or fails like a machine without audio."""

    def __init__(self, error: Exception | None = None) -> None:
        self.calls: list[tuple[Path, bool]] = []
        self.sounds: list[FakeSound] = []
        self.error = error

    def __call__(self, path: Path, block: bool = True) -> FakeSound:
        self.calls.append((path, block))
        if self.error is not None:
            raise self.error
        self.sounds.append(FakeSound())
        return self.sounds[-1]


@pytest.fixture
def fake_playsound(monkeypatch: pytest.MonkeyPatch) -> FakePlaysound:
    fake = FakePlaysound()
    monkeypatch.setattr(playsound3, "playsound", fake)
    return fake


@pytest.fixture
def sounds_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "sounds"
    folder.mkdir()
    for cue in Cue:
        (folder / f"{cue.value}.wav").write_bytes(b"RIFF")
    return folder


@pytest.mark.parametrize("cue", list(Cue), ids=lambda cue: cue.value)
def test_every_cue_has_a_small_mono_wav_that_neither_clips_nor_is_silent(cue: Cue) -> None:
    path = SOUNDS / f"{cue.value}.wav"

    with wave.open(str(path), "rb") as wav:
        params = wav.getparams()
        samples = array.array("h", wav.readframes(params.nframes))

    assert (params.nchannels, params.sampwidth, params.framerate) == (1, 2, 22050)
    assert params.nframes > 0
    assert path.stat().st_size < 60_000
    if sys.byteorder == "big":
        samples.byteswap()
    peak = max(abs(sample) for sample in samples) / FULL_SCALE
    # make_sounds.sh normalises every file to -3 dBFS, a peak of 0.71 of full scale.
    assert 0.6 < peak < 0.8


def test_the_tick_is_short() -> None:
    with wave.open(str(SOUNDS / "tick.wav"), "rb") as wav:
        seconds = wav.getnframes() / wav.getframerate()

    assert seconds <= 0.1


def test_a_cue_plays_its_own_file_without_waiting(fake_playsound: FakePlaysound, sounds_dir: Path) -> None:
    player = PlaysoundPlayer(sounds_dir)

    player.play(Cue.SWITCH_SIDE)

    assert fake_playsound.calls == [(sounds_dir / "switch-side.wav", False)]


def test_every_cue_reaches_the_player(fake_playsound: FakePlaysound, sounds_dir: Path) -> None:
    player = PlaysoundPlayer(sounds_dir)

    for cue in Cue:
        player.play(cue)

    assert [path.name for path, _ in fake_playsound.calls] == [f"{cue.value}.wav" for cue in Cue]


def test_a_missing_file_is_skipped_and_later_cues_still_play(
    fake_playsound: FakePlaysound, sounds_dir: Path
) -> None:
    (sounds_dir / "tick.wav").unlink()
    player = PlaysoundPlayer(sounds_dir)

    player.play(Cue.TICK)
    player.play(Cue.SET_DONE)

    assert fake_playsound.calls == [(sounds_dir / "set-done.wav", False)]
    assert not player.silenced


def test_no_audio_backend_silences_the_player_after_one_quiet_log_line(
    monkeypatch: pytest.MonkeyPatch, sounds_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    failing = FakePlaysound(playsound3.PlaysoundException("No supported audio backends on this system!"))
    monkeypatch.setattr(playsound3, "playsound", failing)
    player = PlaysoundPlayer(sounds_dir)

    with caplog.at_level(logging.INFO, logger="coach.services.sound"):
        player.play(Cue.GET_READY)
        player.play(Cue.TICK)
        player.play(Cue.TICK)

    assert len(failing.calls) == 1
    assert player.silenced
    assert [(record.levelno, record.getMessage()) for record in caplog.records] == [
        (logging.INFO, "Sound cues are off: No supported audio backends on this system!")
    ]


def test_a_player_program_that_cannot_start_silences_the_player(
    monkeypatch: pytest.MonkeyPatch, sounds_dir: Path
) -> None:
    failing = FakePlaysound(FileNotFoundError(2, "No such file or directory", "gst-play-1.0"))
    monkeypatch.setattr(playsound3, "playsound", failing)
    player = PlaysoundPlayer(sounds_dir)

    player.play(Cue.GET_READY)
    player.play(Cue.GET_READY)

    assert len(failing.calls) == 1
    assert player.silenced


def test_without_playsound3_the_player_is_silent(monkeypatch: pytest.MonkeyPatch, sounds_dir: Path) -> None:
    monkeypatch.setitem(sys.modules, "playsound3", None)  # what `import` sees when the package is missing
    player = PlaysoundPlayer(sounds_dir)

    player.play(Cue.SET_DONE)

    assert player.silenced


def test_sound_turned_off_is_null_sound(sounds_dir: Path) -> None:
    assert isinstance(make_sound_player(sounds_dir, enabled=False), NullSound)


def test_no_audio_output_is_null_sound(monkeypatch: pytest.MonkeyPatch, sounds_dir: Path) -> None:
    monkeypatch.setattr(sound, "audio_output_present", lambda: False)

    assert isinstance(make_sound_player(sounds_dir), NullSound)


def test_with_audio_output_the_factory_gives_an_effects_player_that_has_loaded_nothing_yet(
    monkeypatch: pytest.MonkeyPatch, sounds_dir: Path
) -> None:
    monkeypatch.setattr(sound, "audio_output_present", lambda: True)

    player = make_sound_player(sounds_dir)

    assert isinstance(player, EffectsPlayer)
    assert player.sounds_dir == sounds_dir
    assert player.silenced is None


def test_linux_without_sound_server_or_card_has_no_audio_output(tmp_path: Path) -> None:
    assert not audio_output_present({}, platform="linux", dev_snd=tmp_path / "snd")
    assert not audio_output_present(
        {"XDG_RUNTIME_DIR": str(tmp_path)}, platform="linux", dev_snd=tmp_path / "x"
    )


@pytest.mark.parametrize("socket", ["pulse/native", "pipewire-0"])
def test_a_sound_server_socket_means_audio_output(tmp_path: Path, socket: str) -> None:
    (tmp_path / socket).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / socket).touch()

    assert audio_output_present({"XDG_RUNTIME_DIR": str(tmp_path)}, platform="linux", dev_snd=tmp_path / "x")


def test_a_pulse_server_address_or_a_sound_card_means_audio_output(tmp_path: Path) -> None:
    assert audio_output_present({"PULSE_SERVER": "tcp:host"}, platform="linux", dev_snd=tmp_path / "x")
    assert audio_output_present({}, platform="linux", dev_snd=tmp_path)


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_windows_and_macos_are_assumed_to_have_audio(platform: str, tmp_path: Path) -> None:
    assert audio_output_present({}, platform=platform, dev_snd=tmp_path / "x")


class FakeEffect:
    """Stands in for a loaded QSoundEffect: counts its starts, or has been refused by the device."""

    def __init__(self, path: Path, refused: bool = False) -> None:
        self.path = path
        self.starts = 0
        self.refused = refused

    def play(self) -> None:
        self.starts += 1

    def failed(self) -> bool:
        return self.refused


class FakeEffects:
    """Stands in for load_qt_effects: records what it was asked to load, or says why it cannot."""

    def __init__(self, cannot: str | None = None, refused: frozenset[Cue] = frozenset()) -> None:
        self.loads: list[dict[Cue, Path]] = []
        self.effects: dict[Cue, FakeEffect] = {}
        self.cannot = cannot
        self.refused = refused

    def __call__(self, wavs: Mapping[Cue, Path]) -> dict[Cue, FakeEffect] | str:
        self.loads.append(dict(wavs))
        if self.cannot is not None:
            return self.cannot
        self.effects = {cue: FakeEffect(path, cue in self.refused) for cue, path in wavs.items()}
        return self.effects


class RecordingFallback:
    def __init__(self, silenced: str | None = None) -> None:
        self.played: list[Cue] = []
        self.silenced = silenced

    def play(self, cue: Cue) -> None:
        self.played.append(cue)


def test_nothing_loads_before_the_first_cue_and_the_first_cue_loads_every_wav_once(sounds_dir: Path) -> None:
    effects = FakeEffects()
    player = EffectsPlayer(sounds_dir, load=effects)
    assert effects.loads == []

    player.play(Cue.GET_READY)
    player.play(Cue.TICK)
    player.play(Cue.TICK)

    assert effects.loads == [{cue: sounds_dir / f"{cue.value}.wav" for cue in Cue}]
    assert {cue: effect.starts for cue, effect in effects.effects.items() if effect.starts} == {
        Cue.GET_READY: 1,
        Cue.TICK: 2,
    }


def test_the_cues_are_whatever_wavs_the_folder_holds(sounds_dir: Path) -> None:
    (sounds_dir / "tick.wav").unlink()
    effects = FakeEffects()
    fallback = RecordingFallback()
    player = EffectsPlayer(sounds_dir, load=effects, fallback=lambda: fallback)

    player.play(Cue.TICK)  # no file: skipped, not handed to the fallback
    player.play(Cue.SET_DONE)

    assert Cue.TICK not in effects.loads[0]
    assert effects.effects[Cue.SET_DONE].starts == 1
    assert fallback.played == []
    assert player.silenced is None


def test_without_an_audio_output_for_qt_the_fallback_plays_and_the_reason_is_logged_once(
    sounds_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    effects = FakeEffects(cannot="Qt finds no audio output")
    fallback = RecordingFallback()
    made: list[RecordingFallback] = []

    def make_fallback() -> SoundPlayer:
        made.append(fallback)
        return fallback

    player = EffectsPlayer(sounds_dir, load=effects, fallback=make_fallback)
    with caplog.at_level(logging.INFO, logger="coach.services.sound"):
        player.play(Cue.GET_READY)
        player.play(Cue.REP)

    assert len(effects.loads) == 1
    assert len(made) == 1
    assert fallback.played == [Cue.GET_READY, Cue.REP]
    assert player.silenced is None  # the fallback may still play
    assert [record.getMessage() for record in caplog.records] == [
        "Sound cues cannot play in the app: Qt finds no audio output"
    ]


def test_when_neither_qt_nor_the_fallback_can_play_the_player_says_why(sounds_dir: Path) -> None:
    fallback = RecordingFallback(silenced="No supported audio backends on this system!")
    player = EffectsPlayer(
        sounds_dir, load=FakeEffects(cannot="Qt finds no audio output"), fallback=lambda: fallback
    )

    player.play(Cue.GET_READY)

    assert player.silenced == "No supported audio backends on this system!"
    assert silence_reason(player) == "No supported audio backends on this system!"


def test_without_a_fallback_the_reason_qt_cannot_play_is_the_silence(sounds_dir: Path) -> None:
    player = EffectsPlayer(sounds_dir, load=FakeEffects(cannot="Qt finds no audio output"))

    assert silence_reason(player) is None
    player.play(Cue.GET_READY)

    assert silence_reason(player) == "Qt finds no audio output"


def test_a_cue_the_device_refuses_goes_to_the_fallback(sounds_dir: Path) -> None:
    effects = FakeEffects(refused=frozenset({Cue.HOLD}))
    fallback = RecordingFallback()
    player = EffectsPlayer(sounds_dir, load=effects, fallback=lambda: fallback)

    player.play(Cue.HOLD)
    player.play(Cue.RELEASE)

    assert fallback.played == [Cue.HOLD]
    assert effects.effects[Cue.RELEASE].starts == 1


def test_null_sound_is_silent_for_its_reason_unless_the_person_chose_it() -> None:
    assert silence_reason(NullSound()) is None
    assert silence_reason(NullSound("no sound card")) == "no sound card"


def test_a_playsound_player_that_failed_says_why(monkeypatch: pytest.MonkeyPatch, sounds_dir: Path) -> None:
    monkeypatch.setattr(playsound3, "playsound", FakePlaysound(playsound3.PlaysoundException("no backend")))
    player = PlaysoundPlayer(sounds_dir)

    player.play(Cue.TICK)

    assert silence_reason(player) == "no backend"


def test_qt_effects_load_without_a_qt_warning_and_say_why_when_there_is_no_output(qapp: object) -> None:
    from coach.services.sound_effects import load_qt_effects

    loaded = load_qt_effects({cue: SOUNDS / f"{cue.value}.wav" for cue in Cue})

    # CI has no sound device: the reason; a machine with one: an effect per cue, none refused.
    if isinstance(loaded, str):
        assert loaded == "Qt finds no audio output"
    else:
        assert set(loaded) == set(Cue)
        assert not any(effect.failed() for effect in loaded.values())
