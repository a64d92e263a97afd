//! Mono resampling with rubato's FFT resampler, usable as a stream (live capture pushes blocks
//! as they arrive) or in one call. The resampler's delay is removed so that output sample n
//! lines up with input time n / output_rate.

use crate::error::AudioError;
use rubato::{FftFixedIn, Resampler};

const CHUNK: usize = 1024;

pub struct MonoResampler {
    inner: Option<FftFixedIn<f32>>,
    input_rate: u32,
    output_rate: u32,
    pending: Vec<f32>,
    delay_left: usize,
    consumed: u64,
    produced: u64,
}

impl MonoResampler {
    pub fn new(input_rate: u32, output_rate: u32) -> Result<Self, AudioError> {
        if input_rate == 0 || output_rate == 0 {
            return Err(AudioError::Resample(format!(
                "invalid rates {input_rate} → {output_rate}"
            )));
        }
        let inner = if input_rate == output_rate {
            None
        } else {
            Some(
                FftFixedIn::new(input_rate as usize, output_rate as usize, CHUNK, 2, 1)
                    .map_err(|e| AudioError::Resample(e.to_string()))?,
            )
        };
        let delay_left = inner.as_ref().map_or(0, |r| r.output_delay());
        Ok(MonoResampler {
            inner,
            input_rate,
            output_rate,
            pending: Vec::new(),
            delay_left,
            consumed: 0,
            produced: 0,
        })
    }

    /// The number of output samples that `input` samples correspond to.
    fn expected_output(&self, input: u64) -> u64 {
        (input * self.output_rate as u64).div_ceil(self.input_rate as u64)
    }

    fn emit(&mut self, mut block: Vec<f32>, out: &mut Vec<f32>) {
        let skip = self.delay_left.min(block.len());
        self.delay_left -= skip;
        block.drain(..skip);
        let room = self
            .expected_output(self.consumed)
            .saturating_sub(self.produced) as usize;
        block.truncate(room);
        self.produced += block.len() as u64;
        out.extend_from_slice(&block);
    }

    /// Feeds samples; returns whatever output is ready.
    pub fn push(&mut self, samples: &[f32]) -> Result<Vec<f32>, AudioError> {
        self.consumed += samples.len() as u64;
        let Some(inner) = self.inner.as_mut() else {
            self.produced += samples.len() as u64;
            return Ok(samples.to_vec());
        };
        self.pending.extend_from_slice(samples);
        let mut blocks = Vec::new();
        while self.pending.len() >= inner.input_frames_next() {
            let n = inner.input_frames_next();
            let chunk: Vec<f32> = self.pending.drain(..n).collect();
            let mut result = inner
                .process(&[chunk], None)
                .map_err(|e| AudioError::Resample(e.to_string()))?;
            blocks.push(result.pop().unwrap_or_default());
        }
        let mut out = Vec::new();
        for b in blocks {
            self.emit(b, &mut out);
        }
        Ok(out)
    }

    /// Flushes the remaining input and the resampler's delay line.
    pub fn finish(&mut self) -> Result<Vec<f32>, AudioError> {
        let mut out = Vec::new();
        let owed = self.expected_output(self.consumed) + self.delay_left as u64;
        let already = self.produced;
        let Some(inner) = self.inner.as_mut() else {
            return Ok(out);
        };
        let mut blocks = Vec::new();
        let rest: Vec<f32> = std::mem::take(&mut self.pending);
        // rubato refuses an empty partial block; input that filled its last chunk exactly
        // has nothing left but the delay line.
        let rest = (!rest.is_empty()).then_some([rest]);
        let mut result = inner
            .process_partial(rest.as_ref().map(|r| &r[..]), None)
            .map_err(|e| AudioError::Resample(e.to_string()))?;
        blocks.push(result.pop().unwrap_or_default());
        // Push silence through until everything the input is owed has come out.
        let mut guard = 0;
        while already + blocks.iter().map(|b| b.len() as u64).sum::<u64>() < owed && guard < 64 {
            let mut result = inner
                .process_partial::<Vec<f32>>(None, None)
                .map_err(|e| AudioError::Resample(e.to_string()))?;
            blocks.push(result.pop().unwrap_or_default());
            guard += 1;
        }
        for b in blocks {
            self.emit(b, &mut out);
        }
        Ok(out)
    }
}

/// Resamples a whole mono signal.
pub fn resample(
    samples: &[f32],
    input_rate: u32,
    output_rate: u32,
) -> Result<Vec<f32>, AudioError> {
    let mut r = MonoResampler::new(input_rate, output_rate)?;
    let mut out = r.push(samples)?;
    out.extend(r.finish()?);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sine(freq: f32, rate: u32, seconds: f32) -> Vec<f32> {
        (0..(rate as f32 * seconds) as usize)
            .map(|i| (2.0 * std::f32::consts::PI * freq * i as f32 / rate as f32).sin())
            .collect()
    }

    #[test]
    fn keeps_length_and_phase_across_common_rates() {
        for rate in [8_000, 22_050, 44_100, 48_000] {
            let input = sine(440.0, rate, 1.3);
            let out = resample(&input, rate, 16_000).unwrap();
            let expected = sine(440.0, 16_000, 1.3);
            assert!(
                (out.len() as i64 - expected.len() as i64).abs() <= 1,
                "{rate}: {} vs {}",
                out.len(),
                expected.len()
            );
            // Delay removed: the output lines up with a sine generated at 16 kHz directly (the
            // best integer lag is 0; what remains is under a third of a sample) at the same level.
            let lag_error = |lag: i64| -> f32 {
                (4000..16000)
                    .map(|i| (out[(i as i64 + lag) as usize] - expected[i]).powi(2))
                    .sum()
            };
            let best = (-3..=3)
                .min_by(|a, b| lag_error(*a).total_cmp(&lag_error(*b)))
                .unwrap();
            assert_eq!(best, 0, "{rate}: output is shifted by {best} samples");
            let rms = |v: &[f32]| (v.iter().map(|x| x * x).sum::<f32>() / v.len() as f32).sqrt();
            let ratio = rms(&out[4000..16000]) / rms(&expected[4000..16000]);
            assert!((ratio - 1.0).abs() < 0.02, "{rate}: level ratio {ratio}");
        }
    }

    #[test]
    fn streaming_in_odd_blocks_equals_one_call() {
        let input = sine(300.0, 44_100, 0.7);
        let whole = resample(&input, 44_100, 16_000).unwrap();
        let mut r = MonoResampler::new(44_100, 16_000).unwrap();
        let mut streamed = Vec::new();
        for block in input.chunks(333) {
            streamed.extend(r.push(block).unwrap());
        }
        streamed.extend(r.finish().unwrap());
        assert_eq!(streamed.len(), whole.len());
        assert!(streamed
            .iter()
            .zip(&whole)
            .all(|(a, b)| (a - b).abs() < 1e-5));
    }

    #[test]
    fn input_that_fills_whole_chunks_exactly_resamples() {
        // A take of exactly 980 chunks of 1024 samples (20.9 s at 48 kHz) once failed here.
        let input: Vec<f32> = sine(440.0, 48_000, 21.0)[..980 * CHUNK].to_vec();
        assert_eq!(input.len(), 980 * CHUNK);
        let out = resample(&input, 48_000, 16_000).unwrap();
        assert_eq!(out.len(), input.len().div_ceil(3));
    }

    #[test]
    fn same_rate_is_a_copy() {
        assert_eq!(
            resample(&[0.1, 0.2], 16_000, 16_000).unwrap(),
            vec![0.1, 0.2]
        );
    }
}
