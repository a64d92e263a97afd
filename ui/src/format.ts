// How numbers and times are shown. Presentation only: every value was computed in Rust.

/** 75.25 → "1:15" (whole seconds, for clocks and durations). */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** 75.25 → "1:15.3" (tenths, for points in a recording). */
export function preciseClock(seconds: number): string {
  const t = Math.max(0, seconds);
  const m = Math.floor(t / 60);
  const rest = (t - m * 60).toFixed(1).padStart(4, "0");
  return `${m}:${rest}`;
}

/** A local date and time for the history list. */
export function when(ms: number, locale?: string): string {
  return new Date(ms).toLocaleString(locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });
}

export function score(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : String(Math.round(value));
}

/** A band for colouring a 0–100 score. */
export function scoreBand(value: number | null | undefined): "good" | "fair" | "weak" | "none" {
  if (value === null || value === undefined) return "none";
  if (value >= 75) return "good";
  if (value >= 50) return "fair";
  return "weak";
}

export { PART_NAMES } from "./bindings/partNames";

/** "behavioural" → "Behavioural". */
export function capitalized(word: string): string {
  return word ? word[0].toUpperCase() + word.slice(1) : word;
}
