#!/usr/bin/env bash
# Regenerate the cue sounds (one WAV per coach.services.sound.Cue) from sine and triangle tones with sox.
#
#   bash assets/sounds/make_sounds.sh        (needs sox; writes the WAVs beside this script)
#
# Every file is mono, 22050 Hz, 16-bit and peaks at -3 dBFS. Notes get soft attacks and long fades, never
# square waves: the person hears them mid-exercise, often tired or sore, and should be told, not startled.
# Each file stays under ~1.3 s, which keeps it under 60 KB (the tests check both).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

rate=22050
# -R: sox's default random seed, so the dither and therefore the files are the same on every run.
sox_=(sox -R -V1)
# Intermediate notes are 32-bit float so mixing them never clips before the final normalisation.
float=(-r "$rate" -c 1 -e floating-point -b 32)

# calc EXPRESSION: floating-point arithmetic (awk is everywhere; bc is not).
calc() { awk "BEGIN { print $1 }"; }

# note OUT START SECONDS FREQ VOLUME [WAVE]: one tone with a 10 ms attack that decays to silence by its
# end (a plucked or struck sound), preceded by START seconds of silence so notes can be mixed in time.
note() {
  local out=$1 start=$2 seconds=$3 freq=$4 volume=$5 wave=${6:-sine}
  "${sox_[@]}" -n "${float[@]}" "$out" synth "$seconds" "$wave" "$freq" \
    fade h 0.01 "$seconds" "$(calc "$seconds - 0.01")" vol "$volume" pad "$start"
}

# bell OUT START SECONDS FREQ: a struck-bell tone, the fundamental plus quieter overtones (2x, 3x and the
# slightly sharp, bell-like 2.76x) that die away sooner than it, as a real bell's do.
bell() {
  local out=$1 start=$2 seconds=$3 freq=$4
  note "$work/b1.wav" "$start" "$seconds" "$freq" 1.0
  note "$work/b2.wav" "$start" "$(calc "$seconds * 0.6")" "$(calc "$freq * 2")" 0.35
  note "$work/b3.wav" "$start" "$(calc "$seconds * 0.4")" "$(calc "$freq * 2.76")" 0.15
  note "$work/b4.wav" "$start" "$(calc "$seconds * 0.3")" "$(calc "$freq * 3")" 0.12
  "${sox_[@]}" -m "$work"/b{1,2,3,4}.wav "${float[@]}" "$out"
}

# finish NAME PARTS...: mix the parts and write NAME.wav as 16-bit mono PCM normalised to -3 dBFS. The
# low-pass takes the edge off the triangle waves' upper harmonics (they read as buzz on laptop speakers).
finish() {
  local name=$1
  shift
  if [ "$#" -eq 1 ]; then
    "${sox_[@]}" "$1" -r "$rate" -c 1 -e signed-integer -b 16 "$here/$name.wav" lowpass 4500 gain -n -3
  else
    "${sox_[@]}" -m "$@" -r "$rate" -c 1 -e signed-integer -b 16 "$here/$name.wav" lowpass 4500 gain -n -3
  fi
}

# Pitches (equal temperament, A4 = 440 Hz).
C5=523.25
E5=659.26
G5=783.99
A5=880.00
C6=1046.50

# tick: the last seconds of a countdown; a short, soft wooden "tok", 80 ms.
note "$work/tick1.wav" 0 0.08 1200 1.0
note "$work/tick2.wav" 0 0.04 2400 0.25
finish tick "$work/tick1.wav" "$work/tick2.wav"

# rep: each new rep; one short, soft woodblock-like note (60 ms) at G5, lower and rounder than the tick so
# the two are told apart, and short enough for a rep every 2 seconds.
note "$work/rep1.wav" 0 0.06 "$G5" 1.0 triangle
finish rep "$work/rep1.wav"

# hold: the top of a rep, hold now; one short high note (C6, 120 ms) that rings a little.
note "$work/hold1.wav" 0 0.12 "$C6" 1.0
note "$work/hold2.wav" 0 0.06 "$(calc "$C6 * 2")" 0.2
finish hold "$work/hold1.wav" "$work/hold2.wav"

# release: the hold is over, lower now; a short falling pair (C6 then G5), the mirror of the hold note.
note "$work/release1.wav" 0.00 0.09 "$C6" 1.0
note "$work/release2.wav" 0.07 0.12 "$G5" 1.0
finish release "$work/release1.wav" "$work/release2.wav"

# get-ready: a soft rising fifth (C5 then G5), the second note allowed to ring.
note "$work/ready1.wav" 0 0.30 "$C5" 1.0 triangle
note "$work/ready2.wav" 0.18 0.42 "$G5" 1.0 triangle
finish get-ready "$work/ready1.wav" "$work/ready2.wav"

# switch-side: two notes alternating, high-low-high-low, like a gentle "ding-dong, ding-dong".
note "$work/side1.wav" 0.00 0.22 "$A5" 1.0
note "$work/side2.wav" 0.15 0.22 "$E5" 1.0
note "$work/side3.wav" 0.30 0.22 "$A5" 1.0
note "$work/side4.wav" 0.45 0.30 "$E5" 1.0
finish switch-side "$work"/side{1,2,3,4}.wav

# set-done: a short C major chord (C5 E5 G5) over a soft octave, struck together and left to fade.
note "$work/chord1.wav" 0 0.70 "$C5" 1.0 triangle
note "$work/chord2.wav" 0 0.70 "$E5" 0.8 triangle
note "$work/chord3.wav" 0 0.70 "$G5" 0.7 triangle
note "$work/chord4.wav" 0 0.45 "$C6" 0.25
finish set-done "$work"/chord{1,2,3,4}.wav

# session-done: a longer rising arpeggio C5 E5 G5, each note ringing on under the next, the last one longest.
note "$work/arp1.wav" 0.00 0.90 "$C5" 1.0 triangle
note "$work/arp2.wav" 0.22 0.85 "$E5" 0.9 triangle
note "$work/arp3.wav" 0.44 0.81 "$G5" 0.9 triangle
note "$work/arp4.wav" 0.44 0.60 "$C6" 0.2
finish session-done "$work"/arp{1,2,3,4}.wav

# icing-done: a calm bell pair (G5 then C5) heard twice, bright enough in the 1-3 kHz overtones to
# carry to the next room, slow enough not to sound like an alarm.
bell "$work/ice1.wav" 0.00 0.55 "$G5"
bell "$work/ice2.wav" 0.30 0.55 "$C5"
bell "$work/ice3.wav" 0.65 0.55 "$G5"
bell "$work/ice4.wav" 0.95 0.35 "$C5"
finish icing-done "$work"/ice{1,2,3,4}.wav

for cue in get-ready tick rep hold release switch-side set-done session-done icing-done; do
  printf '%-18s %6s bytes\n' "$cue.wav" "$(wc -c <"$here/$cue.wav")"
done
