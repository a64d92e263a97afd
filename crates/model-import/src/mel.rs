//! The mel filterbank Whisper was trained with: librosa's `filters.mel(sr=16000, n_fft=400,
//! n_mels=N)` with Slaney's mel scale and Slaney area normalisation. whisper.cpp reads these
//! filters from the model file, so the importer must write them exactly.

const SAMPLE_RATE: f64 = 16_000.0;
pub const N_FFT: usize = 400;

fn hz_to_mel(hz: f64) -> f64 {
    let f_sp = 200.0 / 3.0;
    let min_log_hz = 1000.0;
    let min_log_mel = min_log_hz / f_sp;
    let logstep = (6.4f64).ln() / 27.0;
    if hz >= min_log_hz {
        min_log_mel + (hz / min_log_hz).ln() / logstep
    } else {
        hz / f_sp
    }
}

fn mel_to_hz(mel: f64) -> f64 {
    let f_sp = 200.0 / 3.0;
    let min_log_hz = 1000.0;
    let min_log_mel = min_log_hz / f_sp;
    let logstep = (6.4f64).ln() / 27.0;
    if mel >= min_log_mel {
        min_log_hz * (logstep * (mel - min_log_mel)).exp()
    } else {
        f_sp * mel
    }
}

/// `n_mels` rows of `N_FFT / 2 + 1` weights, row-major.
pub fn mel_filters(n_mels: usize) -> Vec<f32> {
    let n_bins = N_FFT / 2 + 1;
    let fft_freqs: Vec<f64> = (0..n_bins)
        .map(|i| i as f64 * (SAMPLE_RATE / 2.0) / (n_bins - 1) as f64)
        .collect();
    let (mel_min, mel_max) = (hz_to_mel(0.0), hz_to_mel(SAMPLE_RATE / 2.0));
    let points = n_mels + 2;
    let mel_freqs: Vec<f64> = (0..points)
        .map(|i| mel_to_hz(mel_min + (mel_max - mel_min) * i as f64 / (points - 1) as f64))
        .collect();
    let mut weights = vec![0f32; n_mels * n_bins];
    for m in 0..n_mels {
        let (lo, mid, hi) = (mel_freqs[m], mel_freqs[m + 1], mel_freqs[m + 2]);
        let enorm = 2.0 / (hi - lo);
        for (b, &f) in fft_freqs.iter().enumerate() {
            let lower = (f - lo) / (mid - lo);
            let upper = (hi - f) / (hi - mid);
            weights[m * n_bins + b] = (lower.min(upper).max(0.0) * enorm) as f32;
        }
    }
    weights
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slaney_scale_round_trips_and_is_linear_below_1khz() {
        for hz in [0.0, 200.0, 999.0, 1000.0, 4321.0, 8000.0] {
            assert!((mel_to_hz(hz_to_mel(hz)) - hz).abs() < 1e-9);
        }
        assert!((hz_to_mel(1000.0) - 15.0).abs() < 1e-12);
    }

    #[test]
    fn filters_match_librosa_reference_values() {
        // Reference values read from openai-whisper 20250625, whisper/assets/mel_filters.npz
        // ("mel_80"), the filters the model was trained with.
        let f = mel_filters(80);
        assert_eq!(f.len(), 80 * 201);
        let at = |m: usize, b: usize| f[m * 201 + b];
        assert!((at(0, 1) - 0.024_862_595).abs() < 1e-8, "{}", at(0, 1));
        assert!(
            (at(79, 190) - 0.002_232_055).abs() < 1e-8,
            "{}",
            at(79, 190)
        );
        assert_eq!((at(0, 0), at(0, 2), at(79, 200)), (0.0, 0.0, 0.0));
        // Every filter is a non-empty triangle with non-negative weights.
        for m in 0..80 {
            let row = &f[m * 201..(m + 1) * 201];
            assert!(row.iter().all(|w| *w >= 0.0));
            assert!(row.iter().any(|w| *w > 0.0), "filter {m} is empty");
        }
    }
}
