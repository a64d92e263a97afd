"""The "Real voices, live" part of bench/RESULTS.md, from the `star-coach bench --live-only
--json` files bench/real_live.sh leaves (one an answer).

    python3 bench/write_real_live.py WORK_DIR RESULTS.md
"""
import glob
import json
import os
import sys

from results_section import replace_section
from write_held_out import nearest_rank, runs_summary, verdict

BEGIN = "<!-- real voices live: bench/real_live.sh writes this part -->"
END = "<!-- end of real voices live -->"


def main(work, results):
    benches = [json.load(open(p)) for p in sorted(glob.glob(os.path.join(work, "*.json")))]
    if not benches:
        sys.exit(f"write_real_live: no bench results in {work}")
    first = benches[0]
    lines = ["", "## Real voices, live (bench/real_live.sh)", "",
             "Answers joined from the real-speech corpus (`bench/make_real_answers.py`): the Asterisk "
             "reader's long and short prompts, the codec2 project's readers, LibriVox and JFK taken in "
             "turn, so each answer has several speakers; `-tight` with 0.15–0.25 s between recordings, "
             "`-natural` with 0.3–1.5 s; `ve9qrp-spontaneous` is a radio talk said freely (112 s, many "
             "\"uh\"s). None of it was used to tune the live scheduler. Streamed from disk at "
             f"real-time speed (`star-coach bench --live-only`), model `{os.path.basename(first['model'])}`, "
             f"{first['threads']} threads at stop, {first['cores']} cores, {first['stop_after']:.1f} s of "
             "quiet before stop.", "",
             "| answer | length | stop→assessment per run (s) | tail at stop (s) | speculative passes | peak RSS |",
             "|---|---|---|---|---|---|"]
    by_length = {}
    for bench in benches:
        for a in bench["answers"]:
            live = a["live"]
            name = os.path.splitext(os.path.basename(a["file"]))[0]
            by_length.setdefault(round(a["seconds"] / 30) * 30 or 30, []).extend(live["runs"])
            lines.append(
                f"| {name} | {a['seconds']:.1f} s | {'; '.join(f'{r:.3f}' for r in live['runs'])} "
                f"| {'; '.join(f'{t:.1f}' for t in live['tail_seconds'])} | {live['speculative_passes']} "
                f"| {bench['peak_rss_mb']:.0f} MB |")
    lines += ["", "| about | runs | p50 | p90 | |", "|---|---|---|---|---|"]
    every_run = []
    for length in sorted(by_length):
        runs = by_length[length]
        every_run += runs
        p90 = nearest_rank(runs, 0.9)
        lines.append(f"| {length} s | {len(runs)} | {nearest_rank(runs, 0.5):.3f} s | {p90:.3f} s "
                     f"| {verdict(p90)} |")
    lines += ["", f"{runs_summary(every_run)}.", ""]
    replace_section(results, BEGIN, END, lines)


if __name__ == "__main__":
    main(*sys.argv[1:3])
