// Two takes side by side: the scores with their deltas, the STAR timelines one above the other
// on one time scale, speaking time against the sweet spot, pace, fillers and pauses, the
// findings that went away and the new ones, and both transcripts word by word (kept, added,
// removed). Either recording plays from any moment: its waveform, or any word of its transcript.
// Every figure comes from Rust (`coach::compare`); this screen only lays them out.

import { asCommandError, compareTakes, getTake, type TakeView } from "../api";
import type { Context, Route } from "../app";
import type { Change } from "../bindings/Change";
import type { TakeComparison } from "../bindings/TakeComparison";
import { alertBox, h } from "../dom";
import { clock, PART_NAMES, preciseClock, when } from "../format";
import { starSegments } from "../timeline";
import { createPlayer, type Player } from "./player";

type CompareRoute = Extract<Route, { screen: "compare" }>;

type Figure =
  | "total"
  | "structure"
  | "content"
  | "delivery"
  | "speaking_seconds"
  | "words_per_minute"
  | "fillers_per_minute"
  | "pauses";

const FIGURES: { key: Figure; label: string; unit: string; better: "up" | "down" | "window" }[] = [
  { key: "total", label: "Total score", unit: "", better: "up" },
  { key: "structure", label: "Structure", unit: "", better: "up" },
  { key: "content", label: "Content", unit: "", better: "up" },
  { key: "delivery", label: "Delivery", unit: "", better: "up" },
  { key: "speaking_seconds", label: "Speaking time", unit: " s", better: "window" },
  { key: "words_per_minute", label: "Pace (words/min)", unit: "", better: "window" },
  { key: "fillers_per_minute", label: "Fillers per minute", unit: "", better: "down" },
  { key: "pauses", label: "Pauses", unit: "", better: "down" },
];

function figure(value: number | null, unit: string): string {
  return value === null ? "—" : `${Math.round(value * 10) / 10}${unit}`;
}

/** "+3", "−14" (a true minus sign), or "—" when either side is unknown. */
function delta(change: Change, unit: string): string {
  if (change.delta === null) return "—";
  const d = Math.round(change.delta * 10) / 10;
  return `${d > 0 ? "+" : d < 0 ? "−" : "±"}${Math.abs(d)}${unit}`;
}

function direction(change: Change, better: "up" | "down" | "window"): string {
  if (change.delta === null || change.delta === 0 || better === "window") return "same";
  return change.delta > 0 === (better === "up") ? "better" : "worse";
}

function kindName(kind: string): string {
  return kind.replace(/_/g, " ");
}

/** The STAR parts of one take as a bar on a time scale shared with the other take. */
function starBar(take: TakeView, scale: number, label: string): HTMLElement {
  const segments = take.assessment.star ? starSegments(take.assessment.star.units) : [];
  const pct = (s: number) => `${((s / scale) * 100).toFixed(2)}%`;
  return h(
    "div",
    {
      class: "star-bar",
      role: "img",
      "aria-label": `${label}: ${
        segments.map((s) => `${PART_NAMES[s.part]} ${preciseClock(s.start)}–${preciseClock(s.end)}`).join(", ") ||
        "no STAR parts"
      }`,
    },
    ...segments.map((s) =>
      h(
        "div",
        { class: `seg seg-${s.part}`, style: `left:${pct(s.start)};width:${pct(s.end - s.start)}` },
        PART_NAMES[s.part][0],
      ),
    ),
  );
}

export async function renderCompare(root: HTMLElement, ctx: Context, route: CompareRoute) {
  let before: TakeView, after: TakeView, c: TakeComparison;
  try {
    [before, after, c] = await Promise.all([
      getTake(route.before),
      getTake(route.after),
      compareTakes(route.before, route.after),
    ]);
  } catch (e) {
    root.append(h("h1", {}, "Takes not found"), alertBox(asCommandError(e).message));
    return;
  }
  const sweet = ctx.status.length_window;
  const windowNote = (seconds: number) =>
    seconds < sweet.min_seconds ? "under" : seconds > sweet.max_seconds ? "over" : "in";

  const table = h(
    "table",
    { class: "compare-table", id: "compare-table" },
    h("caption", {}, `Take ${before.id} against take ${after.id}`),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col" }, "Figure"),
        h("th", { scope: "col" }, "Before"),
        h("th", { scope: "col" }, "After"),
        h("th", { scope: "col" }, "Change"),
      ),
    ),
    h(
      "tbody",
      {},
      ...FIGURES.map((f) => {
        const change = c[f.key];
        const note =
          f.key === "speaking_seconds" && change.after !== null
            ? ` (${windowNote(change.after)} the ${sweet.min_seconds}–${sweet.max_seconds} s window)`
            : "";
        return h(
          "tr",
          { "data-figure": f.key },
          h("th", { scope: "row" }, f.label),
          h("td", {}, figure(change.before, f.unit)),
          h("td", {}, figure(change.after, f.unit) + note),
          h("td", { class: `delta ${direction(change, f.better)}` }, delta(change, f.unit)),
        );
      }),
    ),
  );

  const scale = Math.max(before.assessment.speech.total_seconds, after.assessment.speech.total_seconds, 0.001);
  const timelines = h(
    "section",
    { "aria-labelledby": "timelines-h" },
    h("h2", { id: "timelines-h" }, "STAR timelines, on one time scale"),
    h("p", { class: "legend" }, `Before (${clock(before.assessment.speech.total_seconds)}):`),
    starBar(before, scale, "Before"),
    h("p", { class: "legend" }, `After (${clock(after.assessment.speech.total_seconds)}):`),
    starBar(after, scale, "After"),
  );

  const findings = h(
    "section",
    { "aria-labelledby": "findings-h" },
    h("h2", { id: "findings-h" }, "Findings"),
    h(
      "p",
      { id: "findings-gone" },
      c.findings_gone.length
        ? `Fixed: ${c.findings_gone.map(kindName).join(", ")}`
        : "Nothing fixed since the earlier take.",
    ),
    h(
      "p",
      { id: "findings-new" },
      c.findings_new.length ? `New: ${c.findings_new.map(kindName).join(", ")}` : "Nothing new to fix.",
    ),
  );

  // <ins> and <del> say "added" and "removed" to screen readers as well as by colour.
  const diff = h(
    "p",
    { class: "word-diff", id: "word-diff" },
    ...c.words.flatMap((w) => [
      w.change === "added"
        ? h("ins", {}, w.text)
        : w.change === "removed"
          ? h("del", {}, w.text)
          : h("span", { class: "kept" }, w.text),
      " ",
    ]),
  );

  const players: Player[] = [];
  const side = (take: TakeView, label: string, id: string) => {
    const wave = h("div", { class: "waveform", "aria-hidden": "true" });
    const time = h("span", { class: "time" }, "0:00");
    const problem = h("div", {});
    const play = h(
      "button",
      { type: "button", id: `play-${id}`, onclick: () => player.toggle() },
      `▶ Play ${label.toLowerCase()}`,
    );
    const a = take.assessment;
    const player = createPlayer({
      container: wave,
      takeId: take.id,
      url: take.audioUrl,
      segments: a.star ? starSegments(a.star.units) : [],
      marks: a.delivery.fillers.items.map((f) => ({ start: f.start, end: f.end, label: f.text })),
      words: a.transcript.words,
      onWord: () => undefined,
      onTime: (s) => (time.textContent = clock(s)),
      onPlaying: (playing) => {
        if (playing) problem.replaceChildren();
        play.textContent = `${playing ? "⏸ Pause" : "▶ Play"} ${label.toLowerCase()}`;
      },
      onError: (m) => problem.replaceChildren(alertBox(`The recording could not be played: ${m}`)),
      onReady: () => undefined,
    });
    players.push(player);
    const words = h(
      "p",
      { class: "transcript" },
      ...a.transcript.words.flatMap((w) => [
        h(
          "button",
          { type: "button", class: "word", title: preciseClock(w.start), onclick: () => player.playFrom(w.start) },
          w.text,
        ),
        " ",
      ]),
    );
    return h(
      "section",
      { class: "compare-side", id: `side-${id}`, "aria-label": label },
      h("h2", {}, `${label}: take ${take.id} · ${when(take.recorded_ms)}`),
      wave,
      h("div", { class: "actions" }, play, time),
      problem,
      words,
    );
  };

  root.append(
    h("h1", {}, "Two takes side by side"),
    h("p", { class: "question" }, after.question_text),
    table,
    timelines,
    findings,
    h("section", { "aria-labelledby": "diff-h" }, h("h2", { id: "diff-h" }, "What you said, word by word"), diff),
    h("div", { class: "compare-sides" }, side(before, "Before", "before"), side(after, "After", "after")),
    h(
      "div",
      { class: "actions" },
      h(
        "button",
        { type: "button", onclick: () => ctx.go({ screen: "results", takeId: after.id }) },
        "Back to the take",
      ),
    ),
  );
  return () => players.forEach((p) => p.destroy());
}
