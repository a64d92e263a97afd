// Your stories: the bank listed, a new story saved under an id from Rust, a delete only after
// confirming, the coverage of a pack, and TOML in and out.
import { vi } from "vitest";
import type { StoryBank } from "../bindings/StoryBank";
import { context, fakeDialogs } from "../test/fixtures";

const api = vi.hoisted(() => ({
  getStories: vi.fn(),
  saveStories: vi.fn(),
  importStories: vi.fn(),
  exportStories: vi.fn(),
  newStoryId: vi.fn(),
  storyCoverageOf: vi.fn(),
}));
vi.mock("../api", async (original) => ({ ...(await original<typeof import("../api")>()), ...api }));

import { listOf, renderStories } from "./stories";

const outage = {
  id: "outage",
  title: "The checkout outage",
  situation: "Checkout timed out before the sale.",
  task: "",
  action: "I added an index.",
  result: "Page load fell by 40%.",
  numbers: ["40% faster"],
  competencies: ["ownership"],
};
const packs = [
  { id: "backend-developer", name: "Backend Developer", description: "", origin: "built-in", questions: [] },
];
const settle = () => new Promise((r) => setTimeout(r, 0));

beforeAll(fakeDialogs);

beforeEach(() => {
  vi.clearAllMocks();
  let bank: StoryBank = { stories: [outage] };
  api.getStories.mockImplementation(async () => bank);
  api.saveStories.mockImplementation(async (next: StoryBank) => {
    bank = next;
  });
  api.newStoryId.mockResolvedValue("the-api-disagreement");
  api.storyCoverageOf.mockResolvedValue({
    rows: [{ question_id: "q1", question_text: "Tell me about a conflict.", stories: [] }],
    competencies: [{ competency: "conflict", questions: 1, stories: [] }],
  });
});

test("the bank is listed with the coverage of a pack", async () => {
  const root = document.createElement("main");
  await renderStories(root, context({ packs }), { screen: "stories" });
  expect(root.querySelector('[data-story="outage"] h2')?.textContent).toBe("The checkout outage");
  expect(root.querySelector('[data-story="outage"]')?.textContent).toContain("Shows: ownership");
  expect(api.storyCoverageOf).toHaveBeenCalledWith("backend-developer");
  expect(root.querySelector("#coverage-table tbody th")?.textContent).toBe("Tell me about a conflict.");
  expect(root.querySelector("#uncovered")?.textContent).toBe("No story yet for: conflict.");
});

test("a new story is saved with the id Rust gives its title", async () => {
  const root = document.createElement("main");
  await renderStories(root, context({ packs }), { screen: "stories" });
  (root.querySelector("#new-story") as HTMLButtonElement).click();
  const set = (id: string, value: string) => ((root.querySelector(id) as HTMLInputElement).value = value);
  set("#story-title", "The API disagreement");
  set("#story-action", "I built two prototypes and measured.");
  set("#story-numbers", "12 → 3 requests\n\n");
  set("#story-competencies", "conflict, , communication");
  (root.querySelector("#story-form") as HTMLFormElement).requestSubmit();
  await settle();
  await settle();
  const saved = api.saveStories.mock.calls.at(-1)?.[0] as StoryBank;
  expect(saved.stories).toHaveLength(2);
  expect(saved.stories[1]).toMatchObject({
    id: "the-api-disagreement",
    title: "The API disagreement",
    action: "I built two prototypes and measured.",
    numbers: ["12 → 3 requests"],
    competencies: ["conflict", "communication"],
  });
  expect(root.querySelector("#stories-message")?.textContent).toBe("Story added.");
  expect(root.querySelector("#story-form")).toBeNull();
  expect(root.querySelectorAll("article.story")).toHaveLength(2);
});

test("a story is deleted only after confirming, and a refused save says why", async () => {
  const root = document.createElement("main");
  document.body.append(root);
  await renderStories(root, context({ packs }), { screen: "stories" });
  (root.querySelector(".delete-story") as HTMLButtonElement).click();
  (document.getElementById("confirm-cancel") as HTMLButtonElement).click();
  await settle();
  expect(api.saveStories).not.toHaveBeenCalled();
  api.saveStories.mockRejectedValueOnce({ kind: "pack", message: 'stories.toml:1:1: story id "x" is used twice' });
  (root.querySelector(".delete-story") as HTMLButtonElement).click();
  (document.getElementById("confirm-ok") as HTMLButtonElement).click();
  await settle();
  await settle();
  expect(root.querySelector("#stories-message")?.textContent).toContain("used twice");
  expect(root.querySelectorAll("article.story")).toHaveLength(1);
  root.remove();
});

test("TOML goes out into the box and comes back in", async () => {
  api.exportStories.mockResolvedValue('[[story]]\nid = "outage"\n');
  api.importStories.mockResolvedValue({ stories: [outage, { ...outage, id: "two", title: "Two" }] });
  const root = document.createElement("main");
  await renderStories(root, context({ packs }), { screen: "stories" });
  (root.querySelector("#export-stories") as HTMLButtonElement).click();
  await settle();
  const box = root.querySelector("#stories-toml") as HTMLTextAreaElement;
  expect(box.value).toContain('id = "outage"');
  (root.querySelector("#import-stories") as HTMLButtonElement).click();
  await settle();
  expect(api.importStories).toHaveBeenCalledWith(box.value);
  expect(root.querySelector("#stories-message")?.textContent).toBe("The bank holds 2 stories.");
  expect(listOf(" a, ,b ")).toEqual(["a", "b"]);
});
