//! What the app is doing with the microphone right now. Only one thing at a time: a take and
//! the microphone check each claim the activity through a guard, and the guard sets it back to
//! idle on every way out of the work, a panic included, so the app can never stay busy for good.

use crate::error::{CommandError, ErrorKind};
use serde::Serialize;
use std::sync::{Arc, Mutex};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Activity {
    #[default]
    Idle,
    /// A mock interview is being opened or closed.
    Preparing,
    CheckingMicrophone,
    Recording,
    Assessing,
    /// Old takes are being assessed again (they would slow a take's live transcription).
    Reassessing,
}

impl Activity {
    fn busy_message(self) -> &'static str {
        match self {
            Activity::Idle => "nothing is running",
            Activity::Preparing => "a mock interview is being prepared: wait a moment",
            Activity::CheckingMicrophone => "the microphone check is running: wait for it to end",
            Activity::Recording => "a take is being recorded: stop it first",
            Activity::Assessing => "the last take is still being assessed: wait a moment",
            Activity::Reassessing => {
                "old takes are being assessed again: wait for it to end or cancel it in History"
            }
        }
    }
}

#[derive(Clone, Default)]
pub struct ActivitySlot(Arc<Mutex<Activity>>);

/// Holds the activity until dropped.
pub struct ActivityGuard {
    slot: ActivitySlot,
}

impl ActivitySlot {
    /// Claims the microphone for `activity`, or says what holds it.
    pub fn claim(&self, activity: Activity) -> Result<ActivityGuard, CommandError> {
        let mut current = super::lock(&self.0);
        if *current != Activity::Idle {
            return Err(CommandError::new(ErrorKind::Busy, current.busy_message()));
        }
        *current = activity;
        Ok(ActivityGuard { slot: self.clone() })
    }

    pub fn current(&self) -> Activity {
        *super::lock(&self.0)
    }
}

impl ActivityGuard {
    /// Moves the claimed work on (recording → assessing) without letting go.
    pub fn advance(&self, activity: Activity) {
        *super::lock(&self.slot.0) = activity;
    }
}

impl Drop for ActivityGuard {
    fn drop(&mut self) {
        *super::lock(&self.slot.0) = Activity::Idle;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_claim_at_a_time_and_the_guard_lets_go() {
        let slot = ActivitySlot::default();
        let take = slot.claim(Activity::Recording).unwrap();
        let refused = slot.claim(Activity::CheckingMicrophone).err().unwrap();
        assert_eq!(refused.kind, ErrorKind::Busy);
        assert!(refused.message.contains("take is being recorded"));
        take.advance(Activity::Assessing);
        assert_eq!(slot.current(), Activity::Assessing);
        assert!(slot.claim(Activity::Recording).is_err());
        drop(take);
        assert_eq!(slot.current(), Activity::Idle);
        let check = slot.claim(Activity::CheckingMicrophone).unwrap();
        assert!(slot
            .claim(Activity::Recording)
            .err()
            .unwrap()
            .message
            .contains("microphone check"));
        drop(check);
    }

    #[test]
    fn a_panic_in_the_work_leaves_the_app_idle() {
        let slot = ActivitySlot::default();
        let guard = slot.claim(Activity::Recording).unwrap();
        let worker = std::thread::spawn(move || {
            let _guard = guard;
            panic!("the take failed in a way nobody foresaw");
        });
        assert!(worker.join().is_err());
        assert_eq!(slot.current(), Activity::Idle);
        assert!(slot.claim(Activity::Recording).is_ok());
    }
}
