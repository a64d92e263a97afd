// Progress: every answer's score, STAR time shares, speaking time, pace and fillers over time,
// for all questions, one pack or one question, with personal bests and days practised. The
// figures come from Rust (`coach::progress`); this screen picks the scope and lays them out.

import { asCommandError, progress } from "../api";
import type { Context, Route } from "../app";
import type { PerPart } from "../bindings/PerPart";
import type { Present } from "../bindings/Present";
import type { ProgressScope } from "../bindings/ProgressScope";
import type { ProgressView } from "../bindings/ProgressView";
import { chartFigure, type ChartSpec } from "../charts";
import { alertBox, h } from "../dom";
import { PART_NAMES, when } from "../format";

type ProgressRoute = Extract<Route, { screen: "progress" }>;

const STAR_PARTS = ["situation", "task", "action", "result"] as const;

function rounded(v: number | null, digits = 0, unit = ""): string {
  return v === null ? "—" : `${v.toFixed(digits)}${unit}`;
}

/** The charts of a progress view, in the order the screen shows them. */
export function progressCharts(view: ProgressView): ChartSpec[] {
  const points = view.progress.points;
  const t = view.targets;
  const series = (label: string, colour: string, values: (number | null)[], digits = 0, unit = "") => ({
    label,
    colour,
    values,
    cell: (i: number) => rounded(values[i], digits, unit),
  });
  const share = (part: (typeof STAR_PARTS)[number]) => {
    const values = points.map((p) => (p.star_shares ? 100 * (p.star_shares as PerPart)[part] : null));
    return {
      label: PART_NAMES[part],
      colour: `--${part}`,
      values,
      cell: (i: number) => {
        const present = points[i].star_present as Present | null;
        if (present === null) return "not a story";
        return present[part] ? `${Math.round(values[i] ?? 0)}%` : "missing";
      },
    };
  };
  return [
    {
      id: "chart-score",
      title: "Score",
      note: "Out of 100.",
      series: [
        series(
          "Score",
          "--accent",
          points.map((p) => p.score),
        ),
      ],
      range: [0, 100],
    },
    {
      id: "chart-star",
      title: "STAR parts: share of the answer's time",
      note: "A part at 0% was missing. Answers judged by another rubric are left out.",
      series: STAR_PARTS.map(share),
      range: [0, 100],
    },
    {
      id: "chart-speaking",
      title: "Speaking time",
      note: `Seconds of speech; the shaded band is the aim, ${t.speaking_min_seconds}–${t.speaking_max_seconds} s.`,
      series: [
        series(
          "Speaking time",
          "--accent",
          points.map((p) => p.speaking_seconds),
          0,
          " s",
        ),
      ],
      band: { min: t.speaking_min_seconds, max: t.speaking_max_seconds },
    },
    {
      id: "chart-pace",
      title: "Pace",
      note: `Words a minute while speaking; the band is ${t.pace_min_wpm}–${t.pace_max_wpm}.`,
      series: [
        series(
          "Words a minute",
          "--accent",
          points.map((p) => p.words_per_minute),
        ),
      ],
      band: { min: t.pace_min_wpm, max: t.pace_max_wpm },
    },
    {
      id: "chart-fillers",
      title: "Fillers",
      note: "Fillers a minute of speech (um, uh, you know…); lower is better.",
      series: [
        series(
          "Fillers a minute",
          "--weak",
          points.map((p) => p.fillers_per_minute),
          1,
        ),
      ],
    },
  ];
}

/** "12 answers to 5 questions on 6 days · 3 days in a row". */
export function progressHeadline(view: ProgressView): string {
  const p = view.progress;
  const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;
  const parts = [
    `${plural(p.points.length, "answer")} to ${plural(p.questions, "question")} on ${plural(p.days_practised, "day")}`,
  ];
  if (p.current_streak_days > 1) parts.push(`${p.current_streak_days} days in a row`);
  return parts.join(" · ");
}

function scopeValue(scope: ProgressScope): string {
  switch (scope.kind) {
    case "overall":
      return "overall";
    case "pack":
      return `pack:${scope.pack_id}`;
    case "question":
      return `question:${scope.question_id}`;
  }
}

function scopeOf(value: string): ProgressScope {
  if (value.startsWith("pack:")) return { kind: "pack", pack_id: value.slice(5) };
  if (value.startsWith("question:")) return { kind: "question", question_id: value.slice(9) };
  return { kind: "overall" };
}

export async function renderProgress(root: HTMLElement, ctx: Context, route: ProgressRoute) {
  const scope = route.scope ?? { kind: "overall" };
  let view: ProgressView;
  try {
    view = await progress(scope);
  } catch (e) {
    root.append(h("h1", {}, "Progress"), alertBox(asCommandError(e).message));
    return;
  }
  root.append(h("h1", {}, "Progress"));
  if (view.practised.length === 0) {
    root.append(
      h("p", { class: "empty" }, "No answers yet. Practise a question and its score, time and pace show here."),
    );
    return;
  }

  const packName = (id: string) => ctx.packs.find((p) => p.id === id)?.name ?? id;
  const packIds = [...new Set(view.practised.map((q) => q.pack_id))];
  const select = h(
    "select",
    { id: "progress-scope" },
    h("option", { value: "overall" }, "All questions"),
    ...packIds.map((pack) =>
      h(
        "optgroup",
        { label: packName(pack) },
        h("option", { value: `pack:${pack}` }, `The whole pack: ${packName(pack)}`),
        ...view.practised
          .filter((q) => q.pack_id === pack)
          .map((q) => h("option", { value: `question:${q.question_id}` }, `${q.question_text} (${q.answers})`)),
      ),
    ),
  );
  select.value = scopeValue(scope);
  select.addEventListener("change", () => ctx.go({ screen: "progress", scope: scopeOf(select.value) }));
  root.append(h("p", {}, h("label", { for: "progress-scope" }, "Show "), select));

  const p = view.progress;
  const openTake = (takeId: number) => ctx.go({ screen: "results", takeId });
  const bests = h("dl", { class: "bests", id: "progress-bests" });
  if (p.bests.score) {
    const best = p.bests.score;
    bests.append(
      h("dt", {}, "Best score"),
      h(
        "dd",
        {},
        `${Math.round(best.value)} on ${when(best.recorded_ms)} `,
        h("button", { type: "button", class: "link", onclick: () => openTake(best.take_id) }, "Open"),
      ),
    );
  }
  if (p.bests.fewest_fillers_per_minute) {
    const best = p.bests.fewest_fillers_per_minute;
    bests.append(
      h("dt", {}, "Fewest fillers"),
      h("dd", {}, `${best.value.toFixed(1)} a minute on ${when(best.recorded_ms)}`),
    );
  }
  bests.append(h("dt", {}, "Longest run of days"), h("dd", {}, String(p.bests.longest_streak_days)));
  if (p.score_change !== null) {
    const c = Math.round(p.score_change);
    bests.append(
      h("dt", {}, "Since your first answers"),
      h("dd", {}, `${c > 0 ? "+" : ""}${c} points (your last three against your first three)`),
    );
  }
  root.append(h("p", { id: "progress-headline" }, progressHeadline(view)), bests);

  if (p.points.length === 0) {
    root.append(h("p", { class: "empty" }, "No answers in this scope."));
    return;
  }
  const rows = {
    times: p.points.map((pt) => pt.recorded_ms),
    rowHead: (i: number) =>
      h(
        "button",
        {
          type: "button",
          class: "link",
          "aria-label": `Open the answer of ${when(p.points[i].recorded_ms)}`,
          onclick: () => openTake(p.points[i].take_id),
        },
        when(p.points[i].recorded_ms),
      ),
  };
  const charts = progressCharts(view).map((spec) => chartFigure(spec, rows));
  root.append(h("div", { class: "charts" }, ...charts.map((c) => c.el)));
  return () => charts.forEach((c) => c.destroy());
}
