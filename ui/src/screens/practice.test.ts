// The practice screen: Space starts and stops, live progress fills the meter, transcript and
// STAR tracker, and a finished take opens its results.
import { vi } from "vitest";
import type { TakeProgress } from "../bindings/TakeProgress";
import { context, question, words } from "../test/fixtures";

const api = vi.hoisted(() => ({
  startTake: vi.fn(),
  stopTake: vi.fn(async () => undefined),
  speakQuestion: vi.fn(async () => undefined),
}));
vi.mock("../api", async (original) => ({ ...(await original<typeof import("../api")>()), ...api }));

import { renderPractice } from "./practice";

/** What the next take started sends to the screen, to be sent by the test. */
function progressOfNextTake(): (p: TakeProgress) => void {
  let onProgress: (p: TakeProgress) => void = () => undefined;
  api.startTake.mockImplementation(async (_p: string, _q: string, _m: boolean, listener: (p: TakeProgress) => void) => {
    onProgress = listener;
  });
  return (p) => onProgress(p);
}

function space(type: "keydown" | "keyup") {
  document.body.dispatchEvent(new KeyboardEvent(type, { key: " ", bubbles: true, cancelable: true }));
}

test("Space starts a take, progress is shown live, Space stops it, and results follow", async () => {
  const send = progressOfNextTake();
  const root = document.createElement("main");
  document.body.append(root);
  const ctx = context();
  const cleanup = renderPractice(root, ctx, { screen: "practice", packId: "backend-developer", question });
  expect(root.querySelector("#question")?.textContent).toBe(question.text);

  space("keydown");
  space("keyup");
  await Promise.resolve();
  expect(api.startTake).toHaveBeenCalledWith("backend-developer", "bd-1", false, expect.any(Function));

  send({ type: "asking" });
  send({ type: "recording" });
  expect(root.querySelector("[role=status]")?.textContent).toContain("Recording");
  send({ type: "level", rms_dbfs: -30, peak: 0.3, elapsed: 62.4 });
  expect(root.querySelector("#elapsed")?.textContent).toBe("1:02");
  expect(root.querySelector("#countdown")?.textContent).toBe("0:28 left of 1:30");
  expect(root.querySelector("[role=meter]")?.getAttribute("aria-valuenow")).toBe("50");
  send({
    type: "transcript",
    words: words.slice(0, 4),
    through: 2.3,
    present: { situation: true, task: false, action: false, result: false },
    hint: "Situation: 25 s — get to what you had to do",
    heard_parts: [],
  });
  expect(root.querySelector("#live-hint")?.textContent).toBe("Situation: 25 s — get to what you had to do");
  expect(root.querySelector("#live-transcript")?.textContent).toBe("Our API was slow.");
  expect(root.querySelector('[data-part="situation"]')?.classList.contains("heard")).toBe(true);
  expect(root.querySelector('[data-part="action"]')?.classList.contains("heard")).toBe(false);

  space("keydown");
  await Promise.resolve();
  expect(api.stopTake).toHaveBeenCalledOnce();
  send({ type: "assessing", recorded_seconds: 64, stop: { kind: "requested" } });
  expect((root.querySelector("#record") as HTMLButtonElement).disabled).toBe(true);
  // The answer left out its Result: the interviewer asks, and the reply is recorded the same way.
  send({ type: "follow_up", gap: "missing_result", text: "What was the outcome, in numbers?", from_pack: false });
  expect(root.querySelector("#question")?.textContent).toBe("What was the outcome, in numbers?");
  expect(root.querySelector(".eyebrow")?.textContent).toBe("Follow-up question");
  expect(root.querySelector("#live-transcript")?.textContent).toBe("");
  expect(root.querySelector('[data-part="situation"]')?.classList.contains("heard")).toBe(false);
  send({ type: "asking" });
  send({ type: "recording" });
  expect((root.querySelector("#record") as HTMLButtonElement).textContent).toContain("Stop");
  send({ type: "assessing", recorded_seconds: 6, stop: { kind: "requested" } });
  send({ type: "done", take_id: 9, stop_to_feedback_seconds: 0.2 });
  expect(ctx.routes).toEqual([
    { screen: "results", takeId: 9, packId: "backend-developer", question, mock: undefined },
  ]);

  if (typeof cleanup === "function") cleanup();
  root.remove();
});

test("a follow-up that fails leaves the answer's results to open, saying what went wrong", async () => {
  const send = progressOfNextTake();
  const root = document.createElement("main");
  const ctx = context();
  const cleanup = renderPractice(root, ctx, { screen: "practice", packId: "p", question });
  (root.querySelector("#record") as HTMLButtonElement).click();
  await Promise.resolve();
  send({ type: "assessing", recorded_seconds: 64, stop: { kind: "requested" } });
  send({ type: "follow_up", gap: "missing_result", text: "What was the outcome, in numbers?", from_pack: false });
  send({ type: "follow_up_failed", kind: "device_unavailable", message: "the microphone was unplugged" });
  send({ type: "done", take_id: 8, stop_to_feedback_seconds: 0.2 });
  expect(ctx.routes).toEqual([
    {
      screen: "results",
      takeId: 8,
      packId: "p",
      question,
      mock: undefined,
      notice:
        "The follow-up question could not be answered (the microphone was unplugged). Your answer is saved and assessed.",
    },
  ]);
  if (typeof cleanup === "function") cleanup();
});

test("a failed take says why and can be tried again", async () => {
  const send = progressOfNextTake();
  const root = document.createElement("main");
  const cleanup = renderPractice(root, context(), { screen: "practice", packId: "p", question });
  (root.querySelector("#record") as HTMLButtonElement).click();
  await Promise.resolve();
  send({ type: "failed", kind: "no_input_device", message: "no microphone found" });
  expect(root.querySelector("[role=alert]")?.textContent).toBe("no microphone found");
  const button = root.querySelector("#record") as HTMLButtonElement;
  expect(button.disabled).toBe(false);
  expect(button.textContent).toContain("Start answer");
  // Stopped while the question was asked: said as information, not as a problem.
  button.click();
  await Promise.resolve();
  send({ type: "asking" });
  send({ type: "failed", kind: "nothing_recorded", message: "stopped before the answer began" });
  expect(root.querySelector(".notice-info")?.textContent).toBe("stopped before the answer began");
  expect(root.querySelector(".notice-problem")).toBeNull();
  if (typeof cleanup === "function") cleanup();
});

test("a question that asks for no story is tracked by its rubric's own parts", async () => {
  const send = progressOfNextTake();
  const root = document.createElement("main");
  const technical = { ...question, id: "bd-java", category: "technical" as const };
  const cleanup = renderPractice(root, context(), { screen: "practice", packId: "p", question: technical });
  const parts = [...root.querySelectorAll(".star-tracker li")].map((li) => li.textContent);
  expect(parts).toEqual(["Position", "How you work", "Example", "Trade-offs"]);
  (root.querySelector("#record") as HTMLButtonElement).click();
  await Promise.resolve();
  send({
    type: "transcript",
    words: words.slice(0, 4),
    through: 2.3,
    present: { situation: true, task: false, action: false, result: false },
    hint: null,
    heard_parts: ["position"],
  });
  expect(root.querySelector('[data-element="position"]')?.classList.contains("heard")).toBe(true);
  expect(root.querySelector('[data-element="example"]')?.getAttribute("aria-label")).toBe("Example: not yet");
  if (typeof cleanup === "function") cleanup();
});
