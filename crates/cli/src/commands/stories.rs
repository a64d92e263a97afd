//! `star-coach stories`: the story bank (`stories.toml` in the data folder): list it, import and
//! export it as TOML, the stories that fit a question, the coverage of a pack's questions, and
//! which story a take told (`coach::stories`).

use anyhow::{Context, Result};
use clap::Subcommand;
use coach::stories::matching::{recognise_story, story_coverage, suggest_stories};
use std::path::PathBuf;
use store::stories::{read_stories, stories_path, write_stories};

#[derive(Subcommand)]
pub enum StoriesCommand {
    /// Every story, with what it shows.
    List,
    /// Add the stories of a TOML file (`[[story]]`); one with an id already in the bank
    /// replaces it.
    Import { file: PathBuf },
    /// The bank as TOML (to standard output, or --out FILE).
    Export {
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// The stories that fit a question, and why.
    Suggest { question_id: String },
    /// Which questions of a pack have a story, and which competencies none.
    Coverage {
        #[arg(long, default_value = "backend-developer")]
        pack: String,
    },
    /// Which story a take told (and link it in the history).
    Recognise { take: i64 },
}

pub fn run(command: StoriesCommand) -> Result<()> {
    let file = stories_path();
    let bank = read_stories(&file)?;
    match command {
        StoriesCommand::List => {
            if bank.stories.is_empty() {
                eprintln!("No stories yet: `star-coach stories import FILE` adds some.");
            }
            for s in &bank.stories {
                outln!("{:<24} {}  [{}]", s.id, s.title, s.competencies.join(", "));
            }
        }
        StoriesCommand::Import { file: from } => {
            let text = std::fs::read_to_string(&from)
                .with_context(|| format!("cannot read {}", from.display()))?;
            let incoming = coach::stories::parse_stories(&from.display().to_string(), &text)?;
            let merged = bank.merged(incoming.clone());
            write_stories(&file, &merged)?;
            eprintln!(
                "Imported {} story(ies); the bank holds {}.",
                incoming.stories.len(),
                merged.stories.len()
            );
        }
        StoriesCommand::Export { out } => {
            let text = coach::stories::stories_to_toml(&bank);
            match out {
                Some(out) => store::recordings::write_atomically(&out, text.as_bytes())?,
                None => outln!("{text}"),
            }
        }
        StoriesCommand::Suggest { question_id } => {
            let packs = store::packs::all_packs()?;
            let question = packs
                .iter()
                .flat_map(|(p, _)| &p.questions)
                .find(|q| q.id == question_id)
                .with_context(|| format!("no question with id '{question_id}'"))?;
            let suggested = suggest_stories(question, &bank);
            if suggested.is_empty() {
                eprintln!("No story fits \"{}\" yet.", question.text);
            }
            for s in suggested {
                outln!(
                    "{:<24} {}  (shows: {}; words: {})",
                    s.story_id,
                    s.title,
                    s.competencies.join(", "),
                    s.words.join(", ")
                );
            }
        }
        StoriesCommand::Coverage { pack } => {
            let pack = store::packs::find_pack(&pack)?;
            let coverage = story_coverage(&pack.questions, &bank);
            for row in &coverage.rows {
                let stories = if row.stories.is_empty() {
                    "—".to_string()
                } else {
                    row.stories.join(", ")
                };
                outln!("{:<48} {stories}", row.question_text);
            }
            let missing: Vec<&str> = coverage
                .competencies
                .iter()
                .filter(|c| c.stories.is_empty())
                .map(|c| c.competency.as_str())
                .collect();
            if !missing.is_empty() {
                outln!("\nNo story yet for: {}", missing.join(", "));
            }
        }
        StoriesCommand::Recognise { take } => {
            let history = store::Store::open(&store::database_path())?;
            let said = history.take(take)?.assessment.transcript.text;
            let told = recognise_story(&said, &bank);
            history.link_story(take, told.as_ref())?;
            match told {
                Some(m) => outln!(
                    "Take #{take} told \"{}\" (similarity {:.2}; words: {})",
                    m.title,
                    m.similarity,
                    m.words.join(", ")
                ),
                None => outln!("Take #{take} tells none of the bank's stories clearly."),
            }
        }
    }
    Ok(())
}
