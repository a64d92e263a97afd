// Home: what is due for review today, each a click from practice, and the next one due when
// nothing is.
import { vi } from "vitest";
import { context, question, status } from "../test/fixtures";

const api = vi.hoisted(() => ({ listTakes: vi.fn(async () => []), reviewQueue: vi.fn(), startMock: vi.fn() }));
vi.mock("../api", async (original) => ({ ...(await original<typeof import("../api")>()), ...api }));

import { renderHome } from "./home";

const packs = [
  { id: "backend-developer", name: "Backend Developer", description: "", origin: "built-in", questions: [question] },
];

function entry(due: boolean, last_score: number, why: string) {
  return {
    pack_id: "backend-developer",
    question,
    question_id: question.id,
    leitner_box: 1,
    last_ms: 0,
    due_ms: Date.UTC(2026, 11, 3),
    due,
    last_score,
    attempts: 1,
    why,
  };
}

test("questions due today are listed and open practice", async () => {
  api.reviewQueue.mockResolvedValue([entry(true, 54, "Scored 54 last time: back to every day.")]);
  const root = document.createElement("main");
  const ctx = context({ packs });
  await renderHome(root, ctx, { screen: "home" });
  await vi.waitFor(() => expect(root.querySelector("#due-today")?.hasAttribute("hidden")).toBe(false));
  expect(root.querySelector("#due-h")?.textContent).toBe("Due today (1)");
  expect(root.querySelector("#due-today li")?.textContent).toContain("Scored 54 last time: back to every day.");
  (root.querySelector("#due-today li button") as HTMLButtonElement).click();
  expect(ctx.routes.at(-1)).toEqual({ screen: "practice", packId: "backend-developer", question });
});

test("nothing due says which question comes next; no takes at all shows nothing", async () => {
  api.reviewQueue.mockResolvedValue([entry(false, 85, "Scored 85 last time: now every 2 days.")]);
  const root = document.createElement("main");
  await renderHome(root, context({ packs }), { screen: "home" });
  await vi.waitFor(() => expect(root.querySelector("#due-h")?.textContent).toBe("Nothing due today"));
  expect(root.querySelector("#due-today .empty")?.textContent).toContain(`Next: "${question.text}"`);

  api.reviewQueue.mockResolvedValue([]);
  const empty = document.createElement("main");
  await renderHome(empty, context({ packs }), { screen: "home" });
  await Promise.resolve();
  expect(empty.querySelector("#due-today")?.hasAttribute("hidden")).toBe(true);
});

test("a review interview asks the crates for its questions and opens the first", async () => {
  api.reviewQueue.mockResolvedValue([entry(true, 54, "Scored 54 last time: back to every day.")]);
  api.startMock.mockResolvedValue({ session_id: 3, questions: [question] });
  const root = document.createElement("main");
  const ctx = context({ packs });
  await renderHome(root, ctx, { screen: "home" });
  await vi.waitFor(() => expect(root.querySelector("#review-mock")).not.toBeNull());
  (root.querySelector("#review-mock") as HTMLButtonElement).click();
  await vi.waitFor(() => expect(ctx.routes).toHaveLength(1));
  expect(api.startMock).toHaveBeenCalledWith("backend-developer", 8, true);
  expect(ctx.routes[0]).toEqual({
    screen: "practice",
    packId: "backend-developer",
    question,
    mock: { questions: [question], index: 0 },
  });
});

test("saved settings that could not be used are said at the top of Home, naming the file", async () => {
  api.reviewQueue.mockResolvedValue([]);
  const root = document.createElement("main");
  const settings_error = {
    kind: "damaged_settings" as const,
    message: "/home/me/.local/share/star-coach/settings.json: longest take: must be between 10 and 600 seconds",
  };
  const ctx = context({ packs, status: { ...status, settings_error } });
  await renderHome(root, ctx, { screen: "home" });
  const alert = [...root.querySelectorAll("[role=alert]")].map((a) => a.textContent).join(" ");
  expect(alert).toContain("settings.json: longest take: must be between 10 and 600 seconds");
  expect(alert).toContain("the defaults apply until you save Settings");
});

test("a missing or damaged speech model is said at the top of Home with the way to fetch it", async () => {
  api.reviewQueue.mockResolvedValue([]);
  for (const model of [
    { ...status.model, present: false },
    {
      ...status.model,
      problem: { kind: "model_load" as const, message: "the speech model tiny.en is damaged (checksum mismatch)" },
    },
  ]) {
    const root = document.createElement("main");
    const ctx = context({ packs, status: { ...status, model } });
    await renderHome(root, ctx, { screen: "home" });
    const alert = [...root.querySelectorAll("[role=alert]")].map((a) => a.textContent).join(" ");
    expect(alert).toContain(model.present ? "damaged (checksum mismatch)" : "/m/ggml-tiny.en.bin is missing");
    (root.querySelector("#get-model") as HTMLButtonElement).click();
    expect(ctx.routes.at(-1)).toEqual({ screen: "settings" });
  }
});

test("P practises the chosen question, but not while typing in a field; leaving Home stops it", async () => {
  api.reviewQueue.mockResolvedValue([]);
  const root = document.createElement("main");
  document.body.append(root);
  const ctx = context({ packs });
  const stop = await renderHome(root, ctx, { screen: "home" });
  const press = (target: EventTarget) =>
    target.dispatchEvent(new KeyboardEvent("keydown", { key: "p", bubbles: true, cancelable: true }));
  const field = document.createElement("input");
  document.body.append(field);
  press(field);
  expect(ctx.routes).toEqual([]);
  press(root.querySelector("input[type=radio]") as HTMLInputElement);
  expect(ctx.routes).toEqual([{ screen: "practice", packId: "backend-developer", question }]);
  stop();
  press(document.body);
  expect(ctx.routes.length).toBe(1);
  root.remove();
  field.remove();
});
