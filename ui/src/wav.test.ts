// WAV files as the app writes them (16-bit PCM), as other tools do (32-bit float, extensible
// header, odd-sized chunks before the samples), and as a crash leaves them (no length written).
import { decodeWav } from "./wav";

interface Spec {
  code?: number;
  bits?: number;
  channels?: number;
  sampleRate?: number;
  extensible?: boolean;
  dataSize?: number;
  extraChunk?: boolean;
}

function wav(values: number[], s: Spec = {}): ArrayBuffer {
  const { bits = 16, channels = 1, sampleRate = 16000, code = 1 } = s;
  const width = bits / 8;
  const fmtSize = s.extensible ? 40 : 16;
  const extra = s.extraChunk ? 8 + 3 + 1 : 0;
  const data = values.length * width;
  const buffer = new ArrayBuffer(12 + 8 + fmtSize + extra + 8 + data);
  const v = new DataView(buffer);
  const put = (at: number, text: string) => [...text].forEach((c, i) => v.setUint8(at + i, c.charCodeAt(0)));
  put(0, "RIFF");
  v.setUint32(4, buffer.byteLength - 8, true);
  put(8, "WAVE");
  put(12, "fmt ");
  v.setUint32(16, fmtSize, true);
  v.setUint16(20, s.extensible ? 0xfffe : code, true);
  v.setUint16(22, channels, true);
  v.setUint32(24, sampleRate, true);
  v.setUint32(28, sampleRate * channels * width, true);
  v.setUint16(32, channels * width, true);
  v.setUint16(34, bits, true);
  if (s.extensible) v.setUint16(20 + 24, code, true);
  let at = 20 + fmtSize;
  if (s.extraChunk) {
    put(at, "LIST");
    v.setUint32(at + 4, 3, true);
    at += 12;
  }
  put(at, "data");
  v.setUint32(at + 4, s.dataSize ?? data, true);
  values.forEach((x, i) => {
    const p = at + 8 + i * width;
    if (bits === 16) v.setInt16(p, x, true);
    else if (bits === 32) v.setFloat32(p, x, true);
  });
  return buffer;
}

it("reads 16-bit PCM as the app writes it", () => {
  const d = decodeWav(wav([0, 16384, -32768, 32767], { sampleRate: 48000 }));
  expect(d.sampleRate).toBe(48000);
  expect(Array.from(d.channels[0])).toEqual([0, 0.5, -1, 32767 / 32768]);
});

it("reads float samples, an extensible header, two channels and a chunk of odd size before the samples", () => {
  const d = decodeWav(wav([0.25, -0.5, 1, 0], { code: 3, bits: 32, channels: 2, extensible: true, extraChunk: true }));
  expect(d.channels.map((c) => Array.from(c))).toEqual([
    [0.25, 1],
    [-0.5, 0],
  ]);
});

it("reads the samples to the end of a file whose length a crash left unwritten", () => {
  expect(decodeWav(wav([1, 2, 3], { dataSize: 0 })).channels[0]).toHaveLength(3);
  expect(decodeWav(wav([1, 2, 3], { dataSize: 0xffffffff })).channels[0]).toHaveLength(3);
});

it("says what is wrong with a file it cannot play", () => {
  expect(() => decodeWav(new Uint8Array([0x15, 0xfe, 0xaa]).buffer)).toThrow(
    "the recording read back as 3 bytes that are not a WAV file (15 fe aa)",
  );
  expect(() => decodeWav(new ArrayBuffer(0))).toThrow("0 bytes that are not a WAV file (empty)");
  expect(() => decodeWav(wav([1], { bits: 24 }))).toThrow("format 1, 24 bits, 1 channels, 16000 Hz");
  expect(() => decodeWav(wav([1]).slice(0, 36))).toThrow("no data chunk");
});
