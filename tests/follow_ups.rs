//! Follow-up questions on spoken answers: each answer lacks one thing an interviewer would ask
//! about (each STAR part, the number in the Result, the "I", a real example); the coach, hearing it through the real model, asks about that gap; a reply that gives
//! it answers the follow-up, and one that does not is told so (`coach::follow_ups`).

use coach::follow_ups::{gaps, judge_follow_up, next_follow_up, FollowUpMode, Gap};
use coach::{Norms, Rubric, TakeAssessment};

struct Case {
    gap: Gap,
    answer: &'static str,
    reply: &'static str,
}

const CASES: [Case; 7] = [
    Case {
        gap: Gap::MissingResult,
        answer: "Our team ran a large customer database on an old MySQL version that was out of \
                 support. I was responsible for moving it to PostgreSQL without any downtime. I \
                 set up logical replication from the old database to the new one. I wrote checks \
                 that compared row counts every hour. I switched the traffic over on a quiet \
                 Sunday morning.",
        reply: "In the end the move took under a minute of read only time, and queries ran \
                thirty percent faster.",
    },
    Case {
        gap: Gap::Ownership,
        answer: "Last year our checkout page was slow during big sales. Our team had to fix it \
                 before Black Friday. We profiled the service and found slow price lookups. We \
                 added a cache for the prices. We also tuned the database settings. Page load \
                 time fell by forty percent.",
        reply: "I profiled the service myself, and I wrote the price cache and its tests.",
    },
    Case {
        gap: Gap::Hypothetical,
        answer: "If a service I owned slowed down, I would profile it first. I would look at the \
                 slowest queries and the busiest endpoints. I would add caching where it helps. \
                 Then I would measure again and tell the team what changed.",
        reply: "Last spring our search service slowed down. I profiled it myself. I found a \
                missing index, and I added it. Search time fell by half.",
    },
    Case {
        gap: Gap::UnquantifiedResult,
        answer: "Last year our sign up form lost many new users. I was asked to find out why \
                 and fix it. I watched recordings of real sessions and found a confusing \
                 address step. I removed the step and added a clear progress bar. The launch \
                 went well and users were much happier.",
        reply: "Sign ups rose by twenty percent in the first month.",
    },
    Case {
        gap: Gap::MissingAction,
        answer: "Last year our release process took a whole working day. I was responsible for \
                 making releases faster. In the end a release took twenty minutes instead of \
                 eight hours.",
        reply: "I wrote a script that built and tested every service in parallel, and I moved \
                the manual checks into the pipeline.",
    },
    Case {
        gap: Gap::MissingTask,
        answer: "Last winter our mobile app crashed for many users after an update. I read the \
                 crash reports and found a null pointer in the login screen. I wrote a fix and a \
                 test for it, and I shipped a patch the same evening. Crashes fell by ninety \
                 percent the next day.",
        reply: "It was my job to get the app stable again before the weekend.",
    },
    Case {
        gap: Gap::MissingSituation,
        answer: "My task was to cut our cloud bill before the end of the quarter. I listed every \
                 server and found twenty idle machines. I shut them down and moved our backups \
                 to cheaper storage. The monthly bill fell by thirty percent.",
        reply: "This was at a small startup last year, when our money was running out.",
    },
];

/// A text spoken by espeak-ng, then heard and judged as the app judges a take.
fn spoken(transcriber: &asr::Transcriber, text: &str, dir: &std::path::Path) -> TakeAssessment {
    let wav = dir.join("take.wav");
    e2e::speak(text, "en-us", 165, &wav);
    let audio = audio::read_wav_16k_mono(&wav).expect("espeak's WAV reads");
    pipeline::assess_take(
        &audio.samples,
        None,
        Rubric::Story,
        || Ok::<_, asr::TranscribeError>(transcriber),
        &asr::TranscribeOptions::default(),
        &Norms::default(),
    )
    .expect("assessed")
}

#[test]
fn each_gap_is_asked_about_and_a_reply_that_fills_it_answers_it() {
    let transcriber = asr::Transcriber::load(&e2e::default_model()).expect("model loads");
    let dir = tempfile::tempdir().unwrap();
    let question = coach::builtin_packs()[0].questions[0].clone();
    let norms = Norms::default();
    let mut failures = Vec::new();
    for case in &CASES {
        let answer = spoken(&transcriber, case.answer, dir.path());
        let found = gaps(&answer);
        let asked = next_follow_up(&question, &answer, &[], FollowUpMode::One);
        eprintln!(
            "{:?}: gaps {found:?}; asked {:?}",
            case.gap,
            asked.as_ref().map(|a| &a.text)
        );
        if asked.as_ref().map(|a| a.gap) != Some(case.gap) {
            failures.push(format!("{:?}: asked {asked:?}, gaps {found:?}", case.gap));
            continue;
        }
        let reply = spoken(&transcriber, case.reply, dir.path());
        let judged = judge_follow_up(&answer, &reply, case.gap, &norms);
        eprintln!(
            "  reply \"{}\": {}",
            reply.transcript.text.trim(),
            judged.message
        );
        if !judged.answered {
            failures.push(format!(
                "{:?}: the reply did not count: {}",
                case.gap, judged.message
            ));
        }
        // The answer keeps what it lacked.
        assert_eq!(gaps(&answer), found);
        // A reply about something else does not answer it.
        let aside = spoken(
            &transcriber,
            "I also enjoy writing documentation for my team.",
            dir.path(),
        );
        if judge_follow_up(&answer, &aside, case.gap, &norms).answered {
            failures.push(format!("{:?}: an unrelated reply counted", case.gap));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
