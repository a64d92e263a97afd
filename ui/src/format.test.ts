import { clock, preciseClock, score, scoreBand } from "./format";

test("clocks show minutes and seconds", () => {
  expect(clock(0)).toBe("0:00");
  expect(clock(75.9)).toBe("1:15");
  expect(clock(-3)).toBe("0:00");
  expect(preciseClock(75.25)).toBe("1:15.3");
  expect(preciseClock(5.04)).toBe("0:05.0");
});

test("scores are whole numbers, or a dash when there is none", () => {
  expect(score(72.6)).toBe("73");
  expect(score(null)).toBe("—");
  expect(scoreBand(80)).toBe("good");
  expect(scoreBand(50)).toBe("fair");
  expect(scoreBand(49.9)).toBe("weak");
  expect(scoreBand(null)).toBe("none");
});
