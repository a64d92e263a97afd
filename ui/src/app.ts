// The app frame: navigation between screens, the shared context they get, and the theme.
// Each screen renders into the main element and returns what to undo when it is left.

import type { AppStatus } from "./bindings/AppStatus";
import type { PackInfo } from "./bindings/PackInfo";
import type { ProgressScope } from "./bindings/ProgressScope";
import type { Question } from "./bindings/Question";
import type { SessionSummary } from "./bindings/SessionSummary";

/** Where a practice take belongs: a single question, or a place in a mock interview. */
export interface MockPlace {
  questions: Question[];
  index: number;
  /** The pack of each question, when they are not all from one (a mock interview for a job). */
  packIds?: string[];
}

export type Route =
  | { screen: "home" }
  | { screen: "practice"; packId: string; question: Question; mock?: MockPlace }
  | {
      screen: "results";
      takeId: number;
      packId?: string;
      question?: Question;
      mock?: MockPlace;
      /** Something that went wrong after the take was saved (a follow-up that failed). */
      notice?: string;
    }
  | { screen: "summary"; summary: SessionSummary; sessionId?: number }
  | { screen: "compare"; before: number; after: number }
  | { screen: "history" }
  | { screen: "progress"; scope?: ProgressScope }
  | { screen: "stories" }
  | { screen: "packs"; said?: string }
  | { screen: "pack-editor"; packId?: string; copyOf?: string }
  | { screen: "job-ad" }
  | { screen: "settings" };

export interface Context {
  status: AppStatus;
  packs: PackInfo[];
  /** Reads the packs again into `packs` (after one is saved, imported or deleted). */
  reloadPacks: () => Promise<void>;
  go: (route: Route) => void;
  /** Applies a theme setting ("system", "light", "dark") to the window. */
  applyTheme: (theme: string) => void;
}

export type Cleanup = (() => void) | void;
export type Screen<R extends Route = Route> = (root: HTMLElement, ctx: Context, route: R) => Cleanup | Promise<Cleanup>;

export function applyTheme(theme: string): void {
  if (theme === "light" || theme === "dark") {
    document.documentElement.dataset.theme = theme;
  } else {
    delete document.documentElement.dataset.theme;
  }
}

/** The first element to focus on a new screen: its heading, so screen readers announce it. */
export function focusHeading(root: HTMLElement): void {
  const heading = root.querySelector<HTMLElement>("h1, h2");
  if (heading) {
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }
}

/** Opens the first question of a mock interview Rust has started with `questions`, each from
 * pack `packIds[i]` (or all from `packId`). */
export function openMock(ctx: Context, packId: string, questions: Question[], packIds?: string[]): void {
  ctx.go({
    screen: "practice",
    packId: packIds?.[0] ?? packId,
    question: questions[0],
    mock: { questions, index: 0, ...(packIds ? { packIds } : {}) },
  });
}
