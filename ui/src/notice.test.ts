// The notice a refused second launch leaves in the window that came forward.
import { showLaunchNotice } from "./notice";

test("a refused launch is explained, counted, and can be dismissed", () => {
  const notice = document.createElement("div");
  notice.hidden = true;
  showLaunchNotice(notice, 1);
  expect(notice.hidden).toBe(false);
  expect(notice.textContent).toContain("STAR Coach was opened again: this window is the one to use");
  showLaunchNotice(notice, 3);
  expect(notice.textContent).toContain("opened again (3 times)");
  (notice.querySelector("button.dismiss") as HTMLButtonElement).click();
  expect(notice.hidden).toBe(true);
});
