//! A history archive (tar) as the app's Import and `star-coach archive import` read it, into an
//! empty history. Whatever the bytes, an archive that is refused leaves nothing behind: no
//! take in the history and no recordings folder.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("in.tar");
    std::fs::write(&file, data).expect("the input written");
    let mut history = store::Store::open(&dir.path().join("h.sqlite3")).expect("a history");
    let recordings = dir.path().join("recordings");
    if history.import_archive(&file, &recordings, 1).is_err() {
        assert!(history.takes().expect("the takes").is_empty());
        let left = std::fs::read_dir(&recordings).map_or(0, |d| d.count());
        assert_eq!(left, 0, "a refused archive left files");
    }
});
