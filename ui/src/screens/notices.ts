// Problems with the set-up that stop or change practice, said once at the top of Home, each
// with the way out when the app has one.

import type { Route } from "../app";
import type { AppStatus } from "../bindings/AppStatus";
import { alertBox, h } from "../dom";

export function setupNotices(status: AppStatus, go: (route: Route) => void): HTMLElement[] {
  const notices: HTMLElement[] = [];
  const toSettings = (label: string) =>
    h("button", { type: "button", class: "link", id: "get-model", onclick: () => go({ screen: "settings" }) }, label);
  if (!status.model.present) {
    const notice = alertBox(
      `The speech model ${status.model.name} is not installed (${status.model.path} is missing). `,
    );
    notice.append(toSettings("Fetch it in Settings"));
    notices.push(notice);
  } else if (status.model.problem) {
    const notice = alertBox(`The speech model cannot be used: ${status.model.problem.message}. `);
    notice.append(toSettings("Fetch a fresh copy in Settings"));
    notices.push(notice);
  }
  if (status.database_error) {
    notices.push(alertBox(`History is unavailable: ${status.database_error.message}`));
  }
  if (status.settings_error) {
    notices.push(
      alertBox(
        `Your saved settings could not be used (${status.settings_error.message}); ` +
          "the defaults apply until you save Settings.",
      ),
    );
  }
  return notices;
}
