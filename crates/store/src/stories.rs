//! The user's story bank on disk: `stories.toml` in the data folder, read with a pack's limits
//! and checked like one (`coach::stories`), written atomically; a take's link to the story it
//! told is a column of its row (`Store::link_story`).

use crate::db::Store;
use crate::error::StoreError;
use crate::packs::LARGEST_PACK_BYTES;
use crate::recordings::WriteError;
use coach::stories::matching::StoryMatch;
use coach::stories::{check_stories, parse_stories, stories_to_toml, StoryBank};
use coach::PackError;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StoryFileError {
    #[error("cannot read the story bank {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the story bank was not saved: {0}")]
    Write(#[from] WriteError),
    #[error(transparent)]
    Invalid(#[from] PackError),
    #[error("{path}: {bytes} bytes is far more than a story bank (at most {LARGEST_PACK_BYTES})")]
    TooLarge { path: PathBuf, bytes: u64 },
}

impl StoryFileError {
    pub fn kind(&self) -> &'static str {
        match self {
            StoryFileError::Write(_) => "file_write",
            _ => "stories",
        }
    }
}

pub fn stories_path() -> PathBuf {
    crate::data_dir().join("stories.toml")
}

/// The bank in `file`; none yet is an empty bank.
pub fn read_stories(file: &Path) -> Result<StoryBank, StoryFileError> {
    let read_error = |source| StoryFileError::Read {
        path: file.to_path_buf(),
        source,
    };
    let bytes = match std::fs::metadata(file) {
        Ok(m) => m.len(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(StoryBank::default()),
        Err(e) => return Err(read_error(e)),
    };
    if bytes > LARGEST_PACK_BYTES {
        return Err(StoryFileError::TooLarge {
            path: file.to_path_buf(),
            bytes,
        });
    }
    let text = std::fs::read_to_string(file).map_err(read_error)?;
    Ok(parse_stories(&file.display().to_string(), &text)?)
}

/// Checks `bank` and writes it to `file` (the old bank stays whole until the new one is in).
pub fn write_stories(file: &Path, bank: &StoryBank) -> Result<(), StoryFileError> {
    check_stories(bank).map_err(|(_, message)| PackError {
        origin: file.display().to_string(),
        line: 1,
        column: 1,
        message,
    })?;
    crate::recordings::create_parent(file)?;
    Ok(crate::recordings::write_atomically(
        file,
        stories_to_toml(bank).as_bytes(),
    )?)
}

impl Store {
    /// Links take `id` to the story it told (None: to no story).
    pub fn link_story(&self, id: i64, story: Option<&StoryMatch>) -> Result<(), StoreError> {
        let json = story.map(serde_json::to_string).transpose()?;
        let changed = self
            .conn()
            .execute(
                "UPDATE takes SET story_json = ?2 WHERE id = ?1",
                rusqlite::params![id, json],
            )
            .map_err(|e| self.sql(e))?;
        if changed == 0 {
            return Err(StoreError::TakeNotFound(id));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use coach::stories::Story;

    #[test]
    fn a_bank_is_written_whole_and_read_back_and_none_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("stories.toml");
        assert_eq!(read_stories(&file).unwrap(), StoryBank::default());
        let bank = StoryBank {
            stories: vec![Story {
                id: "outage".into(),
                title: "The <b>outage</b> \"before\" the sale".into(),
                situation: "Checkout timed out.".into(),
                task: String::new(),
                action: "I added an index.".into(),
                result: "40% faster.".into(),
                numbers: vec!["40%".into()],
                competencies: vec!["ownership".into()],
            }],
        };
        write_stories(&file, &bank).unwrap();
        assert_eq!(read_stories(&file).unwrap(), bank);
        let mut twice = bank.clone();
        twice.stories.push(bank.stories[0].clone());
        let err = write_stories(&file, &twice).unwrap_err();
        assert!(err.to_string().contains("used twice"), "{err}");
        assert_eq!(read_stories(&file).unwrap(), bank, "the old bank stays");
        std::fs::write(&file, "[[story]]\nid = 3\n").unwrap();
        let err = read_stories(&file).unwrap_err();
        assert!(err.to_string().contains("stories.toml:2:"), "{err}");
    }
}
