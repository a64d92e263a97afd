//! Checks a ggml model file from end to end before whisper.cpp sees it. whisper.cpp is C++ and
//! trusts the file: a tensor with more than four dimensions writes past a four-entry array, a
//! negative name length or an absurd vocabulary or layer size becomes a huge allocation, and a
//! tensor table that claims more data than the file holds is read past its end. Every count,
//! size and shape is bounded here, and every tensor's data must lie inside the file, so a
//! damaged or crafted file is refused with a message instead of reaching native code.

use crate::ggml::{HParams, QNT_VERSION_FACTOR};
use std::io::{self, Read, Seek, SeekFrom};

/// What a checked model file holds.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelTable {
    pub hparams: HParams,
    pub tokens: usize,
    pub tensors: usize,
}

/// Bounds generous for every Whisper model (large-v3: state 1280, 32 layers, 128 mels, 51,866
/// tokens) and far below what would exhaust memory.
const MOST_VOCAB: i32 = 1_000_000;
const MOST_STATE: i32 = 8_192;
const MOST_HEADS: i32 = 256;
const MOST_LAYERS: i32 = 256;
const MOST_CTX: i32 = 65_536;
const MOST_MELS: i32 = 512;
const MOST_FFT_BINS: i32 = 4_096;
const MOST_TOKEN_BYTES: u32 = 1_024;
const MOST_NAME_BYTES: i32 = 1_024;
const MOST_DIMS: i32 = 4;
const MOST_ELEMENTS: u64 = 1 << 32;

fn bad(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message)
}

fn read_i32(r: &mut impl Read) -> io::Result<i32> {
    let mut b = [0u8; 4];
    r.read_exact(&mut b)?;
    Ok(i32::from_le_bytes(b))
}

fn in_range(what: &str, value: i32, low: i32, high: i32) -> io::Result<()> {
    if (low..=high).contains(&value) {
        Ok(())
    } else {
        Err(bad(format!("{what} is {value}, outside {low}–{high}")))
    }
}

/// Bytes a tensor of `elements` values of ggml type `ty` takes, for the types whisper.cpp loads;
/// None for a type it does not know or a shape its blocks do not divide.
fn tensor_bytes(ty: i32, elements: u64, row: u64) -> Option<u64> {
    // (block size, bytes per block) as ggml defines them.
    let (block, bytes) = match ty {
        0 => (1, 4),   // f32
        1 => (1, 2),   // f16
        2 => (32, 18), // q4_0
        3 => (32, 20), // q4_1
        6 => (32, 22), // q5_0
        7 => (32, 24), // q5_1
        8 => (32, 34), // q8_0
        _ => return None,
    };
    row.is_multiple_of(block).then(|| elements / block * bytes)
}

/// Walks a ggml model file: magic, hyper-parameters, mel filters, vocabulary and every tensor,
/// without reading tensor data. The file must end where the last tensor does.
pub fn check_model<R: Read + Seek>(mut r: R) -> io::Result<ModelTable> {
    let file_len = r.seek(SeekFrom::End(0))?;
    r.seek(SeekFrom::Start(0))?;
    let mut header = [0u8; 48];
    r.read_exact(&mut header)
        .map_err(|_| bad("the file is shorter than a model header".into()))?;
    let hparams = HParams::read_from(&header[..])?
        .ok_or_else(|| bad("not a whisper.cpp ggml model (bad magic number)".into()))?;
    let h = &hparams;
    in_range("n_vocab", h.n_vocab, 1, MOST_VOCAB)?;
    in_range("n_audio_ctx", h.n_audio_ctx, 1, MOST_CTX)?;
    in_range("n_audio_state", h.n_audio_state, 1, MOST_STATE)?;
    in_range("n_audio_head", h.n_audio_head, 1, MOST_HEADS)?;
    in_range("n_audio_layer", h.n_audio_layer, 1, MOST_LAYERS)?;
    in_range("n_text_ctx", h.n_text_ctx, 1, MOST_CTX)?;
    in_range("n_text_state", h.n_text_state, 1, MOST_STATE)?;
    in_range("n_text_head", h.n_text_head, 1, MOST_HEADS)?;
    in_range("n_text_layer", h.n_text_layer, 1, MOST_LAYERS)?;
    in_range("n_mels", h.n_mels, 1, MOST_MELS)?;
    if h.n_text_state != h.n_audio_state {
        return Err(bad(format!(
            "n_text_state {} differs from n_audio_state {} (whisper.cpp assumes them equal)",
            h.n_text_state, h.n_audio_state
        )));
    }
    if h.n_audio_state % h.n_audio_head != 0 || h.n_text_state % h.n_text_head != 0 {
        return Err(bad(
            "the state size is not a multiple of the head count".into()
        ));
    }
    if !matches!(h.ftype % QNT_VERSION_FACTOR, 0 | 1 | 2 | 3 | 7 | 8 | 9) || h.ftype < 0 {
        return Err(bad(format!("unknown file type {}", h.ftype)));
    }

    let mel_count = read_i32(&mut r)?;
    let fft_bins = read_i32(&mut r)?;
    in_range("the mel filter count", mel_count, 1, MOST_MELS)?;
    in_range("the mel filter length", fft_bins, 1, MOST_FFT_BINS)?;
    let filters = mel_count as u64 * fft_bins as u64 * 4;
    skip(&mut r, filters, file_len, "the mel filters")?;

    let tokens = read_i32(&mut r)?;
    in_range("the vocabulary size", tokens, 0, MOST_VOCAB)?;
    for i in 0..tokens {
        let mut b = [0u8; 4];
        r.read_exact(&mut b)?;
        let len = u32::from_le_bytes(b);
        if len > MOST_TOKEN_BYTES {
            return Err(bad(format!("token {i} claims {len} bytes")));
        }
        skip(&mut r, len as u64, file_len, "the vocabulary")?;
    }

    let mut tensors = 0;
    while r.stream_position()? < file_len {
        let n_dims = read_i32(&mut r)?;
        let name_len = read_i32(&mut r)?;
        let ty = read_i32(&mut r)?;
        in_range(
            &format!("tensor {tensors}'s dimension count"),
            n_dims,
            1,
            MOST_DIMS,
        )?;
        in_range(
            &format!("tensor {tensors}'s name length"),
            name_len,
            1,
            MOST_NAME_BYTES,
        )?;
        let mut elements: u64 = 1;
        let mut row = 0;
        for d in 0..n_dims {
            let ne = read_i32(&mut r)?;
            in_range(
                &format!("tensor {tensors}'s dimension {d}"),
                ne,
                1,
                i32::MAX,
            )?;
            if d == 0 {
                row = ne as u64;
            }
            elements = elements.saturating_mul(ne as u64);
        }
        if elements > MOST_ELEMENTS {
            return Err(bad(format!("tensor {tensors} claims {elements} values")));
        }
        let mut name = vec![0u8; name_len as usize];
        r.read_exact(&mut name)?;
        let name = String::from_utf8_lossy(&name).into_owned();
        let bytes = tensor_bytes(ty, elements, row).ok_or_else(|| {
            bad(format!(
                "tensor '{name}' has type {ty} or a shape whisper.cpp cannot load"
            ))
        })?;
        skip(&mut r, bytes, file_len, &format!("tensor '{name}'"))?;
        tensors += 1;
    }
    if tensors == 0 {
        return Err(bad("the file holds no tensors".into()));
    }
    Ok(ModelTable {
        hparams,
        tokens: tokens as usize,
        tensors,
    })
}

/// Moves past `bytes` of `what`, which must end inside the file.
fn skip(r: &mut impl Seek, bytes: u64, file_len: u64, what: &str) -> io::Result<()> {
    let at = r.stream_position()?;
    match at.checked_add(bytes) {
        Some(end) if end <= file_len => {
            r.seek(SeekFrom::Start(end))?;
            Ok(())
        }
        _ => Err(bad(format!(
            "{what} claims {bytes} bytes at offset {at}, but the file ends at {file_len}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ggml::{GgmlType, GgmlWriter};
    use std::io::Cursor;

    fn hp() -> HParams {
        HParams {
            n_vocab: 4,
            n_audio_ctx: 10,
            n_audio_state: 8,
            n_audio_head: 2,
            n_audio_layer: 1,
            n_text_ctx: 6,
            n_text_state: 8,
            n_text_head: 2,
            n_text_layer: 1,
            n_mels: 2,
            ftype: 1,
        }
    }

    fn model(h: HParams) -> Vec<u8> {
        let vocab: Vec<Vec<u8>> = ["a", "b", "c", "d"]
            .iter()
            .map(|t| t.as_bytes().to_vec())
            .collect();
        let mut w = GgmlWriter::start(Vec::new(), &h, &[0.0; 6], 3, &vocab).unwrap();
        w.tensor("encoder.conv1.weight", &[8, 2], GgmlType::F16, &[0u8; 32])
            .unwrap();
        w.tensor("decoder.ln.bias", &[8], GgmlType::F32, &[0u8; 32])
            .unwrap();
        w.finish()
    }

    #[test]
    fn a_well_formed_file_is_walked_to_its_end() {
        let table = check_model(Cursor::new(model(hp()))).unwrap();
        assert_eq!((table.tokens, table.tensors), (4, 2));
    }

    #[test]
    fn every_kind_of_damage_is_refused_with_what_is_wrong() {
        let good = model(hp());
        let header_end = 48 + 8 + 6 * 4;
        let first_tensor = header_end + 4 + 4 * 5;
        let cases: Vec<(&str, Vec<u8>)> = vec![
            ("shorter than a model header", good[..20].to_vec()),
            ("bad magic", [b"RIFF".as_slice(), &good[4..]].concat()),
            ("n_audio_state is 1000000", {
                let mut b = good.clone();
                b[12..16].copy_from_slice(&1_000_000i32.to_le_bytes());
                b
            }),
            ("claims 32 bytes", good[..good.len() - 1].to_vec()),
            ("dimension count is 9", {
                let mut b = good.clone();
                b[first_tensor..first_tensor + 4].copy_from_slice(&9i32.to_le_bytes());
                b
            }),
            ("name length is -5", {
                let mut b = good.clone();
                b[first_tensor + 4..first_tensor + 8].copy_from_slice(&(-5i32).to_le_bytes());
                b
            }),
            ("type 99", {
                let mut b = good.clone();
                b[first_tensor + 8..first_tensor + 12].copy_from_slice(&99i32.to_le_bytes());
                b
            }),
            ("claims 4000000000 bytes", {
                let mut b = good.clone();
                b[header_end + 4..header_end + 8].copy_from_slice(&4_000_000_000u32.to_le_bytes());
                b
            }),
            ("no tensors", good[..first_tensor].to_vec()),
        ];
        for (says, bytes) in cases {
            let err = check_model(Cursor::new(bytes)).expect_err(says).to_string();
            assert!(err.contains(says), "expected '{says}', got '{err}'");
        }
    }
}
