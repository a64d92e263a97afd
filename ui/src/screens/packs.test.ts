// Question packs: built-in ones are copied to be edited, the user's edited or deleted after
// confirming, any exported, and a pack file imported by path.
import { vi } from "vitest";
import { context, fakeDialogs, question } from "../test/fixtures";

const api = vi.hoisted(() => ({
  deletePack: vi.fn(),
  exportPack: vi.fn(),
  importPack: vi.fn(),
}));
vi.mock("../api", async (original) => ({ ...(await original<typeof import("../api")>()), ...api }));

import { renderPacks } from "./packs";

const packs = [
  { id: "backend-developer", name: "Backend Developer", description: "", origin: "built-in", questions: [question] },
  { id: "mine", name: "Mine", description: "", origin: "/data/packs/mine.toml", questions: [question, question] },
];
const settle = () => new Promise((r) => setTimeout(r, 0));

beforeAll(fakeDialogs);
beforeEach(() => vi.clearAllMocks());

test("a built-in pack is copied to be edited; the user's is edited in place", () => {
  const root = document.createElement("main");
  const ctx = context({ packs });
  renderPacks(root, ctx, { screen: "packs" });
  const rows = root.querySelectorAll("#packs-table tbody tr");
  expect(rows).toHaveLength(2);
  expect(rows[0].querySelector(".origin")?.textContent).toBe("Built in");
  expect(rows[0].querySelector(".delete-pack")).toBeNull();
  (rows[0].querySelector(".edit-pack") as HTMLButtonElement).click();
  (rows[1].querySelector(".edit-pack") as HTMLButtonElement).click();
  (root.querySelector("#new-pack") as HTMLButtonElement).click();
  expect(ctx.routes).toEqual([
    { screen: "pack-editor", copyOf: "backend-developer" },
    { screen: "pack-editor", packId: "mine" },
    { screen: "pack-editor" },
  ]);
});

test("a pack is deleted only after confirming, and the list is read again", async () => {
  const reloadPacks = vi.fn().mockResolvedValue(undefined);
  const root = document.createElement("main");
  document.body.append(root);
  const ctx = context({ packs, reloadPacks });
  renderPacks(root, ctx, { screen: "packs" });
  (root.querySelector(".delete-pack") as HTMLButtonElement).click();
  expect(document.querySelector("dialog[open]")?.textContent).toContain('Delete the pack "Mine" and its 2 questions?');
  (document.getElementById("confirm-cancel") as HTMLButtonElement).click();
  await settle();
  expect(api.deletePack).not.toHaveBeenCalled();
  (root.querySelector(".delete-pack") as HTMLButtonElement).click();
  (document.getElementById("confirm-ok") as HTMLButtonElement).click();
  await settle();
  await settle();
  expect(api.deletePack).toHaveBeenCalledWith("mine");
  expect(reloadPacks).toHaveBeenCalled();
  expect(ctx.routes.at(-1)).toEqual({ screen: "packs", said: 'Pack "Mine" deleted.' });
  root.remove();
});

test("export says where the file went; import takes a path and says what went wrong", async () => {
  api.exportPack.mockResolvedValue("/data/exports/mine.toml");
  api.importPack.mockRejectedValue({
    kind: "pack",
    message: '/tmp/p.toml:4:12: question "q1": target_seconds 900 is outside 15–300',
  });
  const root = document.createElement("main");
  renderPacks(root, context({ packs }), { screen: "packs", said: "Pack saved." });
  expect(root.querySelector("#packs-message")?.textContent).toBe("Pack saved.");
  (root.querySelectorAll(".export-pack")[1] as HTMLButtonElement).click();
  await settle();
  expect(api.exportPack).toHaveBeenCalledWith("mine");
  expect(root.querySelector("#packs-message")?.textContent).toBe("Mine written to /data/exports/mine.toml");
  (root.querySelector("#import-pack") as HTMLButtonElement).click();
  expect(api.importPack).not.toHaveBeenCalled();
  expect(root.querySelector("#packs-message")?.textContent).toBe("Type the path of a pack file first.");
  (root.querySelector("#import-pack-path") as HTMLInputElement).value = "/tmp/p.toml";
  (root.querySelector("#import-pack-replace") as HTMLInputElement).checked = true;
  (root.querySelector("#import-pack") as HTMLButtonElement).click();
  await settle();
  expect(api.importPack).toHaveBeenCalledWith("/tmp/p.toml", true);
  expect(root.querySelector("#packs-message [role=alert]")?.textContent).toContain("/tmp/p.toml:4:12");
});
