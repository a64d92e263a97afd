//! The platform's own text-to-speech through the `tts` crate: speech-dispatcher on Linux,
//! AVSpeechSynthesizer on macOS, WinRT/SAPI on Windows. The platform plays the audio itself, so
//! the end of the question comes from its utterance-end callback (or, where a backend has none,
//! from polling whether it is still speaking).

use super::{Spoken, Voice, VoiceError, VoiceInfo, VoiceSettings};
use std::sync::mpsc;
use std::time::{Duration, Instant};

pub struct SystemVoice {
    tts: tts::Tts,
    ended: Option<mpsc::Receiver<Instant>>,
}

/// Interviewers speak at about this many words per minute at the platform's "normal" rate.
const NORMAL_RATE_WPM: f32 = 175.0;

impl SystemVoice {
    pub fn open() -> Result<Self, VoiceError> {
        let tts = tts::Tts::default().map_err(|e| VoiceError::Unavailable(e.to_string()))?;
        let features = tts.supported_features();
        let ended = if features.utterance_callbacks {
            let (tx, rx) = mpsc::channel();
            tts.on_utterance_end(Some(Box::new(move |_| {
                let _ = tx.send(Instant::now());
            })))
            .map_err(|e| VoiceError::Unavailable(e.to_string()))?;
            Some(rx)
        } else {
            None
        };
        Ok(SystemVoice { tts, ended })
    }

    fn apply(&mut self, settings: &VoiceSettings) -> Result<(), VoiceError> {
        let failed = |e: tts::Error| VoiceError::Synthesis(e.to_string());
        let features = self.tts.supported_features();
        if features.rate {
            let scale = settings.words_per_minute as f32 / NORMAL_RATE_WPM;
            let rate =
                (self.tts.normal_rate() * scale).clamp(self.tts.min_rate(), self.tts.max_rate());
            self.tts.set_rate(rate).map_err(failed)?;
        }
        if features.volume {
            let (min, max) = (self.tts.min_volume(), self.tts.max_volume());
            let volume = min + (max - min) * settings.volume.clamp(0.0, 1.0);
            self.tts.set_volume(volume).map_err(failed)?;
        }
        if let (Some(wanted), true) = (&settings.voice, features.voice) {
            let voices = self.tts.voices().map_err(failed)?;
            let voice = voices
                .iter()
                .find(|v| v.id() == *wanted || v.name() == *wanted)
                .ok_or_else(|| VoiceError::UnknownVoice(wanted.clone()))?;
            self.tts.set_voice(voice).map_err(failed)?;
        }
        Ok(())
    }
}

impl Voice for SystemVoice {
    fn backend(&self) -> &'static str {
        "system"
    }

    fn voices(&self) -> Result<Vec<VoiceInfo>, VoiceError> {
        if !self.tts.supported_features().voice {
            return Ok(Vec::new());
        }
        let voices = self
            .tts
            .voices()
            .map_err(|e| VoiceError::Synthesis(e.to_string()))?;
        Ok(voices
            .into_iter()
            .map(|v| VoiceInfo {
                id: v.id(),
                name: v.name(),
                language: v.language().to_string(),
            })
            .collect())
    }

    fn speak(&mut self, text: &str, settings: &VoiceSettings) -> Result<Spoken, VoiceError> {
        self.apply(settings)?;
        if let Some(ended) = &self.ended {
            while ended.try_recv().is_ok() {}
        }
        let started = Instant::now();
        self.tts
            .speak(text, true)
            .map_err(|e| VoiceError::Synthesis(e.to_string()))?;
        // No utterance takes longer than a second per 4 characters plus a margin; past that the
        // platform is stuck and the question is shown as text anyway.
        let limit = Duration::from_secs(10) + Duration::from_millis(250 * text.len() as u64);
        let finished_at = match &self.ended {
            Some(ended) => ended
                .recv_timeout(limit)
                .map_err(|_| VoiceError::Synthesis("the platform voice never finished".into()))?,
            None => {
                // Give the platform a moment to start before asking whether it is done.
                std::thread::sleep(Duration::from_millis(100));
                loop {
                    let speaking = self
                        .tts
                        .is_speaking()
                        .map_err(|e| VoiceError::Synthesis(e.to_string()))?;
                    if !speaking {
                        break Instant::now();
                    }
                    if started.elapsed() > limit {
                        return Err(VoiceError::Synthesis(
                            "the platform voice never finished".into(),
                        ));
                    }
                    std::thread::sleep(Duration::from_millis(20));
                }
            }
        };
        Ok(Spoken {
            finished_at,
            seconds: finished_at.duration_since(started).as_secs_f64(),
        })
    }
}
