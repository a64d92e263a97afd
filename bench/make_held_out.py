"""Answers the tuning never saw, for bench/held_out.sh: the scripts in bench/held_out/ (written
for this bench and used for nothing else), spoken by espeak-ng in other voices and at other
speeds than the main bench's, with the gaps between sentences set on purpose:

- `<script>-tight`: each sentence spoken alone, its silence trimmed, and the sentences joined with
  0.2 s gaps (no pause of 0.3 s or more anywhere), en-us at 175 wpm;
- `<script>-natural`: the whole script in one go, espeak-ng's own gaps, en-gb (male) at 150 wpm;
- `all-tight`: the three scripts one after another (about 3 minutes), tight, en-us (female) at
  165 wpm.

Each WAV (16 kHz mono) has its script beside it (same name, .txt).

    python3 bench/make_held_out.py OUT_DIR
"""
import glob
import os
import re
import subprocess
import sys
import tempfile
import wave

RATE = 16000
TIGHT_GAP_SECONDS = 0.2


def sentences_of(text):
    return [s.strip() for s in re.findall(r"[^.?!]+[.?!]", " ".join(text.split()))]


def speak(text, voice, wpm, path):
    """Speaks `text` into a 16 kHz mono WAV at `path`."""
    with tempfile.NamedTemporaryFile(suffix=".wav") as raw:
        subprocess.run(["espeak-ng", "-v", voice, "-s", str(wpm), "-w", raw.name, text], check=True)
        subprocess.run(["sox", raw.name, "-r", str(RATE), "-c", "1", "-b", "16", path], check=True)


def trimmed_frames(path):
    """The 16-bit frames of a WAV with the quiet at both ends cut off."""
    with tempfile.NamedTemporaryFile(suffix=".wav") as cut:
        subprocess.run(["sox", path, cut.name, "silence", "1", "0.02", "0.5%", "reverse",
                        "silence", "1", "0.02", "0.5%", "reverse"], check=True)
        with wave.open(cut.name) as w:
            return w.readframes(w.getnframes())


def write(path, frames):
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(frames)


def tight(sentences, voice, wpm, path, scratch):
    gap = b"\0\0" * int(TIGHT_GAP_SECONDS * RATE)
    frames = []
    for i, sentence in enumerate(sentences):
        one = os.path.join(scratch, f"s{i}.wav")
        speak(sentence, voice, wpm, one)
        frames.append(trimmed_frames(one))
    write(path, gap.join(frames))


def main(out_dir):
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "held_out")
    scripts = {os.path.splitext(os.path.basename(p))[0]: open(p).read()
               for p in sorted(glob.glob(os.path.join(here, "*.txt")))}
    if not scripts:
        sys.exit(f"make_held_out.py: no scripts in {here}")
    os.makedirs(out_dir, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        answers = {}
        for name, text in scripts.items():
            answers[f"{name}-tight"] = (text, lambda t, p: tight(sentences_of(t), "en-us", 175, p, scratch))
            answers[f"{name}-natural"] = (text, lambda t, p: speak(" ".join(t.split()), "en-gb", 150, p))
        everything = " ".join(" ".join(t.split()) for t in scripts.values())
        answers["all-tight"] = (everything, lambda t, p: tight(sentences_of(t), "en-us+f3", 165, p, scratch))
        for name, (text, make) in answers.items():
            make(text, os.path.join(out_dir, f"{name}.wav"))
            with open(os.path.join(out_dir, f"{name}.txt"), "w") as f:
                f.write(" ".join(text.split()) + "\n")
            print(name)


if __name__ == "__main__":
    main(sys.argv[1])
