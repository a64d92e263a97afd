//! Microphone capture: device lists, the recorder worker, its level meter and silence gate.

pub mod devices;
pub mod error;
pub mod meter;
pub mod recorder;
pub mod silence;

pub use devices::{list_devices, DeviceInfo, DeviceList};
pub use error::CaptureError;
pub use meter::{Level, LevelMeter, MAX_LEVEL_UPDATES_PER_SECOND};
pub use recorder::{
    RecordedTake, Recorder, RecorderEvent, StopReason, Stopper, TakeSpec, TakeStarted,
};
pub use silence::SpeechGate;
