// History deletes only after the user confirms, and shows what is left.
import { vi } from "vitest";
import type { TakeSummary } from "../bindings/TakeSummary";
import { context, fakeDialogs } from "../test/fixtures";

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
    scorer_version: "0.3.1",
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
    scorer_version: "0.3.1",
  },
];
const api = vi.hoisted(() => ({
  listTakes: vi.fn(),
  deleteTake: vi.fn(),
  deleteAllTakes: vi.fn(),
  reassessTakes: vi.fn(),
  cancelReassess: vi.fn(),
}));
vi.mock("../api", async (original) => ({ ...(await original<typeof import("../api")>()), ...api }));

import { renderHistory } from "./history";

beforeAll(fakeDialogs);

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

test("takes an earlier scorer assessed can be assessed again, with progress and a cancel", async () => {
  const older = [{ ...takes[0], scorer_version: "0.2.0" }, takes[1]];
  api.listTakes.mockResolvedValue(older);
  let send: (e: unknown) => void = () => undefined;
  api.reassessTakes.mockImplementation(async (_ids: number[] | null, onEvent: (e: unknown) => void) => {
    send = onEvent;
  });
  const root = document.createElement("main");
  document.body.append(root);
  await renderHistory(root, context(), { screen: "history" });
  const section = root.querySelector("#older-takes") as HTMLElement;
  expect(section.hidden).toBe(false);
  expect(section.textContent).toContain("1 take was assessed by an earlier version");
  click(section.querySelector("button.reassess"));
  expect(document.querySelector("dialog[open]")?.textContent).toContain("earlier assessment is kept");
  click(document.getElementById("confirm-ok"));
  await settle();
  expect(api.reassessTakes).toHaveBeenCalledWith(null, expect.any(Function));
  send({ type: "working", take_id: 2, done: 0, total: 1 });
  expect(section.querySelector(".reassess-status")?.textContent).toContain("Assessing take 1 of 1…");
  click(section.querySelector(".reassess-cancel"));
  expect(api.cancelReassess).toHaveBeenCalledOnce();
  api.listTakes.mockResolvedValue(takes);
  const listed = api.listTakes.mock.calls.length;
  send({
    type: "done",
    reassessed: [{ take_id: 2, scorer_before: "0.2.0", score_before: 64, score_after: 70, change: null }],
    failed: [],
    not_reached: 0,
  });
  await settle();
  expect(section.querySelector(".reassess-report")?.textContent).toBe(
    "1 take assessed again: 64 → 70. The earlier assessments are kept.",
  );
  expect(api.listTakes).toHaveBeenCalledTimes(listed + 1);
  // Nothing older is left: only the report stays.
  expect(section.textContent).toBe("1 take assessed again: 64 → 70. The earlier assessments are kept.");
  root.remove();
});

test("with every take assessed by this scorer there is nothing to assess again", async () => {
  const root = document.createElement("main");
  await renderHistory(root, context(), { screen: "history" });
  expect((root.querySelector("#older-takes") as HTMLElement).hidden).toBe(true);
});
