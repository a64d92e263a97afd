// Home: pick a pack and a question (filter by category), practise one question or run a mock
// interview, see what is due for review today (`coach::review`) and recent takes.

import { asCommandError, listTakes, reviewQueue, startMock } from "../api";
import { openMock, type Context, type Route } from "../app";
import type { Category } from "../bindings/Category";
import type { Question } from "../bindings/Question";
import { alertBox, h, isTyping } from "../dom";
import { clock, score, scoreBand, when } from "../format";
import { setupNotices } from "./notices";

/** The seed's Interview Coach asks eight questions. */
const MOCK_QUESTIONS = 8;

export async function renderHome(
  root: HTMLElement,
  ctx: Context,
  _route: Extract<Route, { screen: "home" }>,
): Promise<() => void> {
  const packs = ctx.packs;
  let pack = packs[0];
  let category: Category | "all" = "all";
  let chosen: Question | undefined = pack?.questions[0];

  const packSelect = h(
    "select",
    {
      id: "pack",
      onchange: () => {
        pack = packs[packSelect.selectedIndex];
        chosen = pack.questions[0];
        renderList();
      },
    },
    ...packs.map((p) => h("option", { value: p.id }, `${p.name} (${p.questions.length})`)),
  );
  const categories: Array<Category | "all"> = [
    "all",
    "behavioural",
    "technical",
    "situational",
    "competency",
    "vision",
  ];
  const categorySelect = h(
    "select",
    {
      id: "category",
      onchange: () => {
        category = categorySelect.value as Category | "all";
        renderList();
      },
    },
    ...categories.map((c) =>
      h("option", { value: c }, c === "all" ? "All categories" : c[0].toUpperCase() + c.slice(1)),
    ),
  );
  const list = h("div", { class: "question-list", role: "radiogroup", "aria-label": "Questions" });
  const practiseButton = h(
    "button",
    {
      type: "button",
      class: "primary",
      id: "practise-one",
      onclick: () => chosen && ctx.go({ screen: "practice", packId: pack.id, question: chosen }),
    },
    "Practise this question (P)",
  );
  // P practises the chosen question from anywhere on Home but a text field or a list box (a
  // question's own radio button included, so choose with the arrows, then press P).
  function onKey(event: KeyboardEvent): void {
    const onRadio = event.target instanceof HTMLInputElement && event.target.type === "radio";
    if ((isTyping(event.target) && !onRadio) || event.ctrlKey || event.altKey || event.metaKey) return;
    if ((event.key === "p" || event.key === "P") && !practiseButton.disabled) {
      event.preventDefault();
      practiseButton.click();
    }
  }
  document.addEventListener("keydown", onKey);
  const stopListening = () => document.removeEventListener("keydown", onKey);
  const error = h("div");
  async function mock(review: boolean): Promise<void> {
    try {
      openMock(ctx, pack.id, (await startMock(pack.id, MOCK_QUESTIONS, review)).questions);
    } catch (e) {
      error.replaceChildren(alertBox(asCommandError(e).message));
    }
  }
  const mockButton = h(
    "button",
    { type: "button", id: "mock-interview", onclick: () => void mock(false) },
    `Mock interview (${MOCK_QUESTIONS} questions)`,
  );

  function renderList(): void {
    const shown = pack.questions.filter((q) => category === "all" || q.category === category);
    if (chosen && !shown.includes(chosen)) chosen = shown[0];
    list.replaceChildren(
      ...(shown.length === 0
        ? [h("p", { class: "empty" }, "No questions in this category.")]
        : shown.map((q) => {
            const input = h("input", {
              type: "radio",
              name: "question",
              value: q.id,
              id: `q-${q.id}`,
              checked: q === chosen,
              onchange: () => {
                chosen = q;
                practiseButton.disabled = false;
              },
            });
            return h(
              "label",
              { class: "question", for: `q-${q.id}` },
              input,
              h("span", { class: "question-text" }, q.text),
              h("span", { class: "tag" }, `${q.category} · ${q.target_seconds} s`),
            );
          })),
    );
    practiseButton.disabled = !chosen;
  }
  renderList();

  const review = h("section", { "aria-labelledby": "due-h", id: "due-today", hidden: true });
  const recent = h("section", { "aria-labelledby": "recent-h" }, h("h2", { id: "recent-h" }, "Recent takes"));
  root.append(
    h("h1", {}, "Practise out loud"),
    ...setupNotices(ctx.status, ctx.go),
    h(
      "div",
      { class: "filters" },
      h("label", { for: "pack" }, "Pack "),
      packSelect,
      h("label", { for: "category" }, " Category "),
      categorySelect,
    ),
    list,
    h(
      "div",
      { class: "actions" },
      practiseButton,
      mockButton,
      h("button", { type: "button", id: "job-ad-mock", onclick: () => ctx.go({ screen: "job-ad" }) }, "For a job ad…"),
    ),
    error,
    review,
    recent,
  );
  void showReview(review, ctx, () => mock(true));

  try {
    const takes = (await listTakes()).slice(0, 5);
    recent.append(
      takes.length === 0
        ? h(
            "p",
            { class: "empty" },
            "No takes yet. Pick a question above and answer it out loud; your takes appear here.",
          )
        : h(
            "ul",
            { class: "take-list" },
            ...takes.map((t) =>
              h(
                "li",
                {},
                h(
                  "button",
                  { type: "button", class: "link", onclick: () => ctx.go({ screen: "results", takeId: t.id }) },
                  h("span", { class: `score score-${scoreBand(t.score)}` }, score(t.score)),
                  ` ${t.question_text} · ${clock(t.total_seconds)} · ${when(t.recorded_ms)}`,
                ),
              ),
            ),
          ),
    );
  } catch (e) {
    recent.append(alertBox(asCommandError(e).message));
  }
  return stopListening;
}

/** The questions due for review today, each to practise with one click; the next one due when
 * none is; nothing before the first take. */
async function showReview(section: HTMLElement, ctx: Context, startReview: () => Promise<void>): Promise<void> {
  let queue;
  try {
    queue = await reviewQueue();
  } catch (e) {
    section.replaceChildren(alertBox(asCommandError(e).message));
    section.hidden = false;
    return;
  }
  if (queue.length === 0) return;
  const due = queue.filter((e) => e.due);
  section.replaceChildren(
    h("h2", { id: "due-h" }, due.length ? `Due today (${due.length})` : "Nothing due today"),
    h(
      "button",
      { type: "button", id: "review-mock", onclick: () => void startReview() },
      "Review interview: due questions first, then your weakest",
    ),
    due.length
      ? h(
          "ul",
          { class: "take-list" },
          ...due.slice(0, 5).map((e) =>
            h(
              "li",
              {},
              h(
                "button",
                {
                  type: "button",
                  class: "link",
                  onclick: () => ctx.go({ screen: "practice", packId: e.pack_id, question: e.question }),
                },
                h("span", { class: `score score-${scoreBand(e.last_score)}` }, score(e.last_score)),
                ` ${e.question.text}`,
              ),
              h("span", { class: "why" }, ` ${e.why}`),
            ),
          ),
        )
      : h("p", { class: "empty" }, `Next: "${queue[0].question.text}", ${when(queue[0].due_ms)}.`),
  );
  section.hidden = false;
}
