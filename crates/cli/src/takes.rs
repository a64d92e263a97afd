//! What `record`, `practice` and `recover` share: reporting takes recovered after a crash, stopping a take
//! from the keyboard (Enter, Ctrl-C), and showing a take's progress (a live level line on a
//! terminal, or JSON lines for scripts and tests).

use audio::capture::{Level, RecordedTake, StopReason, Stopper, TakeStarted};
use coach::transcript::clock;
use pipeline::{recover_takes, DataPlaces, Recovered, RecoveryReport};
use serde_json::json;
use std::io::{BufRead, IsTerminal, Write};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Mutex, OnceLock};

/// Says what recovery after a crash did (see `pipeline::recover_takes`).
pub fn report_recovery(report: &RecoveryReport, json: bool) {
    for take in &report.repaired {
        if json {
            outln!("{}", json!({"event": "recovered", "take": take}));
        } else {
            eprintln!(
                "Recovered an unfinished take: {} ({:.1} s)",
                take.path.display(),
                take.seconds
            );
        }
    }
    for failed in &report.not_repaired {
        eprintln!(
            "Could not recover {}: {}",
            failed.path.display(),
            failed.reason
        );
    }
    for result in &report.assessed {
        match result {
            Recovered::Added { wav, take_id } => {
                eprintln!(
                    "Assessed {} into the history (take {take_id}).",
                    wav.display()
                )
            }
            Recovered::NeverRecorded { .. } => {}
            Recovered::Failed { wav, reason } => {
                eprintln!("Could not assess {} yet: {reason}", wav.display())
            }
        }
    }
}

/// Repairs takes a crash left open, before anything new is recorded (assessing the takes the
/// history misses needs a model: `practice` and `recover` do that).
pub fn repair_before_recording(json: bool) {
    report_recovery(
        &DataPlaces::with(|places| recover_takes(None, places)),
        json,
    );
}

static CTRL_C_STOPPER: OnceLock<Mutex<Option<Stopper>>> = OnceLock::new();

/// Ctrl-C stops the take cleanly (the file is finished) instead of killing the program; a second
/// Ctrl-C while nothing is recording exits.
pub fn stop_take_on_ctrl_c(stopper: Stopper) {
    let slot = CTRL_C_STOPPER.get_or_init(|| {
        let _ = ctrlc::set_handler(|| {
            let taken = CTRL_C_STOPPER
                .get()
                .and_then(|slot| slot.lock().ok()?.take());
            match taken {
                Some(stopper) => stopper.stop(),
                None => std::process::exit(130),
            }
        });
        Mutex::new(None)
    });
    if let Ok(mut guard) = slot.lock() {
        *guard = Some(stopper);
    }
}

/// Lines typed on stdin, read on their own thread so waiting for Enter never blocks audio.
/// The channel closes at end of input.
pub fn stdin_lines() -> Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::stdin().lock().lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// Enter (or Ctrl-C) stops the take. At end of input the take goes on until another stop.
pub fn spawn_enter_listener(stopper: Stopper) {
    stop_take_on_ctrl_c(stopper.clone());
    let lines = stdin_lines();
    std::thread::spawn(move || {
        if lines.recv().is_ok() {
            stopper.stop();
        }
    });
}

/// Tells the user when the microphone they named was missing and the default records instead.
pub fn say_if_fell_back(started: &TakeStarted) {
    if let Some(wanted) = &started.fell_back_from {
        eprintln!("Microphone \"{wanted}\" was not found; using the default.");
    }
}

/// How a take in progress is shown.
pub struct RecordingUi {
    json: bool,
    live: bool,
}

impl RecordingUi {
    pub fn new(json: bool) -> Self {
        RecordingUi {
            json,
            live: !json && std::io::stderr().is_terminal(),
        }
    }

    pub fn started(&mut self, started: &TakeStarted) {
        if self.json {
            outln!("{}", json!({"event": "started", "take": started}));
            return;
        }
        say_if_fell_back(started);
        eprintln!(
            "Opening {} ({} Hz, {} ch) to record into {}…",
            started.device,
            started.sample_rate,
            started.channels,
            started.path.display()
        );
    }

    /// The first audio is on disk: only now is the user really being recorded.
    pub fn capturing(&mut self) {
        if self.json {
            outln!("{}", json!({"event": "capturing"}));
        } else {
            eprintln!("● Recording. Press Enter to stop.");
        }
    }

    pub fn level(&mut self, level: Level, elapsed: f64) {
        if self.json {
            outln!(
                "{}",
                json!({"event": "level", "elapsed": elapsed, "rms_dbfs": level.rms_dbfs(), "peak_dbfs": level.peak_dbfs()})
            );
        } else if self.live {
            // −60 dBFS (empty) to 0 dBFS (full), 30 cells.
            let cells = (((level.rms_dbfs() + 60.0) / 60.0).clamp(0.0, 1.0) * 30.0) as usize;
            let clip = if level.peak >= 0.999 { " CLIP" } else { "" };
            eprint!(
                "\r● REC {}  [{}{}] {:>4.0} dBFS{clip}   ",
                clock(elapsed),
                "#".repeat(cells),
                "-".repeat(30 - cells),
                level.rms_dbfs()
            );
            let _ = std::io::stderr().flush();
        }
    }

    pub fn speech_started(&mut self, at: f64) {
        if self.json {
            outln!("{}", json!({"event": "speech_started", "at": at}));
        }
    }

    pub fn finished(&mut self, summary: &RecordedTake) {
        if self.json {
            outln!("{}", json!({"event": "finished", "take": summary}));
            return;
        }
        if self.live {
            eprintln!();
        }
        let why = match &summary.stop {
            StopReason::Requested => "stopped".to_string(),
            StopReason::MaxDuration => "reached the time limit".to_string(),
            StopReason::Silence { seconds } => format!("stopped after {seconds:.1} s of quiet"),
            StopReason::DeviceLost { message } => format!("the microphone was lost ({message})"),
            StopReason::WriteFailed { message } => {
                format!("the disk refused more audio ({message})")
            }
        };
        eprintln!(
            "Take {why}: {:.1} s kept in {}",
            summary.seconds,
            summary.path.display()
        );
    }
}
