#!/bin/sh
# Makes the small compressed and float fixtures the audio tests decode. Every file holds a 440 Hz sine at
# amplitude 0.5 (the tests check rate, channels, duration, frequency and level). Needs sox (with FLAC and Ogg
# Vorbis support) and lame. WAV and AIFF integer files are generated inside the tests with javax.sound.
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# 0.4 s, 22050 Hz, stereo, 16 bit; the right channel is the left one at half the amplitude (0.25)
sox -n -r 22050 -b 16 -c 1 "$tmp/l.wav" synth 0.4 sine 440 vol 0.5
sox -n -r 22050 -b 16 -c 1 "$tmp/r.wav" synth 0.4 sine 440 vol 0.25
sox -M "$tmp/l.wav" "$tmp/r.wav" "$tmp/stereo.wav"
sox "$tmp/stereo.wav" -C 5 tone-22050-stereo.flac
# FLAC at other depths: 24-bit stereo 48 kHz, 8-bit mono 8 kHz (decoded at their own depth)
sox -n -r 48000 -b 24 -c 2 tone-48000-24bit-stereo.flac synth 0.1 sine 440 vol 0.5
sox -n -r 8000 -b 8 -c 1 tone-8000-8bit.flac synth 0.2 sine 440 vol 0.5
# mono 16 kHz for the lossy formats
sox -n -r 16000 -b 16 -c 1 "$tmp/mono.wav" synth 0.5 sine 440 vol 0.5
sox "$tmp/mono.wav" -C 3 tone-16000-mono.ogg
lame --quiet -b 32 "$tmp/mono.wav" tone-16000-mono.mp3
# 32-bit float: WAV (sox writes WAVE_FORMAT_EXTENSIBLE) and AIFF-C ('fl32'), 48 kHz, 3 channels
sox -n -r 48000 -c 3 -e floating-point -b 32 tone-48000-3ch-float.wav synth 0.05 sine 440 vol 0.5
sox -n -r 48000 -c 1 -e floating-point -b 32 tone-48000-float.aifc synth 0.05 sine 440 vol 0.5
ls -l
