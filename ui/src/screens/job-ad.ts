// A mock interview for a job: paste the advertisement, see the role it is for and what it asks
// for (competencies with the ad's own words, technologies) and the questions of the role's pack
// (or of the pack chosen) that fit it best, each with why, then start the interview. The
// reading and the picking are Rust's (`coach::job_ad`).

import { asCommandError, jobAdPlan, startMock } from "../api";
import { openMock, type Context, type Route } from "../app";
import type { JobPlan } from "../bindings/JobPlan";
import { alertBox, appendAll, h } from "../dom";

const QUESTIONS = 8;

export function renderJobAd(root: HTMLElement, ctx: Context, _route: Extract<Route, { screen: "job-ad" }>) {
  const packSelect = h(
    "select",
    { id: "job-ad-pack" },
    h("option", { value: "" }, "The pack for the ad's role"),
    ...ctx.packs.map((p) => h("option", { value: p.id }, p.name)),
  );
  const text = h("textarea", { id: "job-ad-text", rows: 10, spellcheck: "false" });
  const find = h("button", { type: "button", id: "job-ad-find", class: "primary" }, "Find the questions");
  const result = h("div", { id: "job-ad-result", "aria-live": "polite" });
  let plan: JobPlan | null = null;

  find.addEventListener("click", async () => {
    find.disabled = true;
    try {
      plan = await jobAdPlan(text.value, packSelect.value || null, QUESTIONS);
      show(plan);
    } catch (e) {
      result.replaceChildren(alertBox(asCommandError(e).message));
    } finally {
      find.disabled = false;
    }
  });

  function show(p: JobPlan): void {
    const asked = p.ad.competencies.map((c) =>
      h(
        "li",
        {},
        `${c.competency} — the ad says “${c.evidence.join("”, “")}”${c.mentions > 1 ? ` (${c.mentions}×)` : ""}`,
      ),
    );
    const start = h("button", { type: "button", id: "job-ad-start", class: "primary" }, "Start this interview");
    start.disabled = p.questions.length === 0;
    start.addEventListener("click", async () => {
      start.disabled = true;
      try {
        const started = await startMock(p.pack_id, QUESTIONS, false, text.value);
        openMock(ctx, started.pack_ids[0], started.questions, started.pack_ids);
      } catch (e) {
        result.append(alertBox(asCommandError(e).message));
        start.disabled = false;
      }
    });
    const says = `“${p.role.evidence.join("”, “")}”`;
    const named = p.role.evidence.length > 0;
    const packName = (id: string) => ctx.packs.find((x) => x.id === id)?.name ?? id;
    const role = p.pack_id
      ? `Questions from the ${packName(p.pack_id)} pack${named ? `; the ad says ${says}.` : "."}`
      : named
        ? `The ad says ${says}: questions from ${p.role.pack_ids.map(packName).join(" and ")}.`
        : "The ad names no role a pack is made for: questions from every pack.";
    result.replaceChildren();
    appendAll(
      result,
      h("p", { id: "job-ad-role" }, role),
      h("h2", {}, "What the ad asks for"),
      asked.length
        ? h("ul", { id: "job-ad-competencies" }, ...asked)
        : h("p", { class: "empty" }, "No competency the packs know of. Try pasting the whole advertisement."),
      p.ad.technologies.length
        ? h("p", { id: "job-ad-technologies" }, `Technologies: ${p.ad.technologies.join(", ")}`)
        : null,
      h("h2", {}, `The questions (${p.questions.length})`),
      p.questions.length
        ? h(
            "ol",
            { id: "job-ad-questions" },
            ...p.questions.map((q) =>
              h(
                "li",
                {},
                h("strong", {}, q.question.text),
                h("br"),
                h("span", { class: "why" }, q.why),
                q.pack_id === p.pack_id ? null : h("span", { class: "from-pack" }, ` (${packName(q.pack_id)})`),
              ),
            ),
          )
        : h("p", { class: "empty" }, "No question fits the ad."),
      h("div", { class: "actions" }, start),
    );
  }

  root.append(
    h("h1", {}, "A mock interview for a job"),
    h(
      "p",
      { class: "note" },
      "Paste a job advertisement: the questions that fit what it asks for are picked, each with why. Nothing leaves this computer.",
    ),
    h("p", {}, h("label", { for: "job-ad-pack" }, "Pack "), packSelect),
    h("label", { for: "job-ad-text" }, "The job advertisement"),
    text,
    h(
      "div",
      { class: "actions" },
      find,
      h("button", { type: "button", onclick: () => ctx.go({ screen: "home" }) }, "Back"),
    ),
    result,
  );
}
