// The speech-model part of Settings: every catalogue model, whether it is installed, fetching
// one with a progress bar or taking in a model file the user already has, and choosing the one
// in use.

import { asCommandError, fetchModel, importModel, listModels, useModel } from "../api";
import type { ModelInfo } from "../bindings/ModelInfo";
import type { ModelProgress } from "../bindings/ModelProgress";
import { alertBox, h } from "../dom";

const megabytes = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;

/** Speed and accuracy as measured on the project's bench machine, in a user's terms. */
export function measuredText(m: ModelInfo): string {
  if (!m.measured) return "not measured";
  const { one_shot_rtf, live_p50_seconds, real_speech_wer } = m.measured;
  return (
    `a 1-minute answer read afterwards in ${(one_shot_rtf * 60).toFixed(1)} s, ` +
    `live feedback ${live_p50_seconds.toFixed(2)} s after stop; ` +
    `${(real_speech_wer * 100).toFixed(1)} % of words wrong on real voices`
  );
}

export function modelSection(): HTMLElement {
  const table = h("tbody");
  const message = h("div", { role: "status", "aria-live": "polite" });
  const importPath = h("input", {
    type: "text",
    id: "model-file",
    placeholder: "/home/you/Downloads/ggml-tiny.en-q8_0.bin",
    "aria-label": "Path of a model file or folder",
  });
  const importProgress = h("progress", { max: 1, value: 0, hidden: true, "aria-label": "Importing a model" });
  const importButton = h("button", { type: "button", id: "import-model", onclick: () => void importFile() }, "Import");
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
          h("th", {}, "Speed and accuracy (2-core bench machine)"),
          h("th", {}, "Status"),
          h("th", {}, h("span", { class: "visually-hidden" }, "Actions")),
        ),
      ),
      table,
    ),
    message,
    h(
      "p",
      {},
      h("label", { for: "model-file" }, "Already have a model file or folder? "),
      importPath,
      " ",
      importButton,
      importProgress,
    ),
    h(
      "p",
      { class: "hint" },
      "Fetching downloads the model once; after that nothing leaves this machine. An imported file is recognised by its checksum among the models above and copied into your models folder; a CTranslate2 (faster-whisper) model folder is converted first, and kept if it turns out to be one of them.",
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
      h("td", { class: "measured" }, measuredText(m)),
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

  /** Shows an install's progress on `progress` and in the status line. */
  async function install(
    what: string,
    progress: HTMLProgressElement,
    start: (onProgress: (p: ModelProgress) => void) => Promise<void>,
  ): Promise<void> {
    progress.hidden = false;
    message.replaceChildren(`Installing ${what}…`);
    try {
      await start((p) => {
        switch (p.type) {
          case "downloading":
          case "verifying":
            progress.value = p.total > 0 ? p.done / p.total : 0;
            message.textContent = `${p.type === "downloading" ? "Downloading" : "Checking"} ${what}: ${megabytes(p.done)} of ${megabytes(p.total)}`;
            break;
          case "converting":
            progress.value = p.total > 0 ? p.done / p.total : 0;
            message.textContent = `Converting ${what}: ${Math.round((100 * p.done) / Math.max(p.total, 1))} %`;
            break;
          case "done":
            progress.hidden = true;
            message.textContent = `${what} is installed.`;
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

  function fetch(m: ModelInfo, progress: HTMLProgressElement): Promise<void> {
    return install(m.name, progress, (onProgress) => fetchModel(m.name, onProgress));
  }

  /** One import at a time: the button waits until this one has finished or failed. */
  async function importFile(): Promise<void> {
    const path = importPath.value.trim();
    importButton.disabled = true;
    await install(path || "the model", importProgress, (onProgress) =>
      importModel(path, (p) => {
        if (p.type === "done" || p.type === "failed") importButton.disabled = false;
        onProgress(p);
      }),
    );
    if (importProgress.hidden) importButton.disabled = false;
  }

  void refresh();
  return section;
}
