import { countdownText, levelPercent, stopMessage } from "./practice-view";

test("the meter maps -60..0 dBFS to 0..100 %", () => {
  expect(levelPercent(-60)).toBe(0);
  expect(levelPercent(-30)).toBe(50);
  expect(levelPercent(0)).toBe(100);
  expect(levelPercent(6)).toBe(100);
  expect(levelPercent(-Infinity)).toBe(0);
  expect(levelPercent(NaN)).toBe(0);
});

test("every way a take stops is said in words", () => {
  expect(stopMessage({ kind: "silence", seconds: 5 })).toBe("Stopped after 5 s of quiet.");
  expect(stopMessage({ kind: "device_lost", message: "unplugged" })).toContain(
    "everything recorded until then is kept",
  );
  expect(stopMessage({ kind: "max_duration" })).toContain("time limit");
});

test("the countdown counts to the target length, then says how far past it", () => {
  expect(countdownText(0, 90)).toBe("1:30 left of 1:30");
  expect(countdownText(62.4, 90)).toBe("0:28 left of 1:30");
  expect(countdownText(90, 90)).toBe("0:00 left of 1:30");
  expect(countdownText(101, 90)).toBe("0:11 over 1:30");
});
