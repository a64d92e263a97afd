// Practice: the question on screen and aloud, one big record/stop control (Space), a live
// level meter, elapsed time with marks at the sweet spot's ends (norms.toml), a countdown to the
// question's target length, the live transcript and a tracker of the parts the question asks for
// (STAR for a story, the rubric's own otherwise), and a hint when the part being
// told runs long (worked out in Rust, `coach::star::live`).

import { asCommandError, speakQuestion, startTake, stopTake, suggestStoriesFor } from "../api";
import type { Context, Route } from "../app";
import type { Present } from "../bindings/Present";
import type { TakeProgress } from "../bindings/TakeProgress";
import { alertBox, h, isTyping } from "../dom";
import { capitalized, clock, PART_NAMES } from "../format";
import { countdownText, levelPercent, stopMessage } from "./practice-view";

type Phase = "ready" | "starting" | "asking" | "recording" | "assessing" | "failed";

/** How far the elapsed-time track runs past the end of the sweet spot. */
const TRACK_PAST_SWEET_SPOT = 4 / 3;

export function renderPractice(root: HTMLElement, ctx: Context, route: Extract<Route, { screen: "practice" }>) {
  const { question, mock, packId } = route;
  let phase: Phase = "ready";
  // Why the follow-up after the answer could not be recorded, shown with the answer's results.
  let followUpProblem: string | undefined;

  const status = h(
    "p",
    { class: "practice-status", role: "status", "aria-live": "polite" },
    "Press Space or the button to start. The question is read aloud, then your answer is recorded.",
  );
  const recordButton = h(
    "button",
    { type: "button", class: "record", id: "record", "aria-pressed": "false", onclick: () => void toggle() },
    "Start answer",
  );
  const repeatButton = h(
    "button",
    { type: "button", id: "repeat", onclick: () => void repeat() },
    "Repeat question (R)",
  );
  const levelBar = h("div", { class: "level-bar" });
  const level = h(
    "div",
    {
      class: "level",
      role: "meter",
      "aria-label": "Microphone level",
      "aria-valuemin": "0",
      "aria-valuemax": "100",
      "aria-valuenow": "0",
    },
    levelBar,
  );
  const sweet = ctx.status.length_window;
  const trackSeconds = sweet.max_seconds * TRACK_PAST_SWEET_SPOT;
  const elapsedText = h("span", { class: "elapsed", id: "elapsed" }, "0:00");
  const target = question.target_seconds;
  const countdown = h("span", { class: "countdown", id: "countdown" }, `${clock(target)} to aim for`);
  const hint = h("p", { class: "live-hint", id: "live-hint", "aria-live": "polite" });
  const elapsedBar = h("div", { class: "track-fill" });
  const track = h(
    "div",
    { class: "track", "aria-hidden": "true" },
    elapsedBar,
    h("span", { class: "mark", style: `left:${(sweet.min_seconds / trackSeconds) * 100}%` }, clock(sweet.min_seconds)),
    h("span", { class: "mark", style: `left:${(sweet.max_seconds / trackSeconds) * 100}%` }, clock(sweet.max_seconds)),
  );
  // A story is tracked by its STAR parts; other questions by the parts their rubric asks for.
  const rubricParts = ctx.status.rubrics.find((r) => r.category === question.category)?.parts ?? [];
  const tracker = rubricParts.length
    ? h(
        "ul",
        { class: "star-tracker parts-tracker", "aria-label": "Parts heard so far" },
        ...rubricParts.map((p) => h("li", { class: "part", "data-element": p.element }, p.title)),
      )
    : h(
        "ul",
        { class: "star-tracker", "aria-label": "STAR parts heard so far" },
        ...(["situation", "task", "action", "result"] as const).map((part) =>
          h("li", { class: `part part-${part}`, "data-part": part }, PART_NAMES[part]),
        ),
      );
  const transcript = h("p", { class: "live-transcript", id: "live-transcript", "aria-live": "off" });
  const notices = h("div");

  const eyebrow = h(
    "p",
    { class: "eyebrow" },
    mock
      ? `Mock interview · question ${mock.index + 1} of ${mock.questions.length}`
      : `${capitalized(question.category)} · aim for ${question.target_seconds} s`,
  );
  const heading = h("h1", { class: "question-big", id: "question" }, question.text);
  // The stories of the bank that fit this question, best first (none: nothing shown).
  const storyHints = h("p", { class: "story-hints", id: "story-hints", hidden: true });
  suggestStoriesFor(route.packId, question.id)
    .then((fits) => {
      if (fits.length === 0) return;
      storyHints.textContent = `Stories that fit: ${fits
        .slice(0, 3)
        .map((s) => (s.competencies.length ? `${s.title} (shows ${s.competencies.join(", ")})` : s.title))
        .join("; ")}.`;
      storyHints.hidden = false;
    })
    .catch(() => undefined);
  root.append(
    eyebrow,
    heading,
    storyHints,
    h(
      "div",
      { class: "actions" },
      recordButton,
      repeatButton,
      h("button", { type: "button", onclick: () => leave() }, "Back"),
    ),
    status,
    notices,
    h("div", { class: "meters" }, level, h("div", { class: "time" }, elapsedText, " ", countdown, track)),
    hint,
    h("h2", { class: "sub" }, "Heard so far"),
    tracker,
    transcript,
  );

  function setPhase(next: Phase, message?: string): void {
    phase = next;
    const recording = next === "recording" || next === "asking" || next === "starting";
    recordButton.textContent = recording
      ? "Stop (Space)"
      : next === "assessing"
        ? "Preparing feedback…"
        : "Start answer (Space)";
    recordButton.setAttribute("aria-pressed", String(recording));
    recordButton.classList.toggle("recording", next === "recording");
    recordButton.disabled = next === "assessing" || next === "starting";
    repeatButton.disabled = next !== "ready" && next !== "failed";
    if (message) status.textContent = message;
  }
  setPhase("ready");

  function showPresent(present: Present, heardParts: string[]): void {
    for (const item of tracker.querySelectorAll<HTMLElement>("[data-part], [data-element]")) {
      const heard = item.dataset.part
        ? present[item.dataset.part as keyof Present]
        : heardParts.includes(item.dataset.element ?? "");
      item.classList.toggle("heard", heard);
      item.setAttribute("aria-label", `${item.textContent}: ${heard ? "heard" : "not yet"}`);
    }
  }

  function onProgress(p: TakeProgress): void {
    switch (p.type) {
      case "microphone_open":
        if (p.fell_back_from)
          notices.replaceChildren(
            alertBox(`Microphone "${p.fell_back_from}" was not found; using ${p.device}.`, "warning"),
          );
        break;
      case "asking":
        setPhase("asking", "Listen to the question…");
        break;
      case "recording":
        setPhase("recording", "● Recording: answer now. Space stops.");
        break;
      case "level": {
        const pct = levelPercent(p.rms_dbfs);
        levelBar.style.width = `${pct}%`;
        levelBar.classList.toggle("clipping", p.peak >= 0.99);
        level.setAttribute("aria-valuenow", String(Math.round(pct)));
        elapsedText.textContent = clock(p.elapsed);
        elapsedBar.style.width = `${Math.min(100, (p.elapsed / trackSeconds) * 100)}%`;
        countdown.textContent = countdownText(p.elapsed, target);
        countdown.classList.toggle("over", p.elapsed > target);
        break;
      }
      case "transcript":
        transcript.textContent = p.words.map((w) => w.text).join(" ");
        showPresent(p.present, p.heard_parts);
        hint.textContent = p.hint ?? "";
        break;
      case "behind":
        status.textContent = `● Recording: transcription is ${Math.round(p.waiting_seconds)} s behind and catching up.`;
        break;
      case "assessing":
        setPhase("assessing", `${stopMessage(p.stop)} Preparing your feedback…`);
        break;
      case "follow_up":
        // The interviewer asks about what the answer left out; the reply is recorded the same
        // way, and Results shows both.
        eyebrow.textContent = "Follow-up question";
        heading.textContent = p.text;
        transcript.textContent = "";
        hint.textContent = "";
        showPresent({ situation: false, task: false, action: false, result: false }, []);
        status.textContent = "The interviewer has a follow-up question…";
        break;
      case "follow_up_failed":
        followUpProblem = `The follow-up question could not be answered (${p.message}). Your answer is saved and assessed.`;
        break;
      case "done":
        ctx.go({ screen: "results", takeId: p.take_id, packId, question, mock, notice: followUpProblem });
        break;
      case "failed":
        setPhase("failed", "");
        // Stopped while the question was asked: nothing went wrong, there is just no take.
        status.replaceChildren(alertBox(p.message, p.kind === "nothing_recorded" ? "info" : "problem"));
        break;
    }
  }

  async function toggle(): Promise<void> {
    if (phase === "ready" || phase === "failed") {
      setPhase("starting", "Opening the microphone…");
      followUpProblem = undefined;
      transcript.textContent = "";
      showPresent({ situation: false, task: false, action: false, result: false }, []);
      try {
        await startTake(packId, question.id, Boolean(mock), onProgress);
      } catch (e) {
        setPhase("failed", "");
        status.replaceChildren(alertBox(asCommandError(e).message));
      }
    } else if (phase === "asking" || phase === "recording") {
      try {
        await stopTake();
      } catch (e) {
        status.replaceChildren(alertBox(asCommandError(e).message));
      }
    }
  }

  async function repeat(): Promise<void> {
    if (phase !== "ready" && phase !== "failed") return;
    repeatButton.disabled = true;
    try {
      await speakQuestion(question.text);
    } finally {
      repeatButton.disabled = false;
    }
  }

  function leave(): void {
    if (phase === "recording" || phase === "asking") void stopTake().catch(() => undefined);
    ctx.go({ screen: "home" });
  }

  function onKey(event: KeyboardEvent): void {
    if (isTyping(event.target)) return;
    if (event.key === " ") {
      // Handled here for the whole screen; the focused button must not click a second time.
      event.preventDefault();
      if (event.type === "keydown" && !event.repeat) void toggle();
    } else if (event.type === "keydown" && (event.key === "r" || event.key === "R")) {
      void repeat();
    }
  }
  document.addEventListener("keydown", onKey);
  document.addEventListener("keyup", onKey);
  return () => {
    document.removeEventListener("keydown", onKey);
    document.removeEventListener("keyup", onKey);
  };
}
