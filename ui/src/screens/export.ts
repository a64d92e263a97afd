// Exporting a report to keep: a take, a mock interview or the whole history as one HTML page
// with the recordings inside (opens offline in any browser), Markdown or JSON. Rust writes the
// file into the reports folder (`report`); this control picks the format and says where it is.

import { asCommandError, exportReport } from "../api";
import type { Format } from "../bindings/Format";
import type { ReportSubject } from "../bindings/ReportSubject";
import { alertBox, h } from "../dom";

const FORMATS: { value: Format; label: string }[] = [
  { value: "html", label: "Web page with the recording" },
  { value: "markdown", label: "Markdown" },
  { value: "json", label: "JSON" },
];

let controls = 0;

export function exportControl(subject: ReportSubject, label = "Export report"): HTMLElement {
  const id = `export-format-${++controls}`;
  const select = h(
    "select",
    { id, class: "export-format" },
    ...FORMATS.map((f) => h("option", { value: f.value }, f.label)),
  );
  const status = h("div", { class: "export-status", role: "status", "aria-live": "polite" });
  const button = h("button", { type: "button", class: "export-report" }, label);
  button.addEventListener("click", async () => {
    button.disabled = true;
    status.textContent = "Writing the report…";
    try {
      const done = await exportReport(subject, select.value as Format);
      const size = done.bytes >= 1e6 ? `${(done.bytes / 1e6).toFixed(1)} MB` : `${Math.ceil(done.bytes / 1e3)} kB`;
      status.replaceChildren(
        h(
          "p",
          {},
          `Saved ${done.takes} take${done.takes === 1 ? "" : "s"} (${size}) to `,
          h("code", { class: "export-path" }, done.path),
        ),
      );
    } catch (e) {
      status.replaceChildren(alertBox(asCommandError(e).message));
    } finally {
      button.disabled = false;
    }
  });
  return h("div", { class: "export" }, h("label", { for: id }, "Format "), select, " ", button, status);
}
