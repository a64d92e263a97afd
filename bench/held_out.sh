#!/usr/bin/env bash
# Answers the tuning never saw (bench/make_held_out.py): sentences with 0.2 s gaps, other voices
# and speeds, one answer of over two minutes. star-coach transcribes each one-shot and live at
# real-time speed; bench/write_held_out.py writes the "Held-out answers" part of
# bench/RESULTS.md. About 9 minutes; bench/run.sh runs it too. Run it on an idle machine.
#
#   ./bench/held_out.sh [RUNS]   (live runs per answer, default 1)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-1}
work="$repo/target/bench/held_out"
cd "$repo"

cargo build --release -q -p cli
./scripts/install-default-model.sh >/dev/null
rm -rf "$work" && mkdir -p "$work"
echo "== answers"
python3 bench/make_held_out.py "$work/answers"
echo "== star-coach (one-shot, and $runs live run(s) each)"
target/release/star-coach bench "$work"/answers/*.wav --runs "$runs" --json >"$work/ours.json"
python3 bench/write_held_out.py "$work/ours.json" bench/RESULTS.md
echo "== wrote the held-out part of bench/RESULTS.md"
