//! Speech activity over a two-minute take must cost well under 50 ms (issue: speaking time).

use audio::{detect_speech, VadConfig};
use criterion::{criterion_group, criterion_main, Criterion};

/// 120 s at 16 kHz: bursts of harmonics with pauses, over low noise.
fn take() -> Vec<f32> {
    let mut seed = 12345u64;
    (0..120 * 16_000)
        .map(|i| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let noise = ((seed >> 40) as f32 / (1u64 << 24) as f32 - 0.5) * 0.002;
            let t = i as f32 / 16_000.0;
            let talking = (t % 7.0) < 5.5;
            let voice = if talking {
                0.2 * (2.0 * std::f32::consts::PI * 140.0 * t).sin()
                    * (0.6 + 0.4 * (25.0 * t).sin())
            } else {
                0.0
            };
            voice + noise
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let samples = take();
    let config = VadConfig::default();
    c.bench_function("detect_speech 120 s", |b| {
        b.iter(|| detect_speech(std::hint::black_box(&samples), &config))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
