// Results: scores, the STAR timeline in seconds, findings that play their own moment, and
// words that seek the recording when clicked.
import { vi } from "vitest";
import { assessment, context, question } from "../test/fixtures";

const player = vi.hoisted(() => ({ toggle: vi.fn(), playFrom: vi.fn(), playRange: vi.fn(), destroy: vi.fn() }));
const playerOptions = vi.hoisted(() => [] as { marks: { start: number; label: string }[] }[]);
vi.mock("./player", () => ({
  createPlayer: (o: { marks: { start: number; label: string }[] }) => {
    playerOptions.push(o);
    return player;
  },
}));
const api = vi.hoisted(() => ({ getTake: vi.fn(), takeAttempt: vi.fn() }));
vi.mock("../api", async (original) => ({ ...(await original<typeof import("../api")>()), ...api }));

import { renderResults } from "./results";

const none = { before: null, after: null, delta: null };
beforeEach(() => {
  api.takeAttempt.mockResolvedValue({
    number: 2,
    of: 3,
    best_so_far: 55,
    best_take_id: 2,
    previous_take_id: 2,
    since_previous: {
      total: { before: 55, after: 41, delta: -14 },
      structure: none,
      content: none,
      delivery: none,
      speaking_seconds: { before: 20, after: 3.3, delta: -16.7 },
      words_per_minute: none,
      fillers_per_minute: none,
      pauses: none,
      star_before: null,
      star_after: null,
      findings_gone: ["too_long"],
      findings_new: ["missing_result"],
      words: [],
    },
  });
  api.getTake.mockResolvedValue({
    id: 4,
    session_id: null,
    question_id: "bd-1",
    question_text: "Tell me about a tight deadline.",
    recorded_ms: 1_700_000_000_000,
    total_seconds: 6,
    speaking_seconds: 3.3,
    score: 41,
    wav_path: "/r/a.wav",
    question_category: "behavioural",
    target_seconds: 90,
    stop_reason: "requested",
    model_id: "tiny.en",
    scorer_version: "0.1.0",
    scored_by_current: true,
    follows_take: null,
    follow_up: null,
    replies: [],
    earlier: [],
    story: null,
    assessment,
    audioUrl: "asset://localhost/r/a.wav",
  });
});

test("scores, STAR parts in seconds, findings and feedback are shown", async () => {
  const root = document.createElement("main");
  const ctx = context();
  await renderResults(root, ctx, { screen: "results", takeId: 4 });
  expect(root.querySelector("#score-total")?.textContent).toContain("41");
  const segs = root.querySelectorAll("#star-bar .seg");
  expect(segs).toHaveLength(2);
  // 1.0–2.3 s of a 6 s take.
  expect((segs[0] as HTMLElement).style.left).toBe("16.67%");
  expect((segs[0] as HTMLElement).style.width).toBe("21.67%");
  expect(root.querySelector(".star-table")?.textContent).toContain("missing");
  expect(root.querySelector("#findings")?.textContent).toContain("A 1.2 s pause mid-answer.");
  expect(root.querySelector("#feedback")?.textContent).toContain("with a number");
  expect(root.querySelector("#speaking-time")?.textContent).toBe("0:03 of 0:06 recorded");
  expect(root.textContent).not.toContain("earlier version");
  await vi.waitFor(() =>
    expect(root.querySelector("#attempt")?.textContent).toBe(
      "Attempt 2 of 3 · best so far 55 · since the last attempt: score −14, speaking time −17 s; fixed: too long; new: missing result Compare with the last attempt Progress on this question",
    ),
  );
  (root.querySelector("#compare-previous") as HTMLButtonElement).click();
  expect(ctx.routes.at(-1)).toEqual({ screen: "compare", before: 2, after: 4 });
  (root.querySelector("#question-progress") as HTMLButtonElement).click();
  expect(ctx.routes.at(-1)).toEqual({
    screen: "progress",
    scope: { kind: "question", question_id: (await api.getTake(4)).question_id },
  });
});

test("an answer judged as an approach shows its own parts, not a STAR timeline", async () => {
  const current = await api.getTake(4);
  api.getTake.mockResolvedValue({
    ...current,
    question_category: "technical",
    assessment: {
      ...assessment,
      rubric: "approach",
      star: null,
      parts: {
        rubric: "approach",
        units: [
          { text: "I keep Java boring.", element: "position", start: 1, end: 2.3, cues: [] },
          { text: "I write tests first.", element: "practice", start: 3.5, end: 4.3, cues: [] },
        ],
        parts: [
          { element: "position", title: "Position", present: true, seconds: 1.3, words: 4 },
          { element: "practice", title: "How you work", present: true, seconds: 0.8, words: 4 },
          { element: "example", title: "Example", present: false, seconds: 0, words: 0 },
          { element: "tradeoffs", title: "Trade-offs", present: false, seconds: 0, words: 0 },
        ],
        other_words: 0,
        has_number: false,
        concrete: false,
        first_person_share: 1,
      },
    },
  });
  const root = document.createElement("main");
  await renderResults(root, context(), { screen: "results", takeId: 4 });
  expect(root.querySelector("#star-bar")).toBeNull();
  const rows = [...root.querySelectorAll("#parts tbody tr")].map((r) => r.textContent);
  expect(rows).toEqual(["Position1 s", "How you work1 s", "Examplemissing", "Trade-offsmissing"]);
  expect(root.querySelector("#parts .part-units")?.textContent).toContain("How you work");
});

test("a take scored by an earlier version says so", async () => {
  const current = await api.getTake(4);
  api.getTake.mockResolvedValue({ ...current, scorer_version: "0.0.9", scored_by_current: false });
  const root = document.createElement("main");
  await renderResults(root, context(), { screen: "results", takeId: 4 });
  expect(root.querySelector(".notice-info")?.textContent).toContain("earlier version of STAR Coach (0.0.9)");
  expect(root.querySelector("#older-scorer button.reassess")?.textContent).toBe("Assess it again…");
  expect(root.querySelector("#earlier-assessments")).toBeNull();
});

test("what went wrong after the take was saved is said above its results", async () => {
  const root = document.createElement("main");
  await renderResults(root, context(), { screen: "results", takeId: 4, notice: "The follow-up failed." });
  expect(root.querySelector("#take-notice [role=alert]")?.textContent).toBe("The follow-up failed.");
  expect(root.querySelector("#score-total")).not.toBeNull();
  const plain = document.createElement("main");
  await renderResults(plain, context(), { screen: "results", takeId: 4 });
  expect(plain.querySelector("#take-notice")).toBeNull();
});

test("a take assessed again lists what it had before", async () => {
  const current = await api.getTake(4);
  api.getTake.mockResolvedValue({
    ...current,
    earlier: [{ id: 1, replaced_ms: 1_700_000_500_000, scorer_version: "0.2.0", model_id: "tiny.en", score: 35 }],
  });
  const root = document.createElement("main");
  await renderResults(root, context(), { screen: "results", takeId: 4 });
  expect(root.querySelector("#earlier-assessments")?.textContent).toMatch(
    /^Assessed again\. Before: 35 \(scorer 0\.2\.0, tiny\.en, until .+\)$/,
  );
  expect(root.querySelector("#older-scorer")).toBeNull();
});

test("a filler only the audio held stands in the transcript at its moment and plays from there", async () => {
  const current = await api.getTake(4);
  const fillers = {
    ...assessment.delivery.fillers,
    count: 2,
    per_part: { situation: 0, task: 0, action: 1, result: 1, other: 0 },
    items: [
      { text: "um", start: 2.6, end: 3.2, source: "audio" as const, confidence: 0.9 },
      { text: "like", start: 3.6, end: 3.8, source: "transcript" as const, confidence: 0.8 },
    ],
  };
  api.getTake.mockResolvedValue({
    ...current,
    assessment: { ...assessment, delivery: { ...assessment.delivery, fillers } },
  });
  const root = document.createElement("main");
  await renderResults(root, context(), { screen: "results", takeId: 4 });
  const text = root.querySelector("#transcript")?.textContent ?? "";
  expect(text).toContain("slow. (um) I fixed");
  expect(root.querySelectorAll(".filler-heard")).toHaveLength(1);
  (root.querySelector(".filler-heard") as HTMLElement).click();
  expect(player.playFrom).toHaveBeenCalledWith(2.6);
  expect(root.textContent).toContain('(um) at 0:02, "like" at 0:03');
  expect(root.querySelector("#fillers-by-part")?.textContent).toBe("Action 1 · Result 1");
  // Both fillers are marked on the waveform at their moment.
  const marks = playerOptions[playerOptions.length - 1].marks;
  expect(marks.map((m) => [m.start, m.label])).toEqual([
    [2.6, "um"],
    [3.6, "like"],
  ]);
});

test("a finding plays its moment and a word seeks to its start", async () => {
  const root = document.createElement("main");
  await renderResults(root, context(), { screen: "results", takeId: 4 });
  (root.querySelector(".play-moment") as HTMLButtonElement).click();
  expect(player.playRange).toHaveBeenCalledWith(2.3, 3.5);
  (root.querySelectorAll(".word")[4] as HTMLElement).click();
  expect(player.playFrom).toHaveBeenCalledWith(3.5);
});

test("redo goes back to the same question", async () => {
  const root = document.createElement("main");
  const ctx = context();
  await renderResults(root, ctx, { screen: "results", takeId: 4, packId: "p", question });
  (root.querySelector("#redo") as HTMLButtonElement).click();
  expect(ctx.routes).toEqual([{ screen: "practice", packId: "p", question, mock: undefined }]);
});

test("the next question of a mock interview for a job is asked from its own pack", async () => {
  const root = document.createElement("main");
  const ctx = context();
  const next = { ...question, id: "gb-1" };
  const mock = { questions: [question, next], index: 0, packIds: ["p", "general"] };
  await renderResults(root, ctx, { screen: "results", takeId: 4, packId: "p", question, mock });
  (root.querySelector("#next-question") as HTMLButtonElement).click();
  expect(ctx.routes).toEqual([{ screen: "practice", packId: "general", question: next, mock: { ...mock, index: 1 } }]);
});

test("text from the recogniser, a pack or a finding is shown as text, never run as markup", async () => {
  const evil = [
    `<script>window.__pwned = 1</script>`,
    `<img src=x onerror="window.__pwned = 2">`,
    `"quoted" & 'single'`,
  ];
  const words = evil.map((text, i) => ({ text, start: 1 + i, end: 1.5 + i, p: 0.9 }));
  api.getTake.mockResolvedValue({
    id: 5,
    session_id: null,
    question_id: "bd-1",
    question_text: evil.join(" "),
    recorded_ms: 1_700_000_000_000,
    total_seconds: 6,
    speaking_seconds: 3.3,
    score: 41,
    wav_path: "/r/a.wav",
    question_category: "behavioural",
    target_seconds: 90,
    stop_reason: "requested",
    model_id: "tiny.en",
    scorer_version: "0.1.0",
    scored_by_current: true,
    follows_take: null,
    follow_up: null,
    replies: [],
    earlier: [],
    story: null,
    audioUrl: "asset://localhost/r/a.wav",
    assessment: {
      ...assessment,
      transcript: { text: evil.join(" "), words },
      star: {
        ...assessment.star!,
        units: [{ text: evil.join(" "), label: "situation", start: 1, end: 4, cues: [evil[1]] }],
      },
      findings: [{ kind: evil[0], severity: "warning", message: evil[1], quote: evil[2], start: 1, end: 2 }],
      feedback: [evil[0], evil[1]],
    },
  });
  const root = document.createElement("main");
  document.body.append(root);
  await renderResults(root, context(), { screen: "results", takeId: 5 });
  expect(root.querySelector("script")).toBeNull();
  expect(root.querySelector("img")).toBeNull();
  expect(root.textContent).toContain(evil[1]);
  expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  root.remove();
});

test("an answer followed up shows what was asked, what was said and how the pair was judged", async () => {
  const current = await api.getTake(4);
  api.getTake.mockReset();
  api.getTake.mockResolvedValueOnce({ ...current, replies: [5] });
  api.getTake.mockResolvedValueOnce({
    ...current,
    id: 5,
    question_text: "How did it turn out? What was the outcome?",
    follows_take: 4,
    replies: [],
    earlier: [],
    story: null,
    follow_up: {
      asked: { gap: "missing_result", text: "What was the outcome, in numbers?", from_pack: false },
      judgement: {
        gap: "missing_result",
        answered: true,
        together: null,
        message: "You gave the Result when asked. Next time, give it before you stop: an interviewer may not ask.",
      },
    },
    assessment: { ...assessment, transcript: { text: "Errors fell by half.", words: [] } },
  });
  const root = document.createElement("main");
  const ctx = context();
  await renderResults(root, ctx, { screen: "results", takeId: 4 });
  await vi.waitFor(() => expect(root.querySelector(".follow-up-judgement")).not.toBeNull());
  const item = root.querySelector("#follow-ups .follow-up")!;
  expect(item.querySelector(".follow-up-asked")?.textContent).toBe("Asked: What was the outcome, in numbers?");
  expect(item.querySelector(".follow-up-reply")?.textContent).toBe("You said: Errors fell by half.");
  expect(item.querySelector(".follow-up-judgement.answered")?.textContent).toContain("the Result when asked");
  (item.querySelector("button") as HTMLButtonElement).click();
  expect(ctx.routes.at(-1)).toEqual({ screen: "results", takeId: 5 });
});
