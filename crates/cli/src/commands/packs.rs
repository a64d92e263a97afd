//! `star-coach packs …`: list, show, import and export question packs.

use anyhow::Result;
use clap::Subcommand;
use coach::{packs::pack_to_toml, QuestionPack};
use std::path::{Path, PathBuf};

#[derive(Subcommand)]
pub enum PacksCommand {
    /// List the built-in and imported packs.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Show a pack's questions.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Check a pack file and add it to your packs.
    Import {
        file: PathBuf,
        /// Replace an imported pack with the same id.
        #[arg(long)]
        replace: bool,
    },
    /// Write a pack as TOML (to stdout, or to a file).
    Export {
        id: String,
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

pub use store::packs::all_packs;

/// A pack from a TOML file; errors name the file, line and column.
pub fn read_pack_file(file: &Path) -> Result<QuestionPack> {
    Ok(store::packs::read_pack_file(file)?)
}

/// A built-in or imported pack by id.
pub fn find(id: &str) -> Result<QuestionPack> {
    Ok(store::packs::find_pack(id)?)
}

pub fn run(cmd: PacksCommand) -> Result<()> {
    match cmd {
        PacksCommand::List { json } => {
            let packs = all_packs()?;
            if json {
                let rows: Vec<_> = packs
                    .iter()
                    .map(|(p, from)| serde_json::json!({"id": p.id, "name": p.name, "questions": p.questions.len(), "from": from}))
                    .collect();
                outln!("{}", serde_json::to_string_pretty(&rows)?);
            } else {
                for (p, from) in packs {
                    outln!(
                        "{:<24} {:<28} {:>3} questions  ({from})",
                        p.id,
                        p.name,
                        p.questions.len()
                    );
                }
            }
        }
        PacksCommand::Show { id, json } => {
            let pack = find(&id)?;
            if json {
                outln!("{}", serde_json::to_string_pretty(&pack)?);
            } else {
                outln!("{} — {}\n", pack.name, pack.description);
                for q in &pack.questions {
                    outln!(
                        "  {:<28} {:<12} {:>3} s  {}",
                        q.id,
                        format!("{:?}", q.category).to_lowercase(),
                        q.target_seconds,
                        q.text
                    );
                }
            }
        }
        PacksCommand::Import { file, replace } => import(&file, replace)?,
        PacksCommand::Export { id, out } => match out {
            Some(path) => {
                store::packs::export_pack(&store::packs_dir(), &id, &path)?;
            }
            None => out!("{}", pack_to_toml(&find(&id)?)),
        },
    }
    Ok(())
}

fn import(file: &Path, replace: bool) -> Result<()> {
    let (pack, dest) =
        store::packs::import_pack(&store::packs_dir(), file, replace).map_err(|e| match e {
            store::packs::PackFileError::BuiltIn { id } => anyhow::anyhow!(
                "{}: pack id '{id}' belongs to a built-in pack; choose another id",
                file.display()
            ),
            store::packs::PackFileError::Exists { id, path } => anyhow::anyhow!(
                "a pack with id '{id}' is already imported ({}); use --replace to overwrite it",
                path.display()
            ),
            other => other.into(),
        })?;
    outln!(
        "imported '{}' ({} questions) into {}",
        pack.name,
        pack.questions.len(),
        dest.display()
    );
    Ok(())
}
