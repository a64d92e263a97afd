// Your stories: the prepared stories of the bank (add, edit, delete after confirming), which
// questions of a pack have a story and which competencies none, and the bank as TOML to copy
// out or paste in. Checking, matching and the file are Rust's (`coach::stories`).

import {
  asCommandError,
  exportStories,
  getStories,
  importStories,
  newStoryId,
  saveStories,
  storyCoverageOf,
} from "../api";
import type { Context, Route } from "../app";
import type { Story } from "../bindings/Story";
import type { StoryBank } from "../bindings/StoryBank";
import { confirmDialog } from "../confirm";
import { alertBox, h } from "../dom";

const PARTS = [
  ["situation", "Situation"],
  ["task", "Task"],
  ["action", "Action"],
  ["result", "Result"],
] as const;

/** "a, b, , c" → ["a", "b", "c"]. */
export function listOf(text: string, separator: string | RegExp = ","): string[] {
  return text
    .split(separator)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export async function renderStories(root: HTMLElement, ctx: Context, _route: Extract<Route, { screen: "stories" }>) {
  let bank: StoryBank;
  try {
    bank = await getStories();
  } catch (e) {
    root.append(h("h1", {}, "Your stories"), alertBox(asCommandError(e).message));
    return;
  }
  const message = h("div", { role: "status", "aria-live": "polite", id: "stories-message" });
  const list = h("div", { id: "story-list" });
  const formBox = h("div", { id: "story-form-box" });
  const coverageBox = h("div", { id: "coverage" });
  const packSelect = h(
    "select",
    { id: "coverage-pack" },
    ...ctx.packs.map((p) => h("option", { value: p.id }, p.name)),
  );
  const toml = h("textarea", { id: "stories-toml", rows: 8, spellcheck: "false" });

  async function save(next: StoryBank, said: string): Promise<boolean> {
    try {
      await saveStories(next);
    } catch (e) {
      message.replaceChildren(alertBox(asCommandError(e).message));
      return false;
    }
    bank = next;
    message.textContent = said;
    showList();
    void showCoverage();
    return true;
  }

  function showList(): void {
    if (bank.stories.length === 0) {
      list.replaceChildren(
        h("p", { class: "empty" }, "No stories yet. Add the three to five you would tell in any interview."),
      );
      return;
    }
    list.replaceChildren(
      ...bank.stories.map((s) =>
        h(
          "article",
          { class: "story", "data-story": s.id },
          h("h2", {}, s.title),
          s.competencies.length ? h("p", { class: "tags" }, `Shows: ${s.competencies.join(", ")}`) : null,
          h("dl", {}, ...PARTS.flatMap(([key, label]) => (s[key] ? [h("dt", {}, label), h("dd", {}, s[key])] : []))),
          s.numbers.length ? h("p", { class: "tags" }, `Numbers: ${s.numbers.join(" · ")}`) : null,
          h(
            "div",
            { class: "row-actions" },
            h("button", { type: "button", class: "edit-story", onclick: () => edit(s) }, "Edit"),
            h(
              "button",
              {
                type: "button",
                class: "delete-story danger",
                "aria-label": `Delete the story "${s.title}"`,
                onclick: async () => {
                  if (!(await confirmDialog(`Delete the story "${s.title}"? This cannot be undone.`, "Delete story")))
                    return;
                  await save({ stories: bank.stories.filter((x) => x.id !== s.id) }, "Story deleted.");
                },
              },
              "Delete",
            ),
          ),
        ),
      ),
    );
  }

  /** The form for `story` (null: a new one). */
  function edit(story: Story | null): void {
    const field = (id: string, label: string, input: HTMLInputElement | HTMLTextAreaElement) =>
      h("p", {}, h("label", { for: id }, label), h("br"), input);
    const title = h("input", { id: "story-title", type: "text", value: story?.title ?? "", required: true });
    const parts = PARTS.map(([key, label]) => {
      const area = h("textarea", { id: `story-${key}`, rows: 2 });
      area.value = story?.[key] ?? "";
      return { key, label, area };
    });
    const numbers = h("textarea", { id: "story-numbers", rows: 2 });
    numbers.value = story?.numbers.join("\n") ?? "";
    const competencies = h("input", {
      id: "story-competencies",
      type: "text",
      value: story?.competencies.join(", ") ?? "",
    });
    const form = h(
      "form",
      { id: "story-form", "aria-label": story ? `Edit "${story.title}"` : "New story" },
      field("story-title", "Title", title),
      ...parts.map((p) => field(p.area.id, p.label, p.area)),
      field("story-numbers", "Numbers it can quote (one a line)", numbers),
      field("story-competencies", "What it shows (comma-separated, e.g. ownership, conflict, failure)", competencies),
      h(
        "div",
        { class: "actions" },
        h("button", { type: "submit", class: "primary" }, "Save story"),
        h("button", { type: "button", onclick: () => formBox.replaceChildren() }, "Cancel"),
      ),
    );
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const id = story?.id ?? (await newStoryId(title.value));
      const next: Story = {
        id,
        title: title.value.trim(),
        situation: parts[0].area.value.trim(),
        task: parts[1].area.value.trim(),
        action: parts[2].area.value.trim(),
        result: parts[3].area.value.trim(),
        numbers: listOf(numbers.value, /\n/),
        competencies: listOf(competencies.value),
      };
      const stories = story ? bank.stories.map((s) => (s.id === story.id ? next : s)) : [...bank.stories, next];
      if (await save({ stories }, story ? "Story saved." : "Story added.")) formBox.replaceChildren();
    });
    formBox.replaceChildren(form);
    title.focus();
  }

  async function showCoverage(): Promise<void> {
    if (!packSelect.value) return;
    try {
      const c = await storyCoverageOf(packSelect.value);
      const ids = bank.stories.map((s) => s.id);
      const missing = c.competencies.filter((x) => x.stories.length === 0).map((x) => x.competency);
      coverageBox.replaceChildren(
        h(
          "table",
          { class: "coverage", id: "coverage-table" },
          h("caption", { class: "visually-hidden" }, "Questions and the stories that fit them"),
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              h("th", { scope: "col" }, "Question"),
              ...bank.stories.map((s) => h("th", { scope: "col" }, s.title)),
            ),
          ),
          h(
            "tbody",
            {},
            ...c.rows.map((row) =>
              h(
                "tr",
                {},
                h("th", { scope: "row" }, row.question_text),
                ...ids.map((id) => h("td", {}, row.stories.includes(id) ? "✓ fits" : "")),
              ),
            ),
          ),
        ),
        h(
          "p",
          { id: "uncovered" },
          missing.length
            ? `No story yet for: ${missing.join(", ")}.`
            : "Every competency these questions ask for has a story.",
        ),
      );
    } catch (e) {
      coverageBox.replaceChildren(alertBox(asCommandError(e).message));
    }
  }
  packSelect.addEventListener("change", () => void showCoverage());

  const exportButton = h("button", { type: "button", id: "export-stories" }, "Copy the bank into the box");
  exportButton.addEventListener("click", async () => {
    toml.value = await exportStories();
    message.textContent = "The bank is in the box as TOML: copy it anywhere.";
  });
  const importButton = h("button", { type: "button", id: "import-stories" }, "Add the stories in the box");
  importButton.addEventListener("click", async () => {
    try {
      bank = await importStories(toml.value);
    } catch (e) {
      message.replaceChildren(alertBox(asCommandError(e).message));
      return;
    }
    message.textContent = `The bank holds ${bank.stories.length} stor${bank.stories.length === 1 ? "y" : "ies"}.`;
    showList();
    void showCoverage();
  });

  root.append(
    h("h1", {}, "Your stories"),
    h(
      "p",
      { class: "note" },
      "The handful of stories you would tell in any interview. Before a question, the ones that fit are suggested; after a take, the one you told is linked to it.",
    ),
    message,
    h(
      "div",
      { class: "actions" },
      h("button", { type: "button", id: "new-story", onclick: () => edit(null) }, "New story"),
    ),
    formBox,
    list,
    h(
      "section",
      { "aria-labelledby": "coverage-h" },
      h("h2", { id: "coverage-h" }, "Which questions have a story"),
      h("p", {}, h("label", { for: "coverage-pack" }, "Pack "), packSelect),
      coverageBox,
    ),
    h(
      "section",
      { "aria-labelledby": "toml-h" },
      h("h2", { id: "toml-h" }, "Import and export"),
      h(
        "label",
        { for: "stories-toml" },
        "Stories as TOML ([[story]] with id, title, situation, task, action, result, numbers, competencies)",
      ),
      toml,
      h("div", { class: "actions" }, exportButton, importButton),
    ),
  );
  showList();
  await showCoverage();
}
