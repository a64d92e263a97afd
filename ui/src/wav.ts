// Reads a take's WAV file into samples, so the recording plays through Web Audio: WebKitGTK's
// media element read blob URLs from the wrong place under load (ARCHITECTURE.md, "Replay").
// Takes are written by the app as 16-bit PCM; 32-bit float is read too.

export interface DecodedWav {
  sampleRate: number;
  /** One array per channel, samples in [-1, 1]. */
  channels: Float32Array<ArrayBuffer>[];
}

const PCM = 1;
const FLOAT = 3;
const EXTENSIBLE = 0xfffe;

/** The samples of a WAV file; an error that says what is wrong with it otherwise. */
export function decodeWav(bytes: ArrayBuffer): DecodedWav {
  const view = new DataView(bytes);
  const tag = (at: number) => (at + 4 <= bytes.byteLength ? String.fromCharCode(...new Uint8Array(bytes, at, 4)) : "");
  if (tag(0) !== "RIFF" || tag(8) !== "WAVE") {
    const head = Array.from(new Uint8Array(bytes, 0, Math.min(12, bytes.byteLength)), (b) =>
      b.toString(16).padStart(2, "0"),
    ).join(" ");
    throw new Error(
      `the recording read back as ${bytes.byteLength} bytes that are not a WAV file (${head || "empty"})`,
    );
  }
  let format: { code: number; channels: number; sampleRate: number; bits: number } | undefined;
  let at = 12;
  while (at + 8 <= bytes.byteLength) {
    const id = tag(at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === "fmt " && size >= 16 && body + 16 <= bytes.byteLength) {
      let code = view.getUint16(body, true);
      if (code === EXTENSIBLE && size >= 26 && body + 26 <= bytes.byteLength) code = view.getUint16(body + 24, true);
      format = {
        code,
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bits: view.getUint16(body + 14, true),
      };
    } else if (id === "data") {
      if (!format) throw new Error("the recording's WAV file has its samples before their format");
      // A take cut short by a crash may not have its length written: the samples run to the end.
      const end = size === 0 || body + size > bytes.byteLength ? bytes.byteLength : body + size;
      return samples(view, body, end, format);
    }
    at = body + size + (size % 2);
  }
  throw new Error("the recording's WAV file has no samples (no data chunk)");
}

function samples(
  view: DataView,
  from: number,
  to: number,
  f: { code: number; channels: number; sampleRate: number; bits: number },
): DecodedWav {
  const int16 = f.code === PCM && f.bits === 16;
  const float32 = f.code === FLOAT && f.bits === 32;
  if ((!int16 && !float32) || f.channels < 1 || f.sampleRate < 1) {
    throw new Error(
      `the recording's WAV format cannot be played here (format ${f.code}, ${f.bits} bits, ${f.channels} channels, ${f.sampleRate} Hz)`,
    );
  }
  const width = f.bits / 8;
  const frames = Math.floor((to - from) / (width * f.channels));
  const channels = Array.from({ length: f.channels }, () => new Float32Array(frames));
  let at = from;
  for (let i = 0; i < frames; i++) {
    for (const channel of channels) {
      channel[i] = int16 ? view.getInt16(at, true) / 32768 : view.getFloat32(at, true);
      at += width;
    }
  }
  return { sampleRate: f.sampleRate, channels };
}
