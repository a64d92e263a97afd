// The player's own part of replay: the audio is read on first play only, decoded here and
// handed to wavesurfer as a Web Audio player; a read that fails is said in words and tried
// afresh on the next play. wavesurfer.js and Web Audio are replaced by recorders of what they
// were asked (jsdom has neither).
import { vi } from "vitest";

const ws = vi.hoisted(() => ({
  handlers: new Map<string, (e?: unknown) => void>(),
  media: [] as unknown[],
  play: vi.fn(() => Promise.resolve()),
  setTime: vi.fn(),
}));
vi.mock("wavesurfer.js", () => ({
  default: {
    create: () => ({
      on: (event: string, f: (e?: unknown) => void) => ws.handlers.set(event, f),
      load: () => Promise.resolve(),
      setMediaElement: (m: unknown) => ws.media.push(m),
      play: ws.play,
      pause: vi.fn(),
      isPlaying: () => false,
      setTime: ws.setTime,
      destroy: vi.fn(),
    }),
  },
}));
vi.mock("wavesurfer.js/dist/plugins/regions.esm.js", () => ({ default: { create: () => ({ addRegion: vi.fn() }) } }));
vi.mock("wavesurfer.js/dist/webaudio.js", () => ({
  default: class {
    constructor(public context: unknown) {}
  },
}));
vi.mock("../api", async (original) => ({
  ...(await original<typeof import("../api")>()),
  takeWaveform: () => Promise.resolve({ peaks: [0], seconds: 1 }),
}));

import { createPlayer, describeFailure } from "./player";

/** A 16 kHz mono WAV of two samples. */
function wavBytes(): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(48);
  const v = new DataView(b.buffer);
  const put = (at: number, t: string) => [...t].forEach((c, i) => v.setUint8(at + i, c.charCodeAt(0)));
  put(0, "RIFF");
  put(8, "WAVE");
  put(12, "fmt ");
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true);
  v.setUint16(22, 1, true);
  v.setUint32(24, 16000, true);
  v.setUint16(34, 16, true);
  put(36, "data");
  v.setUint32(40, 4, true);
  v.setInt16(44, 16384, true);
  return b;
}

const fetched = vi.fn(() => Promise.resolve(new Response(wavBytes())));
const contexts: { state: string; resume: ReturnType<typeof vi.fn>; copied: Float32Array[] }[] = [];
class FakeAudioContext {
  state = "suspended";
  copied: Float32Array[] = [];
  resume = vi.fn(() => {
    this.state = "running";
    return Promise.resolve();
  });
  constructor() {
    contexts.push(this);
  }
  createBuffer(_channels: number, length: number, rate: number) {
    expect(rate).toBe(16000);
    expect(length).toBe(2);
    return { copyToChannel: (samples: Float32Array) => this.copied.push(samples) };
  }
}

function player() {
  const calls = { errors: [] as string[], loading: [] as boolean[] };
  const p = createPlayer({
    container: document.createElement("div"),
    takeId: 1,
    url: "asset://localhost/r/1.wav",
    segments: [],
    marks: [],
    words: [],
    onWord: () => undefined,
    onTime: () => undefined,
    onPlaying: () => undefined,
    onLoading: (l) => calls.loading.push(l),
    onError: (message) => calls.errors.push(message),
    onReady: () => undefined,
  });
  return { p, calls };
}

beforeEach(() => {
  vi.stubGlobal("fetch", fetched);
  vi.stubGlobal("AudioContext", FakeAudioContext);
  fetched.mockClear();
  ws.play.mockClear();
  ws.media.length = 0;
  contexts.length = 0;
});

it("reads and decodes the audio on the first play only, and plays it through Web Audio", async () => {
  const { p, calls } = player();
  expect(fetched).not.toHaveBeenCalled();
  p.toggle();
  await vi.waitFor(() => expect(ws.play).toHaveBeenCalledTimes(1));
  expect(ws.media).toHaveLength(1);
  expect(contexts).toHaveLength(1);
  expect(contexts[0].resume).toHaveBeenCalled();
  expect(Array.from(contexts[0].copied[0])).toEqual([0.5, 0]);
  expect(calls.loading).toEqual([true, false]);

  p.playFrom(0.5);
  await vi.waitFor(() => expect(ws.play).toHaveBeenCalledTimes(2));
  expect(ws.setTime).toHaveBeenCalledWith(0.5);
  expect(fetched).toHaveBeenCalledTimes(1);
  expect(calls.errors).toEqual([]);
});

it("says in words what was read when it is not a WAV file, and reads afresh on the next play", async () => {
  fetched.mockImplementationOnce(() => Promise.resolve(new Response(new Uint8Array([0x15, 0xfe, 0xaa, 0xfd]))));
  const { p, calls } = player();
  p.toggle();
  await vi.waitFor(() => expect(calls.errors).toHaveLength(1));
  expect(calls.errors[0]).toBe("the recording read back as 4 bytes that are not a WAV file (15 fe aa fd)");
  expect(ws.play).not.toHaveBeenCalled();
  expect(ws.media).toHaveLength(0);

  p.toggle();
  await vi.waitFor(() => expect(ws.play).toHaveBeenCalledTimes(1));
  expect(fetched).toHaveBeenCalledTimes(2);
});

it("says a failed read by its status", async () => {
  fetched.mockImplementationOnce(() => Promise.resolve(new Response("", { status: 404, statusText: "Not Found" })));
  const { p, calls } = player();
  p.toggle();
  await vi.waitFor(() => expect(calls.errors).toEqual(["404 Not Found"]));
});

it("says other failures as they are", () => {
  expect(describeFailure(new TypeError("Load failed"))).toBe("TypeError: Load failed");
  expect(describeFailure({ kind: "not_found", message: "no take 3" })).toBe("no take 3");
  expect(describeFailure("closed")).toBe("closed");
});
