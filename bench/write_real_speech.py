"""The real-speech table of bench/RESULTS.md: star-coach (one-shot and live) beside faster-whisper
on the same recordings and the same tiny.en weights, every transcript scored by one
normalisation here (so neither side gains from how it writes numbers or punctuation).

    python3 bench/write_real_speech.py OURS.json PEER.json RESULTS.md

Replaces the part of RESULTS.md between the two marker lines below (or appends it).
"""
import json
import os
import re
import sys

from results_section import replace_section

BEGIN = "<!-- real speech: bench/real_speech.sh writes this part -->"
END = "<!-- end of real speech -->"
ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def spelled(token):
    n = int(token)
    if n < 20:
        return [ONES[n]]
    if n < 100:
        return [TENS[n // 10]] + ([ONES[n % 10]] if n % 10 else [])
    return [token]


def words(text):
    out = []
    for t in re.findall(r"[a-z0-9']+", text.lower().replace("-", " ").replace("mr.", "mister")):
        out.extend(spelled(t) if t.isdigit() else [t.strip("'")])
    return [w for w in out if w]


def counts(reference, hypothesis):
    r, h = words(reference), words(hypothesis)
    d = list(range(len(h) + 1))
    for i in range(1, len(r) + 1):
        prev, d[0] = d[0], i
        for j in range(1, len(h) + 1):
            cur = min(d[j] + 1, d[j - 1] + 1, prev + (r[i - 1] != h[j - 1]))
            prev, d[j] = d[j], cur
    return d[len(h)], len(r)


def longest_repeat(text):
    w = words(text)
    best = 0
    for i in range(len(w)):
        for j in range(i + 1, len(w)):
            k = 0
            while j + k < len(w) and i + k < j and w[i + k] == w[j + k]:
                k += 1
            best = max(best, k)
    return best


def main(ours_path, peer_path, results):
    ours = json.load(open(ours_path))
    peer = json.load(open(peer_path))
    peer_rows = {os.path.basename(a["file"]): a for a in peer["results"]["int8"]["answers"]}
    peer_f32 = {os.path.basename(a["file"]): a for a in peer["results"]["float32"]["answers"]}
    lines = ["", "## Real speech (bench/real_speech.sh)", "",
             f"Recordings of real people (`scripts/fetch-real-speech.sh`); model "
             f"`{os.path.basename(ours['model'])}`, {ours['threads']} threads; the peer is "
             f"faster-whisper {peer['faster_whisper']} on the same tiny.en weights, greedy, "
             "without temperature fallback. Word error rate by one normalisation for every column; "
             "'repeat' is the longest stretch of words written twice (6 or more is a loop).", "",
             "| recording | length | ours one-shot WER | ours live WER | faster-whisper int8 WER | float32 WER | ours one-shot s | fw int8 s | repeat (ours) |",
             "|---|---|---|---|---|---|---|---|---|"]
    totals = {"ours": [0, 0], "live": [0, 0], "int8": [0, 0], "f32": [0, 0]}
    for a in ours["answers"]:
        name = os.path.basename(a["file"])
        reference = open(a["file"][:-4] + ".txt").read()
        e, n = counts(reference, a["one_shot_text"])
        totals["ours"][0] += e; totals["ours"][1] += n
        live = a.get("live") or {}
        live_text = (live.get("texts") or [None])[0]
        live_cell = "–"
        if live_text is not None:
            le, ln = counts(reference, live_text)
            totals["live"][0] += le; totals["live"][1] += ln
            live_cell = f"{100 * le / ln:.1f} %"
        p, f = peer_rows.get(name), peer_f32.get(name)
        pe, pn = counts(reference, p["text"]) if p else (0, 0)
        fe, fn = counts(reference, f["text"]) if f else (0, 0)
        totals["int8"][0] += pe; totals["int8"][1] += pn
        totals["f32"][0] += fe; totals["f32"][1] += fn
        lines.append(
            f"| {name[:-4]} | {a['seconds']:.1f} s | {100 * e / n:.1f} % | {live_cell} | "
            f"{100 * pe / max(pn, 1):.1f} % | {100 * fe / max(fn, 1):.1f} % | "
            f"{a['one_shot_seconds']:.2f} | {p['transcribe_seconds'] if p else float('nan'):.2f} | "
            f"{longest_repeat(a['one_shot_text'])} |")
    pooled = {k: 100 * e / max(n, 1) for k, (e, n) in totals.items()}
    lines += ["", f"Pooled over {totals['ours'][1]} words: ours one-shot {pooled['ours']:.1f} %, "
              f"live {pooled['live']:.1f} %, faster-whisper int8 {pooled['int8']:.1f} %, "
              f"float32 {pooled['f32']:.1f} %.", ""]
    replace_section(results, BEGIN, END, lines)


if __name__ == "__main__":
    main(*sys.argv[1:4])
