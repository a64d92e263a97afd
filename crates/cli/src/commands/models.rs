//! `star-coach models …`: the catalogue, verified downloads, CTranslate2 import, verification.

use crate::progress::{bytes_bar, spinner};
use anyhow::{bail, Context, Result};
use asr::{fetch_model, verify_file, Catalogue, Fetched, ModelEntry, Progress};
use clap::Subcommand;
use std::path::{Path, PathBuf};

#[derive(Subcommand)]
pub enum ModelsCommand {
    /// Show the models the app knows and which are on this machine.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Download a model from its official address, resumably, and check its sha256.
    Fetch {
        name: String,
        /// Download from this address instead of the catalogue's (a mirror).
        #[arg(long)]
        url: Option<String>,
    },
    /// Convert a CTranslate2 (faster-whisper) Whisper model folder into whisper.cpp's format.
    Import {
        /// Folder with model.bin (or model.bin.partN) and vocabulary.txt.
        dir: PathBuf,
        /// Save under this catalogue model's file name in the models folder.
        #[arg(long, conflicts_with = "out")]
        name: Option<String>,
        /// Write to this file instead.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Store the weight matrices as f16 (as the source) or q8_0 (8-bit, faster on CPU).
        /// With --name, the catalogue model's own storage; with --out, f16.
        #[arg(long)]
        quantize: Option<asr::Quantization>,
    },
    /// Check size and sha256 of downloaded or imported models (all present ones by default).
    Verify { name: Option<String> },
}

pub fn run(cmd: ModelsCommand) -> Result<()> {
    let catalogue = Catalogue::builtin();
    let dir = crate::default_models_dir();
    match cmd {
        ModelsCommand::List { json } => list(&catalogue, &dir, json),
        ModelsCommand::Fetch { name, url } => fetch(catalogue.get(&name)?, url, &dir),
        ModelsCommand::Import {
            dir: source,
            name,
            out,
            quantize,
        } => {
            let (out, quantize) = match (out, name) {
                (Some(out), _) => (out, quantize.unwrap_or_default()),
                (None, Some(name)) => {
                    let entry = catalogue.get(&name)?;
                    (dir.join(&entry.file), catalogue_quantization(entry, quantize)?)
                }
                (None, None) => bail!("say where the converted model goes: --name NAME (a catalogue model) or --out FILE"),
            };
            import(&source, &out, quantize)
        }
        ModelsCommand::Verify { name } => verify(&catalogue, &dir, name.as_deref()),
    }
}

/// A catalogue model's file holds its weights one way; an import under its name must match.
fn catalogue_quantization(
    entry: &ModelEntry,
    asked: Option<asr::Quantization>,
) -> Result<asr::Quantization> {
    let own = entry
        .import
        .as_ref()
        .map(|i| i.quantize)
        .unwrap_or_default();
    match asked {
        Some(asked) if asked != own => bail!(
            "{} is stored as {own}, not {asked}: leave out --quantize, or write to --out FILE",
            entry.name
        ),
        _ => Ok(own),
    }
}

fn list(catalogue: &Catalogue, dir: &Path, json: bool) -> Result<()> {
    let rows: Vec<serde_json::Value> = catalogue
        .models
        .iter()
        .map(|m| {
            let path = store::model_path(&m.file);
            let present = std::fs::metadata(&path)
                .map(|md| md.len() == m.bytes)
                .unwrap_or(false);
            serde_json::json!({
                "name": m.name, "file": m.file, "bytes": m.bytes, "sha256": m.sha256, "url": m.url,
                "languages": m.languages, "default": m.default, "present": present,
                "path": path, "offline_import": m.import,
            })
        })
        .collect();
    if json {
        outln!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(());
    }
    outln!("Models folder: {}", dir.display());
    if let Some(packaged) = store::packaged_models_dir() {
        outln!("Installed with the package: {}", packaged.display());
    }
    outln!(
        "{:<13} {:>8}  {:<13} {:<9} note",
        "name",
        "size",
        "languages",
        "on disk"
    );
    for (m, row) in catalogue.models.iter().zip(&rows) {
        let note = match (m.default, &m.import) {
            (true, Some(_)) => "default; set-up imports it offline",
            (true, None) => "default",
            (false, Some(_)) => "can be imported offline",
            _ => "",
        };
        outln!(
            "{:<13} {:>5} MB  {:<13} {:<9} {note}",
            m.name,
            m.bytes / 1_000_000,
            m.languages.join(","),
            if row["present"] == true { "yes" } else { "-" },
        );
    }
    Ok(())
}

fn fetch(entry: &ModelEntry, url: Option<String>, dir: &Path) -> Result<()> {
    let url = url.unwrap_or_else(|| entry.url.clone());
    let download = bytes_bar("downloading", entry.bytes);
    let verifying = bytes_bar("verifying", entry.bytes);
    let mut on_progress = |p: Progress| match p {
        Progress::Downloading { done, .. } => download.set_position(done),
        Progress::Verifying { done, .. } => {
            download.finish_and_clear();
            verifying.set_position(done)
        }
        // A fetch converts nothing.
        Progress::Converting { .. } => {}
    };
    let result = fetch_model(entry, &url, dir, &mut on_progress);
    download.finish_and_clear();
    verifying.finish_and_clear();
    match result.with_context(|| format!("fetching model {}", entry.name))? {
        Fetched::AlreadyPresent(p) => outln!(
            "{} is already here and verified: {}",
            entry.name,
            p.display()
        ),
        Fetched::Downloaded(p) => {
            outln!("{} downloaded and verified: {}", entry.name, p.display())
        }
    }
    Ok(())
}

fn import(source: &Path, out: &Path, quantization: asr::Quantization) -> Result<()> {
    let bar = spinner(&format!("converting {}", source.display()));
    let report = model_import::import_ct2_as(source, out, quantization);
    bar.finish_and_clear();
    let report = report?;
    let h = report.hparams;
    outln!(
        "wrote {} ({} bytes, {} tensors; {} layers, width {}, vocabulary {})\nsha256 {}",
        report.output.display(),
        report.bytes,
        report.tensors,
        h.n_audio_layer,
        h.n_audio_state,
        h.n_vocab,
        report.sha256
    );
    Ok(())
}

fn verify(catalogue: &Catalogue, dir: &Path, name: Option<&str>) -> Result<()> {
    let entries: Vec<&ModelEntry> = match name {
        Some(n) => vec![catalogue.get(n)?],
        None => catalogue
            .models
            .iter()
            .filter(|m| store::model_path(&m.file).exists())
            .collect(),
    };
    if entries.is_empty() {
        bail!(
            "no models in {}: run `star-coach models fetch NAME` or the set-up script",
            dir.display()
        );
    }
    let mut failures = 0;
    for entry in entries {
        let path = store::model_path(&entry.file);
        let bar = bytes_bar("verifying", entry.bytes);
        let result = verify_file(entry, &path, &mut |p| {
            if let Progress::Verifying { done, .. } = p {
                bar.set_position(done)
            }
        });
        bar.finish_and_clear();
        match result {
            Ok(()) => outln!("ok      {} {}", entry.name, path.display()),
            Err(e) => {
                failures += 1;
                outln!("FAILED  {} {e}", entry.name);
            }
        }
    }
    if failures > 0 {
        bail!("{failures} model(s) failed verification");
    }
    Ok(())
}
