//! One STAR Coach at a time per data folder: the first to start holds a lock on
//! `instance.lock` there for as long as it runs and listens on `instance.sock`; a second start
//! finds the lock held, tells the first through the socket (so it can bring its window
//! forward) and ends, instead of opening a second writer to the same history. The lock goes
//! with the process, however it ends, so a crash never leaves the folder claimed.

use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};

const LOCK: &str = "instance.lock";
const SOCKET: &str = "instance.sock";

/// The claim of the first instance: held until dropped (or the process ends).
pub struct InstanceLock {
    _lock: File,
    listener: UnixListener,
    socket: PathBuf,
}

pub enum Instance {
    /// This process is the only one on the folder.
    First(InstanceLock),
    /// Another process holds the folder.
    Running,
}

/// Claims `dir` (created if needed) for this process.
pub fn claim(dir: &Path) -> io::Result<Instance> {
    std::fs::create_dir_all(dir)?;
    let lock = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(LOCK))?;
    match lock.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => return Ok(Instance::Running),
        Err(std::fs::TryLockError::Error(e)) => return Err(e),
    }
    // A socket file left by a process that crashed: the lock says no one is listening.
    let socket = dir.join(SOCKET);
    let _ = std::fs::remove_file(&socket);
    let listener = UnixListener::bind(&socket)?;
    Ok(Instance::First(InstanceLock {
        _lock: lock,
        listener,
        socket,
    }))
}

/// Tells the instance holding `dir` that it was launched again.
pub fn wake_running(dir: &Path) -> io::Result<()> {
    let mut stream = UnixStream::connect(dir.join(SOCKET))?;
    stream.write_all(b"launched\n")
}

impl InstanceLock {
    /// Calls `on_launch` on a thread of its own each time another start is refused, for as
    /// long as the process runs.
    pub fn listen(self, on_launch: impl Fn() + Send + 'static) -> io::Result<()> {
        std::thread::Builder::new()
            .name("instance".into())
            .spawn(move || {
                let me = self;
                for stream in me.listener.incoming() {
                    let Ok(stream) = stream else { continue };
                    let mut line = String::new();
                    if BufReader::new(stream).read_line(&mut line).is_ok()
                        && line.trim() == "launched"
                    {
                        on_launch();
                    }
                }
                let _ = std::fs::remove_file(&me.socket);
            })?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::time::Duration;

    #[test]
    fn a_second_claim_is_refused_and_wakes_the_first_until_it_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let Instance::First(first) = claim(dir.path()).unwrap() else {
            panic!("the folder was free");
        };
        // Another open of the lock file is another claimant, in this process as in another.
        assert!(matches!(claim(dir.path()).unwrap(), Instance::Running));
        let (tx, rx) = mpsc::channel();
        first.listen(move || tx.send(()).unwrap()).unwrap();
        wake_running(dir.path()).unwrap();
        rx.recv_timeout(Duration::from_secs(5))
            .expect("the first instance heard of the second launch");
        wake_running(dir.path()).unwrap();
        rx.recv_timeout(Duration::from_secs(5)).unwrap();
    }

    #[test]
    fn a_claim_dropped_or_left_by_a_crash_frees_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let Instance::First(first) = claim(dir.path()).unwrap() else {
            panic!("the folder was free");
        };
        drop(first);
        // What a crash leaves: the socket file, no lock.
        assert!(dir.path().join(SOCKET).exists());
        assert!(matches!(claim(dir.path()).unwrap(), Instance::First(_)));
        assert!(
            wake_running(tempfile::tempdir().unwrap().path()).is_err(),
            "nothing runs there"
        );
    }
}
