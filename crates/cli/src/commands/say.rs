//! `star-coach say TEXT` and `star-coach voices`: try the voice that asks the questions.

use anyhow::Result;
use audio::voice::{open_voice, VoiceBackend, VoiceSettings};
use clap::Args;

/// How the questions are spoken; shared by `say`, `voices` and `practice`.
#[derive(Args, Clone)]
pub struct VoiceArgs {
    /// Text-to-speech: auto (the platform voice, else espeak-ng), system, espeak, or none.
    #[arg(long, default_value = "auto")]
    pub voice_backend: String,
    /// A voice id (see `star-coach voices`).
    #[arg(long)]
    pub voice: Option<String>,
    /// Speaking rate in words per minute.
    #[arg(long, default_value_t = 160)]
    pub rate: u32,
    /// Volume, 0–1.
    #[arg(long, default_value_t = 1.0)]
    pub volume: f32,
    /// Output device by name or id (see `star-coach devices`).
    #[arg(long)]
    pub output_device: Option<String>,
}

impl VoiceArgs {
    /// `None` when the user asked for no voice.
    pub fn backend(&self) -> Result<Option<VoiceBackend>> {
        if self.voice_backend == "none" {
            return Ok(None);
        }
        Ok(Some(
            self.voice_backend.parse().map_err(anyhow::Error::msg)?,
        ))
    }

    pub fn settings(&self) -> VoiceSettings {
        VoiceSettings {
            voice: self.voice.clone(),
            words_per_minute: self.rate,
            volume: self.volume,
            output_device: self.output_device.clone(),
        }
    }
}

#[derive(Args)]
pub struct SayArgs {
    pub text: String,
    #[command(flatten)]
    pub voice: VoiceArgs,
}

pub fn say(args: SayArgs) -> Result<()> {
    let Some(backend) = args.voice.backend()? else {
        return Ok(());
    };
    let mut voice = open_voice(backend)?;
    let spoken = voice.speak(&args.text, &args.voice.settings())?;
    eprintln!("Spoken by {} in {:.2} s.", voice.backend(), spoken.seconds);
    Ok(())
}

#[derive(Args)]
pub struct VoicesArgs {
    #[command(flatten)]
    pub voice: VoiceArgs,
}

pub fn voices(args: VoicesArgs) -> Result<()> {
    let Some(backend) = args.voice.backend()? else {
        return Ok(());
    };
    let voice = open_voice(backend)?;
    outln!("Voices of {}:", voice.backend());
    for v in voice.voices()? {
        outln!("  {:<24} {:<32} {}", v.id, v.name, v.language);
    }
    Ok(())
}
