//! The recorder: one worker thread owns the cpal input stream and everything that follows it
//! (take file, resampler, level meter, speech gate). A take goes open → armed → recording:
//! `open` opens the device (armed, or recording at once), `record_from` starts recording an
//! armed take from a given moment, `stop` ends it; events come back on one channel. Audio travels apart,
//! on a lock-free ring (`ring`): cpal's callback only downmixes into it, never locking,
//! allocating or touching the disk.

use super::devices::choose_device;
use super::error::CaptureError;
use super::meter::{Level, LevelMeter, MAX_LEVEL_UPDATES_PER_SECOND};
use super::ring::{capture_ring, CaptureSink, CaptureTap};
use super::silence::{GateEvent, SpeechGate};
use crate::resample::MonoResampler;
use crate::take_file::{TakeFileError, TakeWriter};
use crate::wav::ASR_RATE;
use cpal::traits::{DeviceTrait, StreamTrait};
use cpal::{FromSample, SampleFormat, SizedSample};
use serde::Serialize;
use signal::SpeechAudio;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// With no audio for this long, the device is taken to be gone (unplugged, server died).
const SILENT_DEVICE_TIMEOUT: Duration = Duration::from_secs(3);
/// Opening a stream through a sound server can take a while before the first block arrives.
const FIRST_AUDIO_TIMEOUT: Duration = Duration::from_secs(8);
/// How often the worker takes what the callback put in the ring (a block is 10–100 ms).
const DRAIN_EVERY: Duration = Duration::from_millis(10);

#[derive(Debug, Clone, Default)]
pub struct TakeSpec {
    /// The WAV to write (created with its folder).
    pub path: PathBuf,
    /// Device id or name; `None` or a missing device means the default input.
    pub device: Option<String>,
    /// Stop by itself after this many seconds of audio.
    pub max_seconds: Option<f64>,
    /// Stop by itself after this many seconds of quiet, once speech has started.
    pub silence_stop_seconds: Option<f64>,
    /// Where the crash journal lives (see `take_file`); `None` writes no journal entry.
    pub journal_dir: Option<PathBuf>,
    /// Send the 16 kHz mono stream as [`RecorderEvent::Audio16k`] blocks.
    pub stream_16k: bool,
    /// Open the device armed: capture but write nothing until [`Recorder::record_from`]. A sound
    /// server can take a second or more to deliver the first audio, and a question being asked
    /// aloud is the time to spend it, so the answer's first word is never lost.
    pub armed: bool,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct TakeStarted {
    pub path: PathBuf,
    pub device: String,
    /// The device that was asked for but not found (the default was used).
    pub fell_back_from: Option<String>,
    pub sample_rate: u32,
    pub channels: u16,
    pub sample_format: String,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StopReason {
    Requested,
    MaxDuration,
    Silence {
        seconds: f64,
    },
    /// The device vanished mid-take; everything recorded up to then is kept.
    DeviceLost {
        message: String,
    },
    /// The disk refused more audio; everything written up to then is kept.
    WriteFailed {
        message: String,
    },
}

impl StopReason {
    /// The serialized `kind`: `requested`, `silence`, … (stored in the history).
    pub fn kind(&self) -> &'static str {
        match self {
            StopReason::Requested => "requested",
            StopReason::MaxDuration => "max_duration",
            StopReason::Silence { .. } => "silence",
            StopReason::DeviceLost { .. } => "device_lost",
            StopReason::WriteFailed { .. } => "write_failed",
        }
    }
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct RecordedTake {
    pub path: PathBuf,
    pub seconds: f64,
    pub sample_rate: u32,
    pub device: String,
    pub stop: StopReason,
    /// Seconds into the take at which the speech gate heard the answer start.
    pub speech_started_at: Option<f64>,
    /// When the take's first sample was captured (sound-server latency taken out), so events
    /// timed on the wall clock — the end of the spoken question — can be put in take time.
    #[serde(skip)]
    pub first_sample_at: Option<Instant>,
}

impl RecordedTake {
    /// Seconds from the start of the take to `moment` (negative when it came before).
    pub fn take_time_of(&self, moment: Instant) -> Option<f64> {
        let start = self.first_sample_at?;
        Some(if moment >= start {
            moment.duration_since(start).as_secs_f64()
        } else {
            -start.duration_since(moment).as_secs_f64()
        })
    }
}

#[derive(Debug)]
pub enum RecorderEvent {
    /// The first audio of the take is on disk: from now on the user is being recorded.
    Capturing,
    /// Level of the newest audio, at most 30 times per second of audio.
    Level {
        level: Level,
        elapsed: f64,
    },
    SpeechStarted {
        at: f64,
    },
    /// 16 kHz mono audio, in order, covering the whole take (when `stream_16k` is set).
    Audio16k(SpeechAudio),
    Finished(RecordedTake),
}

enum Msg {
    Open(Box<TakeSpec>, Sender<Result<TakeStarted, CaptureError>>),
    Stop,
    RecordFrom(Instant),
    Shutdown,
    StreamError(u64, cpal::Error),
}

/// Handle to the recorder's worker. Cheap to share by reference; `stop` may be called from any
/// thread (an Enter key reader, a UI command).
pub struct Recorder {
    tx: Sender<Msg>,
    worker: Option<JoinHandle<()>>,
}

impl Recorder {
    /// Starts the worker; events of every take arrive on the returned receiver.
    pub fn spawn() -> (Recorder, Receiver<RecorderEvent>) {
        let (tx, rx) = mpsc::channel();
        let (events_tx, events_rx) = mpsc::channel();
        let worker_tx = tx.clone();
        let worker = std::thread::Builder::new()
            .name("recorder".into())
            .spawn(move || Worker::new(worker_tx, events_tx).run(rx))
            .expect("spawn recorder thread");
        (
            Recorder {
                tx,
                worker: Some(worker),
            },
            events_rx,
        )
    }

    /// Opens the device for a take: recording at once, or armed (see [`TakeSpec::armed`]) until
    /// [`Recorder::record_from`]. Returns once audio is flowing (to disk, unless armed).
    pub fn open(&self, spec: TakeSpec) -> Result<TakeStarted, CaptureError> {
        let (reply_tx, reply_rx) = mpsc::channel();
        self.tx
            .send(Msg::Open(Box::new(spec), reply_tx))
            .map_err(|_| CaptureError::RecorderGone)?;
        reply_rx.recv().map_err(|_| CaptureError::RecorderGone)?
    }

    /// Asks the current take to stop; a `Finished` event follows.
    pub fn stop(&self) {
        let _ = self.tx.send(Msg::Stop);
    }

    /// Starts recording an armed take with the audio captured from `at` on; what came before
    /// is dropped.
    pub fn record_from(&self, at: Instant) {
        let _ = self.tx.send(Msg::RecordFrom(at));
    }

    /// A sender that can stop the take from another thread.
    pub fn stopper(&self) -> Stopper {
        Stopper(self.tx.clone())
    }
}

/// Stops the current take from any thread.
#[derive(Clone)]
pub struct Stopper(Sender<Msg>);

impl Stopper {
    pub fn stop(&self) {
        let _ = self.0.send(Msg::Stop);
    }
}

impl Drop for Recorder {
    /// Shutting down finishes a take in progress, so dropping the recorder never loses audio.
    fn drop(&mut self) {
        let _ = self.tx.send(Msg::Shutdown);
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

struct ActiveTake {
    /// Dropped (closing the device) the moment the take stops.
    stream: Option<cpal::Stream>,
    /// What the stream's callback captured (out only while it is being drained).
    tap: Option<CaptureTap>,
    writer: TakeWriter,
    resampler: MonoResampler,
    meter: LevelMeter,
    gate: SpeechGate,
    spec: TakeSpec,
    device: String,
    max_samples: Option<u64>,
    speech_started_at: Option<f64>,
    opened_at: Instant,
    last_audio: Option<Instant>,
    first_sample_at: Option<Instant>,
    begin: Begin,
    rate: u32,
}

/// Which captured audio belongs to the take.
#[derive(Clone, Copy)]
enum Begin {
    /// Everything from the first block.
    Now,
    /// Nothing yet: an armed take waits for [`Recorder::record_from`].
    Armed,
    /// What was captured from this moment on.
    From(Instant),
}

impl ActiveTake {
    /// Accepts every block waiting in the ring; stops at the first write error.
    fn drain(&mut self, events: &Sender<RecorderEvent>) -> Result<(), TakeFileError> {
        let Some(mut tap) = self.tap.take() else {
            return Ok(());
        };
        let mut result = Ok(());
        tap.drain(|block, captured_at| {
            if result.is_ok() {
                result = self.accept(block, captured_at, events);
            }
        });
        self.tap = Some(tap);
        result
    }

    /// Takes one captured block: drops what came before the take began and what is past the
    /// time limit, writes the rest, and reports level, speech start and 16 kHz audio.
    fn accept(
        &mut self,
        block: &[f32],
        captured_at: Instant,
        events: &Sender<RecorderEvent>,
    ) -> Result<(), TakeFileError> {
        self.last_audio = Some(Instant::now());
        let skip = match self.begin {
            Begin::Armed => return Ok(()),
            Begin::Now => 0,
            Begin::From(at) if captured_at >= at => 0,
            Begin::From(at) => {
                let early = at.duration_since(captured_at).as_secs_f64();
                ((early * self.rate as f64).round() as usize).min(block.len())
            }
        };
        let room = self.max_samples.map_or(usize::MAX, |max| {
            max.saturating_sub(self.writer.samples()) as usize
        });
        let block = &block[skip..][..(block.len() - skip).min(room)];
        if block.is_empty() {
            return Ok(());
        }
        if self.first_sample_at.is_none() {
            let offset = Duration::from_secs_f64(skip as f64 / self.rate as f64);
            self.first_sample_at = Some(captured_at + offset);
            let _ = events.send(RecorderEvent::Capturing);
        }
        self.writer.write(block)?;
        let elapsed = self.writer.seconds();
        if let Some(level) = self.meter.push(block).pop() {
            let _ = events.send(RecorderEvent::Level { level, elapsed });
        }
        if self.gate.push(block) == Some(GateEvent::SpeechStarted) {
            self.speech_started_at = Some(elapsed);
            let _ = events.send(RecorderEvent::SpeechStarted { at: elapsed });
        }
        if self.spec.stream_16k {
            match self.resampler.push(block) {
                Ok(out) if !out.is_empty() => {
                    let _ = events.send(RecorderEvent::Audio16k(SpeechAudio::from_16k(out)));
                }
                Ok(_) => {}
                Err(e) => tracing::warn!("resampler: {e}"),
            }
        }
        Ok(())
    }
}

struct Worker {
    tx: Sender<Msg>,
    events: Sender<RecorderEvent>,
    generation: u64,
    take: Option<ActiveTake>,
}

impl Worker {
    fn new(tx: Sender<Msg>, events: Sender<RecorderEvent>) -> Self {
        Worker {
            tx,
            events,
            generation: 0,
            take: None,
        }
    }

    fn run(mut self, rx: Receiver<Msg>) {
        loop {
            let msg = match rx.recv_timeout(DRAIN_EVERY) {
                Ok(msg) => msg,
                Err(RecvTimeoutError::Timeout) => {
                    self.on_audio();
                    self.check_device_alive();
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => break,
            };
            // Audio captured before a control message is handled first.
            self.on_audio();
            match msg {
                Msg::Open(spec, reply) => {
                    let result = if self.take.is_some() {
                        Err(CaptureError::AlreadyRecording)
                    } else {
                        self.open(*spec)
                    };
                    let _ = reply.send(result);
                }
                Msg::Stop => self.finish(StopReason::Requested),
                Msg::RecordFrom(at) => {
                    if let Some(take) = self.take.as_mut() {
                        take.begin = Begin::From(at);
                    }
                }
                Msg::Shutdown => {
                    self.finish(StopReason::Requested);
                    break;
                }
                Msg::StreamError(generation, err) if generation == self.generation => {
                    self.on_stream_error(err)
                }
                Msg::StreamError(..) => {}
            }
        }
    }

    fn open(&mut self, spec: TakeSpec) -> Result<TakeStarted, CaptureError> {
        let chosen = choose_device(spec.device.as_deref(), true)
            .map_err(|detail| CaptureError::NoInputDevice { detail })?;
        let config = chosen.device.default_input_config().map_err(|e| {
            if spec.device.is_none() || chosen.fell_back_from.is_some() {
                CaptureError::NoInputDevice {
                    detail: format!("the default input \"{}\" cannot record: {e}", chosen.name),
                }
            } else {
                CaptureError::from_cpal(&chosen.name, &e)
            }
        })?;
        let rate = config.sample_rate();
        let channels = config.channels();
        let format = config.sample_format();
        self.generation += 1;
        let (sink, tap) = capture_ring(rate, channels as usize);
        let stream = build_stream(
            &chosen.device,
            &chosen.name,
            config.config(),
            format,
            sink,
            self.tx.clone(),
            self.generation,
        )?;
        let writer = TakeWriter::create(&spec.path, rate, spec.journal_dir.as_deref())?;
        stream
            .play()
            .map_err(|e| CaptureError::from_cpal(&chosen.name, &e))?;
        let started = TakeStarted {
            path: spec.path.clone(),
            device: chosen.name.clone(),
            fell_back_from: chosen.fell_back_from.clone(),
            sample_rate: rate,
            channels,
            sample_format: format!("{format:?}"),
        };
        tracing::info!(?started, "take started");
        let begin = if spec.armed { Begin::Armed } else { Begin::Now };
        self.take = Some(ActiveTake {
            begin,
            stream: Some(stream),
            tap: Some(tap),
            writer,
            resampler: MonoResampler::new(rate, ASR_RATE)
                .map_err(|e| CaptureError::Resample(e.to_string()))?,
            meter: LevelMeter::new(rate, MAX_LEVEL_UPDATES_PER_SECOND),
            gate: SpeechGate::new(rate),
            max_samples: spec
                .max_seconds
                .map(|s| (s.max(0.0) * rate as f64).round() as u64),
            spec,
            device: chosen.name,
            speech_started_at: None,
            opened_at: Instant::now(),
            last_audio: None,
            first_sample_at: None,
            rate,
        });
        Ok(started)
    }

    /// Takes what the callback captured since the last call, then stops the take if it is full
    /// or the answer has ended.
    fn on_audio(&mut self) {
        let Some(take) = self.take.as_mut() else {
            return;
        };
        if let Err(e) = take.drain(&self.events) {
            let message = e.to_string();
            self.finish(StopReason::WriteFailed { message });
            return;
        }
        let reached_max = take
            .max_samples
            .is_some_and(|max| take.writer.samples() >= max);
        let quiet = take.gate.quiet_seconds() as f64;
        let silence_stop = take.spec.silence_stop_seconds.filter(|s| quiet >= *s);
        if reached_max {
            self.finish(StopReason::MaxDuration);
        } else if let Some(seconds) = silence_stop {
            self.finish(StopReason::Silence { seconds });
        }
    }

    fn on_stream_error(&mut self, err: cpal::Error) {
        match err.kind() {
            cpal::ErrorKind::Xrun
            | cpal::ErrorKind::DeviceChanged
            | cpal::ErrorKind::RealtimeDenied => {
                tracing::warn!("input stream: {err}");
            }
            _ => self.finish(StopReason::DeviceLost {
                message: err.to_string(),
            }),
        }
    }

    /// A device that stops delivering audio without an error (a server that died, a USB
    /// microphone pulled out on some systems) is lost just the same.
    fn check_device_alive(&mut self) {
        let Some(take) = self.take.as_ref() else {
            return;
        };
        let (since, limit) = match take.last_audio {
            Some(at) => (at.elapsed(), SILENT_DEVICE_TIMEOUT),
            None => (take.opened_at.elapsed(), FIRST_AUDIO_TIMEOUT),
        };
        if since >= limit {
            let message = format!(
                "the microphone delivered no audio for {:.0} s",
                since.as_secs_f64()
            );
            self.finish(StopReason::DeviceLost { message });
        }
    }

    /// Ends the take: stops the stream, keeps the audio already handed over, completes the file.
    fn finish(&mut self, stop: StopReason) {
        let Some(mut take) = self.take.take() else {
            return;
        };
        if let Some(stream) = take.stream.take() {
            let _ = stream.pause();
            // Dropping the stream ends its callback: after this the ring holds all there is.
            drop(stream);
        }
        // What the callback captured before the stream closed belongs to the take (accept drops
        // what is past the time limit).
        let _ = take.drain(&self.events);
        if let Some(lost) = take
            .tap
            .as_ref()
            .map(CaptureTap::dropped_frames)
            .filter(|n| *n > 0)
        {
            tracing::warn!(
                "the recorder fell behind: {lost} frames ({:.2} s) could not be kept",
                lost as f64 / take.rate as f64
            );
        }
        if take.spec.stream_16k {
            if let Ok(out) = take.resampler.finish() {
                if !out.is_empty() {
                    let _ = self
                        .events
                        .send(RecorderEvent::Audio16k(SpeechAudio::from_16k(out)));
                }
            }
        }
        let path = take.writer.path().to_path_buf();
        let rate = take.writer.rate();
        let (stop, seconds) = match take.writer.finish() {
            Ok(seconds) => (stop, seconds),
            // The disk stopped taking the take: what reached it is kept, and the message says
            // how much.
            Err(e @ TakeFileError::CutShort { kept_seconds, .. }) => (
                StopReason::WriteFailed {
                    message: e.to_string(),
                },
                kept_seconds,
            ),
            Err(e) => (
                StopReason::WriteFailed {
                    message: e.to_string(),
                },
                0.0,
            ),
        };
        tracing::info!(?stop, seconds, "take finished");
        let _ = self.events.send(RecorderEvent::Finished(RecordedTake {
            path,
            seconds,
            sample_rate: rate,
            device: take.device,
            stop,
            speech_started_at: take.speech_started_at,
            first_sample_at: take.first_sample_at,
        }));
    }
}

fn build_stream(
    device: &cpal::Device,
    name: &str,
    config: cpal::StreamConfig,
    format: SampleFormat,
    sink: CaptureSink,
    errors: Sender<Msg>,
    generation: u64,
) -> Result<cpal::Stream, CaptureError> {
    macro_rules! typed {
        ($t:ty) => {
            build_typed::<$t>(device, config, sink, errors, generation)
        };
    }
    let result = match format {
        SampleFormat::I8 => typed!(i8),
        SampleFormat::I16 => typed!(i16),
        SampleFormat::I24 => typed!(cpal::I24),
        SampleFormat::I32 => typed!(i32),
        SampleFormat::I64 => typed!(i64),
        SampleFormat::U8 => typed!(u8),
        SampleFormat::U16 => typed!(u16),
        SampleFormat::U24 => typed!(cpal::U24),
        SampleFormat::U32 => typed!(u32),
        SampleFormat::U64 => typed!(u64),
        SampleFormat::F32 => typed!(f32),
        SampleFormat::F64 => typed!(f64),
        other => {
            return Err(CaptureError::UnsupportedFormat {
                name: name.to_string(),
                format: format!("{other:?}"),
            })
        }
    };
    result.map_err(|e| CaptureError::from_cpal(name, &e))
}

fn build_typed<T>(
    device: &cpal::Device,
    config: cpal::StreamConfig,
    mut sink: CaptureSink,
    errors: Sender<Msg>,
    generation: u64,
) -> Result<cpal::Stream, cpal::Error>
where
    T: SizedSample + Send + 'static,
    f32: FromSample<T>,
{
    let channels = config.channels.max(1) as usize;
    let rate = config.sample_rate.max(1) as f64;
    device.build_input_stream::<T, _, _>(
        config,
        move |data: &[T], info| {
            // The block's first sample was captured its own length before the last one, which
            // the host captured `callback - capture` before this call.
            let ts = info.timestamp();
            let waited = ts.callback.duration_since(ts.capture);
            let span = Duration::from_secs_f64((data.len() / channels) as f64 / rate);
            let now = Instant::now();
            let captured_at = now.checked_sub(waited + span).unwrap_or(now);
            sink.push(data, captured_at);
        },
        move |err| {
            let _ = errors.send(Msg::StreamError(generation, err));
        },
        None,
    )
}
