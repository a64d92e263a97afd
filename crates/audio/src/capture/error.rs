//! What can go wrong with a microphone, in words a user can act on. `kind()` is the stable
//! name the UI and the CLI's JSON use.

use crate::take_file::TakeFileError;

#[derive(Debug, thiserror::Error)]
pub enum CaptureError {
    #[error(
        "no microphone found ({detail}). Plug one in, or check that the sound system sees it."
    )]
    NoInputDevice { detail: String },
    #[error("microphone \"{name}\" is not available: {message}")]
    DeviceUnavailable { name: String, message: String },
    #[error(
        "permission to use microphone \"{name}\" was denied ({message}). Allow microphone access \
         for STAR Coach in your system's privacy settings."
    )]
    PermissionDenied { name: String, message: String },
    #[error("microphone \"{name}\" is busy: another application is using it ({message})")]
    DeviceBusy { name: String, message: String },
    #[error("microphone \"{name}\" delivers {format} samples, which STAR Coach cannot read")]
    UnsupportedFormat { name: String, format: String },
    #[error("sound system error on \"{name}\": {message}")]
    Backend { name: String, message: String },
    #[error(transparent)]
    TakeFile(#[from] TakeFileError),
    #[error("a take is already being recorded")]
    AlreadyRecording,
    #[error("the recorder has shut down")]
    RecorderGone,
    #[error("resampler: {0}")]
    Resample(String),
}

impl CaptureError {
    pub fn kind(&self) -> &'static str {
        match self {
            CaptureError::NoInputDevice { .. } => "no_input_device",
            CaptureError::DeviceUnavailable { .. } => "device_unavailable",
            CaptureError::PermissionDenied { .. } => "permission_denied",
            CaptureError::DeviceBusy { .. } => "device_busy",
            CaptureError::UnsupportedFormat { .. } => "unsupported_format",
            CaptureError::Backend { .. } => "audio_backend",
            CaptureError::TakeFile(_) => "take_file",
            CaptureError::AlreadyRecording => "already_recording",
            CaptureError::RecorderGone => "recorder_gone",
            CaptureError::Resample(_) => "resample",
        }
    }

    /// Types a cpal error met while opening `name`.
    pub(crate) fn from_cpal(name: &str, err: &cpal::Error) -> Self {
        let name = name.to_string();
        let message = err.to_string();
        match err.kind() {
            cpal::ErrorKind::PermissionDenied => CaptureError::PermissionDenied { name, message },
            cpal::ErrorKind::DeviceBusy => CaptureError::DeviceBusy { name, message },
            cpal::ErrorKind::DeviceNotAvailable | cpal::ErrorKind::HostUnavailable => {
                CaptureError::DeviceUnavailable { name, message }
            }
            // ALSA reports a refused open as an unclassified error carrying errno's text.
            _ if message.contains("Permission denied") || message.contains("EACCES") => {
                CaptureError::PermissionDenied { name, message }
            }
            _ if message.contains("busy") || message.contains("EBUSY") => {
                CaptureError::DeviceBusy { name, message }
            }
            _ => CaptureError::Backend { name, message },
        }
    }
}
