// Problems with the set-up that stop or change practice, said once at the top of Home.

import type { AppStatus } from "../bindings/AppStatus";
import { alertBox } from "../dom";

export function setupNotices(status: AppStatus): HTMLElement[] {
  const notices: HTMLElement[] = [];
  if (!status.model.present) {
    notices.push(
      alertBox(
        `The speech model ${status.model.name} is not installed (${status.model.path} is missing). ` +
          "Run ./scripts/run.sh, or `star-coach models fetch`, then restart STAR Coach.",
      ),
    );
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
