//! Tauri commands: a few lines each, calling into the crates. Anything that can take longer
//! than a moment (speaking, listing devices, a whole take) runs off the main thread.

pub mod history;
pub mod microphone;
pub mod models;
pub mod packs;
pub mod practice;
pub mod settings;
pub mod status;
