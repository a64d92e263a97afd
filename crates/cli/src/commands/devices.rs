//! `star-coach devices`: the inputs and outputs the sound system reports right now.

use anyhow::Result;
use audio::capture::{list_devices, DeviceInfo};
use clap::Args;

#[derive(Args)]
pub struct DevicesArgs {
    /// Print one JSON object instead of a list.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: DevicesArgs) -> Result<()> {
    let list = list_devices()?;
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&list)?);
        return Ok(());
    }
    outln!("Sound system: {}", list.host);
    print_group("Inputs (microphones)", &list.inputs);
    print_group("Outputs (speakers)", &list.outputs);
    Ok(())
}

fn print_group(title: &str, devices: &[DeviceInfo]) {
    outln!("\n{title}:");
    if devices.is_empty() {
        outln!("  none found");
    }
    for d in devices {
        let mark = if d.is_default { "*" } else { " " };
        let config = match (d.sample_rate, d.channels, &d.sample_format) {
            (Some(rate), Some(ch), Some(fmt)) => format!("{rate} Hz, {ch} ch, {fmt}"),
            _ => "no default configuration".into(),
        };
        outln!("{mark} {}  [{}]  {config}", d.name, d.id);
    }
    outln!("  (* = default; pass the name or the id to --device)");
}
