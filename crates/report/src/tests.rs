//! Reports hold what the app shows, escape everything a user or the recogniser wrote, and
//! carry their recordings inside.

use super::*;
use base64::Engine;
use store::TakeSummary;

const HOSTILE: &str = "<script>alert(1)</script> <img src=x onerror=\"alert('x')\"> & \"quoted\"";

fn record(question: &str, answer: &str, wav: &str) -> TakeRecord {
    let assessment = e2e::text_answer(answer);
    TakeRecord {
        summary: TakeSummary {
            id: 7,
            session_id: Some(3),
            question_id: "bd-1".into(),
            question_text: question.into(),
            recorded_ms: 1_796_200_000_000,
            total_seconds: assessment.speech.total_seconds,
            speaking_seconds: assessment.speech.speaking_seconds,
            score: assessment.score.map(|s| s.total.round() as u32),
            wav_path: wav.into(),
            scorer_version: coach::SCORER_VERSION.into(),
        },
        question_category: "behavioural".into(),
        target_seconds: 90,
        stop_reason: "requested".into(),
        model_id: "tiny.en".into(),
        scored_by_current: true,
        assessment,
        follows_take: None,
        follow_up: None,
        replies: Vec::new(),
        earlier: Vec::new(),
        story: None,
    }
}

const ANSWER: &str = "Last year our checkout page was slow. I had to fix it before the sale. I \
                      profiled the service and cached the prices. Page load time fell by forty \
                      percent.";

fn report(takes: Vec<ReportTake>) -> Report {
    Report {
        title: "Practice".into(),
        created_ms: 1_796_200_100_000,
        utc_offset_minutes: 60,
        takes,
        with_audio: true,
        summary: None,
    }
}

#[test]
fn the_html_holds_the_recording_and_nothing_that_runs_or_fetches() {
    let wav = b"RIFF\x24\x00\x00\x00WAVEfmt fake audio bytes".to_vec();
    let take = ReportTake {
        record: record("Tell me about a deadline.", ANSWER, "/r/a.wav"),
        wav: Some(wav.clone()),
    };
    let page = html(&report(vec![take]));
    assert!(page.starts_with("<!doctype html>"));
    assert!(
        page.contains("default-src 'none'"),
        "a policy that forbids scripts and fetches"
    );
    let src = page
        .split("src=\"data:audio/wav;base64,")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the recording is inside");
    assert_eq!(
        base64::engine::general_purpose::STANDARD
            .decode(src)
            .unwrap(),
        wav
    );
    assert!(!page.contains("<script"), "no script");
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "nothing from the network"
    );
    // What the user sees: the question, the score, the STAR parts and what was said, with times.
    assert!(page.contains("<h2>Tell me about a deadline.</h2>"));
    assert!(page.contains("2026-12-02"), "dated in the user's zone");
    assert!(page.contains("<b>Result</b>"), "{page}");
    assert!(page.contains("forty percent."));
    assert!(page.contains("class=\"timeline\""));
}

#[test]
fn text_from_a_pack_or_the_recogniser_is_never_markup() {
    let take = ReportTake {
        record: record(HOSTILE, &format!("{ANSWER} {HOSTILE}"), "/r/<b>.wav"),
        wav: None,
    };
    let mut r = report(vec![take]);
    r.title = HOSTILE.into();
    let page = html(&r);
    assert!(
        !page.contains("<script>") && !page.contains("<img"),
        "{page}"
    );
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains("onerror=&quot;alert(&#39;x&#39;)&quot;"));
    assert!(
        page.contains("could not be read"),
        "a missing recording is said"
    );
    assert!(page.contains("/r/&lt;b&gt;.wav"));
    let md = markdown(&r);
    // Every angle bracket is escaped, so no Markdown renderer reads a tag (a file name is in
    // a code span, where nothing is markup).
    for line in md.lines().filter(|l| !l.starts_with("Recording: `")) {
        assert!(
            line.match_indices('<')
                .all(|(i, _)| line[..i].ends_with('\\')),
            "{line}"
        );
    }
    assert!(md.contains("\\<script\\>"));
}

#[test]
fn markdown_and_json_hold_the_same_takes() {
    let mut r = report(vec![ReportTake {
        record: record("Tell me about a deadline.", ANSWER, "/r/a.wav"),
        wav: None,
    }]);
    r.summary = Some(coach::SessionSummary {
        answers: vec![coach::session::AnswerLine {
            question: "Tell me about a deadline.".into(),
            speaking_seconds: 12.0,
            fillers: 1,
            total: Some(71.0),
        }],
        mean_score: Some(71.0),
        weakest_part: None,
        weakest_reason: None,
        next: Some("Give the Result a number.".into()),
    });
    let md = markdown(&r);
    assert!(md.starts_with("# Practice\n"));
    assert!(
        md.contains("| Tell me about a deadline. | 71 | 0:12 | 1 |"),
        "{md}"
    );
    assert!(md.contains("\n## Tell me about a deadline.\n"));
    assert!(md.contains("Recording: `/r/a.wav`"));
    assert!(
        md.contains("**Result** Page load time fell by forty percent."),
        "{md}"
    );
    assert!(md.contains("STAR: Situation"), "{md}");

    let json = json(&r);
    assert_eq!(json["format"], "star-coach-report");
    assert_eq!(json["version"], REPORT_FORMAT_VERSION);
    assert_eq!(
        json["takes"][0]["question_text"],
        "Tell me about a deadline."
    );
    assert_eq!(
        json["takes"][0]["assessment"]["transcript"]["text"],
        r.takes[0].record.assessment.transcript.text.as_str()
    );
    assert_eq!(json["summary"]["mean_score"], 71.0);
    assert!(html(&r).contains("Practise next: Give the Result a number."));
}
