"""Spoken answers of given lengths for the benchmark: whole sentences of the test scripts
(tests/fixtures/scripts), taken in turn, spoken by espeak-ng (en-us, 165 wpm) into
answer-<seconds>.wav with the script beside it in answer-<seconds>.txt. Same recipe as
e2e::answer_of_length in tests/src/lib.rs."""
import glob
import os
import re
import subprocess
import sys

WORDS_PER_SECOND = 2.6  # espeak-ng at 165 wpm on these scripts, pauses included


def main(out_dir, lengths):
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    sentences = []
    for path in sorted(glob.glob(os.path.join(root, "tests/fixtures/scripts/*.txt"))):
        text = " ".join(open(path).read().split())
        sentences += [s.strip() for s in re.findall(r"[^.?!]+[.?!]", text)]
    os.makedirs(out_dir, exist_ok=True)
    for seconds in lengths:
        wanted, words, script, i = int(seconds * WORDS_PER_SECOND), 0, [], 0
        while words < wanted:
            sentence = sentences[i % len(sentences)]
            script.append(sentence)
            words += len(sentence.split())
            i += 1
        text = " ".join(script)
        base = os.path.join(out_dir, f"answer-{seconds}")
        with open(base + ".txt", "w") as f:
            f.write(text)
        subprocess.run(["espeak-ng", "-v", "en-us", "-s", "165", "-w", base + ".wav", text], check=True)


if __name__ == "__main__":
    main(sys.argv[1], [int(x) for x in sys.argv[2:]])
