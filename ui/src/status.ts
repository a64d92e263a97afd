// Renders the set-up status the Rust side reports. Presentation only: what counts as "ready"
// is decided in Rust.
import type { AppStatus, CommandError } from "./api";

export function renderStatus(target: HTMLElement, status: AppStatus): void {
  target.replaceChildren();
  const line = document.createElement("p");
  const path = document.createElement("code");
  path.textContent = status.model.path;
  if (status.model.present) {
    line.className = "status-ok";
    line.append(`Speech model ${status.model.name} is ready: `, path);
  } else {
    line.className = "status-problem";
    line.append(`Speech model ${status.model.name} is missing at `, path, ". Run the set-up script from the README.");
  }
  const data = document.createElement("p");
  const dir = document.createElement("code");
  dir.textContent = status.dataDir;
  data.append("Your recordings will be kept in ", dir, ` · version ${status.version}`);
  target.append(line, data);
}

export function renderError(target: HTMLElement, error: CommandError): void {
  const p = document.createElement("p");
  p.className = "status-problem";
  p.setAttribute("role", "alert");
  p.textContent = `${error.message} (${error.kind})`;
  target.replaceChildren(p);
}
