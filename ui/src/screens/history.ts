// History: every take with its date, question, score and duration; open one to replay it with
// its feedback; delete one take or everything, after confirming; assess again the takes an
// earlier version of the coach assessed.

import { asCommandError, deleteAllTakes, deleteTake, listTakes } from "../api";
import type { Context, Route } from "../app";
import type { TakeSummary } from "../bindings/TakeSummary";
import { confirmDialog } from "../confirm";
import { alertBox, h } from "../dom";
import { clock, score, scoreBand, when } from "../format";
import { archiveSection } from "./archive";
import { exportControl } from "./export";
import { reassessButton } from "./reassess";

export async function renderHistory(root: HTMLElement, ctx: Context, _route: Extract<Route, { screen: "history" }>) {
  const body = h("div", { id: "history-body" });
  const message = h("div", { role: "status", "aria-live": "polite" });
  const deleteAll = h("button", { type: "button", class: "danger", id: "delete-all" }, "Delete everything…");
  // Shown when takes were assessed by an earlier scorer: they can be assessed again.
  const older = h("section", { id: "older-takes", "aria-label": "Takes assessed by an earlier version", hidden: true });
  const exportAll = exportControl({ kind: "history" }, "Export everything");
  root.append(
    h("h1", {}, "History"),
    message,
    older,
    body,
    h("div", { class: "actions" }, deleteAll),
    exportAll,
    archiveSection(() => void refresh()),
  );

  async function refresh(): Promise<void> {
    let takes: TakeSummary[];
    try {
      takes = await listTakes();
    } catch (e) {
      body.replaceChildren(alertBox(asCommandError(e).message));
      deleteAll.disabled = true;
      return;
    }
    deleteAll.disabled = takes.length === 0;
    showOlder(takes);
    if (takes.length === 0) {
      body.replaceChildren(
        h(
          "p",
          { class: "empty" },
          "No takes yet. Every answer you record is kept here, with its feedback, until you delete it.",
        ),
      );
      return;
    }
    body.replaceChildren(
      h(
        "table",
        { class: "history", id: "history-table" },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", {}, "Date"),
            h("th", {}, "Question"),
            h("th", {}, "Score"),
            h("th", {}, "Spoke / recorded"),
            h("th", {}, h("span", { class: "visually-hidden" }, "Actions")),
          ),
        ),
        h("tbody", {}, ...takes.map(row)),
      ),
    );
  }

  function showOlder(takes: TakeSummary[]): void {
    const n = takes.filter((t) => t.scorer_version !== ctx.status.scorer_version).length;
    // The report of the last run stays until the user leaves.
    const report = older.querySelector(".reassess-report");
    older.hidden = n === 0 && !report;
    older.replaceChildren();
    if (n > 0) {
      older.append(
        h(
          "p",
          {},
          `${n} take${n === 1 ? " was" : "s were"} assessed by an earlier version of the coach; this version may judge ${n === 1 ? "it" : "them"} differently.`,
        ),
        reassessButton(`Assess ${n === 1 ? "it" : `all ${n}`} again…`, null, n, () => void refresh()),
      );
    }
    if (report) older.append(report);
  }

  function row(t: TakeSummary): HTMLElement {
    return h(
      "tr",
      { "data-take": t.id },
      h("td", {}, when(t.recorded_ms)),
      h("td", {}, t.question_text),
      h("td", {}, h("span", { class: `score score-${scoreBand(t.score)}` }, score(t.score))),
      h("td", {}, `${clock(t.speaking_seconds)} / ${clock(t.total_seconds)}`),
      h(
        "td",
        {},
        h(
          "div",
          { class: "row-actions" },
          h(
            "button",
            { type: "button", class: "open-take", onclick: () => ctx.go({ screen: "results", takeId: t.id }) },
            "Open",
          ),
          h(
            "button",
            {
              type: "button",
              class: "delete-take danger",
              "aria-label": `Delete the take of ${when(t.recorded_ms)}`,
              onclick: async () => {
                if (
                  !(await confirmDialog(
                    `Delete this take of "${t.question_text}" (${when(t.recorded_ms)})? Its recording is deleted too. This cannot be undone.`,
                    "Delete take",
                  ))
                )
                  return;
                try {
                  await deleteTake(t.id);
                  message.textContent = "Take deleted.";
                } catch (e) {
                  message.replaceChildren(alertBox(asCommandError(e).message));
                }
                await refresh();
              },
            },
            "Delete",
          ),
        ),
      ),
    );
  }

  deleteAll.addEventListener("click", async () => {
    if (!(await confirmDialog("Delete every take and its recording? This cannot be undone.", "Delete everything")))
      return;
    try {
      const n = await deleteAllTakes();
      message.textContent = `${n} take${n === 1 ? "" : "s"} deleted.`;
    } catch (e) {
      message.replaceChildren(alertBox(asCommandError(e).message));
    }
    await refresh();
  });

  await refresh();
}
