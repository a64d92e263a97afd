// Exporting a report: the format chosen reaches Rust with what to report, and the user is told
// where the file is, or why there is none.
import { vi } from "vitest";

const api = vi.hoisted(() => ({ exportReport: vi.fn() }));
vi.mock("../api", async (original) => ({ ...(await original<typeof import("../api")>()), ...api }));

import { exportControl } from "./export";

const settle = () => new Promise((r) => setTimeout(r, 0));

test("the report is written in the chosen format and its place is shown", async () => {
  api.exportReport.mockResolvedValue({ path: "/data/reports/star-coach-take-4.md", takes: 1, bytes: 2_400 });
  const control = exportControl({ kind: "take", id: 4 });
  const select = control.querySelector("select") as HTMLSelectElement;
  expect(control.querySelector("label")?.getAttribute("for")).toBe(select.id);
  select.value = "markdown";
  (control.querySelector(".export-report") as HTMLButtonElement).click();
  await settle();
  expect(api.exportReport).toHaveBeenCalledWith({ kind: "take", id: 4 }, "markdown");
  expect(control.querySelector(".export-status")?.textContent).toBe(
    "Saved 1 take (3 kB) to /data/reports/star-coach-take-4.md",
  );
});

test("a failure says why", async () => {
  api.exportReport.mockRejectedValue({ kind: "file_write", message: "cannot create the reports folder /x" });
  const control = exportControl({ kind: "history" }, "Export everything");
  expect(control.querySelector(".export-report")?.textContent).toBe("Export everything");
  (control.querySelector(".export-report") as HTMLButtonElement).click();
  await settle();
  expect(control.querySelector(".export-status")?.textContent).toContain("cannot create the reports folder /x");
  expect((control.querySelector(".export-report") as HTMLButtonElement).disabled).toBe(false);
});
