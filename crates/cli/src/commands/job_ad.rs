//! `star-coach job-ad`: the role a job advertisement is for, what it asks for (competencies
//! with the ad's words, technologies) and the questions of that role's packs that fit it best,
//! each with why (`coach::job_ad`). `star-coach practice --job-ad FILE` asks them.

use anyhow::{bail, Context, Result};
use clap::Args;
use coach::job_ad::{pick_for_role, LONGEST_AD_CHARS};
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct JobAdArgs {
    /// The advertisement as a text file.
    file: PathBuf,
    /// How many questions to pick.
    #[arg(long, default_value_t = 8)]
    questions: usize,
    #[arg(long)]
    json: bool,
}

/// The text of an ad, refused when it is far longer than any advertisement.
pub fn read_ad(file: &Path) -> Result<String> {
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("cannot read the job advertisement {}", file.display()))?;
    if text.chars().count() > LONGEST_AD_CHARS {
        bail!(
            "{}: longer than {LONGEST_AD_CHARS} characters, far more than a job advertisement",
            file.display()
        );
    }
    Ok(text)
}

pub fn run(args: JobAdArgs) -> Result<()> {
    let text = read_ad(&args.file)?;
    let packs: Vec<_> = store::packs::all_packs()?
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    let (ad, role, picked) = pick_for_role(&text, &packs, args.questions);
    if args.json {
        outln!(
            "{}",
            serde_json::to_string_pretty(
                &serde_json::json!({ "ad": ad, "role": role, "questions": picked })
            )?
        );
        return Ok(());
    }
    if role.evidence.is_empty() {
        outln!("role: none a pack is made for; questions from every pack");
    } else {
        outln!(
            "role: {} (the ad says {})",
            role.pack_ids.join(", "),
            role.evidence.join(", ")
        );
    }
    if ad.competencies.is_empty() && ad.technologies.is_empty() {
        eprintln!(
            "Nothing in {} names a competency or technology the packs know.",
            args.file.display()
        );
    }
    for c in &ad.competencies {
        outln!(
            "{:<24} ×{}  ({})",
            c.competency,
            c.mentions,
            c.evidence.join(", ")
        );
    }
    if !ad.technologies.is_empty() {
        outln!("technologies: {}", ad.technologies.join(", "));
    }
    outln!();
    for (i, p) in picked.iter().enumerate() {
        outln!(
            "{:>2}. {}  [{}/{}]\n    {}",
            i + 1,
            p.question.text,
            p.pack_id,
            p.question.id,
            p.why
        );
    }
    Ok(())
}
