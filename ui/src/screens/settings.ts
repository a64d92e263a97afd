// Settings: microphone, the voice that asks the questions, when a take stops by itself, the
// theme, and where data and the speech model live. Values are checked in Rust when saved.

import { asCommandError, checkMicrophone, getSettings, listDevices, saveSettings, speakQuestion } from "../api";
import type { Context, Route } from "../app";
import type { Settings } from "../bindings/Settings";
import { alertBox, h } from "../dom";
import { levelPercent } from "./practice-view";
import { modelSection } from "./settings-model";

export async function renderSettings(root: HTMLElement, ctx: Context, _route: Extract<Route, { screen: "settings" }>) {
  const settings: Settings = await getSettings();
  const message = h("div", { role: "status", "aria-live": "polite", id: "settings-message" });
  const mic = h("select", { id: "microphone" }, h("option", { value: "" }, "System default"));
  const speak = h("input", { type: "checkbox", id: "speak-questions", checked: settings.speak_questions });
  const hints = h("input", { type: "checkbox", id: "live-hints", checked: settings.live_hints });
  const margin = h("input", {
    type: "number",
    id: "hint-margin",
    min: 0,
    max: 60,
    step: 1,
    value: settings.live_hint_margin_seconds,
  });
  const rate = h("input", {
    type: "number",
    id: "voice-rate",
    min: 80,
    max: 400,
    step: 5,
    value: settings.voice.words_per_minute,
  });
  const silence = h("input", {
    type: "number",
    id: "silence-stop",
    min: 0,
    max: 60,
    step: 0.5,
    value: settings.silence_stop_seconds,
  });
  const longest = h("input", {
    type: "number",
    id: "max-seconds",
    min: 10,
    max: 600,
    step: 10,
    value: settings.max_seconds,
  });
  const followUps = h(
    "select",
    { id: "follow-ups" },
    ...(
      [
        ["off", "Off"],
        ["one", "One, when the answer leaves something out"],
        ["probing", "Probing: up to two"],
      ] as const
    ).map(([value, label]) => h("option", { value, selected: settings.follow_ups === value }, label)),
  );
  const theme = h(
    "select",
    { id: "theme" },
    ...["system", "light", "dark"].map((t) =>
      h("option", { value: t, selected: settings.theme === t }, t[0].toUpperCase() + t.slice(1)),
    ),
  );
  const micLevel = h("div", { class: "level-bar" });
  const micMeter = h(
    "div",
    {
      class: "level",
      role: "meter",
      "aria-label": "Microphone level",
      "aria-valuemin": "0",
      "aria-valuemax": "100",
      "aria-valuenow": "0",
    },
    micLevel,
  );
  const micResult = h("div", { id: "mic-result", role: "status", "aria-live": "polite" });
  const micButton = h("button", { type: "button", id: "check-mic" }, "Check the microphone");
  micButton.addEventListener("click", async () => {
    micButton.disabled = true;
    micResult.replaceChildren("Starting…");
    try {
      await checkMicrophone(mic.value || null, (p) => {
        switch (p.type) {
          case "listening":
            micResult.textContent = `Say a sentence or two: listening to ${p.device} for ${p.seconds} s…`;
            break;
          case "level": {
            const pct = levelPercent(p.rms_dbfs);
            micLevel.style.width = `${pct}%`;
            micMeter.setAttribute("aria-valuenow", String(Math.round(pct)));
            break;
          }
          case "done":
            micButton.disabled = false;
            micResult.replaceChildren(
              p.speech_heard && p.advice.length === 0
                ? `Sounds good: speech at ${Math.round(p.speech_dbfs ?? 0)} dBFS.`
                : p.advice.join(" "),
            );
            break;
          case "failed":
            micButton.disabled = false;
            micResult.replaceChildren(alertBox(p.message));
            break;
        }
      });
    } catch (e) {
      micButton.disabled = false;
      micResult.replaceChildren(alertBox(asCommandError(e).message));
    }
  });
  const field = (label: string, input: HTMLElement, hint?: string) =>
    h(
      "div",
      { class: "field" },
      h("label", { for: input.id }, label),
      input,
      hint ? h("p", { class: "hint" }, hint) : null,
    );

  const form = h(
    "form",
    { class: "settings", id: "settings-form" },
    h(
      "fieldset",
      {},
      h("legend", {}, "Microphone"),
      field(
        "Microphone",
        mic,
        "Devices are listed fresh each time this page opens. A missing microphone falls back to the default.",
      ),
      h("div", { class: "actions" }, micButton, micMeter),
      micResult,
    ),
    h(
      "fieldset",
      {},
      h("legend", {}, "Questions"),
      h("div", { class: "field inline" }, speak, h("label", { for: "speak-questions" }, "Read each question aloud")),
      field("Voice rate (words per minute)", rate),
      h(
        "button",
        {
          type: "button",
          id: "test-voice",
          onclick: () => void speakQuestion("Tell me about a time you had to meet a tight deadline."),
        },
        "Test the voice",
      ),
    ),
    h(
      "fieldset",
      {},
      h("legend", {}, "Recording"),
      field("Stop after this many seconds of quiet (0: never)", silence),
      field("Longest take (seconds)", longest),
      h(
        "div",
        { class: "field inline" },
        hints,
        h("label", { for: "live-hints" }, "Say while I answer when one part runs long"),
      ),
      field("…once it runs this many seconds past its share", margin),
      field("Follow-up questions", followUps),
    ),
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
      live_hints: hints.checked,
      live_hint_margin_seconds: Number(margin.value),
      follow_ups: followUps.value as Settings["follow_ups"],
      theme: theme.value,
    };
    try {
      await saveSettings(next);
      Object.assign(settings, next);
      // Saved settings replace a file that could not be used: nothing left to warn about.
      ctx.status.settings_error = null;
      unusable?.remove();
      ctx.applyTheme(next.theme);
      message.replaceChildren("Saved.");
    } catch (e) {
      message.replaceChildren(alertBox(asCommandError(e).message));
    }
  });

  const s = ctx.status;
  const unusable = s.settings_error
    ? alertBox(
        `Your saved settings could not be used (${s.settings_error.message}); ` +
          "the defaults are shown and apply until you save.",
      )
    : null;
  root.append(
    h("h1", {}, "Settings"),
    ...(unusable ? [unusable] : []),
    form,
    modelSection(),
    h(
      "section",
      { "aria-labelledby": "where-h" },
      h("h2", { id: "where-h" }, "Data and model"),
      h(
        "dl",
        { class: "facts" },
        h("dt", {}, "Data folder"),
        h("dd", {}, h("code", {}, s.data_dir)),
        h("dt", {}, "Recordings"),
        h("dd", {}, h("code", {}, s.recordings_dir)),
        h("dt", {}, "Models folder"),
        h("dd", {}, h("code", {}, s.model.path.replace(/[^/\\]*$/, ""))),
        h("dt", {}, "Version"),
        h("dd", {}, s.version),
      ),
    ),
  );

  try {
    const devices = await listDevices();
    for (const d of devices.inputs) {
      mic.append(
        h(
          "option",
          { value: d.id, selected: settings.microphone === d.id || settings.microphone === d.name },
          `${d.name}${d.is_default ? " (default)" : ""}`,
        ),
      );
    }
  } catch (e) {
    form.prepend(alertBox(`No microphone list: ${asCommandError(e).message}`, "warning"));
  }
}
