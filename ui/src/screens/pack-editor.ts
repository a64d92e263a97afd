// The pack editor: a pack's name, id, description and roles, and its questions, each with its
// category, target length, competencies, hints and its own follow-up questions (one per gap the
// category allows). Rust checks the pack on save and names the question and field to fix; the
// editor marks that field and moves to it. Leaving with unsaved changes asks first.

import { asCommandError, getPack, savePack } from "../api";
import type { Context, Route } from "../app";
import { FOLLOW_UP_GAPS } from "../bindings/partNames";
import type { Category } from "../bindings/Category";
import type { Gap } from "../bindings/Gap";
import type { PackProblem } from "../bindings/PackProblem";
import type { Question } from "../bindings/Question";
import type { QuestionPack } from "../bindings/QuestionPack";
import { confirmDialog } from "../confirm";
import { alertBox, h } from "../dom";
import { listOf } from "./stories";

type EditorRoute = Extract<Route, { screen: "pack-editor" }>;

const CATEGORIES: Category[] = ["behavioural", "competency", "technical", "situational", "vision"];

function blankQuestion(n: number): Question {
  return {
    id: `q${n}`,
    text: "",
    category: "behavioural",
    target_seconds: 90,
    competencies: [],
    hints: [],
    follow_up: [],
  };
}

/** The pack the editor opens: the user's own, a copy of another, or a new one. */
async function opened(route: EditorRoute): Promise<{ pack: QuestionPack; replacing: string | null }> {
  if (route.packId) return { pack: await getPack(route.packId), replacing: route.packId };
  if (route.copyOf) {
    const pack = await getPack(route.copyOf);
    return { pack: { ...pack, id: `${pack.id}-mine`, name: `${pack.name} (mine)` }, replacing: null };
  }
  return {
    pack: { id: "my-pack", name: "My pack", description: "", roles: [], question: [blankQuestion(1)] },
    replacing: null,
  };
}

export async function renderPackEditor(root: HTMLElement, ctx: Context, route: EditorRoute) {
  let start: { pack: QuestionPack; replacing: string | null };
  try {
    start = await opened(route);
  } catch (e) {
    root.append(h("h1", {}, "Pack editor"), alertBox(asCommandError(e).message));
    return;
  }
  const { replacing } = start;
  const problemBox = h("div", { id: "pack-problem-box" });
  const field = (id: string, label: string, input: HTMLElement) =>
    h("p", {}, h("label", { for: id }, label), h("br"), input);
  const packId = h("input", { id: "pack-id", type: "text", value: start.pack.id, spellcheck: "false" });
  const name = h("input", { id: "pack-name", type: "text", value: start.pack.name });
  const description = h("input", { id: "pack-description", type: "text", value: start.pack.description });
  const roles = h("input", { id: "pack-roles", type: "text", value: (start.pack.roles ?? []).join(", ") });
  const questionList = h("div", { id: "pack-questions" });
  const addQuestion = h("button", { type: "button", id: "add-question" }, "Add a question");

  function followUpRow(category: Category, gap: Gap | null, ask: string): HTMLElement {
    const gaps = FOLLOW_UP_GAPS[category];
    const select = h(
      "select",
      { class: "fu-gap", "aria-label": "When the answer leaves out" },
      ...gaps.map(([value, title]) => h("option", { value }, title)),
    );
    if (gap && gaps.some(([value]) => value === gap)) select.value = gap;
    const input = h("input", { type: "text", class: "fu-ask", value: ask, "aria-label": "The interviewer asks" });
    const row = h(
      "li",
      { class: "fu-row" },
      h("label", {}, "When it leaves out ", select),
      " ",
      h("label", {}, "ask: ", input),
      " ",
      h("button", { type: "button", class: "remove-follow-up", onclick: () => row.remove() }, "Remove"),
    );
    return row;
  }

  function questionBox(q: Question): HTMLElement {
    const box = h("fieldset", { class: "pack-question" });
    const id = h("input", { type: "text", class: "q-id", value: q.id, spellcheck: "false" });
    const text = h("textarea", { class: "q-text", rows: 2 });
    text.value = q.text;
    const category = h("select", { class: "q-category" }, ...CATEGORIES.map((c) => h("option", { value: c }, c)));
    category.value = q.category;
    const target = h("input", { type: "number", class: "q-target", min: 15, max: 300, value: q.target_seconds });
    const competencies = h("input", { type: "text", class: "q-competencies", value: q.competencies.join(", ") });
    const hints = h("textarea", { class: "q-hints", rows: 2 });
    hints.value = (q.hints ?? []).join("\n");
    const followUps = h(
      "ol",
      { class: "pack-follow-ups" },
      ...(q.follow_up ?? []).map((f) => followUpRow(q.category, f.gap, f.ask)),
    );
    // The gaps a follow-up can name depend on the category: the rows are redrawn for the new one.
    category.addEventListener("change", () => {
      const rows = [...followUps.querySelectorAll<HTMLElement>(".fu-row")].map((r) => ({
        gap: (r.querySelector(".fu-gap") as HTMLSelectElement).value as Gap,
        ask: (r.querySelector(".fu-ask") as HTMLInputElement).value,
      }));
      followUps.replaceChildren(...rows.map((r) => followUpRow(category.value as Category, r.gap, r.ask)));
    });
    const labelled = (label: string, input: HTMLElement) => h("label", {}, label, h("br"), input);
    const move = (by: number) => {
      const boxes = [...questionList.children];
      const at = boxes.indexOf(box) + by;
      if (at < 0 || at >= boxes.length) return;
      if (by < 0) questionList.insertBefore(box, boxes[at]);
      else questionList.insertBefore(box, boxes[at].nextSibling);
      renumber();
      (box.querySelector(by < 0 ? ".move-up" : ".move-down") as HTMLButtonElement).focus();
    };
    box.append(
      h("legend", {}, ""),
      h("p", {}, labelled("Question", text)),
      h(
        "div",
        { class: "question-facts" },
        labelled("Id", id),
        labelled("Category", category),
        labelled("Target length (s)", target),
        labelled("Competencies (comma-separated)", competencies),
      ),
      h("p", {}, labelled("Hints (one a line)", hints)),
      h("p", { class: "fu-title" }, "Follow-up questions"),
      followUps,
      h(
        "div",
        { class: "row-actions" },
        h(
          "button",
          {
            type: "button",
            class: "add-follow-up",
            onclick: () => {
              followUps.append(followUpRow(category.value as Category, null, ""));
              (followUps.lastElementChild?.querySelector(".fu-ask") as HTMLInputElement | null)?.focus();
            },
          },
          "Add a follow-up",
        ),
        h("button", { type: "button", class: "move-up", onclick: () => move(-1) }, "Move up"),
        h("button", { type: "button", class: "move-down", onclick: () => move(1) }, "Move down"),
        h(
          "button",
          {
            type: "button",
            class: "remove-question danger",
            onclick: () => {
              box.remove();
              renumber();
            },
          },
          "Remove question",
        ),
      ),
    );
    return box;
  }

  /** Each question's legend says its place, and its controls say which question they act on. */
  function renumber(): void {
    [...questionList.children].forEach((box, i) => {
      (box as HTMLElement).dataset.index = String(i);
      const legend = box.querySelector("legend") as HTMLElement;
      legend.textContent = `Question ${i + 1}`;
      for (const b of box.querySelectorAll<HTMLButtonElement>(".row-actions button")) {
        b.setAttribute("aria-label", `${b.textContent} (question ${i + 1})`);
      }
    });
  }

  /** The pack as the form says it is now. */
  function collect(): QuestionPack {
    const value = (box: Element, css: string) => (box.querySelector(css) as HTMLInputElement).value;
    return {
      id: packId.value.trim(),
      name: name.value.trim(),
      description: description.value.trim(),
      roles: listOf(roles.value),
      question: [...questionList.children].map((box) => ({
        id: value(box, ".q-id").trim(),
        text: value(box, ".q-text").trim(),
        category: value(box, ".q-category") as Category,
        target_seconds: Math.round(Number(value(box, ".q-target")) || 0),
        competencies: listOf(value(box, ".q-competencies")),
        hints: listOf(value(box, ".q-hints"), /\n/),
        follow_up: [...box.querySelectorAll(".fu-row")].map((row) => ({
          gap: value(row, ".fu-gap") as Gap,
          ask: value(row, ".fu-ask").trim(),
        })),
      })),
    };
  }

  /** Marks the field Rust named and moves to it. */
  function showProblem(p: PackProblem): void {
    for (const el of root.querySelectorAll("[aria-invalid]")) {
      el.removeAttribute("aria-invalid");
      el.removeAttribute("aria-describedby");
    }
    const box = p.question === null ? null : questionList.children[p.question];
    const fields: Record<string, string> = { id: ".q-id", text: ".q-text", target_seconds: ".q-target" };
    let target: HTMLElement | null;
    if (box === null) {
      target = { id: packId, name, question: addQuestion }[p.field] ?? packId;
    } else if (p.field === "follow_up" && p.follow_up !== null) {
      const row = box?.querySelectorAll(".fu-row")[p.follow_up];
      target = row?.querySelector(p.message.includes("no ask") ? ".fu-ask" : ".fu-gap") ?? null;
    } else {
      target = box?.querySelector(fields[p.field] ?? ".q-id") ?? null;
    }
    problemBox.replaceChildren(
      h("p", { class: "notice notice-problem", id: "pack-problem", role: "alert" }, p.message),
    );
    if (target) {
      // The message goes beside the field it is about.
      (target.closest("label, li, p") ?? target).after(problemBox);
      target.setAttribute("aria-invalid", "true");
      target.setAttribute("aria-describedby", "pack-problem");
      target.focus();
    } else {
      saveActions.before(problemBox);
    }
  }

  questionList.append(...start.pack.question.map(questionBox));
  renumber();
  // What the pack was when opened, to know whether leaving loses anything.
  const original = JSON.stringify(collect());

  addQuestion.addEventListener("click", () => {
    const box = questionBox(blankQuestion(questionList.children.length + 1));
    questionList.append(box);
    renumber();
    (box.querySelector(".q-text") as HTMLTextAreaElement).focus();
  });

  const saveActions = h(
    "div",
    { class: "actions" },
    h("button", { type: "submit", class: "primary", id: "save-pack" }, "Save pack"),
    h(
      "button",
      {
        type: "button",
        id: "cancel-pack",
        onclick: async () => {
          const changed = JSON.stringify(collect()) !== original;
          if (changed && !(await confirmDialog("Leave the editor? Your changes to this pack are not saved.", "Leave")))
            return;
          ctx.go({ screen: "packs" });
        },
      },
      "Cancel",
    ),
  );

  const form = h(
    "form",
    // Rust checks the pack and names the field; the browser's own checks would say less.
    { id: "pack-form", novalidate: true, "aria-label": replacing ? `Edit ${start.pack.name}` : "New pack" },
    field("pack-name", "Name", name),
    field("pack-id", "Id (letters, digits, - and _)", packId),
    field("pack-description", "Description", description),
    field("pack-roles", "Roles it is for, as job ads say them (comma-separated; none for any role)", roles),
    h("h2", {}, "Questions"),
    questionList,
    h("div", { class: "actions" }, addQuestion),
    problemBox,
    saveActions,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const pack = collect();
    try {
      const problem = await savePack(pack, replacing);
      if (problem) {
        showProblem(problem);
        return;
      }
      await ctx.reloadPacks();
      ctx.go({ screen: "packs", said: `Pack "${pack.name}" saved.` });
    } catch (e) {
      saveActions.before(problemBox);
      problemBox.replaceChildren(alertBox(asCommandError(e).message));
    }
  });

  root.append(
    h("h1", {}, replacing ? `Edit ${start.pack.name}` : "New pack"),
    h(
      "p",
      { class: "note" },
      "Each question's follow-ups are what the interviewer asks when an answer leaves that part out.",
    ),
    form,
  );
}
