//! Tauri commands: a few lines each, calling into the crates. Anything that can take longer
//! than a moment (speaking, listing devices, a whole take) runs off the main thread.

pub mod history;
pub mod job_ad;
pub mod microphone;
pub mod models;
pub mod packs;
pub mod practice;
pub mod reassess;
pub mod reports;
pub mod settings;
pub mod status;
pub mod stories;

/// The command layer against its one caller, `ui/src/api.ts`: every command registered in
/// `lib.rs` is invoked there under its name with exactly its arguments (camelCase, as Tauri
/// expects them), and nothing else is invoked. Read from the sources, like the bindings test,
/// so a renamed command or argument fails here and not in the user's hands.
#[cfg(test)]
mod contract {
    use std::collections::BTreeMap;
    use std::path::Path;

    fn read(relative: &str) -> String {
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)).unwrap()
    }

    fn camel(snake: &str) -> String {
        let mut out = String::new();
        let mut upper = false;
        for c in snake.chars() {
            if c == '_' {
                upper = true;
            } else if upper {
                out.extend(c.to_uppercase());
                upper = false;
            } else {
                out.push(c);
            }
        }
        out
    }

    /// Each registered command and the arguments the front end must pass.
    fn registered() -> BTreeMap<String, Vec<String>> {
        let lib = read("src/lib.rs");
        let handler = lib.split("generate_handler![").nth(1).unwrap();
        let handler = &handler[..handler.find(']').unwrap()];
        let mut commands = BTreeMap::new();
        for path in handler.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let parts: Vec<&str> = path.split("::").collect();
            let [_, module, name] = parts[..] else {
                panic!("unexpected handler path {path}")
            };
            let source = read(&format!("src/commands/{module}.rs"));
            let signature = [format!("pub fn {name}("), format!("pub async fn {name}(")]
                .iter()
                .find_map(|s| source.split(s.as_str()).nth(1).map(str::to_string))
                .unwrap_or_else(|| panic!("no fn {name} in commands/{module}.rs"));
            let params = &signature[..signature.find(") ").unwrap()];
            let mut args: Vec<String> = params
                .split(",\n")
                .flat_map(|p| p.split(", "))
                .filter_map(|p| p.trim().split_once(':'))
                .filter(|(_, ty)| !ty.contains("State<") && !ty.contains("AppHandle"))
                .map(|(arg, _)| camel(arg.trim()))
                .collect();
            args.sort();
            commands.insert(name.to_string(), args);
        }
        commands
    }

    /// Each command `api.ts` invokes and the argument names it passes.
    fn invoked() -> BTreeMap<String, Vec<String>> {
        let api = read("../ui/src/api.ts");
        let mut calls = BTreeMap::new();
        for call in api.split("invoke<").skip(1) {
            let after = &call[call.find(">(\"").unwrap() + 3..];
            let name = &after[..after.find('"').unwrap()];
            let rest = &after[name.len() + 1..];
            let mut args: Vec<String> = if rest.starts_with(", {") {
                rest[3..rest.find('}').unwrap()]
                    .split(',')
                    .map(|a| a.split(':').next().unwrap().trim().to_string())
                    .filter(|a| !a.is_empty())
                    .collect()
            } else {
                Vec::new()
            };
            args.sort();
            calls.insert(name.to_string(), args);
        }
        calls
    }

    #[test]
    fn every_command_is_called_by_its_name_with_its_arguments() {
        let registered = registered();
        assert!(registered.len() >= 18, "{registered:?}");
        assert_eq!(invoked(), registered);
    }

    /// A command the window may not call fails at run time with nothing on screen: each one
    /// registered must also have its permission (build.rs) and be granted (capabilities).
    #[test]
    fn every_command_is_permitted_to_the_window() {
        let names: Vec<String> = registered().into_keys().collect();
        let build = read("build.rs");
        let listed = &build[build.find("const COMMANDS").unwrap()..];
        let mut permitted: Vec<String> = listed
            .split('"')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect();
        permitted.sort();
        assert_eq!(permitted, names, "build.rs COMMANDS");
        let capabilities: serde_json::Value =
            serde_json::from_str(&read("capabilities/default.json")).unwrap();
        let mut granted: Vec<String> = capabilities["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                p.as_str()
                    .unwrap()
                    .trim_start_matches("allow-")
                    .replace('-', "_")
            })
            .collect();
        granted.sort();
        assert_eq!(granted, names, "capabilities/default.json");
    }
}
