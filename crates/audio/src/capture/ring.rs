//! How captured audio crosses from cpal's callback to the recorder's worker: two lock-free
//! single-producer rings, one of mono samples and one of block stamps (how many samples, and
//! when the first was captured). The callback only downmixes into the ring; it never locks,
//! allocates or waits, so a slow disk or a busy worker cannot make the sound server drop audio.
//! Control messages travel apart, on the recorder's channel.

use cpal::{FromSample, SizedSample};
use rtrb::{Consumer, Producer, RingBuffer};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

/// Room for this much audio between the callback and the worker: far more than any stall of
/// a worker that only writes a file and resamples.
const RING_SECONDS: usize = 30;
/// Blocks are 10–100 ms long on every backend; this many stamps cover the ring many times.
const STAMPS: usize = 16_384;

/// One block handed over: `frames` mono samples, the first captured at `captured_at`.
#[derive(Debug, Clone, Copy)]
struct Stamp {
    frames: usize,
    captured_at: Instant,
}

/// The callback's end.
pub struct CaptureSink {
    samples: Producer<f32>,
    stamps: Producer<Stamp>,
    channels: usize,
    /// Frames the callback had no room for (counted, never waited on).
    dropped: Arc<AtomicU64>,
}

/// The worker's end.
pub struct CaptureTap {
    samples: Consumer<f32>,
    stamps: Consumer<Stamp>,
    dropped: Arc<AtomicU64>,
    /// Reused for every block, so draining allocates only while it grows.
    block: Vec<f32>,
}

/// A connected sink and tap for a stream of `channels` channels at `rate` Hz.
pub fn capture_ring(rate: u32, channels: usize) -> (CaptureSink, CaptureTap) {
    let (samples_in, samples_out) = RingBuffer::new(RING_SECONDS * rate.max(1) as usize);
    let (stamps_in, stamps_out) = RingBuffer::new(STAMPS);
    let dropped = Arc::new(AtomicU64::new(0));
    (
        CaptureSink {
            samples: samples_in,
            stamps: stamps_in,
            channels: channels.max(1),
            dropped: dropped.clone(),
        },
        CaptureTap {
            samples: samples_out,
            stamps: stamps_out,
            dropped,
            block: Vec::new(),
        },
    )
}

impl CaptureSink {
    /// Downmixes one interleaved block into the ring (called on the audio thread).
    pub fn push<T>(&mut self, data: &[T], captured_at: Instant)
    where
        T: SizedSample,
        f32: FromSample<T>,
    {
        let channels = self.channels;
        let frames = data.len() / channels;
        if frames == 0 {
            return;
        }
        // A stamp is pushed only after its samples, so the worker never reads a stamp whose
        // samples are not there yet.
        if self.stamps.slots() == 0 {
            self.dropped.fetch_add(frames as u64, Ordering::Relaxed);
            return;
        }
        let Ok(chunk) = self.samples.write_chunk_uninit(frames) else {
            self.dropped.fetch_add(frames as u64, Ordering::Relaxed);
            return;
        };
        let scale = 1.0 / channels as f32;
        chunk.fill_from_iter(
            data.chunks_exact(channels)
                .map(|frame| frame.iter().map(|&s| s.to_sample::<f32>()).sum::<f32>() * scale),
        );
        let _ = self.stamps.push(Stamp {
            frames,
            captured_at,
        });
    }
}

impl CaptureTap {
    /// Hands every block the callback has pushed so far to `take`, in order.
    pub fn drain(&mut self, mut take: impl FnMut(&[f32], Instant)) {
        while let Ok(stamp) = self.stamps.pop() {
            let Ok(chunk) = self.samples.read_chunk(stamp.frames) else {
                // Cannot happen: samples go in before their stamp.
                tracing::error!("capture ring: a stamp without its samples");
                return;
            };
            let (first, second) = chunk.as_slices();
            self.block.clear();
            self.block.extend_from_slice(first);
            self.block.extend_from_slice(second);
            chunk.commit_all();
            take(&self.block, stamp.captured_at);
        }
    }

    /// Frames lost because the worker fell a whole ring behind.
    pub fn dropped_frames(&self) -> u64 {
        self.dropped.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn blocks_arrive_downmixed_in_order_with_their_stamps() {
        let (mut sink, mut tap) = capture_ring(100, 2);
        let t0 = Instant::now();
        sink.push(&[i16::MAX, 0, i16::MIN, i16::MIN], t0);
        sink.push(
            &[0.5f32, 0.5, -0.25, 0.25, 1.0, 0.0],
            t0 + Duration::from_millis(20),
        );
        let mut got = Vec::new();
        tap.drain(|block, at| got.push((block.to_vec(), at)));
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].1, t0);
        assert!((got[0].0[0] - 0.5).abs() < 1e-3 && (got[0].0[1] + 1.0).abs() < 1e-3);
        assert_eq!(got[1].0, [0.5, 0.0, 0.5]);
        assert_eq!(got[1].1, t0 + Duration::from_millis(20));
        assert_eq!(tap.dropped_frames(), 0);
    }

    #[test]
    fn a_full_ring_drops_and_counts_instead_of_waiting() {
        // 30 s at 10 Hz: 300 frames of room.
        let (mut sink, mut tap) = capture_ring(10, 1);
        let block = [0.1f32; 200];
        sink.push(&block, Instant::now());
        sink.push(&block, Instant::now());
        assert_eq!(tap.dropped_frames(), 200);
        let mut frames = 0;
        tap.drain(|b, _| frames += b.len());
        assert_eq!(frames, 200);
        // Drained, there is room again.
        sink.push(&block, Instant::now());
        tap.drain(|b, _| frames += b.len());
        assert_eq!(frames, 400);
    }

    #[test]
    fn the_callback_side_never_allocates() {
        let (mut sink, mut tap) = capture_ring(48_000, 2);
        let block = vec![0.25f32; 960];
        let allocations = crate::test_alloc::count_on_this_thread(|| {
            for _ in 0..100 {
                sink.push(&block, Instant::now());
            }
        });
        assert_eq!(allocations, 0);
        let mut frames = 0;
        tap.drain(|b, _| frames += b.len());
        assert_eq!(frames, 100 * 480);
    }
}
