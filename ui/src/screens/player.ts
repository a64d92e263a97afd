// The recording on the Results screen: wavesurfer.js draws the waveform with the STAR parts as
// coloured regions and plays the file from the asset protocol (never sent through IPC).

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
  words: Word[];
  onWord(index: number): void;
  onTime(seconds: number): void;
  onPlaying(playing: boolean): void;
  onError(message: string): void;
}

function cssColor(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || "#888";
}

export function createPlayer(o: PlayerOptions): Player {
  const regions = RegionsPlugin.create();
  const ws = WaveSurfer.create({
    container: o.container,
    url: o.url,
    height: 96,
    waveColor: cssColor("--wave"),
    progressColor: cssColor("--wave-progress"),
    cursorColor: cssColor("--accent"),
    normalize: true,
    plugins: [regions],
  });
  ws.on("ready", () => {
    for (const s of o.segments) {
      if (s.part === "other") continue;
      regions.addRegion({
        start: s.start,
        end: s.end,
        color: cssColor(`--${s.part}-soft`),
        drag: false,
        resize: false,
        content: PART_NAMES[s.part],
      });
    }
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
  return {
    toggle: () => void ws.playPause(),
    playFrom: (seconds) => {
      ws.setTime(seconds);
      void ws.play();
    },
    playRange: (start, end) => void ws.play(start, end),
    destroy: () => ws.destroy(),
  };
}
