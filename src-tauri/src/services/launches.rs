//! Launches refused because this app already runs on the data folder (`store::instance`): the
//! window is brought forward, and the page, once it watches, hears of each so it can say why.

use super::lock;
use std::sync::Mutex;
use tauri::ipc::Channel;

#[derive(Default)]
pub struct LaunchWatch {
    channel: Mutex<Option<Channel<u32>>>,
    refused: Mutex<u32>,
}

impl LaunchWatch {
    /// The page's channel; it replaces any earlier one (the page was reloaded).
    pub fn watch(&self, channel: Channel<u32>) {
        *lock(&self.channel) = Some(channel);
    }

    /// Another launch was refused: tell the page how many so far.
    pub fn refused(&self) {
        let n = {
            let mut refused = lock(&self.refused);
            *refused += 1;
            *refused
        };
        if let Some(channel) = lock(&self.channel).as_ref() {
            let _ = channel.send(n);
        }
    }
}
