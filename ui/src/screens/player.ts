// The recording on the Results screen: wavesurfer.js draws the waveform with the STAR parts as
// coloured regions and the fillers marked at their moment, and plays the file from the asset
// protocol (never sent through IPC).
//
// The waveform is drawn from the outline the app computes (`take_waveform`). The audio is read
// when first played, decoded here and played through Web Audio, never by a media element:
// WebKitGTK's media pipeline deadlocked the page when an element was torn down while loading,
// and under load it read blob URLs from the wrong place (ARCHITECTURE.md, "Replay").

import WaveSurfer from "wavesurfer.js";
import RegionsPlugin from "wavesurfer.js/dist/plugins/regions.esm.js";
import WebAudioPlayer from "wavesurfer.js/dist/webaudio.js";
import { asCommandError, takeWaveform } from "../api";
import type { Word } from "../bindings/Word";
import { PART_NAMES } from "../format";
import { wordAt, type Segment } from "../timeline";
import { decodeWav, type DecodedWav } from "../wav";

export interface Player {
  toggle(): void;
  playFrom(seconds: number): void;
  playRange(start: number, end: number): void;
  destroy(): void;
}

export interface PlayerOptions {
  container: HTMLElement;
  /** The take whose outline is drawn. */
  takeId: number;
  url: string;
  segments: Segment[];
  /** Fillers, marked over the STAR parts at their moment ("um", "so…"). */
  marks: { start: number; end: number; label: string }[];
  words: Word[];
  onWord(index: number): void;
  onTime(seconds: number): void;
  onPlaying(playing: boolean): void;
  /** The audio is being read and decoded before its first play. */
  onLoading?(loading: boolean): void;
  onError(message: string): void;
  onReady(): void;
}

function cssColor(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || "#888";
}

export function createPlayer(o: PlayerOptions): Player {
  const regions = RegionsPlugin.create();
  const ws = WaveSurfer.create({
    container: o.container,
    height: 96,
    waveColor: cssColor("--wave"),
    progressColor: cssColor("--wave-progress"),
    cursorColor: cssColor("--accent"),
    normalize: true,
    plugins: [regions],
  });
  let destroyed = false;
  const fail = (e: unknown) => {
    if (!destroyed) o.onError(describeFailure(e));
  };
  takeWaveform(o.takeId)
    .then((w) => (destroyed ? undefined : ws.load("", [w.peaks], w.seconds)))
    .catch(fail);

  // The audio, read once and handed to wavesurfer as the player it plays; a read that failed
  // is tried afresh on the next play.
  let audio: DecodedAudio | undefined;
  let loading: Promise<void> | undefined;
  const loadAudio = (): Promise<void> => {
    if (loading) return loading;
    o.onLoading?.(true);
    loading = fetch(o.url)
      .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`${r.status} ${r.statusText}`))))
      .then((bytes) => {
        if (destroyed) throw new Error("closed");
        audio = new DecodedAudio(decodeWav(bytes));
        ws.setMediaElement(audio as unknown as HTMLMediaElement);
      })
      .catch((e: unknown) => {
        loading = undefined;
        throw e;
      })
      .finally(() => {
        if (!destroyed) o.onLoading?.(false);
      });
    return loading;
  };
  // A refused or failed start (no audio output, a file that is not a WAV) is said, not swallowed.
  const play = (start: () => Promise<void>) => {
    loadAudio()
      .then(() => audio?.resume())
      .then(start)
      .catch(fail);
  };

  ws.on("ready", () => {
    let added = 0;
    for (const s of o.segments) {
      if (s.part === "other") continue;
      added += 1;
      regions.addRegion({
        start: s.start,
        end: s.end,
        color: cssColor(`--${s.part}-soft`),
        drag: false,
        resize: false,
        content: PART_NAMES[s.part],
      });
    }
    for (const m of o.marks) {
      regions.addRegion({
        // At least a tenth of a second wide, so a short "uh" is visible.
        start: m.start,
        end: Math.max(m.end, m.start + 0.1),
        color: cssColor("--filler-mark"),
        drag: false,
        resize: false,
        content: m.label,
      });
    }
    // Said to the page (and its tests) once the waveform and its regions are drawn.
    o.container.dataset.ready = "true";
    o.container.dataset.regions = String(added);
    o.container.dataset.fillers = String(o.marks.length);
    o.onReady();
  });
  let lastWord = -2;
  ws.on("timeupdate", (t) => {
    o.onTime(t);
    const index = wordAt(o.words, t);
    if (index !== lastWord) {
      lastWord = index;
      o.onWord(index);
    }
  });
  ws.on("play", () => o.onPlaying(true));
  ws.on("pause", () => o.onPlaying(false));
  ws.on("finish", () => o.onPlaying(false));
  ws.on("error", fail);
  return {
    toggle: () => (ws.isPlaying() ? ws.pause() : play(() => ws.play())),
    playFrom: (seconds) =>
      play(() => {
        ws.setTime(seconds);
        return ws.play();
      }),
    playRange: (start, end) => play(() => ws.play(start, end)),
    destroy: () => {
      destroyed = true;
      // Closes the audio too: wavesurfer removes the player it was given.
      ws.destroy();
    },
  };
}

/**
 * wavesurfer's Web Audio player, given samples decoded here. Left to itself it fetches a URL and
 * decodes it, and a failure there is only logged, never said to the page.
 */
class DecodedAudio extends WebAudioPlayer {
  private readonly context: AudioContext;

  constructor(wav: DecodedWav) {
    const context = new AudioContext();
    super(context);
    this.context = context;
    const buffer = context.createBuffer(wav.channels.length, wav.channels[0].length, wav.sampleRate);
    wav.channels.forEach((samples, i) => buffer.copyToChannel(samples, i));
    // The player keeps its audio in a private field that only its own loading fills.
    (this as unknown as { buffer: AudioBuffer }).buffer = buffer;
  }

  /** Web Audio may start suspended until the page is interacted with; a play is that. */
  resume(): Promise<void> {
    return this.context.state === "suspended" ? this.context.resume() : Promise.resolve();
  }
}

/** A failure in words: an error's name only when it says more than "Error"; anything else as
 * every screen says it (`asCommandError`). */
export function describeFailure(e: unknown): string {
  if (e instanceof Error) return e.name === "Error" ? e.message : `${e.name}: ${e.message}`;
  return asCommandError(e).message;
}
