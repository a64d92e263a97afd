"""The held-out part of bench/RESULTS.md: stop→assessment and word error rate on answers the
tuning never saw (bench/make_held_out.py), from `star-coach bench --json`.

    python3 bench/write_held_out.py HELD_OUT.json RESULTS.md
"""
import json
import math
import os
import sys

from results_section import replace_section

BEGIN = "<!-- held out: bench/held_out.sh writes this part -->"
END = "<!-- end of held out -->"
TARGET_P90_SECONDS = 0.5


def nearest_rank(values, q):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(len(ordered) * q) - 1)] if ordered else float("nan")


def verdict(p90):
    return "met" if p90 <= TARGET_P90_SECONDS else "**missed**"


def runs_summary(runs):
    """The stop→assessment p50 and p90 of `runs` (seconds) against the target, as one clause."""
    p50, p90 = nearest_rank(runs, 0.5), nearest_rank(runs, 0.9)
    return (f"Over {len(runs)} runs: stop→assessment p50 {p50:.3f} s, p90 {p90:.3f} s "
            f"(target p90 ≤ {TARGET_P90_SECONDS} s: {verdict(p90)})")


def main(bench_json, results):
    bench = json.load(open(bench_json))
    lines = ["", "## Held-out answers (bench/held_out.sh)", "",
             "Scripts written for this bench alone (`bench/held_out/`), never used to tune anything; "
             "`-tight` answers join sentences with 0.2 s gaps (no pause of 0.3 s or more), `-natural` "
             "ones keep espeak-ng's own gaps in another voice and speed, `all-tight` is the three "
             f"scripts in one answer. Model `{os.path.basename(bench['model'])}`, {bench['threads']} "
             f"threads, {bench['cores']} cores; live runs at real-time speed, "
             f"{bench['stop_after']:.1f} s of silence before stop.", "",
             "| answer | length | one-shot WER | live WER | stop→assessment per run (s) | tail at stop (s) | speculative passes |",
             "|---|---|---|---|---|---|---|"]
    every_run = []
    for a in bench["answers"]:
        live = a["live"]
        every_run += live["runs"]
        lines.append(
            f"| {os.path.splitext(os.path.basename(a['file']))[0]} | {a['seconds']:.1f} s "
            f"| {100 * a['one_shot_wer']:.1f} % | {100 * live['wer_mean']:.1f} % "
            f"| {'; '.join(f'{r:.3f}' for r in live['runs'])} "
            f"| {'; '.join(f'{t:.1f}' for t in live['tail_seconds'])} | {live['speculative_passes']} |")
    lines += ["", f"{runs_summary(every_run)}; peak RSS {bench['peak_rss_mb']:.0f} MB.", ""]
    replace_section(results, BEGIN, END, lines)


if __name__ == "__main__":
    main(*sys.argv[1:3])
