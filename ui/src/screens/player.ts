// The recording on the Results screen: wavesurfer.js draws the waveform with the STAR parts as
// coloured regions and the fillers marked at their moment, and plays the file from the asset
// protocol (never sent through IPC).
//
// The waveform is drawn from the outline the app computes (`take_waveform`), and the audio is
// loaded only when first played: WebKitGTK's media pipeline can deadlock the whole page when an
// element is torn down while it is still loading, as leaving a screen right after opening it did
// (ARCHITECTURE.md, "Replay"). A player that never played has nothing to tear down; one whose
// audio is still loading is released once the load settles.

import WaveSurfer from "wavesurfer.js";
import RegionsPlugin from "wavesurfer.js/dist/plugins/regions.esm.js";
import { takeWaveform } from "../api";
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
  /** The audio is being read before its first play (the first ever play can take seconds
   * while the system's media framework starts). */
  onLoading?(loading: boolean): void;
  onError(message: string): void;
  onReady(): void;
}

function cssColor(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || "#888";
}

export function createPlayer(o: PlayerOptions): Player {
  const regions = RegionsPlugin.create();
  const media = document.createElement("audio");
  media.preload = "none";
  const ws = WaveSurfer.create({
    container: o.container,
    media,
    height: 96,
    waveColor: cssColor("--wave"),
    progressColor: cssColor("--wave-progress"),
    cursorColor: cssColor("--accent"),
    normalize: true,
    plugins: [regions],
  });
  let destroyed = false;
  const fail = (e: unknown) => {
    if (!destroyed) o.onError(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
  };
  takeWaveform(o.takeId)
    .then((w) => (destroyed ? undefined : ws.load("", [w.peaks], w.seconds)))
    .catch((e: unknown) => fail(typeof e === "object" && e !== null && "message" in e ? String(e.message) : e));

  // The audio, read once through the asset protocol and played from memory: WebKitGTK's media
  // player intermittently refused the asset URL itself ("NotSupportedError"), a blob it plays.
  let blobUrl: string | undefined;
  let loading: Promise<void> | undefined;
  let settled = false;
  const release = () => {
    if (!blobUrl) return;
    media.pause();
    media.removeAttribute("src");
    media.load();
    URL.revokeObjectURL(blobUrl);
  };
  const loadAudio = (): Promise<void> => {
    if (!loading) o.onLoading?.(true);
    loading ??= fetch(o.url)
      .then((r) => (r.ok ? r.blob() : Promise.reject(new Error(`${r.status} ${r.statusText}`))))
      .then(
        (blob) =>
          new Promise<void>((resolve, reject) => {
            if (destroyed) return reject(new Error("closed"));
            blobUrl = URL.createObjectURL(blob);
            media.addEventListener("loadedmetadata", () => resolve(), { once: true });
            media.addEventListener("error", () => reject(media.error ?? new Error("cannot play")), {
              once: true,
            });
            media.preload = "auto";
            media.src = blobUrl;
          }),
      )
      .finally(() => {
        settled = true;
        if (destroyed) release();
        else o.onLoading?.(false);
      });
    return loading;
  };
  // A refused or failed start (no audio output, a codec missing) is said, not swallowed.
  const play = (start: () => Promise<void>) => {
    loadAudio().then(start).catch(fail);
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
      ws.destroy();
      // Torn down now only if no load is under way; otherwise once it settles.
      if (!loading) return;
      if (settled) release();
    },
  };
}
