import { renderError, renderStatus } from "./status";

const base = { version: "0.1.0", dataDir: "/home/me/.local/share/star-coach" };

test("a present model is shown as ready with its path", () => {
  const el = document.createElement("section");
  renderStatus(el, { ...base, model: { name: "tiny.en", path: "/m/ggml-tiny.en.bin", present: true } });
  expect(el.querySelector(".status-ok")?.textContent).toBe("Speech model tiny.en is ready: /m/ggml-tiny.en.bin");
  expect(el.textContent).toContain("/home/me/.local/share/star-coach");
});

test("a missing model says what to do", () => {
  const el = document.createElement("section");
  renderStatus(el, { ...base, model: { name: "tiny.en", path: "/m/x.bin", present: false } });
  expect(el.querySelector(".status-problem")?.textContent).toContain("Run the set-up script");
});

test("errors are announced with their kind", () => {
  const el = document.createElement("section");
  renderError(el, { kind: "model_missing", message: "no model" });
  const alert = el.querySelector("[role=alert]");
  expect(alert?.textContent).toBe("no model (model_missing)");
});
