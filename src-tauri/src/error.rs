//! The one error shape the UI sees: `{kind, message}`. Library errors are mapped here, so the
//! front end can branch on `kind` and show `message` as is.

use serde::Serialize;

#[derive(Debug, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct CommandError {
    pub kind: &'static str,
    pub message: String,
}

impl CommandError {
    pub fn new(kind: &'static str, message: impl Into<String>) -> Self {
        CommandError {
            kind,
            message: message.into(),
        }
    }
}

impl From<asr::CatalogueError> for CommandError {
    fn from(e: asr::CatalogueError) -> Self {
        CommandError::new("catalogue", e.to_string())
    }
}
