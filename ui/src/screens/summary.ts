// The end of a mock interview: every answer's score and time, the weakest STAR part across
// the answers, and the one thing to practise next (all decided in Rust).

import type { Context, Route } from "../app";
import { appendAll, h } from "../dom";
import { clock, score, scoreBand } from "../format";
import { exportControl } from "./export";

export function renderSummary(root: HTMLElement, ctx: Context, route: Extract<Route, { screen: "summary" }>) {
  const s = route.summary;
  appendAll(
    root,
    h("h1", {}, "Mock interview summary"),
    h(
      "p",
      { class: "score-line", id: "mean-score" },
      s.mean_score === null
        ? "No answer could be scored."
        : `Mean score ${score(s.mean_score)} of 100 over ${s.answers.length} answer${s.answers.length === 1 ? "" : "s"}.`,
    ),
    h(
      "table",
      { class: "history", id: "summary-table" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", {}, "#"),
          h("th", {}, "Question"),
          h("th", {}, "Score"),
          h("th", {}, "Speaking time"),
          h("th", {}, "Fillers"),
        ),
      ),
      h(
        "tbody",
        {},
        ...s.answers.map((line, i) =>
          h(
            "tr",
            {},
            h("td", {}, String(i + 1)),
            h("td", {}, line.question),
            h(
              "td",
              {},
              h(
                "span",
                { class: `score score-${scoreBand(line.total)}` },
                line.total === null ? "no speech" : score(line.total),
              ),
            ),
            h("td", {}, clock(line.speaking_seconds)),
            h("td", {}, String(line.fillers)),
          ),
        ),
      ),
    ),
    s.weakest_reason
      ? h("section", {}, h("h2", {}, "Weakest part"), h("p", { id: "weakest" }, s.weakest_reason))
      : null,
    s.next ? h("section", {}, h("h2", {}, "Practise next"), h("p", { id: "practise-next" }, s.next)) : null,
    h(
      "div",
      { class: "actions" },
      h("button", { type: "button", class: "primary", onclick: () => ctx.go({ screen: "home" }) }, "Home"),
      h("button", { type: "button", onclick: () => ctx.go({ screen: "history" }) }, "History"),
    ),
    route.sessionId === undefined
      ? null
      : exportControl({ kind: "session", id: route.sessionId }, "Export this interview"),
  );
}
