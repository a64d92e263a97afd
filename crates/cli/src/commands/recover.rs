//! `star-coach recover`: what the app does at start-up after a crash, on demand. Takes a crash
//! left open are repaired so they play, and takes that never reached the history are assessed
//! from their WAV and added (`pipeline::recover_takes`).

use crate::commands::assess::ModelArgs;
use crate::takes::report_recovery;
use anyhow::Result;
use clap::Args;
use pipeline::{recover_takes, DataPlaces, SpeechModel};

#[derive(Args)]
pub struct RecoverArgs {
    #[command(flatten)]
    pub model: ModelArgs,
}

pub fn run(args: RecoverArgs) -> Result<()> {
    DataPlaces::with(|places| {
        let first = recover_takes(None, places);
        report_recovery(&first, false);
        let Some((waiting, _)) = first.waiting else {
            if first.repaired.is_empty() && first.not_repaired.is_empty() {
                eprintln!("No unfinished takes.");
            }
            return Ok(());
        };
        // Only now is the model worth loading: there are takes to assess.
        let model = args
            .model
            .path()
            .and_then(|path| SpeechModel::load(&path).map_err(anyhow::Error::from));
        match model {
            Ok(model) => {
                let report = recover_takes(Some(&model), places);
                report_recovery(&report, false);
                if let Some((left, why)) = report.waiting {
                    eprintln!("{left} take(s) still wait to be added to the history: {why}");
                }
            }
            Err(e) => eprintln!(
                "{waiting} take(s) wait to be assessed into the history: {e:#}. Install a \
                 model (`star-coach models fetch`) and run `star-coach recover` again."
            ),
        }
        Ok(())
    })
}
