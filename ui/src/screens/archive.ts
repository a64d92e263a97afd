// Carrying the history to another machine: export it as one archive (recordings inside), or
// add an archive's takes to this history. Rust checks the archive whole before writing
// anything (`store::archive`); this section only asks and reports.

import { asCommandError, exportArchive, importArchive } from "../api";
import { alertBox, h } from "../dom";

export function archiveSection(imported: () => void): HTMLElement {
  const status = h("div", { class: "archive-status", role: "status", "aria-live": "polite" });
  const exportButton = h("button", { type: "button", id: "export-archive" }, "Export an archive");
  const path = h("input", {
    type: "text",
    id: "archive-path",
    placeholder: "/home/me/star-coach-20261202-193000.tar",
    autocomplete: "off",
    spellcheck: "false",
  });
  const importButton = h("button", { type: "button", id: "import-archive" }, "Import");
  const busy = async (button: HTMLButtonElement, work: () => Promise<void>) => {
    button.disabled = true;
    try {
      await work();
    } catch (e) {
      status.replaceChildren(alertBox(asCommandError(e).message));
    } finally {
      button.disabled = false;
    }
  };
  exportButton.addEventListener("click", () =>
    busy(exportButton, async () => {
      status.textContent = "Writing the archive…";
      const done = await exportArchive();
      status.replaceChildren(
        h(
          "p",
          {},
          `${done.takes} take${done.takes === 1 ? "" : "s"} and ${done.recordings} recording${done.recordings === 1 ? "" : "s"} (${(done.bytes / 1e6).toFixed(1)} MB) written to `,
          h("code", { class: "archive-file" }, done.path),
        ),
      );
    }),
  );
  importButton.addEventListener("click", () =>
    busy(importButton, async () => {
      if (!path.value.trim()) {
        status.replaceChildren(alertBox("Type the path of an archive made by “Export an archive”."));
        path.focus();
        return;
      }
      status.textContent = "Checking and importing…";
      const done = await importArchive(path.value);
      status.replaceChildren(
        h(
          "p",
          { class: "import-report" },
          `Added ${done.takes_added} take${done.takes_added === 1 ? "" : "s"}; ${done.takes_already_here} ${done.takes_already_here === 1 ? "was" : "were"} already here.`,
        ),
      );
      imported();
    }),
  );
  return h(
    "section",
    { "aria-labelledby": "archive-h", class: "archive" },
    h("h2", { id: "archive-h" }, "Carry your history to another computer"),
    h(
      "p",
      { class: "note" },
      "An archive holds every take, its feedback and its recording. Importing one adds its takes to this history and leaves yours as they are.",
    ),
    h("div", { class: "actions" }, exportButton),
    h("p", {}, h("label", { for: "archive-path" }, "Archive to import "), path, " ", importButton),
    status,
  );
}
