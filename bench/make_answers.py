"""Spoken answers of given lengths for the benchmark: whole sentences of the test scripts
(tests/fixtures/scripts), taken in turn, spoken by espeak-ng (en-us, 165 wpm) into
answer-<seconds>-<variant>.wav with the script beside it in answer-<seconds>-<variant>.txt.
Variant a starts with the first script, b with the second, and so on, so that no one sentence
opens every answer. Same recipe as e2e::answer_of_length in tests/src/lib.rs (variant a).

    python3 bench/make_answers.py OUT_DIR VARIANTS SECONDS...
"""
import glob
import os
import re
import subprocess
import sys

WORDS_PER_SECOND = 2.6  # espeak-ng at 165 wpm on these scripts, pauses included
VARIANT_NAMES = "abcdefghijklmnopq"


def sentences_of(path):
    text = " ".join(open(path).read().split())
    return [s.strip() for s in re.findall(r"[^.?!]+[.?!]", text)]


def main(out_dir, variants, lengths):
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    sentences, starts = [], []
    for path in sorted(glob.glob(os.path.join(root, "tests/fixtures/scripts/*.txt"))):
        starts.append(len(sentences))
        sentences += sentences_of(path)
    if not 1 <= variants <= len(starts):
        sys.exit(f"make_answers.py: VARIANTS must be 1 to {len(starts)} (one per script), not {variants}")
    os.makedirs(out_dir, exist_ok=True)
    for seconds in lengths:
        for variant, first in enumerate(starts[:variants]):
            wanted, words, script, i = int(seconds * WORDS_PER_SECOND), 0, [], first
            while words < wanted:
                sentence = sentences[i % len(sentences)]
                script.append(sentence)
                words += len(sentence.split())
                i += 1
            text = " ".join(script)
            base = os.path.join(out_dir, f"answer-{seconds}-{VARIANT_NAMES[variant]}")
            with open(base + ".txt", "w") as f:
                f.write(text)
            subprocess.run(["espeak-ng", "-v", "en-us", "-s", "165", "-w", base + ".wav", text], check=True)


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__.strip().splitlines()[-1].strip())
    main(sys.argv[1], int(sys.argv[2]), [int(x) for x in sys.argv[3:]])
