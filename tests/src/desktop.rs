//! The desktop app under test: a private X server (Xvfb), tauri-driver in front of
//! WebKitWebDriver, each on ports found free for this run, and a W3C WebDriver session on the
//! app binary. Everything is stopped on drop: a WebKitWebDriver left running makes the next
//! session hang.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Desktop {
    xvfb: Child,
    driver: Child,
    agent: ureq::Agent,
    base: String,
    session: String,
    /// Where a timed-out wait saves what the window showed.
    failure_screenshot: Option<PathBuf>,
    /// A log whose end a timed-out wait prints (the app's media framework's warnings).
    failure_log: Option<PathBuf>,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free local port")
}

/// Where tauri-driver is: on PATH, or where `cargo install` puts it.
fn tauri_driver() -> PathBuf {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    if let Some(bin) = cargo_home.map(|h| h.join("bin/tauri-driver")) {
        if bin.is_file() {
            return bin;
        }
    }
    PathBuf::from("tauri-driver")
}

impl Desktop {
    /// Starts Xvfb, tauri-driver and a session on `app`; `env` reaches the app.
    pub fn start(app: &Path, env: &[(String, String)]) -> Desktop {
        // -displayfd: Xvfb picks a free display and writes its number once it accepts clients.
        let mut xvfb = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1280x900x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb runs (Debian package xvfb)");
        let mut line = String::new();
        BufReader::new(xvfb.stdout.take().unwrap())
            .read_line(&mut line)
            .expect("Xvfb reports its display");
        let display = format!(":{}", line.trim());

        let (port, native_port) = (free_port(), free_port());
        // Its own process group, so WebKitWebDriver (its child) goes with it.
        let driver = Command::new(tauri_driver())
            .process_group(0)
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("DISPLAY", &display)
            .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("tauri-driver runs (cargo install tauri-driver --locked)");
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(120)))
            .build()
            .into();
        let base = format!("http://127.0.0.1:{port}");
        let mut desktop = Desktop {
            xvfb,
            driver,
            agent,
            base,
            session: String::new(),
            failure_screenshot: None,
            failure_log: None,
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while desktop
            .agent
            .get(format!("{}/status", desktop.base))
            .call()
            .is_err()
        {
            assert!(Instant::now() < deadline, "tauri-driver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let created = desktop.call(
            "POST",
            "/session",
            // Every step waits for what it needs with `wait_for`; WebDriver's own wait for a
            // page load to end is left out ("none"): WebKitWebDriver has been seen to wait past
            // 120 s in a click or a script on the Results screen, which plays audio.
            json!({"capabilities": {"alwaysMatch": {
                "pageLoadStrategy": "none",
                "tauri:options": {"application": app.display().to_string()}
            }}}),
        );
        desktop.session = created["sessionId"]
            .as_str()
            .expect("a session id")
            .to_string();
        desktop
    }

    fn call(&self, method: &str, path: &str, body: Value) -> Value {
        let url = format!("{}{path}", self.base);
        let response = match method {
            "GET" => self.agent.get(&url).call(),
            "DELETE" => self.agent.delete(&url).call(),
            _ => self.agent.post(&url).send_json(&body),
        };
        let mut response = response.unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let status = response.status();
        let value: Value = response.body_mut().read_json().unwrap_or(Value::Null);
        assert!(
            status.is_success(),
            "{method} {path} → {status}: {}",
            value["value"]["message"]
        );
        value["value"].clone()
    }

    fn session_call(&self, method: &str, path: &str, body: Value) -> Value {
        self.call(method, &format!("/session/{}{path}", self.session), body)
    }

    /// Runs JavaScript in the window and returns its result.
    /// Loads `url` in the window (a file the app wrote, say), leaving the app's page.
    pub fn navigate(&self, url: &str) {
        self.call(
            "POST",
            &format!("/session/{}/url", self.session),
            json!({ "url": url }),
        );
    }

    pub fn script(&self, script: &str, args: Value) -> Value {
        self.session_call(
            "POST",
            "/execute/sync",
            json!({"script": script, "args": args}),
        )
    }

    /// A wait that times out saves a screenshot here first.
    pub fn screenshot_on_failure(&mut self, out: PathBuf) {
        self.failure_screenshot = Some(out);
    }

    /// A wait that times out prints the last lines of this log.
    pub fn log_on_failure(&mut self, log: PathBuf) {
        self.failure_log = Some(log);
    }

    /// The last 40 lines of the failure log, or why there are none.
    fn failure_log_tail(&self) -> String {
        let Some(log) = &self.failure_log else {
            return String::new();
        };
        match std::fs::read_to_string(log) {
            Ok(text) => {
                let lines: Vec<&str> = text.lines().collect();
                let tail = lines[lines.len().saturating_sub(40)..].join("\n");
                format!("\nend of {}:\n{tail}", log.display())
            }
            Err(e) => format!("\n{}: {e}", log.display()),
        }
    }

    /// Runs asynchronous JavaScript: the script calls `arguments[arguments.length - 1](value)`
    /// when done.
    pub fn script_async(&self, script: &str, args: Value) -> Value {
        self.session_call(
            "POST",
            "/execute/async",
            json!({"script": script, "args": args}),
        )
    }

    /// Waits until `script` returns something other than null, false, "" or 0; returns it.
    pub fn wait_for(&self, what: &str, script: &str, timeout: Duration) -> Value {
        let deadline = Instant::now() + timeout;
        loop {
            let v = self.script(script, json!([]));
            if !(v.is_null() || v == json!(false) || v == json!("") || v == json!(0)) {
                return v;
            }
            if Instant::now() >= deadline {
                if let Some(out) = &self.failure_screenshot {
                    self.screenshot(out);
                }
                panic!(
                    "timed out after {timeout:?} waiting for {what}; page: {}{}",
                    self.text("body"),
                    self.failure_log_tail()
                );
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Waits for an element to be in the page.
    pub fn wait_for_element(&self, css: &str, timeout: Duration) {
        self.wait_for(
            css,
            &format!("return document.querySelector({}) !== null", json!(css)),
            timeout,
        );
    }

    /// The visible text of the first element matching `css` ("" when there is none).
    pub fn text(&self, css: &str) -> String {
        self.script(
            "const e = document.querySelector(arguments[0]); return e ? e.innerText : '';",
            json!([css]),
        )
        .as_str()
        .unwrap_or_default()
        .to_string()
    }

    /// Clicks the first element matching `css`, through WebDriver (a real click).
    pub fn click(&self, css: &str) {
        let found = self.session_call(
            "POST",
            "/element",
            json!({"using": "css selector", "value": css}),
        );
        let id = found
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("no element {css}"))
            .to_string();
        self.session_call("POST", &format!("/element/{id}/click"), json!({}));
    }

    /// Presses a key in the page (WebDriver actions; " " is Space).
    pub fn press(&self, key: &str) {
        self.session_call(
            "POST",
            "/actions",
            json!({"actions": [{"type": "key", "id": "keyboard", "actions": [
                {"type": "keyDown", "value": key}, {"type": "keyUp", "value": key}
            ]}]}),
        );
        self.session_call("DELETE", "/actions", Value::Null);
    }

    /// Saves a PNG of the window.
    pub fn screenshot(&self, out: &Path) {
        use base64::Engine;
        let png = self.session_call("GET", "/screenshot", Value::Null);
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(png.as_str().expect("base64 PNG"))
            .expect("a base64 PNG");
        if let Some(dir) = out.parent() {
            std::fs::create_dir_all(dir).unwrap();
        }
        std::fs::write(out, bytes).unwrap();
    }
}

impl Drop for Desktop {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let url = format!("{}/session/{}", self.base, self.session);
            let _ = self.agent.delete(&url).call();
        }
        // The whole group: a WebKitWebDriver outliving the run would hang the next session.
        let _ = Command::new("kill")
            .args(["-s", "TERM", "--", &format!("-{}", self.driver.id())])
            .status();
        for child in [&mut self.driver, &mut self.xvfb] {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}
