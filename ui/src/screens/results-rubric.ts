// The Results section for an answer judged by another rubric than STAR (approach, plan,
// vision): each part the question asks for, found or missing, with the time it took, and every
// sentence with the part it plays. The parts and all their names come from Rust.

import type { PartsReport } from "../bindings/PartsReport";
import { RUBRIC_TITLES } from "../bindings/partNames";
import { h } from "../dom";
import { preciseClock } from "../format";

function took(seconds: number | null, words: number): string {
  return seconds === null ? `${words} words` : `${seconds.toFixed(0)} s`;
}

export function partsSection(report: PartsReport): HTMLElement {
  const titles = new Map(report.parts.map((p) => [p.element, p.title]));
  return h(
    "section",
    { "aria-labelledby": "parts-h", id: "parts" },
    h("h2", { id: "parts-h" }, `${RUBRIC_TITLES[report.rubric]}: what the question asks for`),
    h(
      "table",
      { class: "parts" },
      h("caption", {}, "Each part this kind of question needs, and how long you gave it"),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Part"), h("th", { scope: "col" }, "Heard"))),
      h(
        "tbody",
        {},
        ...report.parts.map((p) =>
          h(
            "tr",
            { class: p.present ? "present" : "missing", "data-element": p.element },
            h("th", { scope: "row" }, p.title),
            h("td", {}, p.present ? took(p.seconds, p.words) : "missing"),
          ),
        ),
      ),
    ),
    h(
      "ol",
      { class: "part-units" },
      ...report.units.map((u) =>
        h(
          "li",
          { "data-element": u.element },
          h("span", { class: "part-label" }, titles.get(u.element) ?? "Other"),
          u.start === null ? null : h("span", { class: "at" }, ` ${preciseClock(u.start)} `),
          h("span", {}, u.text),
        ),
      ),
    ),
  );
}
