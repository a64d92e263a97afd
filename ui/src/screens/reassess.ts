// Assessing takes again with this version's scorer, from History (every take an older scorer
// assessed) or a take's Results (that take): confirm, a progress bar with Cancel, then what
// changed. The work and the keeping of earlier assessments are Rust's (`pipeline::reassess`).

import { asCommandError, cancelReassess, reassessTakes } from "../api";
import type { ReassessReport } from "../bindings/ReassessReport";
import { confirmDialog } from "../confirm";
import { alertBox, h } from "../dom";
import { score } from "../format";

/** "2 takes assessed again: 54 → 61, 70 → 70." and what was left. */
export function reportText(report: ReassessReport): string {
  const n = report.reassessed.length;
  const parts = [
    `${n} take${n === 1 ? "" : "s"} assessed again` +
      (n > 0
        ? `: ${report.reassessed.map((r) => `${score(r.score_before)} → ${score(r.score_after)}`).join(", ")}.`
        : "."),
  ];
  if (report.not_reached > 0) parts.push(`Cancelled: ${report.not_reached} left as they were.`);
  if (report.failed.length > 0)
    parts.push(`${report.failed.length} could not be: ${report.failed.map((f) => f.message).join("; ")}`);
  parts.push("The earlier assessments are kept.");
  return parts.join(" ");
}

/**
 * A button that assesses `ids` (null: every take an older scorer assessed, `count` of them)
 * again after the user confirms, with its progress and outcome in `status`; `done` runs after.
 */
export function reassessButton(
  label: string,
  ids: number[] | null,
  count: number,
  done: (report: ReassessReport) => void,
): HTMLElement {
  const status = h("div", { class: "reassess-status", role: "status", "aria-live": "polite" });
  const button = h("button", { type: "button", class: "reassess" }, label);
  const bar = h("progress", { max: count, value: 0, "aria-label": "Takes assessed again" });
  const cancel = h("button", { type: "button", class: "reassess-cancel" }, "Cancel");
  cancel.addEventListener("click", () => {
    cancel.disabled = true;
    void cancelReassess();
  });
  button.addEventListener("click", async () => {
    const takes = count === 1 ? "this take" : `these ${count} takes`;
    if (
      !(await confirmDialog(
        `Assess ${takes} again from the recording${count === 1 ? "" : "s"} with this version's coach? It takes a few seconds a take; the earlier assessment${count === 1 ? " is" : "s are"} kept.`,
        "Assess again",
      ))
    )
      return;
    button.disabled = true;
    cancel.disabled = false;
    status.replaceChildren(h("p", {}, "Starting…"), bar, cancel);
    try {
      await reassessTakes(ids, (event) => {
        switch (event.type) {
          case "working":
            bar.max = event.total;
            bar.value = event.done;
            (status.firstChild as HTMLElement).textContent = `Assessing take ${event.done + 1} of ${event.total}…`;
            break;
          case "done":
            status.replaceChildren(h("p", { class: "reassess-report" }, reportText(event)));
            button.disabled = false;
            done(event);
            break;
          case "failed":
            status.replaceChildren(alertBox(event.message));
            button.disabled = false;
            break;
        }
      });
    } catch (e) {
      status.replaceChildren(alertBox(asCommandError(e).message));
      button.disabled = false;
    }
  });
  return h("div", { class: "reassess-box" }, button, status);
}
