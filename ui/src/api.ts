// Typed calls into the Rust side; the only module that talks to Tauri. Every command answers
// its value or throws a CommandError ({kind, message}); the types come from Rust (bindings/).

import { Channel, convertFileSrc, invoke } from "@tauri-apps/api/core";
import type { AppStatus } from "./bindings/AppStatus";
import type { TakeComparison } from "./bindings/TakeComparison";
import type { Attempt } from "./bindings/Attempt";
import type { ReviewEntry } from "./bindings/ReviewEntry";
import type { Waveform } from "./bindings/Waveform";
import type { QuestionPack } from "./bindings/QuestionPack";
import type { PackProblem } from "./bindings/PackProblem";
import type { ProgressScope } from "./bindings/ProgressScope";
import type { ProgressView } from "./bindings/ProgressView";
import type { ReassessEvent } from "./bindings/ReassessEvent";
import type { Coverage } from "./bindings/Coverage";
import type { ExportedArchive } from "./bindings/ExportedArchive";
import type { StoryBank } from "./bindings/StoryBank";
import type { StorySuggestion } from "./bindings/StorySuggestion";
import type { ExportedReport } from "./bindings/ExportedReport";
import type { JobPlan } from "./bindings/JobPlan";
import type { ImportReport } from "./bindings/ImportReport";
import type { Format } from "./bindings/Format";
import type { ReportSubject } from "./bindings/ReportSubject";
import type { CommandError } from "./bindings/CommandError";
import type { DeviceList } from "./bindings/DeviceList";
import type { MicProgress } from "./bindings/MicProgress";
import type { MockStart } from "./bindings/MockStart";
import type { ModelInfo } from "./bindings/ModelInfo";
import type { ModelProgress } from "./bindings/ModelProgress";
import type { PackInfo } from "./bindings/PackInfo";
import type { SessionSummary } from "./bindings/SessionSummary";
import type { Settings } from "./bindings/Settings";
import type { TakeProgress } from "./bindings/TakeProgress";
import type { TakeRecord } from "./bindings/TakeRecord";
import type { TakeSummary } from "./bindings/TakeSummary";

export type { CommandError };

export function isCommandError(e: unknown): e is CommandError {
  return typeof e === "object" && e !== null && "kind" in e && "message" in e;
}

/** Any thrown value as a CommandError, so every screen shows errors one way. */
export function asCommandError(e: unknown): CommandError {
  return isCommandError(e) ? e : { kind: "internal", message: String(e) };
}

export const appStatus = () => invoke<AppStatus>("app_status");
export const listPacks = () => invoke<PackInfo[]>("list_packs");
export const listTakes = () => invoke<TakeSummary[]>("list_takes");
export const deleteTake = (id: number) => invoke<void>("delete_take", { id });
export const takeAttempt = (id: number) => invoke<Attempt>("take_attempt", { id });
export const reviewQueue = () => invoke<ReviewEntry[]>("review_queue");
/** Days are counted in this page's time zone. */
export const progress = (scope: ProgressScope) =>
  invoke<ProgressView>("progress", { scope, utcOffsetMinutes: -new Date().getTimezoneOffset() });
export const compareTakes = (before: number, after: number) =>
  invoke<TakeComparison>("compare_takes", { before, after });
export const deleteAllTakes = () => invoke<number>("delete_all_takes");
export const getSettings = () => invoke<Settings>("get_settings");
export const saveSettings = (settings: Settings) => invoke<void>("save_settings", { settings });
export const listDevices = () => invoke<DeviceList>("list_devices");
export const speakQuestion = (text: string) => invoke<void>("speak_question", { text });
export const stopTake = () => invoke<void>("stop_take");
/** A mock interview of a pack: its first `count` questions, those due for review, or (with
 * `jobAd`, the text of an advertisement) those that fit the ad best, from the pack or (with no
 * `packId`) from the packs of the ad's role. */
export const startMock = (packId: string | null, count: number, review = false, jobAd: string | null = null) =>
  invoke<MockStart>("start_mock", { packId, count, review, jobAd });
/** With no `packId`, the questions come from the pack of the role the ad is for. */
export const jobAdPlan = (text: string, packId: string | null, count: number) =>
  invoke<JobPlan>("job_ad_plan", { text, packId, count });
export const finishMock = () => invoke<SessionSummary>("finish_mock");

/** A take and where its recording plays from. The assessment was checked against its type when
 * the history read it (an unreadable one is an `assessment_outdated` error, never a guess). */
export interface TakeView extends TakeRecord {
  audioUrl: string;
}

export async function getTake(id: number): Promise<TakeView> {
  const record = await invoke<TakeRecord>("get_take", { id });
  return { ...record, audioUrl: convertFileSrc(record.wav_path) };
}

/** A whole pack, for the pack editor. */
export const getPack = (id: string) => invoke<QuestionPack>("get_pack", { id });
/** Saves a pack from the editor; `replacing` is the id it had when opened (null when new). A
 * problem with the pack comes back as the question and field to fix, and nothing is written. */
export const savePack = (pack: QuestionPack, replacing: string | null) =>
  invoke<PackProblem | null>("save_pack", { pack, replacing });
export const deletePack = (id: string) => invoke<void>("delete_pack", { id });
/** Adds the pack file at `path`; returns its id. */
export const importPack = (path: string, replace: boolean) => invoke<string>("import_pack", { path, replace });
/** Writes a pack as TOML into the data folder; returns the file's path. */
export const exportPack = (id: string) => invoke<string>("export_pack", { id });

/** The outline of a take's recording, to draw its waveform without decoding the audio. */
export const takeWaveform = (id: number) => invoke<Waveform>("take_waveform", { id });

/** Starts a take; `onProgress` hears every step until `done` or `failed`. */
export function startTake(
  packId: string,
  questionId: string,
  mock: boolean,
  onProgress: (p: TakeProgress) => void,
): Promise<void> {
  const channel = new Channel<TakeProgress>();
  channel.onmessage = onProgress;
  return invoke<void>("start_take", { packId, questionId, mock, onProgress: channel });
}

export const listModels = () => invoke<ModelInfo[]>("list_models");
export const useModel = (name: string) => invoke<void>("use_model", { name });

/** Downloads a catalogue model; `onProgress` hears download and verification until done. */
export function fetchModel(name: string, onProgress: (p: ModelProgress) => void): Promise<void> {
  const channel = new Channel<ModelProgress>();
  channel.onmessage = onProgress;
  return invoke<void>("fetch_model", { name, onProgress: channel });
}

/** Takes in a model file the user picked, recognised by its sha256 among the catalogue's. */
export function importModel(path: string, onProgress: (p: ModelProgress) => void): Promise<void> {
  const channel = new Channel<ModelProgress>();
  channel.onmessage = onProgress;
  return invoke<void>("import_model", { path, onProgress: channel });
}

/** Assesses takes again from their recordings (`ids`, or null: every take an older scorer
 * assessed); progress and the report come on `onEvent`. */
export function reassessTakes(ids: number[] | null, onEvent: (e: ReassessEvent) => void): Promise<void> {
  const channel = new Channel<ReassessEvent>();
  channel.onmessage = onEvent;
  return invoke<void>("reassess_takes", { ids, onProgress: channel });
}
export const cancelReassess = () => invoke<boolean>("cancel_reassess");
/** Calls `onLaunch` with the count each time a second launch was refused and this window
 * brought forward instead. */
export function watchLaunches(onLaunch: (refused: number) => void): Promise<void> {
  const channel = new Channel<number>();
  channel.onmessage = onLaunch;
  return invoke<void>("watch_launches", { onLaunch: channel });
}
export const getStories = () => invoke<StoryBank>("get_stories");
export const saveStories = (bank: StoryBank) => invoke<void>("save_stories", { bank });
export const importStories = (text: string) => invoke<StoryBank>("import_stories", { text });
export const exportStories = () => invoke<string>("export_stories");
export const newStoryId = (title: string) => invoke<string>("new_story_id", { title });
export const suggestStoriesFor = (packId: string, questionId: string) =>
  invoke<StorySuggestion[]>("suggest_stories_for", { packId, questionId });
export const storyCoverageOf = (packId: string) => invoke<Coverage>("story_coverage_of", { packId });
export const linkStory = (takeId: number, storyId: string | null) => invoke<void>("link_story", { takeId, storyId });
export const exportArchive = () => invoke<ExportedArchive>("export_archive");
export const importArchive = (path: string) => invoke<ImportReport>("import_archive", { path });
/** Writes a report into the reports folder; its dates are in this page's time zone. */
export const exportReport = (subject: ReportSubject, format: Format) =>
  invoke<ExportedReport>("export_report", {
    subject,
    format,
    utcOffsetMinutes: -new Date().getTimezoneOffset(),
  });

/** Records a few seconds from `device` (null: the default) and judges the level. */
export function checkMicrophone(device: string | null, onProgress: (p: MicProgress) => void): Promise<void> {
  const channel = new Channel<MicProgress>();
  channel.onmessage = onProgress;
  return invoke<void>("check_microphone", { device, onProgress: channel });
}
