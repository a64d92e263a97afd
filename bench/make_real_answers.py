"""Answers of 30 s to 5 minutes made of real voices, for the live latency bench
(bench/real_live.sh): recordings of the real-speech corpus (scripts/fetch-real-speech.sh)
joined in a fixed random order, several speakers in each answer. Each length comes twice:
`-tight` with gaps of 0.15-0.25 s between recordings (no pause a speculative pass could wait
for), `-natural` with 0.3-1.5 s. The spontaneous radio talk (codec2's ve9qrp, 112 s of "uh"s
and restarts) is one answer as it was said. Nothing here was used to tune the live scheduler.

    python3 bench/make_real_answers.py CORPUS_DIR OUT_DIR
"""
import array
import glob
import os
import random
import sys
import tempfile

from make_real_clips import samples, to_16k, write

LENGTHS = [30, 60, 120, 300]
GAPS = {"tight": (0.15, 0.25), "natural": (0.3, 1.5)}
RATE = 16000
SEED = 2026


def read_16k(src, scratch):
    """Any WAV as 16 kHz mono 16-bit samples (make_real_clips' conversion)."""
    converted = os.path.join(scratch, "converted.wav")
    to_16k(src, converted)
    return samples(converted)


def voices(corpus):
    """Pools of recordings, one pool a kind of speaker: the Asterisk reader's long prompts and
    short ones, the codec2 project's several readers, LibriVox and JFK."""
    spontaneous = os.path.join(corpus, "codec2", "ve9qrp.wav")
    data = os.path.join(corpus, "pocketsphinx/pocketsphinx-5.1.1/test/data")
    return [
        sorted(glob.glob(os.path.join(corpus, "asterisk", "*.wav"))),
        sorted(glob.glob(os.path.join(corpus, "asterisk-read", "*.wav"))),
        sorted(p for p in glob.glob(os.path.join(corpus, "codec2", "*.wav")) if p != spontaneous),
        sorted(glob.glob(os.path.join(data, "librivox", "*.wav")))
        + [os.path.join(corpus, "pywhispercpp/pywhispercpp-1.5.1/whisper.cpp/samples/jfk.wav")],
    ]


def main(corpus, out):
    os.makedirs(out, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        make_answers(corpus, out, scratch)


def make_answers(corpus, out, scratch):
    rng = random.Random(SEED)
    pools = [rng.sample(p, len(p)) for p in voices(corpus)]
    for pool in pools:
        if not pool:
            sys.exit(f"make_real_answers: a pool of recordings is empty under {corpus}")
    cache = {}
    turn = 0
    for length in LENGTHS:
        for style, (low, high) in GAPS.items():
            answer = array.array("h", [0] * int(0.5 * RATE))
            while len(answer) < length * RATE:
                pool = pools[turn % len(pools)]
                path = pool[(turn // len(pools)) % len(pool)]
                turn += 1
                if path not in cache:
                    cache[path] = read_16k(path, scratch)
                if len(answer) + len(cache[path]) > 1.1 * length * RATE:
                    continue  # the answer stays near its length; a shorter one comes soon
                answer.extend(cache[path])
                answer.extend([0] * int(rng.uniform(low, high) * RATE))
            write(os.path.join(out, f"real-{length}s-{style}.wav"), answer)
    write(os.path.join(out, "ve9qrp-spontaneous.wav"),
          read_16k(os.path.join(corpus, "codec2", "ve9qrp.wav"), scratch))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
