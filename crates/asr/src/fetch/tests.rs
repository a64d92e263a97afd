//! Downloads against a real HTTP server on loopback that the test starts, in several moods.

use super::*;
use crate::catalogue::Catalogue;
use crate::files::hex;
use sha2::{Digest, Sha256};
use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

#[derive(Clone, Copy)]
enum Mood {
    /// Honours Range with 206.
    Good,
    /// Promises the whole body, sends this many bytes, hangs up.
    HangsUpAfter(usize),
    /// Always answers 200 with the whole file.
    IgnoresRange,
    /// Serves other bytes of the same length.
    WrongBytes,
}

struct Server {
    url: String,
    ranges_seen: Arc<Mutex<Vec<Option<String>>>>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Serves `connections` requests, then stops.
    fn start(body: Vec<u8>, mood: Mood, connections: usize) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/ggml-test.bin", listener.local_addr().unwrap());
        let ranges_seen = Arc::new(Mutex::new(Vec::new()));
        let seen = ranges_seen.clone();
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming().take(connections) {
                let mut stream = stream.unwrap();
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut range = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                        break;
                    }
                    if let Some(v) = line.to_ascii_lowercase().strip_prefix("range: bytes=") {
                        range = Some(v.trim().trim_end_matches('-').to_string());
                    }
                }
                seen.lock().unwrap().push(range.clone());
                let from: usize = match mood {
                    Mood::Good | Mood::HangsUpAfter(_) => {
                        range.and_then(|r| r.parse().ok()).unwrap_or(0)
                    }
                    _ => 0,
                };
                let served: Vec<u8> = match mood {
                    Mood::WrongBytes => body.iter().map(|b| b ^ 0x5a).collect(),
                    _ => body.clone(),
                };
                let status = if from > 0 {
                    "206 Partial Content"
                } else {
                    "200 OK"
                };
                let head = format!(
                    "HTTP/1.1 {status}\r\nContent-Length: {}\r\nContent-Range: bytes {from}-{}/{}\r\nConnection: close\r\n\r\n",
                    served.len() - from,
                    served.len() - 1,
                    served.len()
                );
                let _ = stream.write_all(head.as_bytes());
                let end = match mood {
                    Mood::HangsUpAfter(n) => (from + n).min(served.len()),
                    _ => served.len(),
                };
                let _ = stream.write_all(&served[from..end]);
                let _ = stream.flush();
            }
        });
        Server {
            url,
            ranges_seen,
            thread: Some(thread),
        }
    }

    fn ranges(&mut self) -> Vec<Option<String>> {
        if let Some(t) = self.thread.take() {
            t.join().unwrap();
        }
        self.ranges_seen.lock().unwrap().clone()
    }
}

fn model_bytes() -> Vec<u8> {
    (0..700_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect()
}

fn entry_for(body: &[u8]) -> ModelEntry {
    ModelEntry {
        name: "test".into(),
        file: "ggml-test.bin".into(),
        bytes: body.len() as u64,
        sha256: hex(&Sha256::digest(body)),
        url: String::new(),
        languages: vec!["en".into()],
        default: true,
        import: None,
        measured: None,
    }
}

#[test]
fn good_server_gives_a_verified_file_and_a_second_fetch_does_nothing() {
    let body = model_bytes();
    let entry = entry_for(&body);
    let dir = tempfile::tempdir().unwrap();
    let mut server = Server::start(body.clone(), Mood::Good, 1);
    let mut last = None;
    let got = fetch_model(&entry, &server.url, dir.path(), &mut |p| last = Some(p)).unwrap();
    assert_eq!(got, Fetched::Downloaded(dir.path().join("ggml-test.bin")));
    assert_eq!(
        std::fs::read(dir.path().join("ggml-test.bin")).unwrap(),
        body
    );
    assert!(!partial_path(&dir.path().join("ggml-test.bin")).exists());
    assert_eq!(
        last,
        Some(Progress::Verifying {
            done: body.len() as u64,
            total: body.len() as u64
        })
    );
    assert_eq!(server.ranges(), vec![None]);

    // No server this time: an intact file is recognised without any request.
    let again = fetch_model(&entry, "http://127.0.0.1:9/unused", dir.path(), &mut |_| {}).unwrap();
    assert!(matches!(again, Fetched::AlreadyPresent(_)));
}

#[test]
fn truncated_transfer_keeps_the_partial_file_and_the_next_fetch_resumes() {
    let body = model_bytes();
    let entry = entry_for(&body);
    let dir = tempfile::tempdir().unwrap();
    let mut broken = Server::start(body.clone(), Mood::HangsUpAfter(300_000), 1);
    let err = fetch_model(&entry, &broken.url, dir.path(), &mut |_| {}).unwrap_err();
    assert!(err.to_string().contains("broke off after 300000"), "{err}");
    broken.ranges();
    let partial = partial_path(&dir.path().join("ggml-test.bin"));
    assert_eq!(std::fs::metadata(&partial).unwrap().len(), 300_000);
    assert!(!dir.path().join("ggml-test.bin").exists());

    let mut good = Server::start(body.clone(), Mood::Good, 1);
    fetch_model(&entry, &good.url, dir.path(), &mut |_| {}).unwrap();
    assert_eq!(
        good.ranges(),
        vec![Some("300000".to_string())],
        "resumed with a Range request"
    );
    assert_eq!(
        std::fs::read(dir.path().join("ggml-test.bin")).unwrap(),
        body
    );
}

#[test]
fn wrong_checksum_is_refused_and_nothing_is_left_behind() {
    let body = model_bytes();
    let entry = entry_for(&body);
    let dir = tempfile::tempdir().unwrap();
    let mut server = Server::start(body, Mood::WrongBytes, 1);
    let err = fetch_model(&entry, &server.url, dir.path(), &mut |_| {}).unwrap_err();
    server.ranges();
    assert!(matches!(err, FetchError::ChecksumMismatch { .. }), "{err}");
    assert!(err.to_string().contains("sha256"), "{err}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn server_that_ignores_range_still_yields_the_right_file() {
    let body = model_bytes();
    let entry = entry_for(&body);
    let dir = tempfile::tempdir().unwrap();
    // A partial file from an earlier attempt: the server will answer 200 with the whole file.
    std::fs::write(
        partial_path(&dir.path().join("ggml-test.bin")),
        &body[..123_456],
    )
    .unwrap();
    let mut server = Server::start(body.clone(), Mood::IgnoresRange, 1);
    fetch_model(&entry, &server.url, dir.path(), &mut |_| {}).unwrap();
    assert_eq!(server.ranges(), vec![Some("123456".to_string())]);
    assert_eq!(
        std::fs::read(dir.path().join("ggml-test.bin")).unwrap(),
        body
    );
}

#[test]
fn a_corrupt_file_in_place_is_replaced_and_errors_name_the_url() {
    let body = model_bytes();
    let entry = entry_for(&body);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ggml-test.bin"), b"not the model").unwrap();
    let err = verify_file(&entry, &dir.path().join("ggml-test.bin"), &mut |_| {}).unwrap_err();
    assert!(
        matches!(err, FetchError::SizeMismatch { actual: 13, .. }),
        "{err}"
    );
    let mut server = Server::start(body.clone(), Mood::Good, 1);
    fetch_model(&entry, &server.url, dir.path(), &mut |_| {}).unwrap();
    server.ranges();
    assert_eq!(
        std::fs::read(dir.path().join("ggml-test.bin")).unwrap(),
        body
    );

    // Nothing listens on this port: the error says which address failed.
    let other = tempfile::tempdir().unwrap();
    let err = fetch_model(
        &entry,
        "http://127.0.0.1:9/ggml-test.bin",
        other.path(),
        &mut |_| {},
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("http://127.0.0.1:9/ggml-test.bin"),
        "{err}"
    );
}

/// A model file the user picks is taken in under its catalogue name; anything else (a folder,
/// another size, other bytes of the same size) is refused with what it is, and leaves nothing.
#[test]
fn a_model_file_is_copied_in_under_its_catalogue_name_and_anything_else_is_refused() {
    let body = model_bytes();
    let other = {
        let mut e = entry_for(&body[..body.len() / 2]);
        e.name = "other".into();
        e.file = "ggml-other.bin".into();
        e
    };
    let catalogue = Catalogue {
        models: vec![other, entry_for(&body)],
    };
    let picked = tempfile::tempdir().unwrap();
    let models = tempfile::tempdir().unwrap();
    let source = picked.path().join("downloaded.bin");
    std::fs::write(&source, &body).unwrap();

    let mut checked = 0;
    let (entry, path) = copy_in_model(&catalogue, &source, models.path(), &mut |p| {
        if let Progress::Verifying { done, .. } = p {
            checked = done;
        }
    })
    .unwrap();
    assert_eq!(entry.name, "test");
    assert_eq!(path, models.path().join("ggml-test.bin"));
    assert_eq!(std::fs::read(&path).unwrap(), body);
    assert_eq!(checked, body.len() as u64, "the check reports its progress");
    assert!(source.is_file(), "the user's own file stays where it was");

    let refuse = |what: &Path| {
        let e = copy_in_model(&catalogue, what, models.path(), &mut |_| {}).unwrap_err();
        assert!(matches!(e, FetchError::NotInCatalogue { .. }), "{e}");
        e.to_string()
    };
    assert!(refuse(picked.path()).contains("folder"));
    std::fs::write(&source, &body[..10]).unwrap();
    assert!(refuse(&source).contains("size, 10 bytes"));
    std::fs::write(&source, body.iter().map(|b| b ^ 1).collect::<Vec<u8>>()).unwrap();
    assert!(refuse(&source).contains("sha256"));
    let left: Vec<_> = std::fs::read_dir(models.path())
        .unwrap()
        .flatten()
        .collect();
    assert_eq!(left.len(), 1, "only the model copied in: {left:?}");
}
