//! The star-coach command as a user runs it: real binary, real model, real synthesized speech.

use e2e::{default_model, scripts, speak, whisper_turn};
use std::process::{Command, Output};

fn star_coach(args: &[&str]) -> Output {
    run(Command::new(env!("CARGO_BIN_EXE_star-coach")).args(args))
}

/// Runs a star-coach command to its end. Many of them transcribe: one at a time
/// (`e2e::whisper_turn`).
fn run(command: &mut Command) -> Output {
    let _turn = whisper_turn();
    command.output().expect("star-coach runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The command failed with exit code 1, naming `path` and saying `says`, and printed no JSON.
/// Returns what it wrote to stderr.
fn assert_refused(out: &Output, path: &std::path::Path, says: &str) -> String {
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(out);
    assert!(
        err.contains(path.to_str().unwrap()) && err.contains(says),
        "{err}"
    );
    assert!(out.stdout.is_empty(), "no half-printed JSON");
    err
}

#[test]
fn assess_json_on_a_minute_long_answer_gives_the_transcript_contract() {
    default_model();
    let dir = tempfile::tempdir().unwrap();
    let script: String = scripts()
        .iter()
        .take(3)
        .map(|(_, t)| t.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let wav = dir.path().join("answer.wav");
    speak(&script, "en-us", 160, &wav);

    let out = star_coach(&["assess", wav.to_str().unwrap(), "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("stdout is one JSON object");
    let seconds = v["audio"]["seconds"].as_f64().unwrap();
    assert!(
        seconds > 60.0,
        "the answer lasts over a minute ({seconds} s)"
    );
    let words = v["transcript"]["words"].as_array().unwrap();
    assert!(words.len() > 150, "{} words", words.len());
    for w in words {
        let (start, end, p) = (
            w["start"].as_f64().unwrap(),
            w["end"].as_f64().unwrap(),
            w["p"].as_f64().unwrap(),
        );
        assert!(
            0.0 <= start && start <= end && end <= seconds && (0.0..=1.0).contains(&p),
            "{w}"
        );
        assert!(!w["text"].as_str().unwrap().is_empty());
    }
    let text = v["transcript"]["text"].as_str().unwrap();
    let wer = coach::word_error_rate(&script, text).rate();
    eprintln!(
        "{seconds:.1} s answer: {} words, WER {:.1} %, transcribed in {:.2} s (model load {:.2} s)",
        words.len(),
        100.0 * wer,
        v["timing"]["transcribe_seconds"].as_f64().unwrap(),
        v["timing"]["model_load_seconds"].as_f64().unwrap()
    );
    assert!(wer < 0.25, "WER {wer}");

    // Speech and delivery: espeak-ng talks with no think time and only short sentence breaks.
    let speaking = v["speech"]["speaking_seconds"].as_f64().unwrap();
    assert!(
        speaking > 0.95 * seconds && speaking <= seconds,
        "{speaking} of {seconds}"
    );
    assert!(v["speech"]["think_seconds"].as_f64().unwrap() < 0.3);
    assert!(
        v["speech"]["segments"].as_array().unwrap().len() == 1,
        "{}",
        v["speech"]["segments"]
    );
    let wpm = v["delivery"]["wpm"].as_f64().unwrap();
    assert!((150.0..210.0).contains(&wpm), "{wpm}");
    assert_eq!(
        v["delivery"]["fillers"]["count"], 0,
        "espeak-ng says no fillers"
    );
    assert!(v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["kind"] != "no_speech"));

    // The readable report shows the same words with times.
    let out = star_coach(&["assess", wav.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("[0:00") && report.contains("[1:0"),
        "{report}"
    );
}

#[test]
fn silence_gets_a_no_speech_finding_and_no_invented_transcript() {
    // Whisper invents words on silence, so silence must never reach it; no model is needed.
    let dir = tempfile::tempdir().unwrap();
    let wav = dir.path().join("silence.wav");
    let out = Command::new("sox")
        .args(["-n", "-r", "16000", "-c", "1"])
        .arg(&wav)
        .args(["trim", "0", "6"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let out = run(Command::new(env!("CARGO_BIN_EXE_star-coach"))
        .args(["assess", wav.to_str().unwrap(), "--json"])
        .env("STAR_COACH_MODELS", dir.path()));
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["transcript"]["words"].as_array().unwrap().len(), 0);
    assert_eq!(v["speech"]["speaking_seconds"], 0.0);
    let kinds: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["no_speech"]);
    assert!(
        v["score"].is_null() && v["star"].is_null(),
        "silence is not scored"
    );
}

#[test]
fn a_text_answer_is_scored_without_audio_and_told_what_to_change() {
    let dir = tempfile::tempdir().unwrap();
    let answer = dir.path().join("answer.txt");
    std::fs::write(
        &answer,
        "Last year a big client asked for a reporting feature. We needed to ship it in ten days. \
         We split the work into small pieces. We paired on the hardest query. We skipped the charts. \
         We shipped it one day early and the client renewed.",
    )
    .unwrap();
    let out = star_coach(&[
        "assess",
        "--transcript",
        answer.to_str().unwrap(),
        "--json",
        "--question-id",
        "bd-tight-deadline",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["question"]["text"],
        "Describe a time you had to deliver a feature under a very tight deadline."
    );
    assert!(
        v["star"]["units"]
            .as_array()
            .unwrap()
            .iter()
            .all(|u| u["start"].is_null()),
        "text has no times"
    );
    assert!(v["star"]["seconds"].is_null() && v["score"]["delivery"].is_null());
    let feedback: Vec<&str> = v["feedback"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert!(
        feedback
            .iter()
            .any(|f| f.ends_with("say \"we\": say what you did.")),
        "{feedback:?}"
    );

    let out = star_coach(&[
        "assess",
        "--transcript",
        answer.to_str().unwrap(),
        "--question-id",
        "nope",
    ]);
    assert!(
        stderr(&out).contains("no question with id 'nope'"),
        "{}",
        stderr(&out)
    );
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "  \n").unwrap();
    let out = star_coach(&["assess", "--transcript", empty.to_str().unwrap()]);
    assert!(stderr(&out).contains("holds no words"), "{}", stderr(&out));
}

#[test]
fn a_question_that_asks_for_no_story_is_judged_by_its_own_rubric() {
    let dir = tempfile::tempdir().unwrap();
    // A good answer to the seed's "What's your approach to Java?", and a weak one.
    let good = dir.path().join("good.txt");
    std::fs::write(
        &good,
        "I treat Java as a boring, reliable tool. In practice I keep to the standard library and \
         I write tests around behaviour. For example, last year I replaced our Spring aspects with \
         three plain classes, and new joiners shipped their first change in one day instead of \
         five. The trade-off is more code up front.",
    )
    .unwrap();
    let weak = dir.path().join("weak.txt");
    std::fs::write(
        &weak,
        "I really like Java. I always follow the SOLID principles.",
    )
    .unwrap();
    let judge = |file: &std::path::Path, json: bool| {
        let mut args = vec!["assess", "--transcript", file.to_str().unwrap()];
        args.extend(["--question-id", "bd-approach-to-java"]);
        if json {
            args.push("--json");
        }
        let out = star_coach(&args);
        assert!(out.status.success(), "{}", stderr(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    let v: serde_json::Value = serde_json::from_str(&judge(&good, true)).unwrap();
    assert_eq!(v["rubric"], "approach");
    assert!(v["star"].is_null());
    let missing: Vec<&serde_json::Value> = v["parts"]["parts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["present"] == false)
        .collect();
    assert!(missing.is_empty(), "{missing:?}");
    let weak_v: serde_json::Value = serde_json::from_str(&judge(&weak, true)).unwrap();
    assert!(weak_v["score"]["total"].as_f64() < v["score"]["total"].as_f64());

    let report = judge(&weak, false);
    assert!(report.contains("Judged as approach"), "{report}");
    assert!(report.contains("No example"), "{report}");
    for story_only in ["Task", "Situation", "My job was"] {
        assert!(!report.contains(story_only), "{report}");
    }
    let out = star_coach(&[
        "assess",
        "--transcript",
        good.to_str().unwrap(),
        "--rubric",
        "essay",
    ]);
    assert!(
        stderr(&out).contains("'essay' is not a rubric"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn bad_audio_files_fail_with_a_message_that_names_them() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.wav");
    std::fs::write(&notes, "not audio at all").unwrap();
    let missing = dir.path().join("missing.wav");
    for (path, says) in [(&notes, "not a WAV file"), (&missing, "cannot read")] {
        let out = star_coach(&["assess", path.to_str().unwrap(), "--json"]);
        let err = assert_refused(&out, path, says);
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn a_text_answer_far_larger_than_any_spoken_one_is_refused_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let sentence = "I profiled the slowest queries and added a cache. ";
    for (name, bytes, says) in [
        (
            "huge.txt",
            50_000_000,
            "MB is far more than a spoken answer",
        ),
        (
            "long.txt",
            500_000,
            "words is far more than a spoken answer",
        ),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, sentence.repeat(bytes / sentence.len())).unwrap();
        let out = star_coach(&["assess", "--transcript", path.to_str().unwrap(), "--json"]);
        assert_refused(&out, &path, says);
    }
}

#[test]
fn a_missing_model_says_how_to_get_one() {
    let dir = tempfile::tempdir().unwrap();
    let wav = dir.path().join("hello.wav");
    speak("hello", "en-us", 160, &wav);
    let out = run(Command::new(env!("CARGO_BIN_EXE_star-coach"))
        .args(["assess", wav.to_str().unwrap()])
        .env("STAR_COACH_MODELS", dir.path())
        .env_remove("STAR_COACH_MODEL"));
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let default_file = asr::Catalogue::builtin().default_model().file.clone();
    assert!(
        err.contains(&default_file) && err.contains("models fetch"),
        "{err}"
    );

    let out = star_coach(&["assess", wav.to_str().unwrap(), "--model", "enormous"]);
    assert!(
        stderr(&out).contains("no model named 'enormous'"),
        "{}",
        stderr(&out)
    );

    // A file that is not a model.
    let out = star_coach(&[
        "assess",
        wav.to_str().unwrap(),
        "--model",
        wav.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("not a whisper.cpp ggml model"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn models_list_and_verify_report_the_installed_default() {
    default_model();
    let out = star_coach(&["models", "list", "--json"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let tiny = v
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == "tiny.en-q8_0")
        .unwrap();
    assert_eq!(
        (tiny["present"].as_bool(), tiny["default"].as_bool()),
        (Some(true), Some(true))
    );
    assert_eq!(tiny["offline_import"]["quantize"], "q8_0");

    let out = star_coach(&["models", "verify", "tiny.en-q8_0"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("ok"));

    let empty = tempfile::tempdir().unwrap();
    let out = run(Command::new(env!("CARGO_BIN_EXE_star-coach"))
        .args(["models", "verify"])
        .env("STAR_COACH_MODELS", empty.path()));
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no models in"), "{}", stderr(&out));
}

#[test]
fn import_refuses_a_folder_that_is_not_a_model_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("model.bin"), b"\x06\0\0\0junk").unwrap();
    std::fs::write(dir.path().join("vocabulary.txt"), "a\n").unwrap();
    let out_file = dir.path().join("out.bin");
    let out = star_coach(&[
        "models",
        "import",
        dir.path().to_str().unwrap(),
        "--out",
        out_file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("vocabulary.txt"), "{}", stderr(&out));
    assert!(!out_file.exists());
}

#[test]
fn import_under_a_catalogue_name_refuses_another_quantization() {
    let models = tempfile::tempdir().unwrap();
    let out = run(Command::new(env!("CARGO_BIN_EXE_star-coach"))
        .args(["models", "import", "/nowhere", "--name", "tiny.en"])
        .args(["--quantize", "q8_0"])
        .env("STAR_COACH_MODELS", models.path()));
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("tiny.en is stored as f16, not q8_0"), "{err}");
    assert_eq!(std::fs::read_dir(models.path()).unwrap().count(), 0);
}

#[test]
fn packs_are_listed_imported_exported_and_bad_ones_refused_with_line_and_column() {
    let data = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        run(Command::new(env!("CARGO_BIN_EXE_star-coach"))
            .args(args)
            .env("STAR_COACH_DATA", data.path()))
    };

    let exported = data.path().join("backend.toml");
    let out = run(&[
        "packs",
        "export",
        "backend-developer",
        "--out",
        exported.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&exported).unwrap();
    assert!(text.contains("Tell me about a time you led a complex Node.js project."));

    // The same questions under a new id import cleanly and are listed.
    let mine = data.path().join("mine.toml");
    std::fs::write(
        &mine,
        text.replacen("id = \"backend-developer\"", "id = \"my-backend\"", 1),
    )
    .unwrap();
    let out = run(&["packs", "import", mine.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run(&["packs", "list", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    // The seven built-in packs, then the user's.
    assert_eq!(ids.len(), 8, "{ids:?}");
    assert_eq!(ids[0], "backend-developer");
    assert_eq!(ids[7], "my-backend");
    assert!(
        !run(&["packs", "import", mine.to_str().unwrap()])
            .status
            .success(),
        "no silent overwrite"
    );
    assert!(
        run(&["packs", "import", mine.to_str().unwrap(), "--replace"])
            .status
            .success()
    );

    let broken = data.path().join("broken.toml");
    std::fs::write(&broken, "id = \"b\"\nname = \"B\"\n[[question]]\nid = \"q\"\ntext = \"Hi\"\ncategory = \"gossip\"\ntarget_seconds = 60\n").unwrap();
    let out = run(&["packs", "import", broken.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("{}:6:12:", broken.display())) && err.contains("gossip"),
        "{err}"
    );
}

#[test]
fn recover_adds_a_take_a_crash_kept_out_of_the_history_as_the_app_does_at_start_up() {
    let model = default_model();
    let data = tempfile::tempdir().unwrap();
    let wav = data.path().join("recordings/2026-12-02-session/01-q.wav");
    std::fs::create_dir_all(wav.parent().unwrap()).unwrap();
    let script = scripts()[0].1.clone();
    speak(&script, "en-us", 165, &wav);
    let pending = store::recordings::PendingTake {
        pack_id: "backend-developer".into(),
        question: coach::builtin_packs()[0].questions[0].clone(),
        session_id: None,
        recorded_ms: 1_764_000_000_000,
        follows: None,
    };
    store::recordings::write_pending(&wav, &pending).unwrap();
    let recover = || {
        run(Command::new(env!("CARGO_BIN_EXE_star-coach"))
            .env("STAR_COACH_DATA", data.path())
            .args(["recover", "--model", model.to_str().unwrap()]))
    };

    let out = recover();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("into the history (take 1)"),
        "{}",
        stderr(&out)
    );
    assert!(wav.with_extension("json").is_file(), "sidecar written");
    assert!(!store::recordings::pending_path(&wav).exists());
    let history = store::Store::open(&data.path().join("star-coach.sqlite3")).unwrap();
    let takes = history.takes().unwrap();
    assert_eq!(takes.len(), 1);
    let text = history
        .take(takes[0].id)
        .unwrap()
        .assessment
        .transcript
        .text;
    let wer = coach::word_error_rate(&script, &text).rate();
    assert!(wer < 0.25, "WER {wer:.2}: {text}");

    let again = recover();
    assert!(
        stderr(&again).contains("No unfinished takes."),
        "{}",
        stderr(&again)
    );
    assert_eq!(history.takes().unwrap().len(), 1, "nothing added twice");
}

#[test]
fn two_attempts_at_a_question_are_listed_and_compared_word_by_word() {
    let model = default_model();
    let data = tempfile::tempdir().unwrap();
    let question = coach::builtin_packs()[0].questions[0].clone();
    let first = "Last year our checkout page was slow. I was asked to fix it before the sale. \
                 I profiled the service and cached the prices.";
    let second = "Last year our checkout page was slow. I was asked to fix it before the sale. \
                  I profiled the service and cached the prices. Page load time fell by forty \
                  percent, and the sale ran without an outage.";
    for (n, script) in [first, second].iter().enumerate() {
        let wav = data.path().join(format!("recordings/s{n}/01-q.wav"));
        std::fs::create_dir_all(wav.parent().unwrap()).unwrap();
        speak(script, "en-us", 165, &wav);
        let pending = store::recordings::PendingTake {
            pack_id: "backend-developer".into(),
            question: question.clone(),
            session_id: None,
            recorded_ms: 1_764_000_000_000 + n as i64 * 86_400_000,
            follows: None,
        };
        store::recordings::write_pending(&wav, &pending).unwrap();
    }
    let cli = |args: &[&str]| {
        let out = run(Command::new(env!("CARGO_BIN_EXE_star-coach"))
            .env("STAR_COACH_DATA", data.path())
            .env("STAR_COACH_MODEL", &model)
            .args(args));
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    // A story bank with the story these takes tell: each take is linked to it when saved.
    let bank = data.path().join("my-stories.toml");
    std::fs::write(
        &bank,
        "[[story]]\nid = \"checkout\"\ntitle = \"The slow checkout before the sale\"\n\
         situation = \"Our checkout page was slow before the sale.\"\n\
         action = \"I profiled the service and cached the prices.\"\n\
         result = \"Page load time fell by forty percent; no outage.\"\n\
         competencies = [\"ownership\"]\n\n\
         [[story]]\nid = \"mentoring\"\ntitle = \"Mentoring a junior through on-call\"\n\
         action = \"I paired with her on incidents and we wrote a runbook.\"\n\
         competencies = [\"leadership\", \"conflict\"]\n",
    )
    .unwrap();
    cli(&["stories", "import", bank.to_str().unwrap()]);
    assert!(cli(&["stories", "list"]).contains("checkout"));
    cli(&["recover"]);
    let attempts: serde_json::Value =
        serde_json::from_str(&cli(&["history", "attempts", &question.id, "--json"])).unwrap();
    let ids: Vec<i64> = attempts
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids.len(), 2, "{attempts}");
    let v: serde_json::Value = serde_json::from_str(&cli(&[
        "history",
        "compare",
        &ids[0].to_string(),
        &ids[1].to_string(),
        "--json",
    ]))
    .unwrap();
    let c = &v["comparison"];
    assert!(c["total"]["delta"].as_f64().unwrap() > 0.0, "{c}");
    assert!(
        c["speaking_seconds"]["delta"].as_f64().unwrap() > 3.0,
        "{c}"
    );
    // tiny.en heard the first take badly ("I'll check out page one zero"), so which findings
    // go depends on its words; that some go is what holds.
    assert!(!c["findings_gone"].as_array().unwrap().is_empty(), "{c}");
    let added: Vec<&str> = c["words"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["change"] == "added")
        .map(|w| w["text"].as_str().unwrap())
        .collect();
    assert!(
        added.contains(&"percent") && added.contains(&"outage"),
        "{added:?}"
    );
    let text = cli(&[
        "history",
        "compare",
        &ids[0].to_string(),
        &ids[1].to_string(),
    ]);
    assert!(
        text.contains("Score") && text.contains("{+percent+}"),
        "{text}"
    );
    // Both takes are a year old: the question is due for review, with both attempts counted.
    let queue: serde_json::Value =
        serde_json::from_str(&cli(&["history", "review", "--json"])).unwrap();
    assert_eq!(queue.as_array().map(Vec::len), Some(1), "{queue}");
    assert_eq!(queue[0]["question"]["id"], question.id.as_str());
    assert_eq!(queue[0]["pack_id"], "backend-developer");
    assert_eq!(
        (queue[0]["attempts"].as_u64(), queue[0]["due"].as_bool()),
        (Some(2), Some(true))
    );
    let text = cli(&["history", "review"]);
    assert!(
        text.starts_with("1 question(s) due today, 1 in all"),
        "{text}"
    );
    // Progress over both attempts, a day apart: the second is the best, on its own day.
    let progress: serde_json::Value =
        serde_json::from_str(&cli(&["progress", "--question", &question.id, "--json"])).unwrap();
    let p = &progress["progress"];
    assert_eq!(p["points"].as_array().map(Vec::len), Some(2), "{p}");
    assert_eq!(p["days_practised"], 2, "{p}");
    assert_eq!(p["bests"]["score"]["take_id"].as_i64(), Some(ids[1]), "{p}");
    assert!(
        p["points"][1]["speaking_seconds"].as_f64() > p["points"][0]["speaking_seconds"].as_f64(),
        "{p}"
    );
    assert_eq!(progress["practised"][0]["answers"], 2, "{progress}");
    let text = cli(&["progress"]);
    assert!(
        text.starts_with("2 answer(s) to 1 question(s) on 2 day(s)"),
        "{text}"
    );
    assert!(text.contains(&question.id), "{text}");
    // This scorer made both: nothing to assess again unless asked. Asked, the same build on
    // the same recording gives the same judgement, and the earlier one is kept.
    let out = run(Command::new(env!("CARGO_BIN_EXE_star-coach"))
        .env("STAR_COACH_DATA", data.path())
        .args(["history", "reassess"]));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("nothing to do"), "{}", stderr(&out));
    let again: serde_json::Value = serde_json::from_str(&cli(&[
        "history",
        "reassess",
        &ids[0].to_string(),
        "--json",
    ]))
    .unwrap();
    let r = &again["reassessed"][0];
    assert_eq!(r["take_id"].as_i64(), Some(ids[0]), "{again}");
    assert_eq!(r["score_before"], r["score_after"], "{again}");
    assert_eq!(r["change"]["total"]["delta"].as_f64(), Some(0.0), "{again}");
    let history = store::Store::open(&data.path().join("star-coach.sqlite3")).unwrap();
    let take = history.take(ids[0]).unwrap();
    assert_eq!(take.earlier.len(), 1);
    assert_eq!(take.earlier[0].scorer_version, coach::SCORER_VERSION);
    // The second take told the bank's checkout story, and was linked to it when saved.
    let told = history
        .take(ids[1])
        .unwrap()
        .story
        .expect("linked to its story");
    assert_eq!(told.story_id, "checkout", "{told:?}");
    assert!(
        told.words.iter().any(|w| w == "price" || w == "checkout"),
        "{told:?}"
    );
    let said = cli(&["stories", "recognise", &ids[1].to_string()]);
    assert!(
        said.contains("told \"The slow checkout before the sale\""),
        "{said}"
    );
    let coverage = cli(&["stories", "coverage"]);
    assert!(coverage.contains("No story yet for:"), "{coverage}");
    let exported = cli(&["stories", "export"]);
    assert_eq!(exported.matches("[[story]]").count(), 2, "{exported}");

    // Reports to keep: a take as one HTML page with its recording inside, everything as
    // Markdown; a session that does not exist is a clear error.
    let page = data.path().join("take.html");
    cli(&[
        "report",
        "take",
        &ids[1].to_string(),
        "--out",
        page.to_str().unwrap(),
    ]);
    let html = std::fs::read_to_string(&page).unwrap();
    assert_eq!(html.matches("src=\"data:audio/wav;base64,").count(), 1);
    assert!(html.contains(&question.text) && !html.contains("<script"));
    let md = cli(&["report", "all", "--format", "md", "--out", "-"]);
    assert_eq!(
        md.matches(&format!("\n## {}\n", question.text)).count(),
        2,
        "{md}"
    );
    assert!(md.contains("outage"), "{md}");
    let out = run(Command::new(env!("CARGO_BIN_EXE_star-coach"))
        .env("STAR_COACH_DATA", data.path())
        .args(["report", "session", "99"]));
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("session 99 is not in the history"),
        "{}",
        stderr(&out)
    );

    // The history carried to an empty data folder: both takes, recordings and all.
    let archive = data.path().join("carry.tar");
    cli(&["archive", "export", archive.to_str().unwrap()]);
    let elsewhere = tempfile::tempdir().unwrap();
    let there = |args: &[&str]| {
        let out = run(Command::new(env!("CARGO_BIN_EXE_star-coach"))
            .env("STAR_COACH_DATA", elsewhere.path())
            .args(args));
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        (String::from_utf8(out.stdout.clone()).unwrap(), stderr(&out))
    };
    let (_, said) = there(&["archive", "import", archive.to_str().unwrap()]);
    assert!(said.starts_with("Added 2 take(s)"), "{said}");
    let (listed, _) = there(&["history", "list", "--json"]);
    let listed: serde_json::Value = serde_json::from_str(&listed).unwrap();
    let wavs: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["wav_path"].as_str().unwrap())
        .collect();
    assert_eq!(wavs.len(), 2);
    assert!(
        wavs.iter()
            .all(|w| w.starts_with(elsewhere.path().to_str().unwrap())
                && std::path::Path::new(w).is_file()),
        "{wavs:?}"
    );
}

#[test]
fn a_job_ad_picks_the_questions_that_fit_it_and_says_why() {
    let data = tempfile::tempdir().unwrap();
    let ad = data.path().join("ad.txt");
    std::fs::write(
        &ad,
        "Senior Java engineer. You will own our payment services end-to-end and join the \
         on-call rotation, debugging production incidents to their root cause.",
    )
    .unwrap();
    let run = |args: &[&str]| {
        run(Command::new(env!("CARGO_BIN_EXE_star-coach"))
            .env("STAR_COACH_DATA", data.path())
            .args(args))
    };
    let out = run(&["job-ad", ad.to_str().unwrap(), "--questions", "3", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = v["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["question"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 3, "{v}");
    // A Java engineer's ad: the backend pack and the one for any role.
    assert_eq!(
        v["role"]["pack_ids"],
        serde_json::json!(["backend-developer", "general-behavioural"]),
        "{v}"
    );
    assert!(ids.contains(&"bd-approach-to-java"), "{ids:?}");
    assert!(ids.contains(&"bd-production-incident"), "{ids:?}");
    assert!(
        v["questions"][0]["why"]
            .as_str()
            .unwrap()
            .starts_with("The ad asks for"),
        "{v}"
    );
    let text = String::from_utf8(run(&["job-ad", ad.to_str().unwrap()]).stdout).unwrap();
    assert!(
        text.contains("role: backend-developer, general-behavioural (the ad says java)")
            && text.contains("ownership")
            && text.contains("technologies: java"),
        "{text}"
    );
    // Practising the ad without a pack asks from the role's packs; the picks are said before
    // anything else (here the model is missing, so it stops there, naming it).
    let out = run(&[
        "practice",
        "--job-ad",
        ad.to_str().unwrap(),
        "--questions",
        "3",
        "--model",
        "/nowhere/ggml-missing.bin",
    ]);
    assert!(!out.status.success());
    let said = stderr(&out);
    assert!(
        said.contains(
            "The ad says java: questions from backend-developer and general-behavioural."
        ),
        "{said}"
    );
    assert_eq!(
        said.lines().filter(|l| l.contains(" — ")).count(),
        3,
        "{said}"
    );
    assert!(said.contains("ggml-missing.bin"), "{said}");
    std::fs::write(&ad, "x".repeat(100_001)).unwrap();
    let out = run(&["job-ad", ad.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("ad.txt: longer than"),
        "{}",
        stderr(&out)
    );
}
