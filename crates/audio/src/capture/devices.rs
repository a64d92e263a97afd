//! Audio devices as the user sees them: every call asks the sound system afresh (a device list
//! cached at start-up goes stale the moment a headset is plugged in).

use super::error::CaptureError;
use cpal::traits::{DeviceTrait, HostTrait};
use serde::Serialize;

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DeviceInfo {
    /// Stable identifier, e.g. `alsa:default` or `alsa:hw:CARD=PCH,DEV=0`.
    pub id: String,
    /// Human-readable name.
    pub name: String,
    pub is_default: bool,
    /// The device's default configuration, when it would tell.
    pub sample_rate: Option<u32>,
    pub channels: Option<u16>,
    pub sample_format: Option<String>,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct DeviceList {
    pub host: String,
    pub inputs: Vec<DeviceInfo>,
    pub outputs: Vec<DeviceInfo>,
}

fn device_id(device: &cpal::Device) -> String {
    device
        .id()
        .map(|id| id.to_string())
        .unwrap_or_else(|_| "unknown".into())
}

fn device_name(device: &cpal::Device) -> String {
    device
        .description()
        .map(|d| d.name().to_string())
        .unwrap_or_else(|_| device_id(device))
}

fn describe(device: &cpal::Device, default_id: Option<&str>, input: bool) -> DeviceInfo {
    let id = device_id(device);
    let config = if input {
        device.default_input_config()
    } else {
        device.default_output_config()
    };
    let config = config.ok();
    DeviceInfo {
        is_default: default_id == Some(id.as_str()),
        name: device_name(device),
        sample_rate: config.as_ref().map(|c| c.sample_rate()),
        channels: config.as_ref().map(|c| c.channels()),
        sample_format: config.as_ref().map(|c| format!("{:?}", c.sample_format())),
        id,
    }
}

/// Every input and output device the default host reports now.
pub fn list_devices() -> Result<DeviceList, CaptureError> {
    let host = cpal::default_host();
    let backend = |e: cpal::Error| CaptureError::Backend {
        name: host.id().name().to_string(),
        message: e.to_string(),
    };
    let default_in = host.default_input_device().map(|d| device_id(&d));
    let default_out = host.default_output_device().map(|d| device_id(&d));
    let inputs = host
        .input_devices()
        .map_err(backend)?
        .map(|d| describe(&d, default_in.as_deref(), true))
        .collect();
    let outputs = host
        .output_devices()
        .map_err(backend)?
        .map(|d| describe(&d, default_out.as_deref(), false))
        .collect();
    Ok(DeviceList {
        host: host.id().name().to_string(),
        inputs,
        outputs,
    })
}

/// Does `wanted` name this device? Matches the full id, the id without its host prefix, or the
/// human-readable name, ignoring case.
fn matches(device: &cpal::Device, wanted: &str) -> bool {
    let id = device_id(device);
    let bare = id.split_once(':').map_or(id.as_str(), |(_, rest)| rest);
    [id.as_str(), bare, device_name(device).as_str()]
        .iter()
        .any(|candidate| candidate.eq_ignore_ascii_case(wanted))
}

/// The device a take will use, and whether it is the one that was asked for.
pub struct ChosenDevice {
    pub device: cpal::Device,
    pub name: String,
    /// Set when the named device was not found and the default was used instead.
    pub fell_back_from: Option<String>,
}

/// The named device, else the default one. The error is the reason there is no device at all;
/// callers say whether a microphone or a speaker is missing.
pub(crate) fn choose_device(wanted: Option<&str>, input: bool) -> Result<ChosenDevice, String> {
    let host = cpal::default_host();
    if let Some(wanted) = wanted {
        let found = if input {
            host.input_devices()
                .ok()
                .and_then(|mut d| d.find(|d| matches(d, wanted)))
        } else {
            host.output_devices()
                .ok()
                .and_then(|mut d| d.find(|d| matches(d, wanted)))
        };
        if let Some(device) = found {
            return Ok(ChosenDevice {
                name: device_name(&device),
                device,
                fell_back_from: None,
            });
        }
        tracing::warn!("device \"{wanted}\" not found; using the default");
    }
    let default = if input {
        host.default_input_device()
    } else {
        host.default_output_device()
    };
    let device = default.ok_or_else(|| {
        format!(
            "the {} sound system reports no default device",
            host.id().name()
        )
    })?;
    Ok(ChosenDevice {
        name: device_name(&device),
        device,
        fell_back_from: wanted.map(str::to_string),
    })
}
