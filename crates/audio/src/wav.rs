//! Reading WAV files of any PCM layout (8/16/24/32-bit integer, 32-bit float, any rate, any
//! channel count) into mono f32, and into the 16 kHz mono stream the recogniser needs.

use crate::error::AudioError;
use crate::resample::resample;
use signal::SpeechAudio;
use std::path::{Path, PathBuf};

pub const ASR_RATE: u32 = signal::SPEECH_RATE;
/// Sample rates a recording may declare. Below 4 kHz no speech survives; above 768 kHz no
/// microphone records. A header outside them is damaged or crafted: a 1-second file claiming
/// 1 Hz would be resampled as 16,000 "seconds" of audio, so it is refused before any work.
pub const SUPPORTED_RATES: std::ops::RangeInclusive<u32> = 4_000..=768_000;
/// Floating-point samples beyond this (60 dB over full scale) are damage, not sound.
const LARGEST_FLOAT_SAMPLE: f32 = 1_000.0;

#[derive(Debug, Clone)]
pub struct MonoAudio {
    pub samples: Vec<f32>,
    pub rate: u32,
    /// Layout of the source file, for reports.
    pub source_rate: u32,
    pub source_channels: u16,
    pub source_bits: u16,
    pub source_float: bool,
}

impl MonoAudio {
    pub fn seconds(&self) -> f64 {
        self.samples.len() as f64 / self.rate as f64
    }
}

fn map_hound(path: &Path, e: hound::Error) -> AudioError {
    let path: PathBuf = path.to_path_buf();
    match e {
        hound::Error::IoError(source)
            if matches!(
                source.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::PermissionDenied
            ) =>
        {
            AudioError::Io { path, source }
        }
        // The file exists and opened, so a failed read while parsing the header means it is cut short.
        hound::Error::IoError(source) => AudioError::NotWav {
            path,
            reason: format!("the header is incomplete: {source}"),
        },
        hound::Error::FormatError(reason) => AudioError::NotWav {
            path,
            reason: reason.into(),
        },
        hound::Error::Unsupported => AudioError::Unsupported {
            path,
            reason: "not PCM or IEEE float".into(),
        },
        hound::Error::InvalidSampleFormat => AudioError::Unsupported {
            path,
            reason: "invalid sample format".into(),
        },
        hound::Error::TooWide => AudioError::Unsupported {
            path,
            reason: "samples wider than 32 bits".into(),
        },
        other => AudioError::NotWav {
            path,
            reason: other.to_string(),
        },
    }
}

/// Reads a WAV file and averages its channels into one.
pub fn read_wav_mono(path: &Path) -> Result<MonoAudio, AudioError> {
    decode_wav_mono(open_file(path)?, path)
}

/// Opens a WAV file for reading, refusing an empty one by name.
fn open_file(path: &Path) -> Result<std::io::BufReader<std::fs::File>, AudioError> {
    let meta = std::fs::metadata(path).map_err(|source| AudioError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    if meta.len() == 0 {
        return Err(AudioError::EmptyFile {
            path: path.to_path_buf(),
        });
    }
    let file = std::fs::File::open(path).map_err(|source| AudioError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(std::io::BufReader::new(file))
}

/// Reads a WAV header, refusing a layout no recording has.
fn open_reader<R: std::io::Read>(
    reader: R,
    path: &Path,
) -> Result<hound::WavReader<R>, AudioError> {
    let reader = hound::WavReader::new(reader).map_err(|e| map_hound(path, e))?;
    let spec = reader.spec();
    if spec.channels == 0 || spec.sample_rate == 0 {
        return Err(AudioError::Unsupported {
            path: path.to_path_buf(),
            reason: format!("{} channels at {} Hz", spec.channels, spec.sample_rate),
        });
    }
    if !SUPPORTED_RATES.contains(&spec.sample_rate) {
        return Err(AudioError::Unsupported {
            path: path.to_path_buf(),
            reason: format!(
                "the header says {} Hz; recordings are {}–{} Hz",
                spec.sample_rate,
                SUPPORTED_RATES.start(),
                SUPPORTED_RATES.end()
            ),
        });
    }
    Ok(reader)
}

/// Decodes WAV bytes from any reader into mono; `path` names the source in errors. The file
/// reader above and the fuzzer (`fuzz/`) both come through here.
pub fn decode_wav_mono<R: std::io::Read>(reader: R, path: &Path) -> Result<MonoAudio, AudioError> {
    let reader = open_reader(reader, path)?;
    let spec = reader.spec();
    let declared = reader.len() as u64;
    let channels = spec.channels as usize;
    let interleaved = read_samples(path, reader, declared)?;
    let frames = interleaved.len() / channels;
    if frames == 0 {
        return Err(AudioError::NoSamples {
            path: path.to_path_buf(),
        });
    }
    let samples: Vec<f32> = interleaved
        .chunks_exact(channels)
        .map(|frame| frame.iter().sum::<f32>() / channels as f32)
        .collect();
    Ok(MonoAudio {
        samples,
        rate: spec.sample_rate,
        source_rate: spec.sample_rate,
        source_channels: spec.channels,
        source_bits: spec.bits_per_sample,
        source_float: spec.sample_format == hound::SampleFormat::Float,
    })
}

fn read_samples<R: std::io::Read>(
    path: &Path,
    mut reader: hound::WavReader<R>,
    declared: u64,
) -> Result<Vec<f32>, AudioError> {
    // The header's promise sizes the first allocation only up to a few minutes of audio: a
    // damaged header may promise gigabytes that the file does not hold.
    let mut out = Vec::with_capacity(declared.min(1 << 22) as usize);
    for value in sample_values(path, &mut reader) {
        out.push(value?);
    }
    Ok(out)
}

/// Each sample of the file in turn, as f32 at full scale 1.0; a file cut short or damaged
/// ends in an error naming it.
fn sample_values<'a, R: std::io::Read>(
    path: &'a Path,
    reader: &'a mut hound::WavReader<R>,
) -> Box<dyn Iterator<Item = Result<f32, AudioError>> + 'a> {
    let spec = reader.spec();
    let declared = reader.len() as u64;
    let truncated = move |found: u64| AudioError::Truncated {
        path: path.to_path_buf(),
        declared,
        found,
    };
    match spec.sample_format {
        hound::SampleFormat::Float => {
            Box::new(reader.samples::<f32>().zip(0u64..).map(move |(s, index)| {
                let value = s.map_err(|_| truncated(index))?;
                // NaN, infinities and values far past full scale only come from damage, and
                // would turn the resampler's and the recogniser's arithmetic into NaN.
                if !value.is_finite() || value.abs() > LARGEST_FLOAT_SAMPLE {
                    return Err(AudioError::DamagedSamples {
                        path: path.to_path_buf(),
                        index,
                        value,
                    });
                }
                Ok(value)
            }))
        }
        hound::SampleFormat::Int => {
            let scale = 1.0 / (1u64 << (spec.bits_per_sample - 1)) as f32;
            Box::new(
                reader
                    .samples::<i32>()
                    .zip(0u64..)
                    .map(move |(s, index)| Ok(s.map_err(|_| truncated(index))? as f32 * scale)),
            )
        }
    }
}

/// A WAV read for speech: its audio at 16 kHz mono, and the layout the file had.
#[derive(Debug, Clone)]
pub struct SpeechWav {
    pub samples: SpeechAudio,
    pub source_rate: u32,
    pub source_channels: u16,
    pub source_bits: u16,
    pub source_float: bool,
}

impl SpeechWav {
    pub fn seconds(&self) -> f64 {
        self.samples.seconds()
    }
}

impl MonoAudio {
    /// This audio at 16 kHz, as the speech detectors and the recogniser read it.
    pub fn into_speech(self) -> Result<SpeechWav, AudioError> {
        let samples = if self.rate == ASR_RATE {
            self.samples
        } else {
            resample(&self.samples, self.rate, ASR_RATE)?
        };
        Ok(SpeechWav {
            samples: SpeechAudio::from_16k(samples),
            source_rate: self.source_rate,
            source_channels: self.source_channels,
            source_bits: self.source_bits,
            source_float: self.source_float,
        })
    }
}

/// Reads any WAV and returns it at 16 kHz mono, as the recogniser wants it.
pub fn read_wav_16k_mono(path: &Path) -> Result<SpeechWav, AudioError> {
    read_wav_mono(path)?.into_speech()
}

mod stream;
pub use stream::{stream_wav_mono, wav_seconds};

#[cfg(test)]
mod tests;
