//! Second-order (biquad) Butterworth filters, from the RBJ audio EQ cookbook.

/// Transposed direct form II in f32: two state values, and no f64 conversions on the hot path
/// (speech activity filters every sample of a take three times over).
pub struct Biquad {
    b0: f32,
    b1: f32,
    b2: f32,
    a1: f32,
    a2: f32,
    s1: f32,
    s2: f32,
}

impl Biquad {
    fn new(b: [f64; 3], a: [f64; 3]) -> Self {
        let n = |v: f64| (v / a[0]) as f32;
        Biquad {
            b0: n(b[0]),
            b1: n(b[1]),
            b2: n(b[2]),
            a1: n(a[1]),
            a2: n(a[2]),
            s1: 0.0,
            s2: 0.0,
        }
    }

    fn omega(rate: f64, cutoff: f64) -> (f64, f64) {
        let w = 2.0 * std::f64::consts::PI * cutoff / rate;
        // Butterworth: Q = 1/√2, so alpha = sin(w) / (2Q) = sin(w) / √2.
        let alpha = w.sin() / std::f64::consts::SQRT_2;
        (w.cos(), alpha)
    }

    pub fn high_pass(rate: f64, cutoff: f64) -> Self {
        let (cos, alpha) = Self::omega(rate, cutoff);
        Self::new(
            [(1.0 + cos) / 2.0, -(1.0 + cos), (1.0 + cos) / 2.0],
            [1.0 + alpha, -2.0 * cos, 1.0 - alpha],
        )
    }

    pub fn low_pass(rate: f64, cutoff: f64) -> Self {
        let (cos, alpha) = Self::omega(rate, cutoff);
        Self::new(
            [(1.0 - cos) / 2.0, 1.0 - cos, (1.0 - cos) / 2.0],
            [1.0 + alpha, -2.0 * cos, 1.0 - alpha],
        )
    }

    #[inline]
    pub fn process(&mut self, x: f32) -> f32 {
        let y = self.b0 * x + self.s1;
        self.s1 = self.b1 * x - self.a1 * y + self.s2;
        self.s2 = self.b2 * x - self.a2 * y;
        y
    }
}

/// Band-pass filters side by side, each a high-pass then a low-pass: every sample adds its
/// power in each band to running sums (speech activity and the filled-pause detector both
/// measure band energy this way).
pub struct BandPower<const N: usize> {
    filters: [(Biquad, Biquad); N],
}

impl<const N: usize> BandPower<N> {
    pub fn new(rate: f64, bands: &[(f64, f64); N]) -> Self {
        BandPower {
            filters: bands
                .map(|(low, high)| (Biquad::high_pass(rate, low), Biquad::low_pass(rate, high))),
        }
    }

    #[inline]
    pub fn add(&mut self, x: f32, sums: &mut [f32; N]) {
        for (sum, (hp, lp)) in sums.iter_mut().zip(self.filters.iter_mut()) {
            let y = lp.process(hp.process(x));
            *sum += y * y;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gain(filter: &mut Biquad, freq: f64) -> f64 {
        let rate = 16_000.0;
        let out: Vec<f32> = (0..16_000)
            .map(|i| {
                filter.process((2.0 * std::f64::consts::PI * freq * i as f64 / rate).sin() as f32)
            })
            .collect();
        let rms = |v: &[f32]| {
            (v.iter().map(|x| (*x as f64).powi(2)).sum::<f64>() / v.len() as f64).sqrt()
        };
        rms(&out[8000..]) / std::f64::consts::FRAC_1_SQRT_2
    }

    #[test]
    fn butterworth_responses_pass_the_band_and_cut_outside() {
        assert!((gain(&mut Biquad::high_pass(16_000.0, 150.0), 1000.0) - 1.0).abs() < 0.02);
        assert!(
            (gain(&mut Biquad::high_pass(16_000.0, 150.0), 150.0)
                - std::f64::consts::FRAC_1_SQRT_2)
                .abs()
                < 0.02
        );
        assert!(gain(&mut Biquad::high_pass(16_000.0, 150.0), 50.0) < 0.12);
        assert!((gain(&mut Biquad::low_pass(16_000.0, 4000.0), 500.0) - 1.0).abs() < 0.02);
        assert!(gain(&mut Biquad::low_pass(16_000.0, 4000.0), 7500.0) < 0.1);
    }
}
