// Which story of the bank the take told: recognised by Rust after the take (with the words that
// matched), or chosen here from the bank, or none.

import { asCommandError, getStories, linkStory, type TakeView } from "../api";
import { alertBox, h } from "../dom";

export function storySection(take: TakeView): HTMLElement {
  const told = take.story;
  const line = h(
    "p",
    { id: "story-told" },
    told
      ? told.words.length
        ? `You told “${told.title}” (the words that match: ${told.words.join(", ")}).`
        : `Linked to “${told.title}”.`
      : "Not linked to a story of your bank.",
  );
  const select = h("select", { id: "story-link" }, h("option", { value: "" }, "No story"));
  const status = h("div", { role: "status", "aria-live": "polite" });
  getStories()
    .then((bank) => {
      if (bank.stories.length === 0) {
        select.disabled = true;
        return;
      }
      select.append(...bank.stories.map((s) => h("option", { value: s.id }, s.title)));
      select.value = told?.story_id ?? "";
    })
    .catch(() => (select.disabled = true));
  select.addEventListener("change", async () => {
    try {
      await linkStory(take.id, select.value || null);
      const title = select.selectedOptions[0]?.textContent ?? "";
      line.textContent = select.value ? `Linked to “${title}”.` : "Not linked to a story of your bank.";
    } catch (e) {
      status.replaceChildren(alertBox(asCommandError(e).message));
    }
  });
  return h(
    "section",
    { "aria-labelledby": "story-h" },
    h("h2", { id: "story-h" }, "Your story"),
    line,
    h("p", {}, h("label", { for: "story-link" }, "Link to "), select),
    status,
  );
}
