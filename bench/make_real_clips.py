"""Writes the real-speech corpus (scripts/fetch-real-speech.sh) as benchmark answers: each
recording as a 16 kHz mono WAV with its transcript beside it (same name, .txt), plus the five
LibriVox sentences joined into one answer with quiet of known length between them, as the tests
join them (tests/src/real_speech.rs).

    python3 bench/make_real_clips.py CORPUS_DIR OUT_DIR
"""
import array
import os
import subprocess
import sys
import wave

JFK = ("And so my fellow Americans, ask not what your country can do for you, ask what you can "
       "do for your country.")
LIBRIVOX = ["0870", "0880", "0890", "0920", "0930"]
THINK, GAPS, TRAILING = 1.5, [0.6, 1.0, 1.6, 2.5], 1.5


def to_16k(src, dst, raw=False):
    """Any WAV (or raw s16le 16 kHz) to 16 kHz mono 16-bit, with sox (fixed dither)."""
    head = ["-t", "raw", "-r", "16000", "-e", "signed", "-b", "16", "-c", "1"] if raw else []
    subprocess.run(["sox", "-R", *head, src, "-r", "16000", "-c", "1", "-b", "16", dst], check=True)


def samples(path):
    with wave.open(path) as w:
        return array.array("h", w.readframes(w.getnframes()))


def write(path, data):
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(data.tobytes())


def main(corpus, out):
    os.makedirs(out, exist_ok=True)
    data = os.path.join(corpus, "pocketsphinx/pocketsphinx-5.1.1/test/data")
    clips = []  # (name, source, reference, raw)
    for n in LIBRIVOX:
        stem = os.path.join(data, "librivox", f"sense_and_sensibility_01_austen_64kb-{n}")
        clips.append((f"librivox-{n}", stem + ".wav", open(stem + ".txt").read().strip(), False))
    clips.append(("jfk", os.path.join(corpus, "pywhispercpp/pywhispercpp-1.5.1/whisper.cpp/samples/jfk.wav"), JFK, False))
    sample = os.path.join(corpus, "pyannote/pyannote/audio/sample")
    said = " ".join(" ".join(l.split()[5:]) for l in open(os.path.join(sample, "sample.stm")))
    clips.append(("pyannote-call", os.path.join(sample, "sample.wav"), said, False))
    clips.append(("goforward", os.path.join(data, "goforward.raw"), "go forward ten meters", True))
    for line in open(os.path.join(data, "cards/cards.transcription")):
        words, ident = line.rsplit("(", 1)
        ident = ident.strip().rstrip(")")
        words = " ".join(words.replace("<s>", "").replace("</s>", "").split())
        clips.append((f"cards-{ident}", os.path.join(data, "cards", f"{ident}.wav"), words, False))
    clips.append(("praatio-bobby", os.path.join(corpus, "praatio/praatio-6.2.2/examples/files/bobby.wav"),
                  "Bobby ripped the ledger", False))
    for name, source, reference, raw in clips:
        to_16k(source, os.path.join(out, name + ".wav"), raw)
        with open(os.path.join(out, name + ".txt"), "w") as f:
            f.write(reference + "\n")

    joined = array.array("h", [0] * int(THINK * 16000))
    references = []
    for i, n in enumerate(LIBRIVOX):
        joined.extend(samples(os.path.join(out, f"librivox-{n}.wav")))
        gap = GAPS[i] if i < len(GAPS) else TRAILING
        joined.extend([0] * int(round(gap * 16000)))
        references.append(open(os.path.join(out, f"librivox-{n}.txt")).read().strip())
    write(os.path.join(out, "librivox-answer.wav"), joined)
    with open(os.path.join(out, "librivox-answer.txt"), "w") as f:
        f.write(" ".join(references) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
