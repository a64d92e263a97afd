// Charts of figures over time (uPlot), each with the same numbers as a table: the table is what
// screen readers read (the canvas is hidden from them) and what a button shows to anyone. The
// values come from Rust; this module only decides how they are drawn.

import type uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { h } from "./dom";

export interface ChartSeries {
  label: string;
  /** A CSS custom property of the theme, e.g. "--accent". */
  colour: string;
  values: (number | null)[];
  /** How a value reads in the table (null: nothing to show). */
  cell: (index: number) => string;
}

export interface ChartSpec {
  id: string;
  title: string;
  /** Under the title: how to read it. */
  note: string;
  series: ChartSeries[];
  /** The aim, shaded behind the lines. */
  band?: { min: number; max: number };
  range?: [number, number];
}

export interface ChartRows {
  /** When each point was recorded (ms since 1970). */
  times: number[];
  /** A control for each row's first cell, e.g. a button that opens the take. */
  rowHead: (index: number) => Node;
}

/** A theme colour by its custom property, read when the chart is drawn. */
function colour(property: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(property).trim() || "#888";
}

let canvasWorks: boolean | undefined;
function canDraw(): boolean {
  canvasWorks ??= (() => {
    // uPlot needs both; a DOM without media queries (a test's) has no canvas either.
    if (typeof window.matchMedia !== "function") return false;
    try {
      return document.createElement("canvas").getContext("2d") !== null;
    } catch {
      return false;
    }
  })();
  return canvasWorks;
}

/** uPlot formats numbers for `navigator.language` as it loads, and WebKitGTK reports the C
 * locale (LANG=C, usual on minimal systems) as "C", which is no language tag: uPlot would fail
 * to load. Such a page gets the tag the browser itself falls back to. */
function giveTheLanguageATag(): void {
  try {
    new Intl.NumberFormat(navigator.language);
  } catch {
    const fallback = new Intl.NumberFormat().resolvedOptions().locale;
    Object.defineProperty(navigator, "language", { value: fallback, configurable: true });
  }
}

/** Draws `spec` into `el` with uPlot; null when this page cannot draw on a canvas. uPlot is
 * loaded only then: it reads the screen's pixel ratio as soon as it loads. */
async function draw(el: HTMLElement, spec: ChartSpec, times: number[]): Promise<uPlot | null> {
  if (!canDraw()) return null;
  giveTheLanguageATag();
  const { default: UPlot } = await import("uplot");
  const band = spec.band;
  const opts: uPlot.Options = {
    width: Math.max(320, el.clientWidth || 640),
    height: 200,
    legend: { show: spec.series.length > 1 },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: true }, y: spec.range ? { range: spec.range } : { auto: true } },
    axes: [
      { stroke: colour("--muted"), grid: { stroke: colour("--line"), width: 1 } },
      { stroke: colour("--muted"), grid: { stroke: colour("--line"), width: 1 } },
    ],
    series: [
      {},
      ...spec.series.map((s) => ({
        label: s.label,
        stroke: colour(s.colour),
        width: 2,
        spanGaps: true,
        points: { show: true, size: 6 },
      })),
    ],
    hooks: band
      ? {
          drawClear: [
            (u: uPlot) => {
              const top = u.valToPos(band.max, "y", true);
              const bottom = u.valToPos(band.min, "y", true);
              u.ctx.save();
              u.ctx.fillStyle = colour("--band");
              u.ctx.fillRect(u.bbox.left, top, u.bbox.width, bottom - top);
              u.ctx.restore();
            },
          ],
        }
      : {},
  };
  const data: uPlot.AlignedData = [times.map((t) => t / 1000), ...spec.series.map((s) => s.values)];
  return new UPlot(opts, data, el);
}

/** A figure with the chart, a button to show its table, and the table. */
export function chartFigure(spec: ChartSpec, rows: ChartRows): { el: HTMLElement; destroy: () => void } {
  const tableId = `${spec.id}-table`;
  const plot = h("div", { class: "chart-plot", "aria-hidden": "true" });
  const table = h(
    "table",
    { id: tableId, class: "chart-table visually-hidden" },
    h("caption", {}, spec.title),
    h(
      "thead",
      {},
      h("tr", {}, h("th", { scope: "col" }, "Date"), ...spec.series.map((s) => h("th", { scope: "col" }, s.label))),
    ),
    h(
      "tbody",
      {},
      ...rows.times.map((_, i) =>
        h("tr", {}, h("th", { scope: "row" }, rows.rowHead(i)), ...spec.series.map((s) => h("td", {}, s.cell(i)))),
      ),
    ),
  );
  const toggle = h(
    "button",
    { type: "button", class: "chart-toggle", "aria-controls": tableId, "aria-expanded": "false" },
    "Show table",
  );
  toggle.addEventListener("click", () => {
    const shown = table.classList.toggle("visually-hidden") === false;
    toggle.setAttribute("aria-expanded", String(shown));
    toggle.textContent = shown ? "Hide table" : "Show table";
  });
  const el = h(
    "figure",
    { class: "chart", id: spec.id, "aria-labelledby": `${spec.id}-title` },
    h(
      "figcaption",
      {},
      h("h2", { id: `${spec.id}-title` }, spec.title),
      h("p", { class: "chart-note" }, spec.note),
      toggle,
    ),
    plot,
    table,
  );
  let chart: uPlot | null = null;
  let gone = false;
  // Drawn once the figure is in the page, so it takes the width it is given.
  const frame = requestAnimationFrame(() => {
    let problem = "";
    void draw(plot, spec, rows.times)
      .catch((e: unknown) => {
        console.error(`chart ${spec.id}:`, e);
        problem = ` (${String(e)})`;
        return null;
      })
      .then((drawn) => {
        chart = drawn;
        if (gone) chart?.destroy();
        else if (!chart) {
          // The table says the same; say why there is no chart only when something failed.
          plot.replaceChildren(problem ? h("p", { class: "chart-note" }, `No chart${problem}.`) : "");
          plot.removeAttribute("aria-hidden");
          plot.hidden = !problem;
          table.classList.remove("visually-hidden");
          toggle.hidden = true;
        }
      });
  });
  return {
    el,
    destroy: () => {
      gone = true;
      cancelAnimationFrame(frame);
      chart?.destroy();
    },
  };
}
