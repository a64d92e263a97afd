// Two takes side by side: deltas, findings gone and new, the word diff, and either recording
// playing from a word.
import { vi } from "vitest";
import { assessment, context } from "../test/fixtures";

const players = vi.hoisted(() => [] as { playFrom: ReturnType<typeof vi.fn>; toggle: ReturnType<typeof vi.fn> }[]);
vi.mock("./player", () => ({
  createPlayer: () => {
    const p = { toggle: vi.fn(), playFrom: vi.fn(), playRange: vi.fn(), destroy: vi.fn() };
    players.push(p);
    return p;
  },
}));
const api = vi.hoisted(() => ({ getTake: vi.fn(), compareTakes: vi.fn() }));
vi.mock("../api", async (original) => ({ ...(await original<typeof import("../api")>()), ...api }));

import { renderCompare } from "./compare";

const none = { before: null, after: null, delta: null };
const take = (id: number, speaking: number) => ({
  id,
  session_id: null,
  question_id: "bd-1",
  question_text: "Tell me about a tight deadline.",
  recorded_ms: 1_700_000_000_000 + id,
  total_seconds: 6,
  speaking_seconds: speaking,
  score: 41,
  wav_path: `/r/${id}.wav`,
  question_category: "behavioural",
  target_seconds: 90,
  stop_reason: "requested",
  model_id: "tiny.en",
  scorer_version: "0.3.0",
  scored_by_current: true,
  follows_take: null,
  follow_up: null,
  replies: [],
  assessment,
  audioUrl: `asset://localhost/r/${id}.wav`,
});

beforeEach(() => {
  players.length = 0;
  api.getTake.mockImplementation(async (id: number) => take(id, id === 1 ? 40 : 75));
  api.compareTakes.mockResolvedValue({
    total: { before: 55, after: 69, delta: 14 },
    structure: none,
    content: none,
    delivery: none,
    speaking_seconds: { before: 40, after: 75, delta: 35 },
    words_per_minute: none,
    fillers_per_minute: { before: 6, after: 2, delta: -4 },
    pauses: none,
    star_before: null,
    star_after: null,
    findings_gone: ["missing_result", "too_short"],
    findings_new: [],
    words: [
      { text: "We", change: "removed" },
      { text: "I", change: "added" },
      { text: "fixed", change: "kept" },
      { text: "it.", change: "kept" },
    ],
  });
});

test("deltas, the sweet spot, findings gone and the word diff are shown", async () => {
  const root = document.createElement("main");
  await renderCompare(root, context(), { screen: "compare", before: 1, after: 2 });
  expect(api.compareTakes).toHaveBeenCalledWith(1, 2);
  const row = (figure: string) => root.querySelector(`tr[data-figure="${figure}"]`)?.textContent;
  expect(row("total")).toBe("Total score5569+14");
  expect(row("speaking_seconds")).toBe("Speaking time40 s75 s (in the 60–90 s window)+35 s");
  expect(row("fillers_per_minute")).toBe("Fillers per minute62−4");
  expect(root.querySelector('tr[data-figure="fillers_per_minute"] .delta')?.className).toContain("better");
  expect(root.querySelector("#findings-gone")?.textContent).toBe("Fixed: missing result, too short");
  expect(root.querySelector("#word-diff del")?.textContent).toBe("We");
  expect(root.querySelector("#word-diff ins")?.textContent).toBe("I");
  expect(root.querySelectorAll(".star-bar")).toHaveLength(2);
});

test("a word of either transcript plays that recording from its moment", async () => {
  const root = document.createElement("main");
  await renderCompare(root, context(), { screen: "compare", before: 1, after: 2 });
  expect(players).toHaveLength(2);
  (root.querySelector("#side-after .transcript .word:nth-of-type(2)") as HTMLButtonElement).click();
  expect(players[1].playFrom).toHaveBeenCalledWith(assessment.transcript.words[1].start);
  expect(players[0].playFrom).not.toHaveBeenCalled();
  (root.querySelector("#play-before") as HTMLButtonElement).click();
  expect(players[0].toggle).toHaveBeenCalled();
});
