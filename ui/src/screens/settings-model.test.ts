// The model list in Settings: installed and active models are marked, a fetch shows its
// progress and a failed one says why.
import { vi } from "vitest";
import type { ModelInfo } from "../bindings/ModelInfo";
import type { ModelProgress } from "../bindings/ModelProgress";

const models: ModelInfo[] = [
  {
    name: "tiny.en",
    file: "ggml-tiny.en.bin",
    bytes: 77_704_715,
    languages: ["en"],
    present: true,
    default: true,
    active: true,
    measured: { one_shot_rtf: 0.07, live_p50_seconds: 0.021, real_speech_wer: 0.066, held_out_wer: 0.12 },
  },
  {
    name: "base.en",
    file: "ggml-base.en.bin",
    bytes: 147_964_211,
    languages: ["en"],
    present: false,
    default: false,
    active: false,
    measured: null,
  },
];
const api = vi.hoisted(() => ({ listModels: vi.fn(), fetchModel: vi.fn(), importModel: vi.fn(), useModel: vi.fn() }));
vi.mock("../api", async (original) => ({ ...(await original<typeof import("../api")>()), ...api }));

import { modelSection } from "./settings-model";

const settle = () => new Promise((r) => setTimeout(r, 0));

test("models are listed with their state, and a fetch reports progress, then failure", async () => {
  api.listModels.mockResolvedValue(models);
  let send: (p: ModelProgress) => void = () => undefined;
  api.fetchModel.mockImplementation(async (_name: string, onProgress: (p: ModelProgress) => void) => {
    send = onProgress;
  });
  const section = modelSection();
  await settle();
  const tiny = section.querySelector('tr[data-model="tiny.en"]')!;
  expect(tiny.textContent).toContain("in use");
  expect(tiny.querySelector("button")?.disabled).toBe(true);
  const base = section.querySelector('tr[data-model="base.en"]')!;
  expect(base.textContent).toContain("not installed");
  expect(base.textContent).toContain("148 MB");
  expect(tiny.querySelector(".measured")?.textContent).toBe(
    "a 1-minute answer read afterwards in 4.2 s, live feedback 0.02 s after stop; 6.6 % of words wrong on real voices",
  );
  expect(base.querySelector(".measured")?.textContent).toBe("not measured");

  (base.querySelector("button") as HTMLButtonElement).click();
  await settle();
  expect(api.fetchModel).toHaveBeenCalledWith("base.en", expect.any(Function));
  send({ type: "downloading", done: 74_000_000, total: 148_000_000 });
  const bar = base.querySelector("progress") as HTMLProgressElement;
  expect(bar.hidden).toBe(false);
  expect(bar.value).toBeCloseTo(0.5);
  expect(section.querySelector("[role=status]")?.textContent).toBe("Downloading base.en: 74 MB of 148 MB");
  send({ type: "failed", kind: "model_fetch", message: "cannot reach huggingface.co" });
  expect(section.querySelector("[role=alert]")?.textContent).toBe("cannot reach huggingface.co");
  expect(bar.hidden).toBe(true);
});

test("a model file the user has is imported by its path, with progress, and the list is read again", async () => {
  api.listModels.mockResolvedValue(models);
  let send: (p: ModelProgress) => void = () => undefined;
  api.importModel.mockImplementation(async (_path: string, onProgress: (p: ModelProgress) => void) => {
    send = onProgress;
  });
  const section = modelSection();
  await settle();
  const reads = api.listModels.mock.calls.length;
  (section.querySelector("#model-file") as HTMLInputElement).value = "  /home/me/ggml-base.en.bin ";
  (section.querySelector("#import-model") as HTMLButtonElement).click();
  await settle();
  expect(api.importModel).toHaveBeenCalledWith("/home/me/ggml-base.en.bin", expect.any(Function));
  send({ type: "verifying", done: 37_000_000, total: 148_000_000 });
  expect(section.querySelector("[role=status]")?.textContent).toBe(
    "Checking /home/me/ggml-base.en.bin: 37 MB of 148 MB",
  );
  send({ type: "done" });
  await settle();
  expect(section.querySelector("[role=status]")?.textContent).toBe("/home/me/ggml-base.en.bin is installed.");
  expect(api.listModels.mock.calls.length).toBe(reads + 1);
  send({ type: "failed", kind: "model_fetch", message: "/tmp/x is not a model STAR Coach knows" });
  expect(section.querySelector("[role=alert]")?.textContent).toContain("is not a model STAR Coach knows");
});

test("a model folder is converted with its progress shown, one import at a time", async () => {
  api.listModels.mockResolvedValue(models);
  let send: (p: ModelProgress) => void = () => undefined;
  api.importModel.mockImplementation(async (_path: string, onProgress: (p: ModelProgress) => void) => {
    send = onProgress;
  });
  const section = modelSection();
  await settle();
  (section.querySelector("#model-file") as HTMLInputElement).value = "/home/me/faster-whisper-tiny.en";
  (section.querySelector("#import-model") as HTMLButtonElement).click();
  await settle();
  const bar = section.querySelector("progress[aria-label='Importing a model']") as HTMLProgressElement;
  send({ type: "converting", done: 30, total: 120 });
  expect(bar.hidden).toBe(false);
  expect(bar.value).toBeCloseTo(0.25);
  expect(section.querySelector("[role=status]")?.textContent).toBe("Converting /home/me/faster-whisper-tiny.en: 25 %");
  const button = section.querySelector("#import-model") as HTMLButtonElement;
  expect(button.disabled).toBe(true);
  const calls = api.importModel.mock.calls.length;
  button.click();
  await settle();
  expect(api.importModel.mock.calls.length).toBe(calls);
  send({ type: "done" });
  expect(button.disabled).toBe(false);
});
