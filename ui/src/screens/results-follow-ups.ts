// The follow-up questions asked after an answer, each with how its reply was judged together
// with the answer (`coach::follow_ups`); the reply's own recording opens from here.

import { getTake, type TakeView } from "../api";
import type { Context } from "../app";
import { alertBox, h } from "../dom";

/** The section, filled in as the replies load; nothing when no follow-up was asked. */
export function followUpsSection(take: TakeView, ctx: Context): HTMLElement | null {
  if (take.replies.length === 0) return null;
  const list = h("ol", { class: "follow-ups", id: "follow-ups" });
  const section = h(
    "section",
    { "aria-labelledby": "follow-ups-h" },
    h("h2", { id: "follow-ups-h" }, "Follow-up questions"),
    list,
  );
  for (const id of take.replies) {
    const item = h("li", { class: "follow-up" }, "Loading…");
    list.append(item);
    getTake(id)
      .then((reply) => item.replaceChildren(...replyView(reply, ctx)))
      .catch(() => item.replaceChildren(alertBox("This reply could not be read from the history.")));
  }
  return section;
}

function replyView(reply: TakeView, ctx: Context): HTMLElement[] {
  const asked = reply.follow_up?.asked.text ?? reply.question_text;
  const judgement = reply.follow_up?.judgement ?? null;
  const said = reply.assessment.transcript.text.trim();
  return [
    h("p", { class: "follow-up-asked" }, h("strong", {}, "Asked: "), asked),
    h("p", { class: "follow-up-reply" }, h("strong", {}, "You said: "), said || "(nothing was heard)"),
    judgement
      ? h("p", { class: `follow-up-judgement ${judgement.answered ? "answered" : "unanswered"}` }, judgement.message)
      : h("p", { class: "follow-up-judgement" }, "Recovered after a crash: not judged with the answer."),
    h(
      "button",
      {
        type: "button",
        onclick: () => ctx.go({ screen: "results", takeId: reply.id }),
      },
      "Open the reply",
    ),
  ];
}
