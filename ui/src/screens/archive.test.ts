// Carrying the history: the archive's place is shown after an export; an import needs a path,
// says what it added and lets History refresh, and a refused archive says why.
import { vi } from "vitest";

const api = vi.hoisted(() => ({ exportArchive: vi.fn(), importArchive: vi.fn() }));
vi.mock("../api", async (original) => ({ ...(await original<typeof import("../api")>()), ...api }));

import { archiveSection } from "./archive";

const settle = () => new Promise((r) => setTimeout(r, 0));
const click = (root: Element, css: string) => (root.querySelector(css) as HTMLButtonElement).click();

test("an export says where the archive is and what it holds", async () => {
  api.exportArchive.mockResolvedValue({ path: "/d/archives/a.tar", takes: 3, recordings: 2, bytes: 5_200_000 });
  const section = archiveSection(() => undefined);
  click(section, "#export-archive");
  await settle();
  expect(section.querySelector(".archive-status")?.textContent).toBe(
    "3 takes and 2 recordings (5.2 MB) written to /d/archives/a.tar",
  );
});

test("an import needs a path, reports what it added, and refreshes the history", async () => {
  api.importArchive.mockResolvedValue({
    takes_added: 2,
    takes_already_here: 1,
    sessions_added: 1,
    recordings_folder: "/d/recordings/imported-1",
  });
  const imported = vi.fn();
  const section = archiveSection(imported);
  click(section, "#import-archive");
  await settle();
  expect(api.importArchive).not.toHaveBeenCalled();
  expect(section.querySelector(".archive-status")?.textContent).toContain("Type the path");
  (section.querySelector("#archive-path") as HTMLInputElement).value = "/media/usb/a.tar";
  click(section, "#import-archive");
  await settle();
  expect(api.importArchive).toHaveBeenCalledWith("/media/usb/a.tar");
  expect(section.querySelector(".import-report")?.textContent).toBe("Added 2 takes; 1 was already here.");
  expect(imported).toHaveBeenCalledOnce();

  api.importArchive.mockRejectedValue({
    kind: "archive_damaged",
    message:
      "/media/usb/a.tar is not a STAR Coach archive that can be read: recordings/1.wav does not match its checksum",
  });
  click(section, "#import-archive");
  await settle();
  expect(section.querySelector(".archive-status")?.textContent).toContain("does not match its checksum");
  expect(imported).toHaveBeenCalledOnce();
});
