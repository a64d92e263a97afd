//! The whole assessment of one take, as the CLI and the app run it: speech activity
//! first, then transcription only if there is speech (Whisper invents text on silence), then
//! the speech, delivery and quality reports and their findings.

use asr::{TranscribeError, TranscribeOptions, Transcriber};
use audio::filled_pause::{frame_voices, held_sounds_in, FrameVoice};
use audio::{hear, Heard, SpeechActivity, SpeechAudio, VadConfig};
use coach::{
    judge_take, speech_report, AudioQuality, HeardTake, Norms, Rubric, SpeechReport,
    TakeAssessment, Timing, Transcript,
};
use std::borrow::Borrow;
use std::time::Instant;

/// `load` is called only when there is speech to transcribe. `question_end` is when the spoken
/// question finished, in seconds from the start of the take (negative when it ended before the
/// take began); think time is measured from it. `rubric` is what the answer is judged as
/// (from its question's category).
pub fn assess_take<T: Borrow<Transcriber>, E: From<TranscribeError>>(
    audio: &SpeechAudio,
    question_end: Option<f64>,
    rubric: Rubric,
    load: impl FnOnce() -> Result<T, E>,
    options: &TranscribeOptions,
    norms: &Norms,
) -> Result<TakeAssessment, E> {
    assess_heard(
        Listened::hear(audio),
        question_end,
        rubric,
        norms,
        || frame_voices(audio),
        || {
            let started = Instant::now();
            let transcriber = load()?;
            let loaded = started.elapsed().as_secs_f64();
            let started = Instant::now();
            let t = transcriber.borrow().transcribe(audio, options)?;
            Ok((t, loaded, started.elapsed().as_secs_f64()))
        },
    )
}

/// What hearing a take found, and how long working it out took.
pub struct Listened {
    pub heard: Heard,
    pub seconds: f64,
}

impl Listened {
    /// Hears a whole take at once.
    pub fn hear(samples: &[f32]) -> Self {
        let started = Instant::now();
        let heard = hear(samples, &VadConfig::default());
        Listened {
            heard,
            seconds: started.elapsed().as_secs_f64(),
        }
    }
}

/// The same assessment of a take already heard (a live take hears its audio as it comes and
/// keeps none of it). `voices` gives the audio's frames for the filled-pause search, asked for
/// only when there is speech; `transcribe` returns the transcript, model load and transcription
/// seconds, and is called only when there is speech.
pub fn assess_heard<E>(
    listened: Listened,
    question_end: Option<f64>,
    rubric: Rubric,
    norms: &Norms,
    voices: impl FnOnce() -> Vec<FrameVoice>,
    transcribe: impl FnOnce() -> Result<(Transcript, f64, f64), E>,
) -> Result<TakeAssessment, E> {
    let Heard { activity, quality } = listened.heard;
    let started = Instant::now();
    let speech = report_speech(&activity, question_end, norms);
    let speech_activity_seconds = listened.seconds + started.elapsed().as_secs_f64();

    let (transcript, model_load_seconds, transcribe_seconds) = if speech.has_speech() {
        transcribe()?
    } else {
        (Transcript::default(), 0.0, 0.0)
    };
    let held_sounds = if speech.has_speech() {
        held_sounds_in(&voices(), &activity, &norms.filled_pauses)
    } else {
        Vec::new()
    };
    Ok(judge_take(
        HeardTake {
            transcript,
            segments: &activity.segments,
            total_seconds: activity.total_seconds,
            question_end,
            held_sounds,
            quality,
            timing: Timing {
                model_load_seconds,
                speech_activity_seconds,
                transcribe_seconds,
            },
            rubric,
        },
        norms,
    ))
}

/// Where the speech is, what that makes of the take (speaking and think time, pauses) and how
/// the recording sounds: everything judged before a word is transcribed.
pub fn listen(
    samples: &[f32],
    question_end: Option<f64>,
    norms: &Norms,
) -> (SpeechActivity, SpeechReport, AudioQuality) {
    let Heard { activity, quality } = hear(samples, &VadConfig::default());
    let speech = report_speech(&activity, question_end, norms);
    (activity, speech, quality)
}

fn report_speech(
    activity: &SpeechActivity,
    question_end: Option<f64>,
    norms: &Norms,
) -> SpeechReport {
    speech_report(
        &activity.segments,
        activity.total_seconds,
        question_end,
        &norms.speech,
    )
}
