// Small pieces of the practice screen that are worth testing on their own.

import type { StopReason } from "../bindings/StopReason";
import { clock } from "../format";

/** The meter shows −60 dBFS (silence) to 0 dBFS (full scale) as 0–100 %. */
export function levelPercent(rmsDbfs: number): number {
  if (!Number.isFinite(rmsDbfs)) return 0;
  return Math.max(0, Math.min(100, ((rmsDbfs + 60) / 60) * 100));
}

/** Time left to the question's target length, then how far past it the answer has gone. */
export function countdownText(elapsed: number, target: number): string {
  const left = Math.round(target - elapsed);
  return left >= 0 ? `${clock(left)} left of ${clock(target)}` : `${clock(-left)} over ${clock(target)}`;
}

/** Why the take stopped, in words. */
export function stopMessage(stop: StopReason): string {
  switch (stop.kind) {
    case "requested":
      return "Stopped.";
    case "max_duration":
      return "Stopped at the time limit.";
    case "silence":
      return `Stopped after ${Math.round(stop.seconds)} s of quiet.`;
    case "device_lost":
      return `The microphone went away (${stop.message}); everything recorded until then is kept.`;
    case "write_failed":
      return `The recording could not be written (${stop.message}); everything written until then is kept.`;
  }
}
