// Results: scores, the STAR timeline against its target (or another rubric's parts), findings that play their moment,
// what to say differently, delivery, and the recording with STAR regions and the transcript
// highlighted word by word as it plays (click a word to hear it).

import { asCommandError, finishMock, getTake, takeAttempt, type TakeView } from "../api";
import { followUpsSection } from "./results-follow-ups";
import type { Attempt } from "../bindings/Attempt";
import type { EarlierAssessment } from "../bindings/EarlierAssessment";
import type { Change } from "../bindings/Change";
import type { Context, Route } from "../app";
import type { TakeAssessment } from "../bindings/TakeAssessment";
import { alertBox, appendAll, h, isTyping } from "../dom";
import { capitalized, clock, preciseClock, score, scoreBand, when } from "../format";
import { starSegments } from "../timeline";
import { deliverySection, fillerLabel, starTimeline } from "./results-parts";
import { partsSection } from "./results-rubric";
import type { FillerItem } from "../bindings/FillerItem";
import { createPlayer, type Player } from "./player";
import { exportControl } from "./export";
import { reassessButton } from "./reassess";
import { storySection } from "./results-story";

type ResultsRoute = Extract<Route, { screen: "results" }>;

export async function renderResults(root: HTMLElement, ctx: Context, route: ResultsRoute) {
  let take: TakeView;
  try {
    take = await getTake(route.takeId);
  } catch (e) {
    root.append(h("h1", {}, "Take not found"), alertBox(asCommandError(e).message));
    return;
  }
  const a: TakeAssessment = take.assessment;
  const segments = a.star ? starSegments(a.star.units) : [];

  // Fillers only the audio held ("(um)") stand between the words at their moment.
  const heard = a.delivery.fillers.items.filter((f) => f.source === "audio");
  const transcript = h(
    "p",
    { class: "transcript", id: "transcript" },
    ...a.transcript.words.flatMap((w, i) => [
      ...heard
        .filter((f) => f.start < w.start && (i === 0 || f.start >= a.transcript.words[i - 1].start))
        .flatMap((f) => [heardFiller(f), " "]),
      h(
        "span",
        { class: "word", "data-index": i, "data-start": w.start, title: preciseClock(w.start), tabindex: "-1" },
        w.text,
      ),
      " ",
    ]),
    ...heard
      .filter(
        (f) => a.transcript.words.length === 0 || f.start >= a.transcript.words[a.transcript.words.length - 1].start,
      )
      .map(heardFiller),
  );
  const waveform = h("div", {
    class: "waveform",
    id: "waveform",
    "aria-label": "Waveform of the recording, STAR parts coloured",
  });
  const loading = h("p", { class: "hint", id: "waveform-loading" }, "Loading the recording…");
  const playButton = h("button", { type: "button", id: "play", "aria-keyshortcuts": "k" }, "▶ Play (K)");
  const timeText = h("span", { class: "elapsed", id: "play-time" }, `0:00 / ${clock(a.speech.total_seconds)}`);
  const playerError = h("div");

  const player: Player = createPlayer({
    container: waveform,
    takeId: take.id,
    url: take.audioUrl,
    segments,
    marks: a.delivery.fillers.items.map((f) => ({ start: f.start, end: f.end, label: f.text })),
    words: a.transcript.words,
    onWord: (index) => {
      transcript.querySelector(".word.current")?.classList.remove("current");
      if (index >= 0) transcript.querySelector(`[data-index="${index}"]`)?.classList.add("current");
    },
    onTime: (t) => {
      timeText.textContent = `${clock(t)} / ${clock(a.speech.total_seconds)}`;
    },
    onLoading: (loading) => {
      playButton.textContent = loading ? "Loading…" : "▶ Play (K)";
      playButton.setAttribute("aria-busy", String(loading));
    },
    onPlaying: (playing) => {
      // Playing again after a failure: the failure is over.
      if (playing) playerError.replaceChildren();
      playButton.textContent = playing ? "❚❚ Pause (K)" : "▶ Play (K)";
      playButton.setAttribute("aria-pressed", String(playing));
    },
    onError: (message) => {
      loading.remove();
      playerError.replaceChildren(alertBox(`The recording cannot be played: ${message}`));
    },
    onReady: () => loading.remove(),
  });
  playButton.addEventListener("click", () => player.toggle());
  transcript.addEventListener("click", (event) => {
    const word = (event.target as HTMLElement).closest<HTMLElement>(".word, .filler-heard");
    if (word) player.playFrom(Number(word.dataset.start));
  });

  const findings =
    a.findings.length === 0
      ? h("p", { class: "empty" }, "Nothing to flag.")
      : h(
          "ul",
          { class: "findings", id: "findings" },
          ...a.findings.map((f) =>
            h(
              "li",
              { class: `finding severity-${f.severity}` },
              h(
                "button",
                {
                  type: "button",
                  class: "play-moment",
                  "data-start": f.start,
                  "data-end": f.end,
                  "aria-label": `Play ${preciseClock(f.start)} to ${preciseClock(f.end)}`,
                  onclick: () => player.playRange(f.start, f.end),
                },
                "▶",
              ),
              h(
                "div",
                {},
                h("p", { class: "finding-message" }, f.message),
                f.quote ? h("q", {}, f.quote) : null,
                h("span", { class: "tag" }, ` ${preciseClock(f.start)}`),
              ),
            ),
          ),
        );

  const nextActions = h("div", { class: "actions" });
  if (route.question && route.packId) {
    const { question, packId, mock } = route;
    nextActions.append(
      h(
        "button",
        { type: "button", id: "redo", onclick: () => ctx.go({ screen: "practice", packId, question, mock }) },
        "Redo this question",
      ),
    );
    if (mock && mock.index + 1 < mock.questions.length) {
      const next = { ...mock, index: mock.index + 1 };
      const nextPack = mock.packIds?.[next.index] ?? packId;
      nextActions.append(
        h(
          "button",
          {
            type: "button",
            class: "primary",
            id: "next-question",
            onclick: () =>
              ctx.go({ screen: "practice", packId: nextPack, question: next.questions[next.index], mock: next }),
          },
          "Next question",
        ),
      );
    }
    if (mock) {
      nextActions.append(
        h(
          "button",
          {
            type: "button",
            id: "finish-mock",
            class: mock.index + 1 >= mock.questions.length ? "primary" : "",
            onclick: async () => {
              try {
                const summary = await finishMock();
                ctx.go({ screen: "summary", summary, sessionId: take.session_id ?? undefined });
              } catch (e) {
                nextActions.append(alertBox(asCommandError(e).message));
              }
            },
          },
          "Finish the interview",
        ),
      );
    }
  }
  nextActions.append(h("button", { type: "button", onclick: () => ctx.go({ screen: "history" }) }, "History"));
  const exporting = exportControl({ kind: "take", id: take.id });

  // Which attempt this is and what changed since the last one; the take shows without it.
  const attemptLine = h("p", { class: "attempt", id: "attempt" });
  takeAttempt(take.id)
    .then((attempt) => {
      attemptLine.append(...describeAttempt(attempt));
      const previous = attempt.previous_take_id;
      if (previous !== null) {
        attemptLine.append(
          " ",
          h(
            "button",
            {
              type: "button",
              id: "compare-previous",
              onclick: () => ctx.go({ screen: "compare", before: previous, after: take.id }),
            },
            "Compare with the last attempt",
          ),
        );
      }
      if (attempt.of > 1) {
        attemptLine.append(
          " ",
          h(
            "button",
            {
              type: "button",
              id: "question-progress",
              onclick: () => ctx.go({ screen: "progress", scope: { kind: "question", question_id: take.question_id } }),
            },
            "Progress on this question",
          ),
        );
      }
    })
    .catch(() => attemptLine.remove());

  const sc = a.score;
  appendAll(
    root,
    h("p", { class: "eyebrow" }, `${when(take.recorded_ms)} · ${capitalized(take.question_category)}`),
    h("h1", { id: "results-title" }, take.question_text),
    route.notice ? h("div", { id: "take-notice" }, alertBox(route.notice, "warning")) : null,
    attemptLine,
    h(
      "section",
      { class: "scores", "aria-label": "Scores" },
      h(
        "div",
        { class: `score-total score-${scoreBand(sc?.total)}`, id: "score-total" },
        h("span", { class: "big" }, score(sc?.total)),
        h("span", {}, sc ? "of 100" : "not scored"),
      ),
      sc
        ? h(
            "dl",
            { class: "subscores" },
            h("dt", {}, "Structure"),
            h("dd", {}, score(sc.structure)),
            h("dt", {}, "Content"),
            h("dd", {}, score(sc.content)),
            h("dt", {}, "Delivery"),
            h("dd", {}, score(sc.delivery)),
          )
        : null,
    ),
    take.scored_by_current
      ? null
      : h(
          "div",
          { id: "older-scorer" },
          alertBox(
            `Scored by an earlier version of STAR Coach (${take.scorer_version}); today's coach may judge this take differently.`,
            "info",
          ),
          reassessButton("Assess it again…", [take.id], 1, () =>
            ctx.go({
              screen: "results",
              takeId: take.id,
              packId: route.packId,
              question: route.question,
              mock: route.mock,
            }),
          ),
        ),
    earlierAssessments(take.earlier),
    a.transcript.words.length === 0
      ? alertBox(
          "No speech detected in this take: nothing to score. Check the microphone level in Settings and try again.",
          "warning",
        )
      : null,
    nextActions,
    h(
      "section",
      { "aria-labelledby": "replay-h" },
      h("h2", { id: "replay-h" }, "Replay"),
      loading,
      waveform,
      h("div", { class: "actions" }, playButton, timeText),
      playerError,
      transcript,
    ),
    a.star ? starTimeline(a.star, a.speech.total_seconds, segments, ctx.status.star_targets) : null,
    a.parts ? partsSection(a.parts) : null,
    h("section", { "aria-labelledby": "findings-h" }, h("h2", { id: "findings-h" }, "Findings"), findings),
    followUpsSection(take, ctx),
    a.feedback.length
      ? h(
          "section",
          { "aria-labelledby": "feedback-h" },
          h("h2", { id: "feedback-h" }, "Say differently next time"),
          h("ul", { class: "feedback", id: "feedback" }, ...a.feedback.map((f) => h("li", {}, f))),
        )
      : null,
    deliverySection(a),
    take.follows_take === null ? storySection(take) : null,
    h("section", { "aria-labelledby": "export-h" }, h("h2", { id: "export-h" }, "Keep a report"), exporting),
  );

  function onKey(event: KeyboardEvent): void {
    if (isTyping(event.target)) return;
    if (event.key === "k" || event.key === "K") player.toggle();
  }
  document.addEventListener("keydown", onKey);
  return () => {
    document.removeEventListener("keydown", onKey);
    player.destroy();
  };
}

/** A filler the audio held but the transcript left out, at its moment (click plays it). */
function heardFiller(f: FillerItem): HTMLElement {
  return h(
    "span",
    {
      class: "filler-heard",
      "data-start": f.start,
      title: `${preciseClock(f.start)}: heard in the audio, not in the transcript`,
    },
    fillerLabel(f),
  );
}

/** "Attempt 3 of 3 · best so far 74 · since the last: score +12, speaking time +9 s; fixed: …". */
/** "Assessed again: 54 before (scorer 0.2.0, tiny.en, replaced Dec 2, 2026)". */
function earlierAssessments(earlier: EarlierAssessment[]): HTMLElement | null {
  if (earlier.length === 0) return null;
  return h(
    "p",
    { class: "earlier", id: "earlier-assessments" },
    "Assessed again. Before: ",
    earlier
      .map((e) => `${score(e.score)} (scorer ${e.scorer_version}, ${e.model_id}, until ${when(e.replaced_ms)})`)
      .join("; "),
  );
}

function describeAttempt(attempt: Attempt): (string | HTMLElement)[] {
  const parts: (string | HTMLElement)[] = [`Attempt ${attempt.number} of ${attempt.of}`];
  if (attempt.best_so_far !== null) parts.push(` · best so far ${attempt.best_so_far}`);
  const c = attempt.since_previous;
  if (c) {
    const signed = (change: Change, unit: string) =>
      change.delta === null ? null : `${change.delta >= 0 ? "+" : "−"}${Math.abs(change.delta).toFixed(0)}${unit}`;
    const changes = [
      signed(c.total, "") && `score ${signed(c.total, "")}`,
      signed(c.speaking_seconds, " s") && `speaking time ${signed(c.speaking_seconds, " s")}`,
    ].filter(Boolean);
    parts.push(` · since the last attempt: ${changes.join(", ")}`);
    if (c.findings_gone.length) parts.push(`; fixed: ${c.findings_gone.map((k) => k.replace(/_/g, " ")).join(", ")}`);
    if (c.findings_new.length) parts.push(`; new: ${c.findings_new.map((k) => k.replace(/_/g, " ")).join(", ")}`);
  }
  return parts;
}
