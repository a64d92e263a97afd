import { starSegments, wordAt } from "./timeline";
import { words } from "./test/fixtures";

test("consecutive units of one part become one segment; untimed units are skipped", () => {
  const segments = starSegments([
    { text: "a", label: "situation", start: 0, end: 2, cues: [] },
    { text: "b", label: "situation", start: 2.1, end: 5, cues: [] },
    { text: "c", label: "task", start: null, end: null, cues: [] },
    { text: "d", label: "action", start: 5.5, end: 9, cues: [] },
    { text: "e", label: "situation", start: 9.2, end: 10, cues: [] },
  ]);
  expect(segments).toEqual([
    { part: "situation", start: 0, end: 5 },
    { part: "action", start: 5.5, end: 9 },
    { part: "situation", start: 9.2, end: 10 },
  ]);
});

test("the word sounding at a moment is found, and the last one holds through a pause", () => {
  expect(wordAt(words, 0.5)).toBe(-1);
  expect(wordAt(words, 1.0)).toBe(0);
  expect(wordAt(words, 1.7)).toBe(2);
  expect(wordAt(words, 3.0)).toBe(3); // in the pause after "slow."
  expect(wordAt(words, 99)).toBe(words.length - 1);
  expect(wordAt([], 1)).toBe(-1);
});
