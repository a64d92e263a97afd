import { appStatus, isCommandError } from "./api";
import { renderError, renderStatus } from "./status";

const target = document.getElementById("status");
if (target) {
  appStatus()
    .then((status) => renderStatus(target, status))
    .catch((e: unknown) =>
      renderError(target, isCommandError(e) ? e : { kind: "internal", message: String(e) }),
    );
}
