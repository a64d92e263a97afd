use super::*;
use hound::{SampleFormat, WavSpec, WavWriter};

/// A 200 Hz tone at 0.5 amplitude on the left channel and its negative on the right: the mean
/// of an even number of such channels is zero, of one channel it is the tone.
fn write(path: &Path, rate: u32, channels: u16, bits: u16, float: bool, seconds: f32) {
    let spec = WavSpec {
        channels,
        sample_rate: rate,
        bits_per_sample: bits,
        sample_format: if float {
            SampleFormat::Float
        } else {
            SampleFormat::Int
        },
    };
    let mut w = WavWriter::create(path, spec).unwrap();
    let frames = (rate as f32 * seconds) as usize;
    for i in 0..frames {
        let v = 0.5 * (2.0 * std::f32::consts::PI * 200.0 * i as f32 / rate as f32).sin();
        for c in 0..channels {
            let v = if c == 0 { v } else { v * 0.5 };
            if float {
                w.write_sample(v).unwrap();
            } else {
                let max = ((1i64 << (bits - 1)) - 1) as f32;
                w.write_sample((v * max).round() as i32).unwrap();
            }
        }
    }
    w.finalize().unwrap();
}

#[test]
fn every_pcm_layout_reads_to_the_same_mono_signal() {
    let dir = tempfile::tempdir().unwrap();
    for (bits, float) in [
        (8, false),
        (16, false),
        (24, false),
        (32, false),
        (32, true),
    ] {
        for (rate, channels) in [(16_000, 1), (44_100, 2), (48_000, 6), (8_000, 1)] {
            let path = dir
                .path()
                .join(format!("t{bits}{float}{rate}{channels}.wav"));
            write(&path, rate, channels, bits, float, 0.5);
            let audio = read_wav_16k_mono(&path).unwrap();
            assert_eq!(
                (audio.source_rate, audio.seconds()),
                (rate, audio.samples.len() as f64 / 16_000.0)
            );
            assert!(
                (audio.samples.len() as i64 - 8_000).abs() <= 1,
                "{} samples",
                audio.samples.len()
            );
            // Mean of channels: left 1, others 0.5 → (1 + 0.5 (c-1)) / c of the tone.
            let gain = (1.0 + 0.5 * (channels as f32 - 1.0)) / channels as f32;
            let expected = |i: usize| {
                0.5 * gain * (2.0 * std::f32::consts::PI * 200.0 * i as f32 / 16_000.0).sin()
            };
            let tolerance = if bits == 8 { 0.02 } else { 0.01 };
            let worst = (2_000..6_000)
                .map(|i| (audio.samples[i] - expected(i)).abs())
                .fold(0.0, f32::max);
            assert!(
                worst < tolerance,
                "{bits}-bit float={float} {rate} Hz x{channels}: error {worst}"
            );
            assert_eq!(
                (audio.source_bits, audio.source_channels, audio.source_float),
                (bits, channels, float)
            );
            assert_eq!(audio.source_rate, rate);
        }
    }
}

#[test]
fn bad_files_get_errors_that_name_them() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.wav");
    assert!(matches!(
        read_wav_mono(&missing),
        Err(AudioError::Io { .. })
    ));

    let empty = dir.path().join("empty.wav");
    std::fs::write(&empty, b"").unwrap();
    let err = read_wav_mono(&empty).unwrap_err();
    assert!(matches!(err, AudioError::EmptyFile { .. }), "{err}");
    assert!(err.to_string().contains("empty.wav"));

    let text = dir.path().join("notes.wav");
    std::fs::write(&text, b"these are my interview notes, not audio").unwrap();
    let err = read_wav_mono(&text).unwrap_err();
    assert!(matches!(err, AudioError::NotWav { .. }), "{err}");
    assert!(err.to_string().contains("notes.wav"), "{err}");

    let good = dir.path().join("good.wav");
    write(&good, 16_000, 1, 16, false, 1.0);
    let bytes = std::fs::read(&good).unwrap();
    let cut = dir.path().join("cut.wav");
    std::fs::write(&cut, &bytes[..bytes.len() / 2 + 1]).unwrap();
    let err = read_wav_mono(&cut).unwrap_err();
    assert!(
        matches!(
            err,
            AudioError::Truncated {
                declared: 16_000,
                ..
            }
        ),
        "{err}"
    );
    assert!(
        err.to_string().contains("cut.wav") && err.to_string().contains("truncated"),
        "{err}"
    );

    let header_only = dir.path().join("header.wav");
    std::fs::write(&header_only, &bytes[..20]).unwrap();
    let err = read_wav_mono(&header_only).unwrap_err();
    assert!(matches!(err, AudioError::NotWav { .. }), "{err}");

    let silent = dir.path().join("nothing.wav");
    write(&silent, 16_000, 1, 16, false, 0.0);
    assert!(matches!(
        read_wav_mono(&silent),
        Err(AudioError::NoSamples { .. })
    ));
}

#[test]
fn a_header_with_an_absurd_sample_rate_is_refused_at_once_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    for rate in [1u32, 3_999, 768_001, 4_000_000_000] {
        let path = dir.path().join(format!("rate-{rate}.wav"));
        // One second at 16 kHz, then the header's rate fields rewritten (hound itself refuses to
        // write some of these rates).
        write(&path, 16_000, 1, 16, false, 1.0);
        let mut bytes = std::fs::read(&path).unwrap();
        bytes[24..28].copy_from_slice(&rate.to_le_bytes());
        bytes[28..32].copy_from_slice(&rate.wrapping_mul(2).to_le_bytes());
        std::fs::write(&path, bytes).unwrap();
        // Refused from the header, before a sample is read or resampled.
        let err = read_wav_16k_mono(&path).expect_err("refused").to_string();
        assert!(err.contains(&format!("rate-{rate}.wav")), "{err}");
        // hound itself refuses 4 GHz (its byte-rate field cannot hold it); we refuse the rest.
        assert!(
            err.contains(&format!("{rate} Hz")) || rate > 1_000_000,
            "{err}"
        );
    }
    // The edges of what is supported still read.
    for rate in [4_000u32, 768_000] {
        let path = dir.path().join(format!("ok-{rate}.wav"));
        write(&path, rate, 1, 16, false, 0.1);
        assert!(read_wav_mono(&path).is_ok(), "{rate} Hz");
    }
}
