//! A virtual microphone for tests without sound hardware: a private PulseAudio server with a
//! null sink whose monitor is the default source. Whatever is played into the sink (paplay, or
//! the app's own voice) arrives at cpal's default ALSA input in real time, so the real capture
//! path runs. Each test gets its own server (private runtime dir and HOME), stopped on drop.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct VirtualMic {
    _dir: tempfile::TempDir,
    runtime: PathBuf,
    home: PathBuf,
    server: Option<Child>,
}

impl VirtualMic {
    /// Starts the server and waits until it answers. The sink runs at 16 kHz mono, as the tests'
    /// speech does; clients (cpal through ALSA's pulse plugin) get whatever format they ask for.
    pub fn start() -> VirtualMic {
        let dir = tempfile::tempdir().expect("temp dir");
        let runtime = dir.path().join("run");
        let home = dir.path().join("home");
        for d in [&runtime, &home] {
            std::fs::create_dir_all(d).unwrap();
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&runtime, std::fs::Permissions::from_mode(0o700)).unwrap();
        }
        let mut mic = VirtualMic {
            _dir: dir,
            runtime,
            home,
            server: None,
        };
        mic.start_server();
        mic
    }

    /// Starts the server on this microphone's folders and waits until it answers, with the
    /// null sink as the default sink and its monitor as the default source.
    fn start_server(&mut self) {
        let server = self
            .command("pulseaudio")
            .args([
                "-n",
                "--daemonize=no",
                "--exit-idle-time=-1",
                "--use-pid-file=no",
                "--disable-shm=yes",
                "-L",
                "module-null-sink sink_name=virt rate=16000 channels=1",
                "-L",
                "module-native-protocol-unix",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("pulseaudio runs (run the README's set-up: Debian package pulseaudio)");
        self.server = Some(server);
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let ok = self
                .command("pactl")
                .args(["set-default-source", "virt.monitor"])
                .output()
                .is_ok_and(|o| o.status.success());
            if ok {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "pulseaudio did not come up in 15 s"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let sink = self
            .command("pactl")
            .args(["set-default-sink", "virt"])
            .status()
            .expect("pactl runs");
        assert!(sink.success());
    }

    /// The environment a client needs to reach this server and no other.
    pub fn env(&self) -> Vec<(String, String)> {
        vec![
            ("XDG_RUNTIME_DIR".into(), self.runtime.display().to_string()),
            ("HOME".into(), self.home.display().to_string()),
            (
                "PULSE_SERVER".into(),
                format!("unix:{}", self.runtime.join("pulse/native").display()),
            ),
        ]
    }

    /// A command with this server's environment.
    pub fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut cmd = Command::new(program);
        cmd.envs(self.env());
        cmd
    }

    /// Plays a WAV into the microphone, in real time; playback stops when the player is dropped.
    pub fn play(&self, wav: &Path) -> Player {
        Player(
            self.command("paplay")
                .args(["--device=virt"])
                .arg(wav)
                .spawn()
                .expect("paplay runs (Debian package pulseaudio-utils)"),
        )
    }

    /// Kills the server and starts a new one on the same socket, as when the sound server is
    /// restarted (after an update, or by the desktop after a crash).
    pub fn restart_server(&mut self) {
        self.kill_server();
        self.start_server();
    }

    /// Kills the server, as a crashed sound server or an unplugged device would vanish.
    pub fn kill_server(&mut self) {
        if let Some(mut server) = self.server.take() {
            let _ = server.kill();
            let _ = server.wait();
        }
    }
}

/// A WAV being played into the virtual microphone.
pub struct Player(Child);

impl Player {
    /// Waits for the end of the file.
    pub fn wait(mut self) {
        let _ = self.0.wait();
    }
}

impl Drop for Player {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Drop for VirtualMic {
    fn drop(&mut self) {
        self.kill_server();
    }
}
