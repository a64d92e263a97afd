// Turns an assessment's timed STAR units and words into what the Results screen draws: bar
// segments in seconds, and which word is sounding at a moment of playback.

import type { Part } from "./bindings/Part";
import type { StarUnit } from "./bindings/StarUnit";
import type { Word } from "./bindings/Word";

export interface Segment {
  part: Part;
  start: number;
  end: number;
}

/** Consecutive units with the same label become one segment; untimed units are left out. */
export function starSegments(units: StarUnit[]): Segment[] {
  const segments: Segment[] = [];
  for (const unit of units) {
    if (unit.start === null || unit.end === null) continue;
    const last = segments[segments.length - 1];
    if (last && last.part === unit.label) {
      last.end = Math.max(last.end, unit.end);
    } else {
      segments.push({ part: unit.label, start: unit.start, end: unit.end });
    }
  }
  return segments;
}

/**
 * The index of the word being spoken at `time`, or of the last word before it during a
 * pause; -1 before the first word. Words are in order, so this is a binary search.
 */
export function wordAt(words: Word[], time: number): number {
  let lo = 0;
  let hi = words.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (words[mid].start <= time) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}
