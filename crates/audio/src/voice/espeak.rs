//! espeak-ng as a voice: it writes the question as audio, which we play through cpal, so the
//! end of the question is known to the sample.

use super::{Spoken, Voice, VoiceError, VoiceInfo, VoiceSettings};
use crate::playback::play_mono;
use std::process::Command;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

pub struct EspeakVoice {
    program: String,
}

impl EspeakVoice {
    /// Checks that `espeak-ng` runs.
    pub fn open() -> Result<Self, VoiceError> {
        let program = "espeak-ng".to_string();
        let ok = Command::new(&program)
            .arg("--version")
            .output()
            .map_err(|e| VoiceError::Unavailable(format!("cannot run {program}: {e}")))?;
        if !ok.status.success() {
            return Err(VoiceError::Unavailable(format!(
                "{program} --version failed"
            )));
        }
        Ok(EspeakVoice { program })
    }

    /// The question as mono samples and their rate.
    pub fn synthesize(
        &self,
        text: &str,
        settings: &VoiceSettings,
    ) -> Result<(Vec<f32>, u32), VoiceError> {
        // espeak-ng's amplitude runs 0–200 with 100 as normal.
        let amplitude = (settings.volume.clamp(0.0, 1.0) * 100.0).round() as u32;
        let mut cmd = Command::new(&self.program);
        cmd.arg("--stdout")
            .args(["-s", &settings.words_per_minute.clamp(80, 450).to_string()])
            .args(["-a", &amplitude.to_string()])
            .args(["-v", settings.voice.as_deref().unwrap_or("en-us")])
            .arg("--")
            .arg(text);
        let out = cmd
            .output()
            .map_err(|e| VoiceError::Synthesis(format!("cannot run {}: {e}", self.program)))?;
        if !out.status.success() {
            let err = String::from_utf8_lossy(&out.stderr);
            if err.contains("voice") {
                return Err(VoiceError::UnknownVoice(
                    settings.voice.clone().unwrap_or_default(),
                ));
            }
            return Err(VoiceError::Synthesis(err.trim().to_string()));
        }
        parse_streamed_wav(&out.stdout).map_err(VoiceError::Synthesis)
    }
}

/// espeak-ng writes its WAV to a pipe before it knows the length, so the header's sizes are
/// placeholders; read the format from the header and take every byte after it as audio.
fn parse_streamed_wav(bytes: &[u8]) -> Result<(Vec<f32>, u32), String> {
    if bytes.len() < 12 || &bytes[0..4] != b"RIFF" || &bytes[8..12] != b"WAVE" {
        return Err("espeak-ng did not write a WAV".into());
    }
    let mut pos = 12;
    let mut format = None;
    while pos + 8 <= bytes.len() {
        let id = &bytes[pos..pos + 4];
        let size = u32::from_le_bytes(bytes[pos + 4..pos + 8].try_into().unwrap()) as usize;
        let body = pos + 8;
        if id == b"fmt " && body + 16 <= bytes.len() {
            let channels = u16::from_le_bytes([bytes[body + 2], bytes[body + 3]]);
            let rate = u32::from_le_bytes(bytes[body + 4..body + 8].try_into().unwrap());
            let bits = u16::from_le_bytes([bytes[body + 14], bytes[body + 15]]);
            format = Some((channels, rate, bits));
        }
        if id == b"data" {
            let (channels, rate, bits) = format.ok_or("no fmt chunk before the audio")?;
            if channels != 1 || bits != 16 {
                return Err(format!("unexpected format: {channels} ch, {bits} bit"));
            }
            let samples = bytes[body..]
                .chunks_exact(2)
                .map(|b| i16::from_le_bytes([b[0], b[1]]) as f32 / 32768.0)
                .collect();
            return Ok((samples, rate));
        }
        pos = body + size + (size & 1);
    }
    Err("no audio in espeak-ng's output".into())
}

impl Voice for EspeakVoice {
    fn backend(&self) -> &'static str {
        "espeak-ng"
    }

    fn voices(&self) -> Result<Vec<VoiceInfo>, VoiceError> {
        let out = Command::new(&self.program)
            .arg("--voices=en")
            .output()
            .map_err(|e| VoiceError::Unavailable(e.to_string()))?;
        // Columns: Pty Language Age/Gender VoiceName File Other Languages
        Ok(String::from_utf8_lossy(&out.stdout)
            .lines()
            .skip(1)
            .filter_map(|line| {
                let cols: Vec<&str> = line.split_whitespace().collect();
                (cols.len() >= 4).then(|| VoiceInfo {
                    id: cols[1].to_string(),
                    name: cols[3].replace('_', " "),
                    language: cols[1].to_string(),
                })
            })
            .collect())
    }

    fn speak(&mut self, text: &str, settings: &VoiceSettings) -> Result<Spoken, VoiceError> {
        let (samples, rate) = self.synthesize(text, settings)?;
        let started = Instant::now();
        let cancel = AtomicBool::new(false);
        let finished_at = play_mono(&samples, rate, settings.output_device.as_deref(), &cancel)?;
        Ok(Spoken {
            finished_at,
            seconds: finished_at.duration_since(started).as_secs_f64(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streamed_wav_with_placeholder_sizes_is_read_to_its_end() {
        let mut wav = Vec::new();
        wav.extend_from_slice(b"RIFF\x24\xf0\xff\x7fWAVEfmt \x10\0\0\0\x01\0\x01\0");
        wav.extend_from_slice(&22050u32.to_le_bytes());
        wav.extend_from_slice(&44100u32.to_le_bytes());
        wav.extend_from_slice(b"\x02\0\x10\0data\x00\xf0\xff\x7f");
        for s in [0i16, 16384, -32768] {
            wav.extend_from_slice(&s.to_le_bytes());
        }
        let (samples, rate) = parse_streamed_wav(&wav).unwrap();
        assert_eq!(rate, 22050);
        assert_eq!(samples, vec![0.0, 0.5, -1.0]);
        assert!(parse_streamed_wav(b"not a wav").is_err());
    }
}
