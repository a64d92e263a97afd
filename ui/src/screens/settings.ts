// Settings: microphone, the voice that asks the questions, when a take stops by itself, the
// theme, and where data and the speech model live. Values are checked in Rust when saved.

import { asCommandError, listDevices, saveSettings, getSettings, speakQuestion } from "../api";
import type { Context, Route } from "../app";
import type { Settings } from "../bindings/Settings";
import { alertBox, h } from "../dom";

export async function renderSettings(root: HTMLElement, ctx: Context, _route: Extract<Route, { screen: "settings" }>) {
  const settings: Settings = await getSettings();
  const message = h("div", { role: "status", "aria-live": "polite", id: "settings-message" });
  const mic = h("select", { id: "microphone" }, h("option", { value: "" }, "System default"));
  const speak = h("input", { type: "checkbox", id: "speak-questions", checked: settings.speak_questions });
  const rate = h("input", { type: "number", id: "voice-rate", min: 80, max: 400, step: 5, value: settings.voice.words_per_minute });
  const silence = h("input", { type: "number", id: "silence-stop", min: 0, max: 60, step: 0.5, value: settings.silence_stop_seconds });
  const longest = h("input", { type: "number", id: "max-seconds", min: 10, max: 600, step: 10, value: settings.max_seconds });
  const theme = h("select", { id: "theme" }, ...["system", "light", "dark"].map((t) => h("option", { value: t, selected: settings.theme === t }, t[0].toUpperCase() + t.slice(1))));
  const field = (label: string, input: HTMLElement, hint?: string) =>
    h("div", { class: "field" }, h("label", { for: input.id }, label), input, hint ? h("p", { class: "hint" }, hint) : null);

  const form = h(
    "form",
    { class: "settings", id: "settings-form" },
    h("fieldset", {}, h("legend", {}, "Microphone"), field("Microphone", mic, "Devices are listed fresh each time this page opens. A missing microphone falls back to the default.")),
    h("fieldset", {}, h("legend", {}, "Questions"), h("div", { class: "field inline" }, speak, h("label", { for: "speak-questions" }, "Read each question aloud")), field("Voice rate (words per minute)", rate), h("button", { type: "button", id: "test-voice", onclick: () => void speakQuestion("Tell me about a time you had to meet a tight deadline.") }, "Test the voice")),
    h("fieldset", {}, h("legend", {}, "Recording"), field("Stop after this many seconds of quiet (0: never)", silence), field("Longest take (seconds)", longest)),
    h("fieldset", {}, h("legend", {}, "Appearance"), field("Theme", theme)),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary", id: "save-settings" }, "Save")),
    message,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const next: Settings = {
      ...settings,
      microphone: mic.value || null,
      speak_questions: speak.checked,
      voice: { ...settings.voice, words_per_minute: Number(rate.value) },
      silence_stop_seconds: Number(silence.value),
      max_seconds: Number(longest.value),
      theme: theme.value,
    };
    try {
      await saveSettings(next);
      Object.assign(settings, next);
      ctx.applyTheme(next.theme);
      message.replaceChildren("Saved.");
    } catch (e) {
      message.replaceChildren(alertBox(asCommandError(e).message));
    }
  });

  const s = ctx.status;
  root.append(
    h("h1", {}, "Settings"),
    form,
    h(
      "section",
      { "aria-labelledby": "where-h" },
      h("h2", { id: "where-h" }, "Data and model"),
      h("dl", { class: "facts" },
        h("dt", {}, "Data folder"), h("dd", {}, h("code", {}, s.data_dir)),
        h("dt", {}, "Recordings"), h("dd", {}, h("code", {}, s.recordings_dir)),
        h("dt", {}, "Speech model"), h("dd", {}, `${s.model.name} · `, h("code", {}, s.model.path), s.model.present ? " · installed, in use" : " · missing"),
        h("dt", {}, "Version"), h("dd", {}, s.version)),
      h("p", { class: "hint" }, "Models are listed, fetched, imported and verified with `star-coach models`; nothing you say leaves this machine."),
    ),
  );

  try {
    const devices = await listDevices();
    for (const d of devices.inputs) {
      mic.append(h("option", { value: d.id, selected: settings.microphone === d.id || settings.microphone === d.name }, `${d.name}${d.is_default ? " (default)" : ""}`));
    }
  } catch (e) {
    form.prepend(alertBox(`No microphone list: ${asCommandError(e).message}`, "warning"));
  }
}
