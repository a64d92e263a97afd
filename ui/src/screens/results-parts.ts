// Two sections of the Results screen: the STAR timeline against its target, and delivery
// (speaking time, pace chart, fillers, pauses).

import type { FillerItem } from "../bindings/FillerItem";
import type { PerPart } from "../bindings/PerPart";
import type { StarTargets } from "../bindings/StarTargets";
import type { StarReport } from "../bindings/StarReport";
import type { TakeAssessment } from "../bindings/TakeAssessment";
import { h, svg } from "../dom";
import { clock, PART_NAMES, preciseClock } from "../format";
import type { Segment } from "../timeline";

const PARTS = ["situation", "task", "action", "result"] as const;

/** "Situation 1 · Result 3": the parts that hold fillers. */
function fillersByPart(per: PerPart): string {
  const parts = (["situation", "task", "action", "result", "other"] as const).filter((p) => per[p] > 0);
  return parts.map((p) => `${PART_NAMES[p]} ${per[p]}`).join(" · ");
}

/** A filler as the transcript shows it: quoted when the recogniser wrote it, in brackets when
 * only the audio held it ("(um)", "(so…)"). */
export function fillerLabel(f: FillerItem): string {
  return f.source === "audio" ? `(${f.text})` : `"${f.text}"`;
}

export function starTimeline(
  star: StarReport,
  totalSeconds: number,
  segments: Segment[],
  targets: StarTargets,
): HTMLElement {
  const total = Math.max(totalSeconds, 0.001);
  const pct = (s: number) => `${((s / total) * 100).toFixed(2)}%`;
  const bar = h(
    "div",
    {
      class: "star-bar",
      id: "star-bar",
      role: "img",
      "aria-label":
        segments.map((s) => `${PART_NAMES[s.part]} ${preciseClock(s.start)}–${preciseClock(s.end)}`).join(", ") ||
        "No STAR parts found",
    },
    ...segments.map((s) =>
      h(
        "div",
        {
          class: `seg seg-${s.part}`,
          style: `left:${pct(s.start)};width:${pct(s.end - s.start)}`,
          title: `${PART_NAMES[s.part]}: ${preciseClock(s.start)}–${preciseClock(s.end)}`,
        },
        PART_NAMES[s.part][0],
      ),
    ),
  );
  // The target is laid over the stretch where the answer was told, first part to last.
  const told = segments.filter((s) => s.part !== "other");
  const from = told.length ? told[0].start : 0;
  const span = told.length ? told[told.length - 1].end - from : 0;
  let at = from;
  const target = h(
    "div",
    { class: "star-bar target", "aria-hidden": "true" },
    ...PARTS.map((part) => {
      const width = span * targets[part];
      const el = h(
        "div",
        { class: `seg seg-${part}`, style: `left:${pct(at)};width:${pct(width)}` },
        `${Math.round(targets[part] * 100)}%`,
      );
      at += width;
      return el;
    }),
  );
  const seconds = star.seconds;
  const spoken = seconds ? PARTS.reduce((sum, p) => sum + seconds[p], 0) : 0;
  const table = h(
    "table",
    { class: "star-table" },
    h(
      "thead",
      {},
      h("tr", {}, h("th", {}, "Part"), h("th", {}, "Seconds"), h("th", {}, "Share"), h("th", {}, "Target")),
    ),
    h(
      "tbody",
      {},
      ...PARTS.map((p) =>
        h(
          "tr",
          { class: star.present[p] ? "" : "missing" },
          h("th", { scope: "row" }, PART_NAMES[p]),
          h("td", {}, seconds ? seconds[p].toFixed(1) : "—"),
          h(
            "td",
            {},
            !star.present[p] ? "missing" : seconds && spoken > 0 ? `${Math.round((seconds[p] / spoken) * 100)}%` : "—",
          ),
          h("td", {}, `${Math.round(targets[p] * 100)}%`),
        ),
      ),
    ),
  );
  return h(
    "section",
    { "aria-labelledby": "star-h" },
    h("h2", { id: "star-h" }, "STAR timeline"),
    h("p", { class: "legend" }, "Your answer, in seconds:"),
    bar,
    h(
      "p",
      { class: "legend" },
      `The ${PARTS.map((p) => Math.round(targets[p] * 100)).join("/")} target over the same stretch:`,
    ),
    target,
    table,
  );
}

export function paceChart(a: TakeAssessment): SVGElement {
  const windows = a.delivery.pace;
  const width = 480;
  const height = 120;
  const max = Math.max(200, ...windows.map((w) => w.wpm ?? 0));
  const barWidth = windows.length ? width / windows.length : width;
  const y = (wpm: number) => height - (wpm / max) * height;
  const bars = windows.map((w, i) => {
    const wpm = w.wpm ?? 0;
    const rect = svg("rect", {
      x: i * barWidth + 2,
      y: y(wpm),
      width: Math.max(1, barWidth - 4),
      height: height - y(wpm),
      class: w.wpm === null ? "bar-empty" : "bar",
    });
    rect.append(
      svg(
        "title",
        {},
        document.createTextNode(
          `${clock(w.start)}–${clock(w.end)}: ${w.wpm === null ? "too little speech" : `${Math.round(wpm)} wpm`}`,
        ),
      ),
    );
    return rect;
  });
  // The band people follow comfortably (norms.toml: 120–165 wpm).
  const band = svg("rect", { x: 0, y: y(165), width, height: y(120) - y(165), class: "band" });
  return svg(
    "svg",
    {
      viewBox: `0 0 ${width} ${height}`,
      class: "pace-chart",
      role: "img",
      "aria-label": `Words per minute in 10-second windows: ${windows.map((w) => (w.wpm === null ? "–" : Math.round(w.wpm))).join(", ")}`,
    },
    band,
    ...bars,
  );
}

export function deliverySection(a: TakeAssessment): HTMLElement {
  const s = a.speech;
  const d = a.delivery;
  const longest = s.pauses.reduce((m, p) => Math.max(m, p.end - p.start), 0);
  const share = s.total_seconds > 0 ? (s.speaking_seconds / s.total_seconds) * 100 : 0;
  return h(
    "section",
    { "aria-labelledby": "delivery-h", id: "delivery" },
    h("h2", { id: "delivery-h" }, "Delivery"),
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, "Speaking time"),
      h("dd", { id: "speaking-time" }, `${clock(s.speaking_seconds)} of ${clock(s.total_seconds)} recorded`),
      h("dt", {}, "Think time"),
      h("dd", {}, `${s.think_seconds.toFixed(1)} s before the first word`),
      h("dt", {}, "Pace"),
      h("dd", {}, d.words ? `${Math.round(d.wpm)} words per minute (${d.words} words)` : "—"),
      h("dt", {}, "Fillers"),
      h(
        "dd",
        {},
        `${d.fillers.count}${d.fillers.lower_bound ? " or more" : ""} (${d.fillers.per_minute.toFixed(1)} per minute, ${d.fillers.per_100_words.toFixed(1)} per 100 words)${d.fillers.items.length ? ": " + d.fillers.items.map((f) => `${fillerLabel(f)} at ${clock(f.start)}`).join(", ") : ""}`,
      ),
      d.fillers.per_part && d.fillers.count > 0 ? h("dt", {}, "Fillers by part") : null,
      d.fillers.per_part && d.fillers.count > 0
        ? h("dd", { id: "fillers-by-part" }, fillersByPart(d.fillers.per_part))
        : null,
      h("dt", {}, "Pauses"),
      h("dd", {}, s.pauses.length ? `${s.pauses.length}, the longest ${longest.toFixed(1)} s` : "none"),
    ),
    h(
      "div",
      { class: "share-bar", role: "img", "aria-label": `Spoke for ${Math.round(share)}% of the take` },
      h("div", { style: `width:${share.toFixed(1)}%` }),
    ),
    h("h3", {}, "Pace over the answer"),
    paceChart(a),
  );
}
