//! `star-coach packs …`: list, show, import and export question packs.

use anyhow::{bail, Context, Result};
use clap::Subcommand;
use coach::{builtin_packs, packs::pack_to_toml, parse_pack, QuestionPack};
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
        PacksCommand::Export { id, out } => {
            let text = pack_to_toml(&find(&id)?);
            match out {
                Some(path) => std::fs::write(&path, text)
                    .with_context(|| format!("writing {}", path.display()))?,
                None => out!("{text}"),
            }
        }
    }
    Ok(())
}

fn import(file: &Path, replace: bool) -> Result<()> {
    // The file is kept as written (comments and all), so read the text once and parse it.
    let text =
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let pack = parse_pack(&file.display().to_string(), &text)?;
    if builtin_packs().iter().any(|p| p.id == pack.id) {
        bail!(
            "{}: pack id '{}' belongs to a built-in pack; choose another id",
            file.display(),
            pack.id
        );
    }
    let dir = store::packs_dir();
    let dest = dir.join(format!("{}.toml", pack.id));
    if dest.exists() && !replace {
        bail!(
            "a pack with id '{}' is already imported ({}); use --replace to overwrite it",
            pack.id,
            dest.display()
        );
    }
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let temp = dir.join(format!(".{}.toml.tmp", pack.id));
    std::fs::write(&temp, &text).with_context(|| format!("writing {}", temp.display()))?;
    std::fs::rename(&temp, &dest).with_context(|| format!("writing {}", dest.display()))?;
    outln!(
        "imported '{}' ({} questions) into {}",
        pack.name,
        pack.questions.len(),
        dest.display()
    );
    Ok(())
}
