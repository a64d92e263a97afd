//! The desktop app end to end, in a real WebKit window (Xvfb + tauri-driver) with a virtual
//! microphone: pick a question, record a spoken answer, stop, see the transcript, the STAR bar
//! and a score; play from a finding and from a word; open History and replay; delete. A
//! screenshot of each screen is saved under target/screenshots/.

use e2e::desktop::Desktop;
use e2e::virtual_mic::VirtualMic;
use serde_json::json;
use std::path::{Path, PathBuf};
use std::time::Duration;

fn screenshots() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target dir")
        .join("screenshots")
}

fn app_binary() -> PathBuf {
    let ui = e2e::repo_root().join("ui/dist/index.html");
    assert!(
        ui.is_file(),
        "{} is missing: build the front end first (cd ui && npm run build), as ./scripts/test.sh does",
        ui.display()
    );
    PathBuf::from(env!("CARGO_BIN_EXE_star-coach-app"))
}

const SECONDS: Duration = Duration::from_secs(1);

/// One window at a time: two desktops at once on two cores would only slow each other down.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// A data folder whose settings make takes stop only when asked, without the spoken question
/// (the voice is tested with the CLI), with follow-up questions `follow_ups` ("off", "one").
fn data_folder(follow_ups: &str) -> tempfile::TempDir {
    let data = tempfile::tempdir().unwrap();
    std::fs::write(
        data.path().join("settings.json"),
        json!({"speak_questions": false, "silence_stop_seconds": 0.0, "max_seconds": 120.0,
               "follow_ups": follow_ups})
        .to_string(),
    )
    .unwrap();
    data
}

/// The script of a STAR fixture and a WAV of it spoken by espeak-ng.
fn spoken_answer(fixture: &str, dir: &Path) -> (String, PathBuf) {
    let text = std::fs::read_to_string(
        e2e::repo_root().join(format!("tests/fixtures/star/{fixture}.txt")),
    )
    .unwrap();
    // The script is the labelled units, in order.
    let script = coach::star::labelled::parse_labelled(fixture, &text)
        .unwrap()
        .text();
    let wav = dir.join(format!("{fixture}.wav"));
    e2e::speak(&script, "en-us", 165, &wav);
    (script, wav)
}

/// The environment that sends the app's audio through `mic`, keeps its data in `data` and has
/// GStreamer (WebKit's media player) write its warnings to `data`/gstreamer.log.
fn app_env(mic: &VirtualMic, data: &Path) -> Vec<(String, String)> {
    let mut env = mic.env();
    env.push(("STAR_COACH_DATA".into(), data.display().to_string()));
    env.push(("GST_DEBUG".into(), "2".into()));
    env.push(("GST_DEBUG_NO_COLOR".into(), "1".into()));
    env.push((
        "GST_DEBUG_FILE".into(),
        data.join("gstreamer.log").display().to_string(),
    ));
    env
}

/// Starts the app; a wait that times out saves `failure_shot` in the screenshots folder and
/// prints the end of GStreamer's log, since replay failed once on CI with nothing more said.
fn launch(app: &Path, env: &[(String, String)], failure_shot: &str) -> Desktop {
    let mut ui = Desktop::start(app, env);
    ui.screenshot_on_failure(screenshots().join(failure_shot));
    if let Some((_, log)) = env.iter().find(|(k, _)| k == "GST_DEBUG_FILE") {
        ui.log_on_failure(PathBuf::from(log));
    }
    ui
}

/// Opens the first question and starts a take with Space.
fn start_answer(ui: &Desktop) {
    ui.wait_for_element("#practise-one", 30 * SECONDS);
    ui.click("#practise-one");
    ui.wait_for_element("#record", 10 * SECONDS);
    record_with_space(ui);
}

/// Presses Space on the Practice screen and waits until the take is recording.
fn record_with_space(ui: &Desktop) {
    ui.press(" ");
    ui.wait_for(
        "recording to start",
        "return document.querySelector('[role=status]').innerText.includes('Recording')",
        30 * SECONDS,
    );
}

/// Every WAV under `dir`.
fn wav_files(dir: &Path) -> Vec<PathBuf> {
    walk(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "wav"))
        .collect()
}

#[test]
fn practise_a_question_then_replay_it_from_history_and_delete_it() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let app = app_binary();
    let data = data_folder("off");
    let (script, answer) = spoken_answer("01-good", data.path());
    // The user's story bank: the answer retells the first story.
    std::fs::write(
        data.path().join("stories.toml"),
        "[[story]]\nid = \"payment-queue\"\ntitle = \"The stuck payment queue\"\n\
         situation = \"The payment queue stopped draining at night and orders piled up.\"\n\
         action = \"I found a malformed message, moved it to a dead letter queue, restarted the \
         consumers and added an alert on queue age.\"\n\
         result = \"Twelve thousand orders cleared in ten minutes.\"\n\
         competencies = [\"ownership\", \"calm under pressure\"]\n\n\
         [[story]]\nid = \"api-design\"\ntitle = \"Disagreeing about the API design\"\n\
         action = \"I built two prototypes and measured the requests on a phone.\"\n\
         competencies = [\"conflict\"]\n",
    )
    .unwrap();

    let mut mic = VirtualMic::start();
    let ui = launch(&app, &app_env(&mic, data.path()), "failed-practise.png");
    let shots = screenshots();

    // Home.
    ui.wait_for_element("#practise-one", 30 * SECONDS);
    // The window may call the app's own commands and nothing else (capabilities/default.json).
    let denied = ui.script_async(
        "const done = arguments[arguments.length - 1]; \
         window.__TAURI_INTERNALS__.invoke('plugin:window|close', {}) \
           .then(() => done('allowed'), (e) => done(String(e)));",
        json!([]),
    );
    assert!(
        denied.as_str().unwrap_or_default().contains("not allowed"),
        "closing the window from the page should be refused: {denied}"
    );
    let first_question = ui.text(".question-text");
    assert!(!first_question.is_empty());
    ui.screenshot(&shots.join("1-home.png"));

    // Practice: Space starts, the answer is spoken into the microphone, the live transcript
    // and tracker fill in, Space stops.
    start_answer(&ui);
    assert_eq!(ui.text("#question"), first_question);
    let player = mic.play(&answer);
    ui.wait_for(
        "the live transcript",
        "return document.querySelector('#live-transcript').innerText.split(' ').length >= 10",
        60 * SECONDS,
    );
    ui.screenshot(&shots.join("2-practice-recording.png"));
    player.wait();
    std::thread::sleep(Duration::from_millis(800));
    let heard_live = ui.script(
        "return [...document.querySelectorAll('.star-tracker .heard')].map(e => e.dataset.part)",
        json!([]),
    );
    ui.press(" ");

    // Results.
    ui.wait_for_element("#score-total", 60 * SECONDS);
    let transcript = ui.text("#transcript");
    // The bound is loose on purpose: the live path's quality against one-shot is measured in
    // tests/incremental.rs; here it guards against a take that lost or garbled its audio.
    let wer = coach::word_error_rate(&script, &transcript).rate();
    eprintln!("live STAR parts heard before stop: {heard_live}; transcript WER {wer:.3}");
    assert!(wer < 0.20, "WER {wer:.3}: {transcript}");
    let total: f64 = ui
        .text("#score-total .big")
        .parse()
        .expect("a numeric score");
    assert!((1.0..=100.0).contains(&total), "score {total}");
    let segments = ui.script(
        "return [...document.querySelectorAll('#star-bar .seg')].map(e => e.className)",
        json!([]),
    );
    let segments = segments.as_array().unwrap();
    for part in ["situation", "action", "result"] {
        assert!(
            segments.iter().any(|c| c.as_str().unwrap().contains(part)),
            "{part} missing from the STAR bar: {segments:?}"
        );
    }
    assert!(ui.text("#speaking-time").contains("recorded"));
    // The first take of this question in a fresh history.
    ui.wait_for(
        "the attempt line",
        "return document.querySelector('#attempt')?.textContent.startsWith('Attempt 1 of 1') || null",
        10 * SECONDS,
    );

    // Playback: a finding plays its moment (or the play button, if nothing was flagged), the
    // transcript follows word by word, and clicking a word seeks there.
    let regions = ui.wait_for(
        "the waveform and its STAR regions",
        "const w = document.querySelector('#waveform'); \
         return w.dataset.ready === 'true' && Number(w.dataset.regions)",
        // Generous: on a loaded machine (2 cores, the previous test's app still exiting) the
        // waveform has been seen to take over 20 s to decode.
        60 * SECONDS,
    );
    assert!(
        regions.as_i64().unwrap() >= 3,
        "{regions} STAR regions on the waveform"
    );
    // Fillers are marked on the waveform too: as many as the delivery section lists.
    let marked = ui.script(
        "return Number(document.querySelector('#waveform').dataset.fillers)",
        json!([]),
    );
    eprintln!("fillers marked on the waveform: {marked}");
    assert!(marked.as_i64().is_some(), "{marked}");
    ui.screenshot(&shots.join("3-results.png"));
    // The take was linked to the story it told, with the words that say so.
    let told = ui.text("#story-told");
    assert!(
        told.starts_with("You told “The stuck payment queue”"),
        "{told}"
    );
    eprintln!("story: {told}");
    // The longest flagged moment, when one lasts long enough to be seen playing.
    let longest = ui.script(
        "let best = null, len = 1.5; \
         for (const b of document.querySelectorAll('.play-moment')) { \
           const l = Number(b.dataset.end) - Number(b.dataset.start); \
           if (l >= len) { len = l; best = b; } } \
         if (best) best.id = 'longest-moment'; return best !== null;",
        json!([]),
    );
    ui.click(if longest == json!(true) {
        "#longest-moment"
    } else {
        "#play"
    });
    // The first play in a fresh home starts GStreamer, which scans its plugins first: seconds,
    // many under load. The button says "Loading…" meanwhile.
    ui.wait_for(
        "playback",
        "return document.querySelector('#play').innerText.includes('Pause')",
        60 * SECONDS,
    );
    ui.click("#play");
    ui.click(".word[data-index='20']");
    // Playback goes on from the clicked word: it (or one just after) becomes the current one.
    let current = ui.wait_for(
        "the clicked word to be highlighted",
        "const w = document.querySelector('.word.current'); \
         return w !== null && Number(w.dataset.index) >= 20 && Number(w.dataset.index)",
        10 * SECONDS,
    );
    assert!(
        current.as_i64().unwrap() <= 23,
        "highlighted word {current}"
    );
    ui.screenshot(&shots.join("4-results-playing.png"));

    // History: the take is there; open it to replay with its feedback; delete it.
    ui.click("nav [data-screen='history']");
    ui.wait_for_element("#history-table", 10 * SECONDS);
    let rows = ui.script(
        "return document.querySelectorAll('#history-table tbody tr').length",
        json!([]),
    );
    assert_eq!(rows, json!(1));
    assert!(ui.text("#history-table").contains(&first_question));
    ui.screenshot(&shots.join("5-history.png"));
    ui.click(".open-take");
    ui.wait_for_element("#score-total", 10 * SECONDS);
    assert_eq!(ui.text("#score-total .big"), total.to_string());
    ui.click("nav [data-screen='history']");
    ui.wait_for_element(".delete-take", 10 * SECONDS);
    let recordings = data.path().join("recordings");
    assert_eq!(wav_files(&recordings).len(), 1);
    ui.click(".delete-take");
    ui.wait_for_element("dialog[open] #confirm-ok", 5 * SECONDS);
    ui.screenshot(&shots.join("6-delete-confirm.png"));
    ui.click("#confirm-ok");
    ui.wait_for_element("#history-body .empty", 10 * SECONDS);
    assert_eq!(
        wav_files(&recordings).len(),
        0,
        "the recording is deleted with the take"
    );

    // The sound server restarts while the app is open (after an update, or a crash of the
    // server): the next capture, the microphone check below, hears through the new one.
    mic.restart_server();

    // Settings.
    ui.click("nav [data-screen='settings']");
    ui.wait_for_element("#settings-form", 10 * SECONDS);
    ui.wait_for(
        "the microphone list",
        "return document.querySelectorAll('#microphone option').length > 1",
        20 * SECONDS,
    );
    // The microphone check hears a spoken sentence and judges its level.
    let sentence = data.path().join("check.wav");
    e2e::speak(
        "Testing, testing: one, two, three, this is my interview voice.",
        "en-us",
        165,
        &sentence,
    );
    ui.click("#check-mic");
    ui.wait_for(
        "the check to listen",
        "return document.querySelector('#mic-result').innerText.includes('listening')",
        20 * SECONDS,
    );
    let player = mic.play(&sentence);
    let verdict = ui.wait_for(
        "the microphone verdict",
        "const t = document.querySelector('#mic-result').innerText; \
         return !t.includes('listening') && t",
        20 * SECONDS,
    );
    player.wait();
    assert!(
        verdict.as_str().unwrap().starts_with("Sounds good"),
        "verdict: {verdict}"
    );
    let active = ui.text("#models tr[data-model='tiny.en-q8_0']");
    assert!(active.contains("in use"), "{active}");
    ui.screenshot(&shots.join("7-settings.png"));

    // Your stories: the bank, and which of the pack's questions each story fits.
    ui.click("nav [data-screen='stories']");
    ui.wait_for_element("#coverage-table", 10 * SECONDS);
    let stories = ui.script(
        "return document.querySelectorAll('#story-list article.story').length",
        json!([]),
    );
    assert_eq!(stories, json!(2));
    let uncovered = ui.text("#uncovered");
    assert!(uncovered.starts_with("No story yet for:"), "{uncovered}");
    ui.screenshot(&shots.join("10-stories.png"));
    // A story added with the form joins the bank and the grid.
    ui.click("#new-story");
    ui.wait_for_element("#story-form", 5 * SECONDS);
    ui.script(
        "document.querySelector('#story-title').value = 'Mentoring a new hire'; \
         document.querySelector('#story-action').value = 'I paired with her every morning.'; \
         document.querySelector('#story-competencies').value = 'mentoring'",
        json!([]),
    );
    ui.click("#story-form button[type='submit']");
    ui.wait_for(
        "the story to be added",
        "return document.querySelector('#stories-message').textContent === 'Story added.' || null",
        10 * SECONDS,
    );
    let stories = ui.script(
        "return document.querySelectorAll('#story-list article.story').length",
        json!([]),
    );
    assert_eq!(stories, json!(3));

    // A pack of one's own: a copy of a built-in pack, where a wrong target length is named
    // at its field, then saved as a file of the user's packs.
    ui.click("nav [data-screen='packs']");
    ui.wait_for_element("#packs-table", 10 * SECONDS);
    let count_packs = || {
        ui.script(
            "return document.querySelectorAll('#packs-table tbody tr').length",
            json!([]),
        )
    };
    assert_eq!(count_packs(), json!(7));
    ui.click("tr[data-pack='frontend-developer'] .edit-pack");
    ui.wait_for_element("#pack-form", 10 * SECONDS);
    ui.script(
        "document.querySelectorAll('.q-target')[2].value = '900'",
        json!([]),
    );
    ui.click("#save-pack");
    ui.wait_for_element("#pack-problem", 10 * SECONDS);
    let problem = ui.text("#pack-problem");
    assert!(
        problem.contains("target_seconds 900 is outside 15–300"),
        "{problem}"
    );
    let marked = ui.script(
        "const t = document.querySelectorAll('.q-target')[2]; \
         return document.activeElement === t && t.getAttribute('aria-invalid')",
        json!([]),
    );
    assert_eq!(marked, json!("true"));
    ui.screenshot(&shots.join("11-pack-editor.png"));
    ui.script(
        "document.querySelectorAll('.q-target')[2].value = '120'; \
         document.querySelector('#pack-name').value = 'Frontend, my way'",
        json!([]),
    );
    ui.click("#save-pack");
    ui.wait_for(
        "the pack to be saved",
        "return document.querySelector('#packs-message')?.textContent === 'Pack \"Frontend, my way\" saved.' || null",
        10 * SECONDS,
    );
    assert_eq!(count_packs(), json!(8));
    let file = data.path().join("packs/frontend-developer-mine.toml");
    let mine = coach::parse_pack("mine", &std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(mine.name, "Frontend, my way");
    assert_eq!(mine.questions[2].target_seconds, 120);
    assert_eq!(
        mine.questions.len(),
        coach::builtin_packs()[1].questions.len()
    );
    ui.screenshot(&shots.join("11b-packs.png"));
}

/// Space pressed again while the question is still being spoken: the take ends before its
/// first sample, and an empty recording is no take (it was saved, assessed and listed as a
/// take of nothing before).
#[test]
fn stopping_while_the_question_is_asked_saves_no_take() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let app = app_binary();
    let data = tempfile::tempdir().unwrap();
    std::fs::write(
        data.path().join("settings.json"),
        json!({"speak_questions": true, "silence_stop_seconds": 0.0, "follow_ups": "off"})
            .to_string(),
    )
    .unwrap();
    let mic = VirtualMic::start();
    let ui = launch(&app, &app_env(&mic, data.path()), "failed-stop-asking.png");
    ui.wait_for_element("#practise-one", 30 * SECONDS);
    ui.click("#practise-one");
    ui.wait_for_element("#record", 10 * SECONDS);
    ui.press(" ");
    ui.wait_for(
        "the question to be asked",
        "return document.querySelector('[role=status]').innerText.includes('Listen to the question')",
        30 * SECONDS,
    );
    ui.press(" ");
    let said = ui.wait_for(
        "the take to end with nothing recorded",
        "const n = document.querySelector('[role=status] .notice-info'); return n ? n.innerText : null",
        30 * SECONDS,
    );
    assert!(
        said.as_str()
            .unwrap_or_default()
            .contains("nothing was recorded"),
        "{said}"
    );
    ui.screenshot(&screenshots().join("stopped-while-asking.png"));
    assert_eq!(
        wav_files(&data.path().join("recordings")),
        Vec::<PathBuf>::new(),
        "no recording is left of a take that never began"
    );
    ui.click("nav [data-screen='history']");
    ui.wait_for_element("#history-body .empty", 10 * SECONDS);
}

#[test]
fn a_take_cut_short_by_a_crash_is_assessed_and_listed_after_a_restart() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let app = app_binary();
    let data = data_folder("off");
    let (script, answer) = spoken_answer("02-good", data.path());
    let mic = VirtualMic::start();
    let env = app_env(&mic, data.path());

    let played = {
        let ui = launch(&app, &env, "failed-crash.png");
        start_answer(&ui);
        let _player = mic.play(&answer);
        let playing_since = std::time::Instant::now();
        ui.wait_for(
            "some of the answer to be heard",
            "return document.querySelector('#live-transcript').innerText.split(' ').length >= 35",
            60 * SECONDS,
        );
        // The app dies mid-take, as in a power cut or `kill -9`.
        let killed = std::process::Command::new("pkill")
            .args(["-KILL", "-f", &app.display().to_string()])
            .status()
            .unwrap();
        assert!(killed.success(), "the app was running");
        playing_since.elapsed().as_secs_f64()
    };

    let ui = launch(&app, &env, "failed-crash.png");
    ui.wait_for_element("#practise-one", 30 * SECONDS);
    // The model loads, then the take is assessed in the background: History shows it then.
    let mut listed = json!(0);
    for _ in 0..60 {
        ui.click("nav [data-screen='history']");
        ui.wait_for_element("#history-body > *", 10 * SECONDS);
        listed = ui.script(
            "return document.querySelectorAll('#history-table tbody tr').length",
            json!([]),
        );
        if listed != json!(0) {
            break;
        }
        std::thread::sleep(SECONDS);
    }
    assert_eq!(listed, json!(1));
    ui.screenshot(&screenshots().join("8-history-after-crash.png"));
    ui.click(".open-take");
    ui.wait_for_element("#score-total", 10 * SECONDS);
    let transcript = ui.text("#transcript");
    let heard = transcript.split_whitespace().count();
    // Nothing before the crash is lost but the last checkpoint (a quarter second): the take
    // began before the answer was played into the microphone.
    let wavs = wav_files(&data.path().join("recordings"));
    assert_eq!(wavs.len(), 1, "{wavs:?}");
    let kept = audio::read_wav_16k_mono(&wavs[0]).unwrap();
    let kept_seconds = kept.samples.len() as f64 / 16_000.0;
    // What was recorded is the start of the script: compare with the prefix that fits best.
    let script_words: Vec<&str> = script.split_whitespace().collect();
    let wer = (heard / 2..=(heard * 2).min(script_words.len()))
        .map(|k| coach::word_error_rate(&script_words[..k].join(" "), &transcript).rate())
        .fold(f64::INFINITY, f64::min);
    eprintln!(
        "answer played {played:.2} s before the crash; recovered take {kept_seconds:.2} s, \
         {heard} words, WER {wer:.3} against the best-fitting start of the script"
    );
    assert!(
        kept_seconds >= played - 0.5,
        "{kept_seconds:.2} s kept of {played:.2} s played"
    );
    assert!(heard >= 30, "{transcript}");
    assert!(wer < 0.4, "WER {wer:.3}: {transcript}");

    // A retake of the same question is its second attempt, and opens beside the first:
    // score deltas and the two transcripts word by word.
    let (retake_script, retake) = spoken_answer("03-no-result", data.path());
    // Leave Results only once its recording has loaded: twice a click made while the waveform
    // was still loading never came back from WebKitWebDriver (120 s).
    ui.wait_for_element("#waveform[data-ready='true']", 60 * SECONDS);
    ui.click("nav [data-screen='home']");
    start_answer(&ui);
    mic.play(&retake).wait();
    std::thread::sleep(Duration::from_millis(800));
    ui.press(" ");
    ui.wait_for_element("#score-total", 60 * SECONDS);
    ui.wait_for(
        "the second attempt",
        "return document.querySelector('#attempt')?.textContent.startsWith('Attempt 2 of 2') || null",
        10 * SECONDS,
    );
    ui.click("#compare-previous");
    ui.wait_for_element("#compare-table", 10 * SECONDS);
    let total_row = ui.text("tr[data-figure='total']");
    assert!(total_row.starts_with("Total score"), "{total_row}");
    // The retake says other words: the diff holds words of each, marked added and removed.
    let (added, removed) = (
        ui.script(
            "return document.querySelectorAll('#word-diff ins').length",
            json!([]),
        ),
        ui.script(
            "return document.querySelectorAll('#word-diff del').length",
            json!([]),
        ),
    );
    assert!(
        added.as_i64() > Some(10) && removed.as_i64() > Some(10),
        "{added} added, {removed} removed"
    );
    let said_after = ui.text("#side-after .transcript");
    let wer = coach::word_error_rate(&retake_script, &said_after).rate();
    assert!(wer < 0.25, "WER {wer:.3}: {said_after}");
    eprintln!("compare: {total_row}; {added} words added, {removed} removed");
    ui.screenshot(&screenshots().join("8b-compare.png"));

    // Progress over both attempts: drawn by uPlot on a canvas in this real WebKit, with the
    // same figures in a table behind each chart.
    ui.click("nav [data-screen='progress']");
    ui.wait_for_element("#chart-score canvas", 20 * SECONDS);
    let headline = ui.text("#progress-headline");
    assert_eq!(headline, "2 answers to 1 question on 1 day", "{headline}");
    let scores = ui.script(
        "return [...document.querySelectorAll('#chart-score-table td')].map(c => c.textContent)",
        json!([]),
    );
    let scores: Vec<u32> = scores
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().parse().unwrap())
        .collect();
    assert_eq!(scores.len(), 2, "{scores:?}");
    let bests = ui.text("#progress-bests");
    let best = format!("Best score\n{} on", scores.iter().max().unwrap());
    assert!(bests.contains(&best), "{bests}");
    ui.screenshot(&screenshots().join("8c-progress.png"));
    ui.script(
        "document.documentElement.dataset.theme = 'dark'; \
         document.querySelector('nav [data-screen=progress]').click()",
        json!([]),
    );
    ui.wait_for_element("#chart-score canvas", 20 * SECONDS);
    ui.screenshot(&screenshots().join("8d-progress-dark.png"));

    // The first take as an earlier scorer left it: History offers to assess it again, and the
    // app hears it anew from its recording, keeping the earlier assessment.
    rusqlite::Connection::open(data.path().join("star-coach.sqlite3"))
        .unwrap()
        .execute(
            "UPDATE takes SET scorer_version = '0.0.1', score = 1 \
             WHERE id = (SELECT min(id) FROM takes)",
            [],
        )
        .unwrap();
    ui.click("nav [data-screen='history']");
    ui.wait_for_element("#older-takes button.reassess", 10 * SECONDS);
    ui.click("#older-takes button.reassess");
    ui.wait_for_element("dialog[open] #confirm-ok", 5 * SECONDS);
    ui.click("#confirm-ok");
    let report = ui.wait_for(
        "the take assessed again",
        "return document.querySelector('.reassess-report')?.textContent || null",
        60 * SECONDS,
    );
    let report = report.as_str().unwrap_or_default().to_string();
    assert!(
        report.starts_with("1 take assessed again: 1 → ") && !report.contains("→ —"),
        "{report}"
    );
    eprintln!("{report}");
    ui.screenshot(&screenshots().join("8e-reassessed.png"));
    ui.click("tbody tr:last-child .open-take");
    ui.wait_for_element("#earlier-assessments", 10 * SECONDS);
    let earlier = ui.text("#earlier-assessments");
    assert!(earlier.contains("1 (scorer 0.0.1, tiny.en"), "{earlier}");

    // The history as an archive, made in the app and carried to an empty data folder.
    ui.click("nav [data-screen='history']");
    ui.wait_for_element("#export-archive", 10 * SECONDS);
    ui.click("#export-archive");
    ui.wait_for_element(".archive-file", 30 * SECONDS);
    let archive = PathBuf::from(ui.text(".archive-file"));
    let elsewhere = tempfile::tempdir().unwrap();
    let mut other = store::Store::open(&elsewhere.path().join("h.sqlite3")).unwrap();
    let carried = other
        .import_archive(&archive, &elsewhere.path().join("recordings"), 1)
        .unwrap();
    assert_eq!(carried.takes_added, 2, "{carried:?}");
    for take in other.takes().unwrap() {
        assert!(std::path::Path::new(&take.wav_path).is_file(), "{take:?}");
    }
    ui.screenshot(&screenshots().join("8f-archive.png"));
}

#[test]
fn a_mock_interview_asks_a_follow_up_and_ends_with_its_summary() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let app = app_binary();
    let data = data_folder("one");
    let (_, answer) = spoken_answer("03-no-result", data.path());
    let reply = data.path().join("reply.wav");
    e2e::speak(
        "It landed on time, and page load time fell by forty percent.",
        "en-us",
        165,
        &reply,
    );
    let mic = VirtualMic::start();
    let ui = launch(&app, &app_env(&mic, data.path()), "failed-mock.png");

    ui.wait_for_element("#mock-interview", 30 * SECONDS);
    // A second launch on the same data folder ends at once and brings this window forward,
    // which says why: one history, one writer.
    let started = std::time::Instant::now();
    let second = std::process::Command::new(&app)
        .envs(app_env(&mic, data.path()))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&second.stderr);
    assert!(second.status.success(), "{said}");
    assert!(said.contains("STAR Coach is already open"), "{said}");
    eprintln!(
        "second launch ended in {:.2} s",
        started.elapsed().as_secs_f64()
    );
    ui.wait_for(
        "the notice of the second launch",
        "const n = document.querySelector('#launch-notice:not([hidden])'); \
         return n && n.getBoundingClientRect().height > 0 ? n.textContent : null",
        10 * SECONDS,
    );
    // The screenshot is of what WebKit last painted, which can lag the page by a frame or two.
    std::thread::sleep(Duration::from_millis(1000));
    ui.screenshot(&screenshots().join("9c-second-launch.png"));
    ui.click("#launch-notice button.dismiss");
    // The interview is built from a job advertisement: what it asks for, the questions that
    // fit it best with why, and the first is the one the ad is most about.
    ui.click("#job-ad-mock");
    ui.wait_for_element("#job-ad-text", 10 * SECONDS);
    ui.script(
        "document.querySelector('#job-ad-text').value = arguments[0]",
        json!([
            "Tech lead, Node.js. You will lead a team building our Node.js services and deliver \
             complex projects, mentor engineers, own production incidents end-to-end, \
             communicate with stakeholders, prioritise the roadmap and debug performance \
             problems."
        ]),
    );
    ui.click("#job-ad-find");
    ui.wait_for_element("#job-ad-questions li", 10 * SECONDS);
    let picked = ui.text("#job-ad-questions li");
    assert!(
        picked.starts_with("Tell me about a time you led a complex Node.js project."),
        "{picked}"
    );
    assert!(picked.contains("it names node.js"), "{picked}");
    // A tech lead's ad for Node.js is a backend role: the backend pack's questions, and one
    // that any interview asks from the general pack, each practised from its own pack.
    let role = ui.text("#job-ad-role");
    assert!(
        role.contains("questions from Backend Developer and General Behavioural"),
        "{role}"
    );
    let last = ui.text("#job-ad-questions li:last-child");
    assert!(last.ends_with("(General Behavioural)"), "{last}");
    eprintln!("job ad, first pick: {}", picked.replace('\n', " / "));
    ui.screenshot(&screenshots().join("9d-job-ad.png"));
    ui.click("#job-ad-start");
    ui.wait_for_element("#record", 10 * SECONDS);
    assert!(
        ui.text(".eyebrow").contains("question 1 of 8"),
        "{}",
        ui.text(".eyebrow")
    );
    record_with_space(&ui);
    mic.play(&answer).wait();
    std::thread::sleep(Duration::from_millis(800));
    ui.press(" ");
    // The answer has no Result: the interviewer asks for it in the pack's words, and the reply
    // is recorded like an answer.
    ui.wait_for(
        "the follow-up question",
        "return document.querySelector('.eyebrow').innerText === 'Follow-up question' \
           && document.querySelector('[role=status]').innerText.includes('Recording')",
        60 * SECONDS,
    );
    let asked = ui.text("#question");
    assert_eq!(
        asked,
        "How did the project land? What did it change, and by how much?"
    );
    mic.play(&reply).wait();
    std::thread::sleep(Duration::from_millis(800));
    ui.press(" ");
    ui.wait_for_element("#next-question", 60 * SECONDS);
    ui.wait_for_element(".follow-up-judgement", 10 * SECONDS);
    let judged = ui.text(".follow-up-judgement");
    eprintln!(
        "follow-up: {asked} → {} / {judged}",
        ui.text(".follow-up-reply")
    );
    assert!(judged.contains("the Result when asked"), "{judged}");
    ui.screenshot(&screenshots().join("9a-follow-up.png"));
    // The interview can end early: the summary covers the answers given.
    ui.click("#finish-mock");
    ui.wait_for_element("#summary-table", 10 * SECONDS);
    let rows = ui.script(
        "return document.querySelectorAll('#summary-table tbody tr').length",
        json!([]),
    );
    assert_eq!(rows, json!(1));
    // Each answer's filler count stands in its row (a number, from words and sounds).
    let fillers = ui.script(
        "return document.querySelector('#summary-table tbody tr td:nth-child(5)').textContent",
        json!([]),
    );
    assert!(
        fillers.as_str().is_some_and(|f| f.parse::<u32>().is_ok()),
        "{fillers}"
    );
    let mean = ui.text("#mean-score");
    assert!(mean.starts_with("Mean score"), "{mean}");
    // This answer has no Result: the summary names it as the weakest part.
    let weakest = ui.text("#weakest");
    eprintln!(
        "mock summary: {mean} weakest: {weakest}; next: {}",
        ui.text("#practise-next")
    );
    assert!(weakest.to_lowercase().contains("result"), "{weakest}");
    ui.screenshot(&screenshots().join("9-mock-summary.png"));

    // The interview as a report to keep: one HTML file, its recordings inside, opened here in
    // WebKit from the disk like any browser would, with nothing of the app around it.
    ui.click(".export-report");
    ui.wait_for_element(".export-path", 30 * SECONDS);
    let path = PathBuf::from(ui.text(".export-path"));
    assert!(
        path.starts_with(data.path().join("reports")),
        "{}",
        path.display()
    );
    let page = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        page.matches("<audio ").count(),
        2,
        "the answer and its reply"
    );
    ui.navigate(&format!("file://{}", path.display()));
    ui.wait_for(
        "the report's heading",
        "return document.querySelector('h1')?.textContent === 'Mock interview' || null",
        20 * SECONDS,
    );
    // The first recording loads: its length is the answer's, as the history has it.
    let seconds = ui.wait_for(
        "the recording to load in the report",
        "const a = document.readyState === 'complete' && document.querySelector('audio'); \
         if (!a) return null; \
         return a.error ? 'error ' + a.error.code : (a.readyState >= 1 ? a.duration : null)",
        20 * SECONDS,
    );
    let recorded = ui.text("section.take .meta");
    assert!(
        seconds.as_f64().is_some_and(|s| s > 3.0),
        "{seconds}; {recorded}"
    );
    eprintln!(
        "report {}: first recording {seconds} s; {recorded}",
        path.display()
    );
    ui.screenshot(&screenshots().join("9b-report.png"));
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// Opens a take and leaves it at once, a hundred times and more, sometimes just after pressing
/// Play. Before the waveform was drawn from the app's outline, one such round in about a
/// hundred froze the window (WebKitGTK's media pipeline deadlocked while torn down mid-load;
/// ARCHITECTURE.md, "Replay"). Too slow and too rarely failing for every run:
/// `STRESS_N=120 cargo test -p star-coach-app --test desktop stress -- --ignored --nocapture`.
#[test]
#[ignore = "a stress run of minutes, by hand"]
fn stress_leaving_results_while_its_recording_loads() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let app = app_binary();
    let data = data_folder("off");
    let (_, answer) = spoken_answer("02-good", data.path());
    let mic = VirtualMic::start();
    let env = app_env(&mic, data.path());
    let ui = launch(&app, &env, "failed-stress.png");
    start_answer(&ui);
    mic.play(&answer).wait();
    ui.press(" ");
    ui.wait_for_element("#score-total", 60 * SECONDS);
    let n: usize = std::env::var("STRESS_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30);
    for i in 0..n {
        let t = std::time::Instant::now();
        ui.click("nav [data-screen='history']");
        ui.wait_for_element("#history-table", 10 * SECONDS);
        ui.click(".open-take");
        ui.wait_for_element("#waveform", 10 * SECONDS);
        if i % 3 == 0 {
            ui.click("#play");
        }
        std::thread::sleep(Duration::from_millis((i as u64 * 53) % 900));
        ui.click("nav [data-screen='home']");
        ui.wait_for_element("#practise-one", 10 * SECONDS);
        eprintln!("round {i}: {:.2} s", t.elapsed().as_secs_f64());
    }
}

/// Imports the model file or folder at `path` from Settings → Speech model, waiting until it is
/// installed.
fn import_in_settings(ui: &Desktop, path: &str, timeout: Duration) {
    ui.script(
        "const f = document.querySelector('#model-file'); f.value = arguments[0]; \
         document.querySelector('#import-model').click();",
        json!([path]),
    );
    ui.wait_for(
        &format!("{path} imported"),
        "return document.querySelector('#models [role=status]').innerText.includes('is installed')",
        timeout,
    );
}

/// The installed package as a user meets it (`scripts/test-package.sh` installs it, runs this,
/// and removes it): a home folder with nothing in it but the settings that keep the question
/// unspoken (espeak-ng would otherwise talk into the virtual room), no data or model folder
/// named, one take recorded and assessed with the model the package brought.
#[test]
#[ignore = "needs the .deb installed: scripts/test-package.sh"]
fn the_installed_package_records_and_assesses_a_take_from_an_empty_home() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let app = PathBuf::from(
        std::env::var_os("STAR_COACH_INSTALLED_APP").expect("STAR_COACH_INSTALLED_APP is set"),
    );
    for set_by_hand in ["STAR_COACH_DATA", "STAR_COACH_MODELS", "XDG_DATA_HOME"] {
        assert!(
            std::env::var_os(set_by_hand).is_none(),
            "{set_by_hand} is set: the package must find everything by itself"
        );
    }
    let mic = VirtualMic::start();
    let env = mic.env();
    let home = PathBuf::from(&env.iter().find(|(k, _)| k == "HOME").unwrap().1);
    let data = home.join(".local/share/star-coach");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(
        data.join("settings.json"),
        json!({"speak_questions": false, "silence_stop_seconds": 0.0}).to_string(),
    )
    .unwrap();
    let spoken = tempfile::tempdir().unwrap();
    let (script, answer) = spoken_answer("01-good", spoken.path());

    let launched = std::time::Instant::now();
    let ui = launch(&app, &env, "failed-installed.png");
    ui.wait_for_element("#practise-one", 30 * SECONDS);
    let status = ui.script_async(
        "const done = arguments[arguments.length - 1]; \
         window.__TAURI_INTERNALS__.invoke('app_status').then(done, (e) => done(String(e)));",
        json!([]),
    );
    let model = status["model"]["path"].as_str().unwrap_or_default();
    assert!(
        model.starts_with("/usr/share/star-coach/models/") && status["model"]["present"] == true,
        "the packaged model is the one used: {status}"
    );
    assert_eq!(status["data_dir"], json!(data.display().to_string()));
    let alerts = ui.script(
        "return [...document.querySelectorAll('[role=alert]')].map(a => a.innerText).join(' ')",
        json!([]),
    );
    assert_eq!(
        alerts,
        json!(""),
        "a first start has nothing to complain of"
    );

    start_answer(&ui);
    mic.play(&answer).wait();
    std::thread::sleep(Duration::from_millis(800));
    ui.press(" ");
    ui.wait_for_element("#score-total", 60 * SECONDS);
    let transcript = ui.text("#transcript");
    let wer = coach::word_error_rate(&script, &transcript).rate();
    // Only a take that lost or garbled its audio fails here (that reads as half the words
    // wrong or worse); tiny.en's own errors on this answer ranged 17-23 % over runs of the
    // installed app, and transcript quality is measured in tests/incremental.rs.
    assert!(wer < 0.35, "WER {wer:.3}: {transcript}");
    eprintln!(
        "installed app: first take assessed {:.1} s after launch (answer included), WER {wer:.3}",
        launched.elapsed().as_secs_f64()
    );
    ui.screenshot(&screenshots().join("installed-results.png"));
    assert_eq!(wav_files(&data.join("recordings")).len(), 1);
    assert!(data.join("star-coach.sqlite3").is_file());

    // A model file the user has (here the package's own) is taken in from Settings.
    ui.click("nav [data-screen='settings']");
    ui.wait_for_element("#model-file", 10 * SECONDS);
    import_in_settings(&ui, model, 30 * SECONDS);
    let imported = data
        .join("models")
        .join(Path::new(model).file_name().unwrap());
    assert_eq!(
        std::fs::metadata(&imported).map(|m| m.len()).ok(),
        std::fs::metadata(model).map(|m| m.len()).ok(),
        "{} is a whole copy",
        imported.display()
    );
    // A CTranslate2 (faster-whisper) folder is converted and recognised as the model it is:
    // with the copy just taken in gone, the folder brings it back, byte for byte.
    if let Some(folder) = std::env::var_os("STAR_COACH_CT2_FOLDER") {
        std::fs::remove_file(&imported).unwrap();
        import_in_settings(&ui, &folder.to_string_lossy(), 120 * SECONDS);
        let sha = |path: &Path| asr::sha256_file(path, |_| {}).map(|(_, sha)| sha).ok();
        assert_eq!(
            sha(&imported),
            sha(Path::new(model)),
            "{} converted from {} is the packaged model",
            imported.display(),
            folder.to_string_lossy()
        );
    }
    // The removal check in scripts/test-package.sh looks here for what must stay.
    let keep = std::env::var_os("STAR_COACH_KEEP_HOME_AT").map(PathBuf::from);
    drop(ui);
    if let Some(to) = keep {
        std::fs::rename(&home, &to).unwrap_or_else(|e| panic!("{}: {e}", to.display()));
    }
}
