// Shapes the Rust side sends, for component tests (typed by the generated bindings, so a change
// on the Rust side breaks these at compile time).

import type { AppStatus } from "../bindings/AppStatus";
import type { Question } from "../bindings/Question";
import type { TakeAssessment } from "../bindings/TakeAssessment";
import type { Word } from "../bindings/Word";
import type { Context } from "../app";

export const status: AppStatus = {
  version: "0.1.0",
  scorer_version: "0.3.1",
  data_dir: "/home/me/.local/share/star-coach",
  recordings_dir: "/home/me/.local/share/star-coach/recordings",
  model: { name: "tiny.en", path: "/m/ggml-tiny.en.bin", present: true, problem: null },
  database_error: null,
  settings_error: null,
  star_targets: { situation: 0.2, task: 0.1, action: 0.6, result: 0.1 },
  length_window: { min_seconds: 60, max_seconds: 90 },
  rubrics: [
    { category: "behavioural", rubric: "story", parts: [] },
    {
      category: "technical",
      rubric: "approach",
      parts: [
        { element: "position", title: "Position" },
        { element: "practice", title: "How you work" },
        { element: "example", title: "Example" },
        { element: "tradeoffs", title: "Trade-offs" },
      ],
    },
  ],
  activity: "idle",
};

export function context(overrides: Partial<Context> = {}): Context & { routes: unknown[] } {
  const routes: unknown[] = [];
  return {
    status,
    packs: [],
    reloadPacks: async () => undefined,
    go: (r) => routes.push(r),
    applyTheme: () => undefined,
    routes,
    ...overrides,
  };
}

export const words: Word[] = [
  { text: "Our", start: 1.0, end: 1.2, p: 0.9 },
  { text: "API", start: 1.2, end: 1.6, p: 0.9 },
  { text: "was", start: 1.6, end: 1.8, p: 0.9 },
  { text: "slow.", start: 1.8, end: 2.3, p: 0.9 },
  { text: "I", start: 3.5, end: 3.6, p: 0.9 },
  { text: "fixed", start: 3.6, end: 4.0, p: 0.9 },
  { text: "it.", start: 4.0, end: 4.3, p: 0.9 },
];

export const assessment: TakeAssessment = {
  transcript: { text: words.map((w) => w.text).join(" "), words },
  speech: {
    total_seconds: 6,
    speaking_seconds: 3.3,
    think_seconds: 1,
    pauses: [{ start: 2.3, end: 3.5 }],
    segments: [
      { start: 1, end: 2.3 },
      { start: 3.5, end: 4.3 },
    ],
  },
  delivery: {
    words: 7,
    wpm: 127,
    pace: [{ start: 0, end: 10, words: 7, speaking_seconds: 3.3, wpm: 127 }],
    fillers: {
      count: 0,
      per_minute: 0,
      per_100_words: 0,
      lower_bound: false,
      items: [],
      unworded_speech: [],
      so_openers: [],
      per_part: null,
      clusters: [],
    },
  },
  quality: { clipped_share: 0, speech_dbfs: -20 },
  rubric: "story",
  parts: null,
  star: {
    units: [
      { text: "Our API was slow.", label: "situation", start: 1.0, end: 2.3, cues: [] },
      { text: "I fixed it.", label: "action", start: 3.5, end: 4.3, cues: [] },
    ],
    seconds: { situation: 1.3, task: 0, action: 0.8, result: 0, other: 0 },
    words: { situation: 4, task: 0, action: 3, result: 0, other: 0 },
    present: { situation: true, task: false, action: true, result: false },
    in_order: true,
    quantified_result: false,
    reflection: false,
    action_i: 1,
    action_we: 0,
    hypothetical_actions: 0,
    action_units: 1,
  },
  score: { total: 41, structure: 35, delivery: 60, content: 30 },
  findings: [
    {
      kind: "mid_sentence_pause",
      severity: "warning",
      message: "A 1.2 s pause mid-answer.",
      quote: "slow. I",
      start: 2.3,
      end: 3.5,
    },
  ],
  feedback: ["Say what the result was, with a number."],
  timing: { model_load_seconds: 0, speech_activity_seconds: 0.01, transcribe_seconds: 0.2 },
};

/** A behavioural question of the built-in pack's shape. */
export const question: Question = {
  id: "bd-1",
  text: "Tell me about a tight deadline.",
  category: "behavioural",
  target_seconds: 90,
  competencies: [],
};

/** jsdom has no modal dialogs: these make `<dialog>` open and close like one. */
export function fakeDialogs(): void {
  HTMLDialogElement.prototype.showModal = function () {
    this.setAttribute("open", "");
  };
  HTMLDialogElement.prototype.close = function () {
    this.removeAttribute("open");
  };
}
