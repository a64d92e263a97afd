//! Audio for STAR Coach: microphone capture into takes that survive a crash, asking questions
//! aloud, reading recordings of any common WAV layout and turning them into the 16 kHz mono
//! stream Whisper needs (downmix + rubato resampling), speech activity and audio quality.
//! No Tauri, no Whisper.

pub mod capture;
pub mod error;
pub mod filled_pause;
pub mod filters;
pub mod playback;
pub mod quality;
pub mod resample;
pub mod take_file;
pub mod vad;
pub mod voice;
pub mod wav;
pub mod waveform;

#[cfg(test)]
mod test_alloc;

pub use error::AudioError;
pub use resample::{resample, MonoResampler};
pub use signal::SpeechAudio;
pub use vad::{detect_speech, hear, Heard, SpeechActivity, SpeechListener, VadConfig};
pub use wav::{decode_wav_mono, read_wav_16k_mono, read_wav_mono, MonoAudio, SpeechWav, ASR_RATE};
pub use waveform::{waveform, Waveform, WAVEFORM_POINTS};
