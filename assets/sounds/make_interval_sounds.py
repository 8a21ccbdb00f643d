"""Make the run-walk's cue sounds (run.wav, walk.wav, click.wav) with Python's own wave module, no sox.

    python3 assets/sounds/make_interval_sounds.py        (writes the WAVs beside this script)

The same rules as make_sounds.sh: mono, 22050 Hz, 16-bit, peaks at -3 dBFS, soft attacks and fades, each
under ~1.3 s and 60 KB. The same bytes on every run (no randomness). CC BY 4.0, the Rehab Coach developers.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22050
PEAK = 10 ** (-3 / 20)  # -3 dBFS
HERE = Path(__file__).resolve().parent
G5, C6, E6, G6 = 783.99, 1046.50, 1318.51, 1567.98


def note(
    start: float, seconds: float, freq: float, volume: float = 1.0
) -> list[tuple[float, float, float, float]]:
    return [(start, seconds, freq, volume)]


def render(notes: list[tuple[float, float, float, float]]) -> list[float]:
    """Sine notes with a 5 ms attack and an exponential decay to silence by their end, mixed."""
    length = max(start + seconds for start, seconds, _, _ in notes)
    samples = [0.0] * int(length * RATE + 1)
    for start, seconds, freq, volume in notes:
        first = int(start * RATE)
        for n in range(int(seconds * RATE)):
            t = n / RATE
            attack = min(1.0, t / 0.005)
            decay = math.exp(-5.0 * t / seconds) * (1 - t / seconds)
            samples[first + n] += volume * attack * decay * math.sin(2 * math.pi * freq * t)
    return samples


def write(name: str, samples: list[float]) -> None:
    top = max(abs(s) for s in samples) or 1.0
    frames = b"".join(struct.pack("<h", round(s / top * PEAK * 32767)) for s in samples)
    with wave.open(str(HERE / f"{name}.wav"), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(frames)


# run: go! a quick rising pair (E6 then G6), brighter than every other cue, heard over footsteps.
write("run", render(note(0.0, 0.18, E6) + note(0.12, 0.35, G6) + note(0.12, 0.2, G6 * 2, 0.15)))
# walk: ease off; a slow falling pair (C6 then G5), the run cue's mirror, calmer.
write("walk", render(note(0.0, 0.3, C6) + note(0.22, 0.5, G5)))
# click: the metronome, 25 ms, a dry high tick that leaves room for 200 a minute.
write("click", render(note(0.0, 0.025, 2200.0) + note(0.0, 0.012, 4400.0, 0.3)))
