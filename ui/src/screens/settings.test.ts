// Settings: saved settings that could not be used are said at the top, and saving puts that
// right (the notice goes, Home no longer shows it).
import { vi } from "vitest";
import type { Settings } from "../bindings/Settings";

const saved: Settings = {
  microphone: null,
  speak_questions: true,
  voice: { voice: null, words_per_minute: 160, volume: 1, output_device: null },
  silence_stop_seconds: 5,
  max_seconds: 180,
  live_hints: true,
  live_hint_margin_seconds: 8,
  follow_ups: "one",
  theme: "system",
  model: null,
};

const api = vi.hoisted(() => ({
  getSettings: vi.fn(),
  saveSettings: vi.fn(async () => undefined),
  listDevices: vi.fn(async () => ({ host: "ALSA", inputs: [], outputs: [] })),
  listModels: vi.fn(async () => []),
}));
vi.mock("../api", async (original) => ({ ...(await original<typeof import("../api")>()), ...api }));

import { context, status } from "../test/fixtures";
import { renderSettings } from "./settings";

test("settings that could not be used are said, and saving clears it", async () => {
  api.getSettings.mockResolvedValue(structuredClone(saved));
  const settings_error = {
    kind: "damaged_settings" as const,
    message: "/data/settings.json: voice volume: must be between 0 and 100 %",
  };
  const ctx = context({ status: { ...status, settings_error } });
  const root = document.createElement("main");
  document.body.append(root);
  await renderSettings(root, ctx, { screen: "settings" });
  const alerts = () => [...root.querySelectorAll("[role=alert]")].map((a) => a.textContent).join(" ");
  expect(alerts()).toContain("settings.json: voice volume: must be between 0 and 100 %");
  (root.querySelector("#settings-form") as HTMLFormElement).requestSubmit();
  await vi.waitFor(() => expect(api.saveSettings).toHaveBeenCalled());
  await vi.waitFor(() => expect(alerts()).not.toContain("settings.json"));
  expect(ctx.status.settings_error).toBeNull();
  root.remove();
});
