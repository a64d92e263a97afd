// The speech-model part of Settings: every catalogue model, whether it is installed, fetching
// one with a progress bar, and choosing the one in use.

import { asCommandError, fetchModel, listModels, useModel } from "../api";
import type { ModelInfo } from "../bindings/ModelInfo";
import { alertBox, h } from "../dom";

const megabytes = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;

export function modelSection(): HTMLElement {
  const table = h("tbody");
  const message = h("div", { role: "status", "aria-live": "polite" });
  const section = h(
    "section",
    { "aria-labelledby": "models-h", id: "models" },
    h("h2", { id: "models-h" }, "Speech model"),
    h(
      "table",
      { class: "history" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", {}, "Model"),
          h("th", {}, "Size"),
          h("th", {}, "Languages"),
          h("th", {}, "Status"),
          h("th", {}, h("span", { class: "visually-hidden" }, "Actions")),
        ),
      ),
      table,
    ),
    message,
    h(
      "p",
      { class: "hint" },
      "Fetching downloads the model once; after that nothing leaves this machine. A CTranslate2 model folder can be converted with `star-coach models import`.",
    ),
  );

  function row(m: ModelInfo): HTMLElement {
    const progress = h("progress", { max: 1, value: 0, hidden: true, "aria-label": `Fetching ${m.name}` });
    const action = m.present
      ? h("button", { type: "button", disabled: m.active, onclick: () => void choose(m) }, m.active ? "In use" : "Use")
      : h("button", { type: "button", onclick: () => void fetch(m, progress) }, "Fetch");
    const status = m.active ? "in use" : m.present ? "installed" : "not installed";
    return h(
      "tr",
      { "data-model": m.name },
      h("td", {}, m.name, m.default ? " (recommended)" : ""),
      h("td", {}, megabytes(m.bytes)),
      h("td", {}, m.languages.join(", ")),
      h("td", {}, status, progress),
      h("td", {}, action),
    );
  }

  async function refresh(): Promise<void> {
    try {
      table.replaceChildren(...(await listModels()).map(row));
    } catch (e) {
      message.replaceChildren(alertBox(asCommandError(e).message));
    }
  }

  async function choose(m: ModelInfo): Promise<void> {
    try {
      await useModel(m.name);
      message.replaceChildren(`${m.name} is loading; new takes use it.`);
    } catch (e) {
      message.replaceChildren(alertBox(asCommandError(e).message));
    }
    await refresh();
  }

  async function fetch(m: ModelInfo, progress: HTMLProgressElement): Promise<void> {
    progress.hidden = false;
    message.replaceChildren(`Fetching ${m.name}…`);
    try {
      await fetchModel(m.name, (p) => {
        switch (p.type) {
          case "downloading":
          case "verifying":
            progress.value = p.total > 0 ? p.done / p.total : 0;
            message.textContent = `${p.type === "downloading" ? "Downloading" : "Checking"} ${m.name}: ${megabytes(p.done)} of ${megabytes(p.total)}`;
            break;
          case "done":
            message.textContent = `${m.name} is installed.`;
            void refresh();
            break;
          case "failed":
            progress.hidden = true;
            message.replaceChildren(alertBox(p.message));
            break;
        }
      });
    } catch (e) {
      progress.hidden = true;
      message.replaceChildren(alertBox(asCommandError(e).message));
    }
  }

  void refresh();
  return section;
}
