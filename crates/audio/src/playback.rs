//! Plays a mono clip through an output device with cpal and says when the last sample left the
//! speaker. The stream lives and dies on the calling thread, which waits for the end of the clip.

use crate::capture::devices::choose_device;
use crate::resample::resample;
use cpal::traits::{DeviceTrait, StreamTrait};
use cpal::{FromSample, SampleFormat, SizedSample};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

#[derive(Debug, thiserror::Error)]
pub enum PlaybackError {
    #[error("no speaker or headphones available: {0}")]
    NoOutputDevice(String),
    #[error("cannot play on \"{device}\": {message}")]
    Device { device: String, message: String },
    #[error("playback on \"{device}\" stalled: the device stopped taking audio")]
    Stalled { device: String },
}

/// Plays `samples` (mono, at `rate`) on the named output or the default one. Returns the moment
/// the clip finished sounding (the last sample's time at the speaker, latency included), or
/// the moment it was cut short when `cancel` was set.
pub fn play_mono(
    samples: &[f32],
    rate: u32,
    device: Option<&str>,
    cancel: &AtomicBool,
) -> Result<Instant, PlaybackError> {
    let chosen = choose_device(device, false).map_err(PlaybackError::NoOutputDevice)?;
    let name = chosen.name.clone();
    let device_err = |e: cpal::Error| PlaybackError::Device {
        device: name.clone(),
        message: e.to_string(),
    };
    let config = chosen.device.default_output_config().map_err(device_err)?;
    let out_rate = config.sample_rate();
    let clip = resample(samples, rate, out_rate).map_err(|e| PlaybackError::Device {
        device: name.clone(),
        message: e.to_string(),
    })?;
    let clip_seconds = clip.len() as f64 / out_rate as f64;
    let (done_tx, done_rx) = mpsc::channel();
    let stream_config = config.config();
    macro_rules! typed {
        ($t:ty) => {
            build_output::<$t>(&chosen.device, stream_config, clip, done_tx)
        };
    }
    let stream = match config.sample_format() {
        SampleFormat::I16 => typed!(i16),
        SampleFormat::U16 => typed!(u16),
        SampleFormat::I32 => typed!(i32),
        SampleFormat::F32 => typed!(f32),
        SampleFormat::F64 => typed!(f64),
        SampleFormat::I8 => typed!(i8),
        SampleFormat::U8 => typed!(u8),
        other => {
            return Err(PlaybackError::Device {
                device: name,
                message: format!("sample format {other:?} is not supported"),
            })
        }
    }
    .map_err(device_err)?;
    stream.play().map_err(device_err)?;
    let deadline = Instant::now() + Duration::from_secs_f64(clip_seconds + 10.0);
    loop {
        if cancel.load(Ordering::Relaxed) {
            return Ok(Instant::now());
        }
        match done_rx.recv_timeout(Duration::from_millis(20)) {
            Ok(end) => {
                // Let the device play out what it holds before the stream is dropped.
                let now = Instant::now();
                if end > now {
                    std::thread::sleep(end - now);
                }
                return Ok(end);
            }
            Err(RecvTimeoutError::Timeout) if Instant::now() < deadline => {}
            Err(_) => return Err(PlaybackError::Stalled { device: name }),
        }
    }
}

fn build_output<T>(
    device: &cpal::Device,
    config: cpal::StreamConfig,
    clip: Vec<f32>,
    done: mpsc::Sender<Instant>,
) -> Result<cpal::Stream, cpal::Error>
where
    T: SizedSample + FromSample<f32> + Send + 'static,
{
    let channels = config.channels.max(1) as usize;
    let rate = config.sample_rate.max(1) as f64;
    let mut next = 0usize;
    let mut reported = false;
    device.build_output_stream::<T, _, _>(
        config,
        move |out: &mut [T], info| {
            let first = next;
            for frame in out.chunks_mut(channels) {
                let s = clip.get(next).copied().unwrap_or(0.0);
                next += 1;
                for x in frame.iter_mut() {
                    *x = T::from_sample(s);
                }
            }
            if next >= clip.len() && !reported {
                reported = true;
                // The clip's last sample sits `frames` into this buffer, which reaches the
                // speaker after the device's latency.
                let ts = info.timestamp();
                let latency = ts.playback.duration_since(ts.callback);
                let frames = clip.len().saturating_sub(first) as f64;
                let _ =
                    done.send(Instant::now() + latency + Duration::from_secs_f64(frames / rate));
            }
        },
        |err| tracing::warn!("output stream: {err}"),
        None,
    )
}
