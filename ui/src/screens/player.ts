// The recording on the Results screen: wavesurfer.js draws the waveform with the STAR parts as
// coloured regions and the fillers marked at their moment, and plays the file from the asset
// protocol (never sent through IPC).

import WaveSurfer from "wavesurfer.js";
import RegionsPlugin from "wavesurfer.js/dist/plugins/regions.esm.js";
import type { Word } from "../bindings/Word";
import { PART_NAMES } from "../format";
import { wordAt, type Segment } from "../timeline";

export interface Player {
  toggle(): void;
  playFrom(seconds: number): void;
  playRange(start: number, end: number): void;
  destroy(): void;
}

export interface PlayerOptions {
  container: HTMLElement;
  url: string;
  segments: Segment[];
  /** Fillers, marked over the STAR parts at their moment ("um", "so…"). */
  marks: { start: number; end: number; label: string }[];
  words: Word[];
  onWord(index: number): void;
  onTime(seconds: number): void;
  onPlaying(playing: boolean): void;
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
  // The file is read once through the asset protocol and played from memory: WebKitGTK's media
  // player intermittently refused the asset URL itself ("NotSupportedError"), a blob it plays.
  let blobUrl: string | undefined;
  fetch(o.url)
    .then((r) => (r.ok ? r.blob() : Promise.reject(new Error(`${r.status} ${r.statusText}`))))
    .then((blob) => {
      blobUrl = URL.createObjectURL(blob);
      return ws.load(blobUrl);
    })
    .catch((e: unknown) => o.onError(e instanceof Error ? e.message : String(e)));
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
  ws.on("error", (e) => o.onError(e instanceof Error ? e.message : String(e)));
  // A refused or failed start (no audio output, a codec missing) is said, not swallowed.
  const started = (p: Promise<void>) =>
    p.catch((e: unknown) => o.onError(e instanceof Error ? `${e.name}: ${e.message}` : String(e)));
  return {
    toggle: () => void started(ws.playPause()),
    playFrom: (seconds) => {
      ws.setTime(seconds);
      void started(ws.play());
    },
    playRange: (start, end) => void started(ws.play(start, end)),
    destroy: () => {
      ws.destroy();
      if (blobUrl) URL.revokeObjectURL(blobUrl);
    },
  };
}
