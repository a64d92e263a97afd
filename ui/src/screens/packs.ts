// Question packs: the built-in ones and the user's, each to edit (the user's) or copy and edit
// (a built-in one), export as TOML, or delete after confirming; a pack file imported by path.
// Checking and the files are Rust's (`store::packs`).

import { asCommandError, deletePack, exportPack, importPack } from "../api";
import type { Context, Route } from "../app";
import { confirmDialog } from "../confirm";
import { alertBox, h } from "../dom";

export function renderPacks(root: HTMLElement, ctx: Context, route: Extract<Route, { screen: "packs" }>) {
  const message = h("div", { id: "packs-message", "aria-live": "polite" }, route.said ?? "");
  const say = (text: string) => message.replaceChildren(text);
  const fail = (e: unknown) => message.replaceChildren(alertBox(asCommandError(e).message));

  const rows = ctx.packs.map((p) => {
    const builtIn = p.origin === "built-in";
    const actions = h(
      "div",
      { class: "row-actions" },
      h(
        "button",
        {
          type: "button",
          class: "edit-pack",
          "aria-label": `${builtIn ? "Copy and edit" : "Edit"} ${p.name}`,
          onclick: () =>
            ctx.go(builtIn ? { screen: "pack-editor", copyOf: p.id } : { screen: "pack-editor", packId: p.id }),
        },
        builtIn ? "Copy and edit" : "Edit",
      ),
      h(
        "button",
        {
          type: "button",
          class: "export-pack",
          "aria-label": `Export ${p.name}`,
          onclick: async () => {
            try {
              say(`${p.name} written to ${await exportPack(p.id)}`);
            } catch (e) {
              fail(e);
            }
          },
        },
        "Export",
      ),
      builtIn
        ? null
        : h(
            "button",
            {
              type: "button",
              class: "delete-pack danger",
              "aria-label": `Delete ${p.name}`,
              onclick: async () => {
                const asked = `Delete the pack "${p.name}" and its ${p.questions.length} questions? Your takes of them stay in the history. This cannot be undone.`;
                if (!(await confirmDialog(asked, "Delete pack"))) return;
                try {
                  await deletePack(p.id);
                  await ctx.reloadPacks();
                  ctx.go({ screen: "packs", said: `Pack "${p.name}" deleted.` });
                } catch (e) {
                  fail(e);
                }
              },
            },
            "Delete",
          ),
    );
    return h(
      "tr",
      { "data-pack": p.id },
      h("th", { scope: "row" }, p.name),
      h("td", {}, String(p.questions.length)),
      h("td", { class: "origin" }, builtIn ? "Built in" : p.origin),
      h("td", {}, actions),
    );
  });

  const path = h("input", { id: "import-pack-path", type: "text", placeholder: "/home/you/Downloads/my-pack.toml" });
  const replace = h("input", { id: "import-pack-replace", type: "checkbox" });
  const importButton = h("button", { type: "button", id: "import-pack" }, "Import");
  importButton.addEventListener("click", async () => {
    if (!path.value.trim()) {
      say("Type the path of a pack file first.");
      path.focus();
      return;
    }
    importButton.disabled = true;
    try {
      const id = await importPack(path.value, replace.checked);
      await ctx.reloadPacks();
      const name = ctx.packs.find((p) => p.id === id)?.name ?? id;
      ctx.go({ screen: "packs", said: `Pack "${name}" imported.` });
    } catch (e) {
      fail(e);
    } finally {
      importButton.disabled = false;
    }
  });

  root.append(
    h("h1", {}, "Question packs"),
    message,
    h(
      "table",
      { id: "packs-table" },
      h("caption", { class: "visually-hidden" }, "Question packs"),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, "Pack"),
          h("th", { scope: "col" }, "Questions"),
          h("th", { scope: "col" }, "From"),
          h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Actions")),
        ),
      ),
      h("tbody", {}, ...rows),
    ),
    h(
      "div",
      { class: "actions" },
      h(
        "button",
        { type: "button", id: "new-pack", class: "primary", onclick: () => ctx.go({ screen: "pack-editor" }) },
        "New pack",
      ),
    ),
    h("h2", {}, "Import a pack file"),
    h("p", {}, h("label", { for: "import-pack-path" }, "Path of the TOML file"), h("br"), path),
    h("p", {}, replace, " ", h("label", { for: "import-pack-replace" }, "Replace my pack with the same id")),
    h("div", { class: "actions" }, importButton),
  );
}
