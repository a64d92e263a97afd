#!/usr/bin/env bash
# Live latency on real voices: answers of 30 s to 5 minutes joined from the real-speech corpus
# (bench/make_real_answers.py: several speakers each, tight and natural gaps) and the
# spontaneous radio talk, each streamed at real-time speed through the live path with 1 s of
# quiet before stop. bench/write_real_live.py writes the "Real voices, live" part of
# bench/RESULTS.md: stop→assessment p50 and p90 per length, the tail at stop, peak memory.
# About 20 minutes a run; run it on an idle machine.
#
#   ./bench/real_live.sh [RUNS]   (live runs per answer, default 1)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-1}
work="$repo/target/bench/real_live"
cd "$repo"

./scripts/fetch-real-speech.sh
corpus="${STAR_COACH_REAL_SPEECH:-${XDG_CACHE_HOME:-$HOME/.cache}/star-coach/real-speech}"
cargo build --release -q -p cli
./scripts/install-default-model.sh >/dev/null
rm -rf "$work" && mkdir -p "$work"
echo "== answers"
python3 bench/make_real_answers.py "$corpus" "$work/answers"
echo "== star-coach (live only, $runs run(s) each)"
for answer in "$work"/answers/*.wav; do
  target/release/star-coach bench "$answer" --live-only --runs "$runs" --json \
    >"$work/$(basename "$answer" .wav).json"
done
python3 bench/write_real_live.py "$work" bench/RESULTS.md
echo "== wrote the real-voices part of bench/RESULTS.md"
