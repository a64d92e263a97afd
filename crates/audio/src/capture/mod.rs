//! Microphone capture: device lists, the recorder worker, the lock-free ring from the audio
//! callback to it, its level meter and silence gate.

pub mod devices;
pub mod error;
pub mod meter;
pub mod recorder;
mod ring;
pub mod silence;

pub use devices::{list_devices, DeviceInfo, DeviceList};
pub use error::CaptureError;
pub use meter::{Level, LevelMeter, MAX_LEVEL_UPDATES_PER_SECOND};
pub use recorder::{
    RecordedTake, Recorder, RecorderEvent, StopReason, Stopper, TakeSpec, TakeStarted,
};
pub use silence::SpeechGate;
