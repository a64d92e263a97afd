// History deletes only after the user confirms, and shows what is left.
import { vi } from "vitest";
import type { TakeSummary } from "../bindings/TakeSummary";
import { context } from "../test/fixtures";

const takes: TakeSummary[] = [
  {
    id: 2,
    session_id: null,
    question_id: "q2",
    question_text: "Tell me about a conflict.",
    recorded_ms: 1_700_000_100_000,
    total_seconds: 80,
    speaking_seconds: 71,
    score: 64,
    wav_path: "/r/b.wav",
  },
  {
    id: 1,
    session_id: null,
    question_id: "q1",
    question_text: "Tell me about a deadline.",
    recorded_ms: 1_700_000_000_000,
    total_seconds: 50,
    speaking_seconds: 44,
    score: null,
    wav_path: "/r/a.wav",
  },
];
const api = vi.hoisted(() => ({
  listTakes: vi.fn(),
  deleteTake: vi.fn(),
  deleteAllTakes: vi.fn(),
}));
vi.mock("../api", async (original) => ({ ...(await original<typeof import("../api")>()), ...api }));

import { renderHistory } from "./history";

beforeAll(() => {
  // jsdom has no modal dialogs; these behave like an open/closed dialog.
  HTMLDialogElement.prototype.showModal = function () {
    this.setAttribute("open", "");
  };
  HTMLDialogElement.prototype.close = function () {
    this.removeAttribute("open");
  };
});

beforeEach(() => {
  let rows = [...takes];
  api.listTakes.mockImplementation(async () => rows);
  api.deleteTake.mockImplementation(async (id: number) => {
    rows = rows.filter((t) => t.id !== id);
  });
  api.deleteAllTakes.mockImplementation(async () => {
    const n = rows.length;
    rows = [];
    return n;
  });
});

const click = (el: Element | null) => (el as HTMLElement).click();
const settle = () => new Promise((r) => setTimeout(r, 0));

test("every take is listed with its question, score and durations", async () => {
  const root = document.createElement("main");
  await renderHistory(root, context(), { screen: "history" });
  const rows = root.querySelectorAll("tbody tr");
  expect(rows).toHaveLength(2);
  expect(rows[0].textContent).toContain("Tell me about a conflict.");
  expect(rows[0].textContent).toContain("64");
  expect(rows[0].textContent).toContain("1:11 / 1:20");
  expect(rows[1].textContent).toContain("—");
});

test("a take is deleted only when the user confirms", async () => {
  const root = document.createElement("main");
  document.body.append(root);
  await renderHistory(root, context(), { screen: "history" });

  click(root.querySelector('tr[data-take="2"] .delete-take'));
  expect(document.querySelector("dialog[open]")?.textContent).toContain("Tell me about a conflict.");
  click(document.getElementById("confirm-cancel"));
  await settle();
  expect(api.deleteTake).not.toHaveBeenCalled();
  expect(root.querySelectorAll("tbody tr")).toHaveLength(2);

  click(root.querySelector('tr[data-take="2"] .delete-take'));
  click(document.getElementById("confirm-ok"));
  await settle();
  await settle();
  expect(api.deleteTake).toHaveBeenCalledWith(2);
  expect(root.querySelectorAll("tbody tr")).toHaveLength(1);
  root.remove();
});

test("deleting everything leaves the empty state", async () => {
  const root = document.createElement("main");
  document.body.append(root);
  await renderHistory(root, context(), { screen: "history" });
  click(root.querySelector("#delete-all"));
  click(document.getElementById("confirm-ok"));
  await settle();
  await settle();
  expect(api.deleteAllTakes).toHaveBeenCalledOnce();
  expect(root.querySelector(".empty")?.textContent).toContain("No takes yet");
  expect((root.querySelector("#delete-all") as HTMLButtonElement).disabled).toBe(true);
  root.remove();
});
