//! Reading a WAV file block by block, for feeding a long recording through the live path
//! without ever holding it whole (the benchmark of long takes).

use super::{open_file, open_reader, sample_values};
use crate::error::AudioError;
use crate::resample::MonoResampler;
use std::path::Path;

/// How long the recording is, from its header (the file is not read).
pub fn wav_seconds(path: &Path) -> Result<f64, AudioError> {
    let reader = open_reader(open_file(path)?, path)?;
    Ok(reader.duration() as f64 / reader.spec().sample_rate as f64)
}

/// Hands the recording to `each` in blocks of `block` samples of mono audio at `rate` (the
/// last block may be shorter), reading and resampling it as it goes.
pub fn stream_wav_mono<E: From<AudioError>>(
    path: &Path,
    rate: u32,
    block: usize,
    each: &mut dyn FnMut(&[f32]) -> Result<(), E>,
) -> Result<(), E> {
    let block = block.max(1);
    let mut reader = open_reader(open_file(path)?, path)?;
    let spec = reader.spec();
    let channels = spec.channels as usize;
    let mut resampler = MonoResampler::new(spec.sample_rate, rate)?;
    let mut frame = Vec::with_capacity(channels);
    let mut read = Vec::with_capacity(block);
    let mut ready: Vec<f32> = Vec::new();
    let mut emit = |ready: &mut Vec<f32>, all: bool| -> Result<(), E> {
        let whole = if all {
            ready.len()
        } else {
            ready.len() - ready.len() % block
        };
        for piece in ready[..whole].chunks(block) {
            each(piece)?;
        }
        ready.drain(..whole);
        Ok(())
    };
    for value in sample_values(path, &mut reader) {
        frame.push(value?);
        if frame.len() == channels {
            read.push(frame.iter().sum::<f32>() / channels as f32);
            frame.clear();
            if read.len() == block {
                ready.extend(resampler.push(&read)?);
                read.clear();
                emit(&mut ready, false)?;
            }
        }
    }
    ready.extend(resampler.push(&read)?);
    ready.extend(resampler.finish()?);
    emit(&mut ready, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_streamed_in_blocks_is_the_file_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("stereo.wav");
        let spec = hound::WavSpec {
            channels: 2,
            sample_rate: 16_000,
            bits_per_sample: 16,
            sample_format: hound::SampleFormat::Int,
        };
        let mut writer = hound::WavWriter::create(&path, spec).unwrap();
        for i in 0..16_123i32 {
            writer.write_sample((i % 2000 - 1000) as i16).unwrap();
            writer.write_sample((i % 300) as i16).unwrap();
        }
        writer.finalize().unwrap();
        let whole = super::super::read_wav_mono(&path).unwrap().samples;
        let mut streamed = Vec::new();
        let mut sizes = Vec::new();
        stream_wav_mono::<AudioError>(&path, 16_000, 160, &mut |b| {
            sizes.push(b.len());
            streamed.extend_from_slice(b);
            Ok(())
        })
        .unwrap();
        assert_eq!(streamed, whole);
        assert!(sizes[..sizes.len() - 1].iter().all(|&n| n == 160));
        assert_eq!(*sizes.last().unwrap(), 16_123 % 160);
        assert!((wav_seconds(&path).unwrap() - 16_123.0 / 16_000.0).abs() < 1e-9);
        // At another rate: as many samples as the rates say, within the resampler's rounding.
        let mut n = 0;
        stream_wav_mono::<AudioError>(&path, 48_000, 480, &mut |b| {
            n += b.len();
            Ok(())
        })
        .unwrap();
        assert!((n as i64 - 3 * 16_123).abs() <= 3, "{n}");
    }
}
