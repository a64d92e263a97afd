//! Fillers found in the audio against ground truth: synthesized answers with "um", "uh", "erm"
//! and drawn-out words put in at known moments (a third, with sentences and a voice of their
//! own, held out from tuning), the same sentences spoken fluently, and real read speech, which
//! must yield no false fillers. The detector (`audio::filled_pause`) is checked on the audio
//! alone; the fillers a take reports, with the real model's words, through `pipeline`.

use audio::filled_pause::held_sounds;
use audio::{detect_speech, VadConfig};
use coach::fillers::is_hesitation_word;
use coach::{HeldSound, Norms};
use e2e::hesitations::{fluent_answers, hesitant_answers};

fn found(samples: &[f32]) -> Vec<HeldSound> {
    let activity = detect_speech(samples, &VadConfig::default());
    held_sounds(samples, &activity, &Norms::default().filled_pauses)
}

/// A found sound matches a true hesitation when it covers at least half of it, or half of
/// itself lies inside it.
fn matches(sound: &HeldSound, (start, end): (f64, f64)) -> bool {
    let overlap = (sound.end.min(end) - sound.start.max(start)).max(0.0);
    overlap >= 0.5 * (end - start) || overlap >= 0.5 * (sound.end - sound.start)
}

#[derive(Default)]
struct Tally {
    truths: usize,
    /// Truths a reported filler overlaps in time.
    on_time: usize,
    /// Truths reported more than once.
    twice: usize,
    hit: usize,
    found: usize,
    right: usize,
}

/// The detector alone, before the words are known: it must find the held sounds (what it also
/// finds in fluent speech is sorted out with the words, below).
#[test]
fn held_sounds_are_found_where_hesitations_were_put() {
    let (mut tuning, mut held_out) = (Tally::default(), Tally::default());
    for answer in hesitant_answers() {
        let sounds = found(&answer.samples);
        let tally = if answer.held_out {
            &mut held_out
        } else {
            &mut tuning
        };
        tally.truths += answer.truth.len();
        tally.found += sounds.len();
        for (start, end, what) in &answer.truth {
            let hit = sounds.iter().any(|s| matches(s, (*start, *end)));
            tally.hit += hit as usize;
            if !hit {
                eprintln!("{}: missed {what} at {start:.2}–{end:.2}", answer.name);
            }
        }
        for s in &sounds {
            let right = answer.truth.iter().any(|(a, b, _)| matches(s, (*a, *b)));
            tally.right += right as usize;
            if !right {
                eprintln!(
                    "{}: false {:.2}–{:.2} (voicing {:.2}, flux {:.1} dB, {:.0} Hz)",
                    answer.name, s.start, s.end, s.voicing, s.flux_db, s.pitch_hz
                );
            }
        }
    }
    for (name, t) in [("tuning", &tuning), ("held out", &held_out)] {
        eprintln!(
            "{name}: recall {}/{} = {:.2}, precision {}/{} = {:.2}",
            t.hit,
            t.truths,
            t.hit as f64 / t.truths as f64,
            t.right,
            t.found,
            t.right as f64 / t.found.max(1) as f64
        );
    }
    // Measured when the thresholds were set: tuning 16/18, held out 7/9 (the transcript supplies
    // the other two: see the test below). A drop below these is a regression.
    assert!(
        tuning.hit >= 16,
        "tuning recall {}/{}",
        tuning.hit,
        tuning.truths
    );
    assert!(
        held_out.hit >= 7,
        "held-out recall {}/{}",
        held_out.hit,
        held_out.truths
    );
}

/// A take judged through the pipeline, as the app judges one recorded whole.
fn assessed(transcriber: &asr::Transcriber, samples: &[f32]) -> pipeline::TakeAssessment {
    let audio = audio::SpeechAudio::from_16k(samples.to_vec());
    pipeline::assess_take(
        &audio,
        None,
        coach::Rubric::Story,
        || Ok::<_, asr::TranscribeError>(transcriber),
        &asr::TranscribeOptions::default(),
        &Norms::default(),
    )
    .expect("assessed")
}

/// The fillers a take reports (audio and transcript together).
fn reported(transcriber: &asr::Transcriber, samples: &[f32]) -> Vec<coach::delivery::FillerItem> {
    assessed(transcriber, samples).delivery.fillers.items
}

#[test]
fn a_take_reports_each_hesitation_once_with_its_time() {
    let _turn = e2e::whisper_turn();
    let transcriber = asr::Transcriber::load(&e2e::default_model()).expect("model loads");
    let (mut tuning, mut held_out) = (Tally::default(), Tally::default());
    for answer in hesitant_answers() {
        let items = reported(&transcriber, &answer.samples);
        let tally = if answer.held_out {
            &mut held_out
        } else {
            &mut tuning
        };
        tally.truths += answer.truth.len();
        tally.found += items.len();
        // The same hesitation: overlapping it, or a transcribed filler Whisper placed late (its
        // words run up to a word behind the sound; see coach::hesitations).
        let covers = |f: &coach::delivery::FillerItem, (a, b): (f64, f64)| {
            let overlap = (f.end.min(b) - f.start.max(a)).max(0.0);
            overlap > 0.0 || (f.start >= a - 0.25 && f.start <= b + 1.0)
        };
        for (start, end, what) in &answer.truth {
            let hit = items.iter().any(|f| covers(f, (*start, *end)));
            let times = items.iter().filter(|f| covers(f, (*start, *end))).count();
            tally.twice += (times > 1) as usize;
            if times > 1 {
                eprintln!(
                    "{}: {what} at {start:.2} counted {times} times",
                    answer.name
                );
            }
            tally.hit += hit as usize;
            tally.on_time += items
                .iter()
                .any(|f| (f.end.min(*end) - f.start.max(*start)) > 0.0)
                as usize;
            if !hit {
                eprintln!("{}: missed {what} at {start:.2}–{end:.2}", answer.name);
            }
        }
        for f in &items {
            let right = answer.truth.iter().any(|(a, b, _)| covers(f, (*a, *b)));
            tally.right += right as usize;
            if !right {
                eprintln!(
                    "{}: false \"{}\" at {:.2} ({:?})",
                    answer.name, f.text, f.start, f.source
                );
            }
        }
    }
    for (name, t) in [("tuning", &tuning), ("held out", &held_out)] {
        eprintln!(
            "reported, {name}: recall {}/{} = {:.2} ({} placed on the sound), precision {}/{} = {:.2}",
            t.hit,
            t.truths,
            t.hit as f64 / t.truths as f64,
            t.on_time,
            t.right,
            t.found,
            t.right as f64 / t.found.max(1) as f64
        );
    }
    let recall = held_out.hit as f64 / held_out.truths as f64;
    let precision = held_out.right as f64 / held_out.found.max(1) as f64;
    assert!(recall >= 0.85, "held-out recall {recall:.2}");
    assert!(precision >= 0.90, "held-out precision {precision:.2}");
    assert_eq!(held_out.twice, 0, "a hesitation counted twice");
}

/// A take with no hesitation in it, and its seconds of speech.
type Fluent = (String, Vec<f32>, f64);

/// A recording that is speech all through.
fn all_speech((name, samples): (String, Vec<f32>)) -> Fluent {
    let seconds = samples.len() as f64 / 16_000.0;
    (name, samples, seconds)
}

/// Fillers reported in takes with none, and the seconds of speech listened to.
fn false_fillers(
    transcriber: &asr::Transcriber,
    takes: impl Iterator<Item = Fluent>,
) -> (Vec<String>, f64) {
    let mut seconds = 0.0;
    let mut false_ones = Vec::new();
    for (name, samples, speech) in takes {
        seconds += speech;
        for f in reported(transcriber, &samples) {
            eprintln!(
                "{name}: \"{}\" at {:.2} ({:?}, confidence {:.2})",
                f.text, f.start, f.source, f.confidence
            );
            false_ones.push(name.clone());
        }
    }
    (false_ones, seconds)
}

/// Fluent speech, synthesized and real read speech each alone, held to the bar of at
/// most one false filler per 5 minutes: synthesized answers; real read speech (the corpus's
/// clips, a professional reader's telephone prompts, and 226 shorter prompts of hers joined into
/// answers: 3 false in 1,104 s when written, JFK's oratorical "And so," and two vowels of words
/// Whisper left out or dated late; see `bench/RESULTS.md`, "Fillers on real read speech"); and the codec2
/// voices no rule was tuned on.
#[test]
fn fluent_takes_report_no_fillers() {
    let _turn = e2e::whisper_turn();
    let transcriber = asr::Transcriber::load(&e2e::default_model()).expect("model loads");
    let real_read = e2e::real_speech::all_clips()
        .into_iter()
        // The call is conversation, not reading: it may hold real hesitations.
        .filter(|c| c.name != "pyannote-call")
        .map(|c| all_speech((c.name, c.samples)))
        .chain(
            e2e::real_speech::asterisk_prompts()
                .into_iter()
                .map(all_speech),
        )
        .chain(e2e::real_speech::asterisk_read_answers());
    for (kind, takes, at_least) in [
        (
            "synthesized",
            Box::new(fluent_answers().into_iter().map(all_speech)) as Box<dyn Iterator<Item = _>>,
            240.0,
        ),
        ("real read", Box::new(real_read), 1_000.0),
        (
            "held-out real read",
            Box::new(e2e::real_speech::codec2_read().into_iter().map(all_speech)),
            60.0,
        ),
    ] {
        let (false_ones, seconds) = false_fillers(&transcriber, takes);
        eprintln!(
            "{kind} speech: {} false fillers in {seconds:.0} s",
            false_ones.len()
        );
        assert!(seconds >= at_least, "only {seconds:.0} s of {kind} speech");
        assert!(
            false_ones.len() as f64 <= seconds / 300.0,
            "{kind}: {false_ones:?} in {seconds:.0} s"
        );
    }
}

#[test]
fn a_take_of_nothing_but_um_counts_them_and_is_not_scored_as_an_answer() {
    let _turn = e2e::whisper_turn();
    let transcriber = asr::Transcriber::load(&e2e::default_model()).expect("model loads");
    let built = e2e::build_answer(
        &[
            e2e::Piece::Say("um"),
            e2e::Piece::Silence(0.8),
            e2e::Piece::Say("uh"),
            e2e::Piece::Silence(0.8),
            e2e::Piece::Say("um"),
            e2e::Piece::Silence(0.8),
            e2e::Piece::Say("uh"),
        ],
        "en-us",
        // espeak-ng's slowest: each held as a thinking speaker holds it (0.5–0.7 s).
        80,
    );
    let a = assessed(&transcriber, &built.samples);
    let f = &a.delivery.fillers;
    eprintln!(
        "heard \"{}\"; fillers {:?}; score {:?}",
        a.transcript.text,
        f.items
            .iter()
            .map(|i| (&i.text, i.start))
            .collect::<Vec<_>>(),
        a.score
    );
    assert!(f.count >= 3, "{} of 4", f.count);
    assert!(
        a.score.is_none(),
        "a take of hesitations is no answer to score"
    );
}

/// A real voice hesitating (codec2's `ve9qrp`, a radio amateur talking freely; no rule was tuned
/// on it): Whisper writes its "uh"s (29 with tiny.en) when every piece is prompted in the
/// filler-keeping style, and the take counts each once, the audio adding only what the words
/// leave out, and shows where they bunch up.
#[test]
fn a_real_hesitant_voice_has_each_hesitation_counted_once() {
    let _turn = e2e::whisper_turn();
    let transcriber = asr::Transcriber::load(&e2e::default_model()).expect("model loads");
    let a = assessed(&transcriber, &e2e::real_speech::codec2_spontaneous());
    let fillers = &a.delivery.fillers;
    let written: Vec<&coach::transcript::Word> = a
        .transcript
        .words
        .iter()
        .filter(|w| is_hesitation_word(&w.text))
        .collect();
    let from_audio: Vec<&coach::delivery::FillerItem> = fillers
        .items
        .iter()
        .filter(|f| f.source == coach::delivery::FillerSource::Audio)
        .collect();
    eprintln!(
        "{} hesitations written, {} fillers counted ({} from the audio: {:?}), {} clusters",
        written.len(),
        fillers.count,
        from_audio.len(),
        from_audio
            .iter()
            .map(|f| (&f.text, f.start))
            .collect::<Vec<_>>(),
        fillers.clusters.len()
    );
    // 29 measured; 15 when a piece was prompted by the words before it alone.
    assert!(written.len() >= 24, "only {} \"uh\"s heard", written.len());
    // Each written one is counted, and a sound the audio found is not counted again beside it.
    let counted_from_words = fillers
        .items
        .iter()
        .filter(|f| {
            f.source == coach::delivery::FillerSource::Transcript && is_hesitation_word(&f.text)
        })
        .count();
    assert_eq!(counted_from_words, written.len());
    // A written one found in the audio too is placed on its sound; an audio item over the same
    // moment would be the same hesitation counted twice.
    for f in &from_audio {
        let same = fillers.items.iter().find(|t| {
            t.source == coach::delivery::FillerSource::Transcript
                && f.start < t.end
                && f.end > t.start
        });
        assert!(same.is_none(), "{f:?} counted again as {same:?}");
    }
    assert!(
        from_audio.len() <= 4,
        "the audio added {}",
        from_audio.len()
    );
    assert_eq!(fillers.count, fillers.items.len());
    // 72.9–77.4 s and 87.6–97.1 s: "uh" after "uh" while describing the set-up.
    assert!(!fillers.clusters.is_empty(), "no cluster of hesitations");
}

/// A measurement, run by hand (`cargo test -p e2e --test filled_pauses -- --ignored
/// --nocapture`): how many of the real voice's hesitations the audio finds by itself, with the
/// ones Whisper wrote taken out of its transcript (`bench/RESULTS.md`, "Real hesitations").
#[test]
#[ignore = "a measurement for bench/RESULTS.md, not a check"]
fn audio_alone_on_real_hesitations() {
    let _turn = e2e::whisper_turn();
    let transcriber = asr::Transcriber::load(&e2e::default_model()).expect("model loads");
    let samples = e2e::real_speech::codec2_spontaneous();
    let audio = audio::SpeechAudio::from_16k(samples.clone());
    let heard = transcriber
        .transcribe(&audio, &asr::TranscribeOptions::default())
        .expect("transcribed");
    let (written, kept): (Vec<_>, Vec<_>) = heard
        .words
        .iter()
        .cloned()
        .partition(|w| is_hesitation_word(&w.text));
    let without = coach::transcript::Transcript::from_words(kept);
    let voices_of = samples.clone();
    let a = pipeline::assess_heard(
        pipeline::Listened::hear(&samples),
        None,
        coach::Rubric::Story,
        &Norms::default(),
        move || audio::filled_pause::frame_voices(&voices_of),
        move || Ok::<_, ()>((without, 0.0, 0.0)),
    )
    .expect("assessed");
    let from_audio: Vec<_> = a
        .delivery
        .fillers
        .items
        .into_iter()
        .filter(|f| f.source == coach::delivery::FillerSource::Audio)
        .collect();
    // Whisper's times for a hesitation are rough (often a point): a found sound within 0.6 s.
    let near = |f: &coach::delivery::FillerItem, w: &coach::transcript::Word| {
        f.start < w.end + 0.6 && f.end > w.start - 0.6
    };
    let found = written
        .iter()
        .filter(|w| from_audio.iter().any(|f| near(f, w)))
        .count();
    let elsewhere = from_audio
        .iter()
        .filter(|f| !written.iter().any(|w| near(f, w)))
        .count();
    eprintln!(
        "the audio alone found {found} of the {} hesitations Whisper wrote, and {elsewhere} elsewhere",
        written.len()
    );
    assert!(found >= 2, "found {found}");
}
