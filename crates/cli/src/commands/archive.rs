//! `star-coach archive`: the whole history and its recordings as one file to carry to another
//! machine, and bringing such a file in (`store::archive`: checked whole before anything is
//! written; takes already here are left out).

use anyhow::Result;
use clap::Subcommand;
use std::path::PathBuf;
use store::Store;

#[derive(Subcommand)]
pub enum ArchiveCommand {
    /// Write every take, its assessment and its recording into FILE (a tar archive).
    Export { file: PathBuf },
    /// Add the takes of an archive made by `archive export` to this history.
    Import { file: PathBuf },
}

pub fn run(command: ArchiveCommand) -> Result<()> {
    let mut history = Store::open(&store::database_path())?;
    let now = store::recordings::unix_ms(std::time::SystemTime::now());
    match command {
        ArchiveCommand::Export { file } => {
            let made = history.export_archive(&file, now)?;
            eprintln!(
                "Wrote {} ({} take(s), {} recording(s), {:.1} MB).",
                file.display(),
                made.takes,
                made.recordings,
                made.bytes as f64 / 1e6
            );
        }
        ArchiveCommand::Import { file } => {
            let added = history.import_archive(&file, &store::recordings_dir(), now)?;
            eprintln!(
                "Added {} take(s) and {} session(s) from {}; {} were already here. Recordings \
                 are in {}.",
                added.takes_added,
                added.sessions_added,
                file.display(),
                added.takes_already_here,
                added.recordings_folder
            );
        }
    }
    Ok(())
}
