// Why this window came to the front: STAR Coach was launched again while it runs, and one
// window keeps one history (Rust refuses the second launch; see store::instance).

import { h } from "./dom";

export function showLaunchNotice(notice: HTMLElement, refused: number): void {
  const times = refused > 1 ? ` (${refused} times)` : "";
  notice.replaceChildren(
    h("p", {}, `STAR Coach was opened again${times}: this window is the one to use, so your history has one writer.`),
    h("button", { type: "button", class: "dismiss", onclick: () => (notice.hidden = true) }, "Dismiss"),
  );
  notice.hidden = false;
}
