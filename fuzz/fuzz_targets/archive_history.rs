//! The rows of a history archive: any bytes as its history.json, wrapped in an archive whose
//! manifest and checksums are right, so the input gets past the envelope to the rows. Rows of
//! the wrong shape, types or links are refused whole; none may crash the import.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("in.tar");
    let mut archive = store::archive::ArchiveWriter::create(&file, 1).expect("an archive");
    archive.add("recordings/1.wav", b"RIFF....WAVE").expect("a recording");
    archive.add("history.json", data).expect("the rows");
    archive.finish(store::LATEST_VERSION).expect("the archive written");
    let mut history = store::Store::open(&dir.path().join("h.sqlite3")).expect("a history");
    let recordings = dir.path().join("recordings");
    if history.import_archive(&file, &recordings, 1).is_err() {
        assert!(history.takes().expect("the takes").is_empty());
    }
});
