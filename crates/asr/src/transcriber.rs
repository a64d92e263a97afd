//! Transcription with whisper.cpp: the model is loaded once, then each call transcribes 16 kHz
//! mono f32 samples into words with times (seconds from the first sample) and probabilities.

use crate::error::TranscribeError;
use crate::ggml::HParams;
use crate::model_check::check_model;
use crate::runaway::{closing_copies, end_runaway_decode, RunawayBound};
use crate::window::{FULL_AUDIO_CTX, SAMPLE_RATE};
use crate::words::{words_from_tokens, TimedToken};
use coach::Transcript;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use whisper_rs::{
    DtwMode, DtwModelPreset, DtwParameters, FullParams, SamplingStrategy, WhisperContext,
    WhisperContextParameters, WhisperState,
};

/// Whisper learned to write clean text and drops "um" and "uh"; a prompt written the way people
/// talk, fillers and all, makes it keep more of them (only partly: counts stay a lower bound).
pub const FILLER_KEEPING_PROMPT: &str =
    "Umm, let me think like, hmm... Okay, so, uh, here's what I, like, did.";

#[derive(Debug, Clone)]
pub struct TranscribeOptions {
    /// CPU threads for whisper.cpp; defaults to every available core.
    pub threads: usize,
    /// Spoken language ("en"); None lets a multilingual model detect it.
    pub language: Option<String>,
    /// Text that conditions the decoder (style, vocabulary).
    pub initial_prompt: Option<String>,
    /// Encoder context in frames of 20 ms (1500 = Whisper's full 30 s). A short chunk encoded
    /// with a context scaled to its length costs a fraction of a full pass; see
    /// [`crate::window::audio_ctx_for`] for the floor that keeps it from inventing words.
    pub audio_ctx: Option<usize>,
    /// Set it to stop a transcription early (it then fails with `Aborted`).
    pub abort: Option<Arc<AtomicBool>>,
    /// Sampling temperature: 0 decodes greedily (whisper.cpp may still fall back to higher
    /// temperatures on its own when a decode's log-probability is poor); above 0, exactly that
    /// temperature (see [`crate::loop_guard`]).
    pub temperature: f32,
}

impl Default for TranscribeOptions {
    fn default() -> Self {
        TranscribeOptions {
            threads: std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1),
            language: Some("en".into()),
            initial_prompt: Some(FILLER_KEEPING_PROMPT.into()),
            audio_ctx: None,
            abort: None,
            temperature: 0.0,
        }
    }
}

pub struct Transcriber {
    ctx: WhisperContext,
    model_path: PathBuf,
    /// Whether whisper.cpp computes DTW word alignment for this model.
    dtw: bool,
}

/// The alignment-head preset for DTW timestamps of an official Whisper architecture, recognised
/// by its shape; None for shapes we do not know (then whisper's coarser t0/t1 are used).
pub fn dtw_preset(h: &HParams) -> Option<DtwModelPreset> {
    let english = h.n_vocab == 51_864;
    Some(match (h.n_audio_layer, h.n_audio_state, english) {
        (4, 384, true) => DtwModelPreset::TinyEn,
        (4, 384, false) => DtwModelPreset::Tiny,
        (6, 512, true) => DtwModelPreset::BaseEn,
        (6, 512, false) => DtwModelPreset::Base,
        (12, 768, true) => DtwModelPreset::SmallEn,
        (12, 768, false) => DtwModelPreset::Small,
        (24, 1024, true) => DtwModelPreset::MediumEn,
        (24, 1024, false) => DtwModelPreset::Medium,
        (32, 1280, false) if h.n_text_layer == 4 => DtwModelPreset::LargeV3Turbo,
        (32, 1280, false) if h.n_mels == 128 => DtwModelPreset::LargeV3,
        (32, 1280, false) => DtwModelPreset::LargeV2,
        _ => return None,
    })
}

impl Transcriber {
    /// Loads a ggml model file. Slow (hundreds of ms): do it once and keep the transcriber.
    pub fn load(model_path: &Path) -> Result<Self, TranscribeError> {
        Self::load_with(model_path, false)
    }

    /// Loads with whisper.cpp's flash attention on or off (off by default: it measured slower on
    /// CPU; `star-coach bench --flash-attn` measures it again).
    pub fn load_with(model_path: &Path, flash_attn: bool) -> Result<Self, TranscribeError> {
        if !model_path.is_file() {
            return Err(TranscribeError::ModelMissing {
                path: model_path.to_path_buf(),
            });
        }
        whisper_rs::install_logging_hooks();
        let load_error = |message: String| TranscribeError::ModelLoad {
            path: model_path.to_path_buf(),
            message,
        };
        // Read once: the bytes checked are the bytes whisper.cpp (which trusts them) is given,
        // so a file replaced between the check and the load never reaches it.
        let bytes = std::fs::read(model_path).map_err(|e| load_error(e.to_string()))?;
        let hparams = check_model(std::io::Cursor::new(bytes.as_slice()))
            .map_err(|e| load_error(e.to_string()))?
            .hparams;
        let preset = dtw_preset(&hparams);
        let mut params = WhisperContextParameters::default();
        params.flash_attn(flash_attn);
        if let Some(model_preset) = preset.clone() {
            params.dtw_parameters(DtwParameters {
                mode: DtwMode::ModelPreset { model_preset },
                ..Default::default()
            });
        }
        let ctx = WhisperContext::new_from_buffer_with_params(&bytes, params)
            .map_err(|e| load_error(e.to_string()))?;
        drop(bytes);
        tracing::info!(model = %model_path.display(), dtw = ?preset, "whisper model loaded");
        Ok(Transcriber {
            ctx,
            model_path: model_path.to_path_buf(),
            dtw: preset.is_some(),
        })
    }

    pub fn model_path(&self) -> &Path {
        &self.model_path
    }

    pub fn is_multilingual(&self) -> bool {
        self.ctx.is_multilingual()
    }

    /// Whisper's working memory for one stream of calls. Creating one allocates its buffers
    /// (tens of MB); incremental transcription keeps one for the whole take.
    pub(crate) fn new_state(&self) -> Result<WhisperState, TranscribeError> {
        self.ctx
            .create_state()
            .map_err(|e| TranscribeError::Whisper(e.to_string()))
    }

    /// One whisper.cpp pass with a state the caller keeps between calls. Meant for audio of at
    /// most one window; longer audio is walked window by window by whisper.cpp itself.
    pub fn transcribe_window(
        &self,
        state: &mut WhisperState,
        samples: &[f32],
        options: &TranscribeOptions,
    ) -> Result<Transcript, TranscribeError> {
        if samples.is_empty() {
            return Err(TranscribeError::EmptyAudio);
        }
        let seconds = samples.len() as f64 / SAMPLE_RATE as f64;
        let Some(bound) = RunawayBound::for_window(
            seconds,
            self.ctx.token_eot(),
            self.ctx.token_beg(),
            self.ctx.n_vocab() as usize,
        ) else {
            return self.decode(state, samples, options, None);
        };
        let transcript = self.decode(state, samples, options, Some(&bound))?;
        if bound.left_speech_unheard(transcript.words.len()) {
            tracing::debug!(
                seconds,
                words = transcript.words.len(),
                "copies ended a decode before the end of its speech; decoding it again"
            );
            return self.decode(state, samples, options, Some(&bound.budget_only()));
        }
        Ok(transcript)
    }

    /// One whisper.cpp call, with `bound` (when given) ending a decode that runs away.
    fn decode(
        &self,
        state: &mut WhisperState,
        samples: &[f32],
        options: &TranscribeOptions,
        bound: Option<&RunawayBound>,
    ) -> Result<Transcript, TranscribeError> {
        let mut params = self.params(options);
        if let Some(flag) = options.abort.clone() {
            if flag.load(Ordering::Relaxed) {
                return Err(TranscribeError::Aborted);
            }
            // Boxed as a trait object on purpose: whisper-rs 0.16's trampoline reads its user
            // data as the closure's own type, but stores a `Box<dyn FnMut>` there. With a plain
            // closure it read past it and aborted at random (seen here as spurious "failed to
            // encode" errors; also described in silverstein/minutes PR #951). With
            // `F = Box<dyn FnMut() -> bool>` the two types agree.
            let check: Box<dyn FnMut() -> bool> = Box::new(move || flag.load(Ordering::Relaxed));
            params.set_abort_callback_safe(check);
        }
        if let Some(bound) = bound {
            // SAFETY: `bound` is borrowed for this whole function, so it outlives `state.full`
            // below, and the filter only reads it (apart from one atomic flag); runaway.rs,
            // `end_runaway_decode`.
            unsafe {
                params.set_filter_logits_callback(Some(end_runaway_decode));
                params.set_filter_logits_callback_user_data(
                    bound as *const RunawayBound as *mut std::ffi::c_void,
                );
            }
        }
        let aborted = options.abort.clone();
        state.full(params, samples).map_err(|e| {
            if aborted.is_some_and(|f| f.load(Ordering::Relaxed)) {
                TranscribeError::Aborted
            } else {
                TranscribeError::Whisper(e.to_string())
            }
        })?;
        let (mut tokens, ids) = self.text_tokens(state)?;
        if bound.is_some_and(RunawayBound::ended_a_decode) {
            if let Some(copies) = closing_copies(&ids) {
                tracing::debug!(?copies, "cut the copies a runaway decode wrote");
                copies.cut_from(&mut tokens, |t| {
                    t.bytes
                        .trim_ascii_end()
                        .last()
                        .is_some_and(|b| b".?!".contains(b))
                });
            }
        }
        let seconds = samples.len() as f64 / SAMPLE_RATE as f64;
        Ok(Transcript::from_words(words_from_tokens(&tokens, seconds)))
    }

    /// whisper.cpp's settings for one call, apart from its callbacks.
    fn params<'a>(&self, options: &'a TranscribeOptions) -> FullParams<'a, 'a> {
        let mut params = FullParams::new(SamplingStrategy::Greedy { best_of: 1 });
        params.set_n_threads(options.threads.max(1) as i32);
        let language = if self.is_multilingual() {
            options.language.as_deref()
        } else {
            Some("en")
        };
        params.set_language(language.or(Some("auto")));
        params.set_token_timestamps(true);
        if options.temperature > 0.0 {
            params.set_temperature(options.temperature);
            params.set_temperature_inc(0.0);
        }
        params.set_no_context(true);
        params.set_print_progress(false);
        params.set_print_realtime(false);
        params.set_print_special(false);
        params.set_print_timestamps(false);
        if let Some(prompt) = &options.initial_prompt {
            params.set_initial_prompt(prompt);
        }
        if let Some(ctx) = options.audio_ctx {
            params.set_audio_ctx(ctx.min(FULL_AUDIO_CTX) as i32);
        }
        params
    }

    /// The text tokens of the last call with their times, and their ids beside them.
    fn text_tokens(
        &self,
        state: &WhisperState,
    ) -> Result<(Vec<TimedToken>, Vec<i32>), TranscribeError> {
        let eot = self.ctx.token_eot();
        let mut tokens = Vec::new();
        let mut ids = Vec::new();
        for segment in state.as_iter() {
            for i in 0..segment.n_tokens() {
                let Some(token) = segment.get_token(i) else {
                    continue;
                };
                if token.token_id() >= eot {
                    continue; // timestamps and other special tokens
                }
                let data = token.token_data();
                let bytes = token
                    .to_bytes()
                    .map_err(|e| TranscribeError::Whisper(e.to_string()))?
                    .to_vec();
                tokens.push(TimedToken {
                    bytes,
                    start: data.t0 as f64 / 100.0,
                    end: data.t1 as f64 / 100.0,
                    p: data.p as f64,
                    dtw: (self.dtw && data.t_dtw >= 0).then(|| data.t_dtw as f64 / 100.0),
                });
                ids.push(token.token_id());
            }
        }
        Ok((tokens, ids))
    }
}
