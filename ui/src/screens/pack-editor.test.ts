// The pack editor: a copy of a built-in pack under a new id, follow-ups that follow the
// category, the field Rust names as wrong marked and focused, and no leaving with unsaved
// changes without asking.
import { vi } from "vitest";
import type { QuestionPack } from "../bindings/QuestionPack";
import { context, fakeDialogs } from "../test/fixtures";

const api = vi.hoisted(() => ({ getPack: vi.fn(), savePack: vi.fn() }));
vi.mock("../api", async (original) => ({ ...(await original<typeof import("../api")>()), ...api }));

import { renderPackEditor } from "./pack-editor";

const backend: QuestionPack = {
  id: "backend-developer",
  name: "Backend Developer",
  description: "Backend questions.",
  roles: ["backend"],
  question: [
    {
      id: "bd-1",
      text: "Tell me about a tight deadline.",
      category: "behavioural",
      target_seconds: 90,
      competencies: ["delivery", "calm under pressure"],
      hints: ["Say what you cut."],
      follow_up: [{ gap: "missing_result", ask: "Did you make it?" }],
    },
    {
      id: "bd-2",
      text: "How do you review code?",
      category: "technical",
      target_seconds: 75,
      competencies: ["technical depth"],
    },
  ],
};
const settle = () => new Promise((r) => setTimeout(r, 0));

beforeAll(fakeDialogs);
beforeEach(() => {
  vi.clearAllMocks();
  api.getPack.mockResolvedValue(structuredClone(backend));
});

test("a copy of a built-in pack is saved under its own id, with what the form says", async () => {
  api.savePack.mockResolvedValue(null);
  const reloadPacks = vi.fn().mockResolvedValue(undefined);
  const root = document.createElement("main");
  const ctx = context({ reloadPacks });
  await renderPackEditor(root, ctx, { screen: "pack-editor", copyOf: "backend-developer" });
  expect(api.getPack).toHaveBeenCalledWith("backend-developer");
  expect((root.querySelector("#pack-id") as HTMLInputElement).value).toBe("backend-developer-mine");
  const boxes = root.querySelectorAll("fieldset.pack-question");
  expect([...boxes].map((b) => b.querySelector("legend")?.textContent)).toEqual(["Question 1", "Question 2"]);
  // The second question moves up, and gets a follow-up of its own.
  (boxes[1].querySelector(".move-up") as HTMLButtonElement).click();
  const first = root.querySelector("fieldset.pack-question") as HTMLElement;
  expect((first.querySelector(".q-id") as HTMLInputElement).value).toBe("bd-2");
  (first.querySelector(".add-follow-up") as HTMLButtonElement).click();
  const gap = first.querySelector(".fu-gap") as HTMLSelectElement;
  // A technical question's answer can lack a position or trade-offs, never a Result.
  const gaps = [...gap.options].map((o) => o.value);
  expect(gaps).toContain("missing_tradeoffs");
  expect(gaps).not.toContain("missing_result");
  gap.value = "missing_tradeoffs";
  (first.querySelector(".fu-ask") as HTMLInputElement).value = "What does it cost?";
  (root.querySelector("#pack-form") as HTMLFormElement).requestSubmit();
  await settle();
  await settle();
  const [saved, replacing] = api.savePack.mock.calls[0] as [QuestionPack, string | null];
  expect(replacing).toBeNull();
  expect(saved.id).toBe("backend-developer-mine");
  expect(saved.roles).toEqual(["backend"]);
  expect(saved.question.map((q) => q.id)).toEqual(["bd-2", "bd-1"]);
  expect(saved.question[0].follow_up).toEqual([{ gap: "missing_tradeoffs", ask: "What does it cost?" }]);
  expect(saved.question[1]).toEqual({ ...backend.question[0] });
  expect(reloadPacks).toHaveBeenCalled();
  expect(ctx.routes.at(-1)).toEqual({ screen: "packs", said: 'Pack "Backend Developer (mine)" saved.' });
});

test("a category change keeps the follow-ups it still allows", async () => {
  const root = document.createElement("main");
  await renderPackEditor(root, context(), { screen: "pack-editor", packId: "mine" });
  const first = root.querySelector("fieldset.pack-question") as HTMLElement;
  const category = first.querySelector(".q-category") as HTMLSelectElement;
  category.value = "situational";
  category.dispatchEvent(new Event("change"));
  const gap = first.querySelector(".fu-gap") as HTMLSelectElement;
  expect([...gap.options].map((o) => o.value)).toEqual([
    "missing_first_steps",
    "missing_people",
    "missing_risks",
    "missing_measure",
    "no_specifics",
  ]);
  expect((first.querySelector(".fu-ask") as HTMLInputElement).value).toBe("Did you make it?");
});

test("the field Rust names is marked and focused, and nothing is left", async () => {
  api.savePack.mockResolvedValue({
    question: 1,
    field: "target_seconds",
    follow_up: null,
    message: 'question "bd-2": target_seconds 900 is outside 15–300',
  });
  const root = document.createElement("main");
  document.body.append(root);
  const ctx = context();
  await renderPackEditor(root, ctx, { screen: "pack-editor", packId: "backend-developer" });
  const target = root.querySelectorAll(".q-target")[1] as HTMLInputElement;
  target.value = "900";
  (root.querySelector("#save-pack") as HTMLButtonElement).click();
  await settle();
  expect(api.savePack.mock.calls[0][1]).toBe("backend-developer");
  expect(target.getAttribute("aria-invalid")).toBe("true");
  expect(document.activeElement).toBe(target);
  expect(root.querySelector("#pack-problem")?.textContent).toContain("outside 15–300");
  expect(ctx.routes).toEqual([]);
  // Leaving now asks first; staying keeps the work.
  (root.querySelector("#cancel-pack") as HTMLButtonElement).click();
  await settle();
  (document.getElementById("confirm-cancel") as HTMLButtonElement).click();
  await settle();
  expect(ctx.routes).toEqual([]);
  (root.querySelector("#cancel-pack") as HTMLButtonElement).click();
  await settle();
  (document.getElementById("confirm-ok") as HTMLButtonElement).click();
  await settle();
  expect(ctx.routes).toEqual([{ screen: "packs" }]);
  root.remove();
});

test("a new pack starts with one empty question, and leaving it untouched asks nothing", async () => {
  const root = document.createElement("main");
  const ctx = context();
  await renderPackEditor(root, ctx, { screen: "pack-editor" });
  expect(api.getPack).not.toHaveBeenCalled();
  expect(root.querySelectorAll("fieldset.pack-question")).toHaveLength(1);
  (root.querySelector("#add-question") as HTMLButtonElement).click();
  expect(root.querySelectorAll("fieldset.pack-question")).toHaveLength(2);
  (root.querySelectorAll(".remove-question")[1] as HTMLButtonElement).click();
  (root.querySelector("#cancel-pack") as HTMLButtonElement).click();
  await settle();
  expect(ctx.routes).toEqual([{ screen: "packs" }]);
});
