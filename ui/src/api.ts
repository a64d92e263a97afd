// Typed calls into the Rust side. Every command answers either its value or an error shaped
// {kind, message}; this module is the only place that talks to Tauri.
import { invoke } from "@tauri-apps/api/core";

export interface ModelStatus {
  name: string;
  path: string;
  present: boolean;
}

export interface AppStatus {
  version: string;
  dataDir: string;
  model: ModelStatus;
}

export interface CommandError {
  kind: string;
  message: string;
}

export function isCommandError(e: unknown): e is CommandError {
  return typeof e === "object" && e !== null && "kind" in e && "message" in e;
}

export function appStatus(): Promise<AppStatus> {
  return invoke<AppStatus>("app_status");
}
