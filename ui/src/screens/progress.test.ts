// Progress: the scope picker, the bests, and each chart's table (what screen readers read, and
// what shows when the page cannot draw on a canvas, as in this test's DOM).
import { vi } from "vitest";
import type { ProgressView } from "../bindings/ProgressView";
import { context } from "../test/fixtures";

const api = vi.hoisted(() => ({ progress: vi.fn() }));
vi.mock("../api", async (original) => ({ ...(await original<typeof import("../api")>()), ...api }));

import { progressCharts, progressHeadline, renderProgress } from "./progress";

const DAY = 86_400_000;
const shares = { situation: 0.3, task: 0.1, action: 0.6, result: 0, other: 0 };
const present = { situation: true, task: true, action: true, result: false };

const view: ProgressView = {
  progress: {
    scope: { kind: "overall" },
    points: [
      {
        take_id: 4,
        question_id: "be-1",
        recorded_ms: Date.UTC(2026, 10, 30, 9),
        score: 48,
        speaking_seconds: 41,
        words_per_minute: 150,
        fillers_per_minute: 4.2,
        star_present: present,
        star_shares: shares,
      },
      {
        take_id: 7,
        question_id: "be-2",
        recorded_ms: Date.UTC(2026, 10, 30, 9) + DAY,
        score: 81,
        speaking_seconds: 75,
        words_per_minute: 140,
        fillers_per_minute: 1.5,
        star_present: null,
        star_shares: null,
      },
    ],
    questions: 2,
    days_practised: 2,
    current_streak_days: 2,
    bests: {
      score: { value: 81, take_id: 7, recorded_ms: Date.UTC(2026, 11, 1, 9) },
      fewest_fillers_per_minute: { value: 1.5, take_id: 7, recorded_ms: Date.UTC(2026, 11, 1, 9) },
      longest_streak_days: 2,
    },
    score_change: null,
  },
  practised: [
    { pack_id: "backend-developer", question_id: "be-1", question_text: "Tell me about an outage.", answers: 1 },
    { pack_id: "backend-developer", question_id: "be-2", question_text: "A hard bug?", answers: 1 },
  ],
  targets: { speaking_min_seconds: 60, speaking_max_seconds: 90, pace_min_wpm: 120, pace_max_wpm: 165 },
};

const packs = [
  { id: "backend-developer", name: "Backend Developer", description: "", origin: "built-in", questions: [] },
];

test("the headline, the bests and a table for every chart", async () => {
  api.progress.mockResolvedValue(view);
  const root = document.createElement("main");
  const ctx = context({ packs });
  await renderProgress(root, ctx, { screen: "progress" });
  expect(api.progress).toHaveBeenCalledWith({ kind: "overall" });
  expect(root.querySelector("#progress-headline")?.textContent).toBe(
    "2 answers to 2 questions on 2 days · 2 days in a row",
  );
  expect(root.querySelector("#progress-bests")?.textContent).toContain("Best score81 on");
  expect(root.querySelectorAll("figure.chart")).toHaveLength(5);
  // The STAR table says which part was missing and which answer was not a story.
  const star = [...root.querySelectorAll("#chart-star-table tbody tr")].map((r) =>
    [...r.querySelectorAll("td")].map((c) => c.textContent),
  );
  expect(star).toEqual([
    ["30%", "10%", "60%", "missing"],
    ["not a story", "not a story", "not a story", "not a story"],
  ]);
  const speaking = [...root.querySelectorAll("#chart-speaking-table td")].map((c) => c.textContent);
  expect(speaking).toEqual(["41 s", "75 s"]);
  // A row opens its take.
  (root.querySelector("#chart-score-table tbody tr:last-child th button") as HTMLButtonElement).click();
  expect(ctx.routes.at(-1)).toEqual({ screen: "results", takeId: 7 });
});

test("the table is one click away, and shown outright when nothing can be drawn", async () => {
  api.progress.mockResolvedValue(view);
  const root = document.createElement("main");
  document.body.append(root);
  await renderProgress(root, context({ packs }), { screen: "progress" });
  const table = root.querySelector("#chart-pace-table") as HTMLElement;
  const toggle = root.querySelector("#chart-pace .chart-toggle") as HTMLButtonElement;
  expect(toggle.getAttribute("aria-controls")).toBe("chart-pace-table");
  toggle.click();
  expect(table.classList.contains("visually-hidden")).toBe(false);
  expect(toggle.getAttribute("aria-expanded")).toBe("true");
  toggle.click();
  expect(table.classList.contains("visually-hidden")).toBe(true);
  // This DOM has no canvas: once the frame comes, the tables stand in for the charts.
  await vi.waitFor(() => expect(table.classList.contains("visually-hidden")).toBe(false));
  expect(toggle.hidden).toBe(true);
  root.remove();
});

test("the scope picker lists packs and questions and goes to the one chosen", async () => {
  api.progress.mockResolvedValue(view);
  const root = document.createElement("main");
  const ctx = context({ packs });
  await renderProgress(root, ctx, { screen: "progress", scope: { kind: "question", question_id: "be-2" } });
  const select = root.querySelector("#progress-scope") as HTMLSelectElement;
  expect(select.value).toBe("question:be-2");
  expect([...select.options].map((o) => o.textContent)).toEqual([
    "All questions",
    "The whole pack: Backend Developer",
    "Tell me about an outage. (1)",
    "A hard bug? (1)",
  ]);
  select.value = "pack:backend-developer";
  select.dispatchEvent(new Event("change"));
  expect(ctx.routes.at(-1)).toEqual({
    screen: "progress",
    scope: { kind: "pack", pack_id: "backend-developer" },
  });
});

test("no answers yet says how to get some; the charts follow the targets", async () => {
  api.progress.mockResolvedValue({ ...view, practised: [], progress: { ...view.progress, points: [] } });
  const root = document.createElement("main");
  await renderProgress(root, context({ packs }), { screen: "progress" });
  expect(root.querySelector(".empty")?.textContent).toContain("No answers yet");
  const speaking = progressCharts(view).find((c) => c.id === "chart-speaking");
  expect(speaking?.band).toEqual({ min: 60, max: 90 });
  expect(progressHeadline({ ...view, progress: { ...view.progress, current_streak_days: 1 } })).toBe(
    "2 answers to 2 questions on 2 days",
  );
});
