//! Writer (and header reader) for whisper.cpp's legacy ggml model file: magic, eleven i32
//! hyper-parameters, the mel filterbank, the byte-level vocabulary, then named tensors with
//! their dimensions innermost first. Layout as read by `whisper_model_load` in whisper.cpp.

use std::io::{self, Read, Write};

pub const MAGIC: u32 = 0x6767_6d6c; // "ggml"

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct HParams {
    pub n_vocab: i32,
    pub n_audio_ctx: i32,
    pub n_audio_state: i32,
    pub n_audio_head: i32,
    pub n_audio_layer: i32,
    pub n_text_ctx: i32,
    pub n_text_state: i32,
    pub n_text_head: i32,
    pub n_text_layer: i32,
    pub n_mels: i32,
    /// 0 = all f32, 1 = mostly f16, 7 = mostly q8_0; plus 1000 × the quantization version
    /// (2) for quantized files, as whisper.cpp's own quantizer writes it.
    pub ftype: i32,
}

impl HParams {
    fn fields(&self) -> [i32; 11] {
        [
            self.n_vocab,
            self.n_audio_ctx,
            self.n_audio_state,
            self.n_audio_head,
            self.n_audio_layer,
            self.n_text_ctx,
            self.n_text_state,
            self.n_text_head,
            self.n_text_layer,
            self.n_mels,
            self.ftype,
        ]
    }

    /// Reads the magic and hyper-parameters at the start of a ggml model file.
    pub fn read_from(mut r: impl Read) -> io::Result<Option<HParams>> {
        let mut buf = [0u8; 48];
        r.read_exact(&mut buf)?;
        let at = |i: usize| {
            i32::from_le_bytes([buf[i * 4], buf[i * 4 + 1], buf[i * 4 + 2], buf[i * 4 + 3]])
        };
        if at(0) as u32 != MAGIC {
            return Ok(None);
        }
        Ok(Some(HParams {
            n_vocab: at(1),
            n_audio_ctx: at(2),
            n_audio_state: at(3),
            n_audio_head: at(4),
            n_audio_layer: at(5),
            n_text_ctx: at(6),
            n_text_state: at(7),
            n_text_head: at(8),
            n_text_layer: at(9),
            n_mels: at(10),
            ftype: at(11),
        }))
    }
}

/// Element types as ggml numbers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GgmlType {
    F32 = 0,
    F16 = 1,
    /// Blocks of 32 weights: an f16 scale and 32 signed bytes.
    Q8_0 = 8,
}

/// ggml's file type for "mostly q8_0", and the quantization format version of its blocks.
pub const FTYPE_MOSTLY_Q8_0: i32 = 7;
pub const QNT_VERSION: i32 = 2;
pub const QNT_VERSION_FACTOR: i32 = 1000;
pub const Q8_0_BLOCK: usize = 32;

impl GgmlType {
    /// Bytes taken by `elements` values of this type.
    pub fn bytes(self, elements: usize) -> usize {
        match self {
            GgmlType::F32 => elements * 4,
            GgmlType::F16 => elements * 2,
            GgmlType::Q8_0 => elements / Q8_0_BLOCK * (2 + Q8_0_BLOCK),
        }
    }
}

/// ggml's reference q8_0 quantization (`quantize_row_q8_0_ref`): per block of 32, the scale is
/// the largest magnitude / 127 and each weight is rounded to the nearest multiple of it.
/// `values.len()` must be a multiple of 32.
pub fn quantize_q8_0(values: &[f32]) -> Vec<u8> {
    let mut out = Vec::with_capacity(GgmlType::Q8_0.bytes(values.len()));
    for block in values.chunks_exact(Q8_0_BLOCK) {
        let amax = block.iter().fold(0.0f32, |m, v| m.max(v.abs()));
        let d = amax / 127.0;
        let id = if d != 0.0 { 1.0 / d } else { 0.0 };
        out.extend_from_slice(&half::f16::from_f32(d).to_le_bytes());
        out.extend(block.iter().map(|v| (v * id).round() as i8 as u8));
    }
    out
}

pub struct GgmlWriter<W: Write> {
    out: W,
}

impl<W: Write> GgmlWriter<W> {
    /// Writes everything before the tensors: magic, hyper-parameters, mel filters, vocabulary.
    pub fn start(
        mut out: W,
        hparams: &HParams,
        mel: &[f32],
        n_mel_bins: usize,
        vocab: &[Vec<u8>],
    ) -> io::Result<Self> {
        out.write_all(&MAGIC.to_le_bytes())?;
        for v in hparams.fields() {
            out.write_all(&v.to_le_bytes())?;
        }
        let n_mels = mel.len() / n_mel_bins;
        out.write_all(&(n_mels as i32).to_le_bytes())?;
        out.write_all(&(n_mel_bins as i32).to_le_bytes())?;
        for v in mel {
            out.write_all(&v.to_le_bytes())?;
        }
        out.write_all(&(vocab.len() as i32).to_le_bytes())?;
        for token in vocab {
            out.write_all(&(token.len() as u32).to_le_bytes())?;
            out.write_all(token)?;
        }
        Ok(GgmlWriter { out })
    }

    /// Writes one tensor. `shape` is outermost first (as in PyTorch); `data` is already in `ty`.
    pub fn tensor(
        &mut self,
        name: &str,
        shape: &[usize],
        ty: GgmlType,
        data: &[u8],
    ) -> io::Result<()> {
        let expected = ty.bytes(shape.iter().product::<usize>());
        if data.len() != expected {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("tensor {name}: {} bytes of data for shape {shape:?} of {ty:?} ({expected} expected)", data.len()),
            ));
        }
        self.out.write_all(&(shape.len() as i32).to_le_bytes())?;
        self.out.write_all(&(name.len() as i32).to_le_bytes())?;
        self.out.write_all(&(ty as i32).to_le_bytes())?;
        for d in shape.iter().rev() {
            self.out.write_all(&(*d as i32).to_le_bytes())?;
        }
        self.out.write_all(name.as_bytes())?;
        self.out.write_all(data)
    }

    pub fn finish(self) -> W {
        self.out
    }
}

/// How the weight matrices are stored in a ggml file (the catalogue names one for each model set-up converts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quantization {
    /// As the source: float16 (what `ggml-tiny.en.bin` and the other unsuffixed official files
    /// hold).
    #[default]
    F16,
    /// 8-bit blocks with a float16 scale per 32 weights: half the size of the matrices, and
    /// whisper.cpp's fastest CPU path for them.
    Q8_0,
}

impl std::str::FromStr for Quantization {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "f16" => Ok(Quantization::F16),
            "q8_0" => Ok(Quantization::Q8_0),
            other => Err(format!("unknown quantization \"{other}\" (f16 or q8_0)")),
        }
    }
}

impl std::fmt::Display for Quantization {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Quantization::F16 => "f16",
            Quantization::Q8_0 => "q8_0",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn q8_0_blocks_hold_a_scale_and_rounded_weights() {
        let mut values: Vec<f32> = (0..32).map(|i| (i as f32 - 16.0) / 16.0).collect();
        values.extend([0.0f32; 32]);
        let q = quantize_q8_0(&values);
        assert_eq!(q.len(), 2 * 34);
        let d = half::f16::from_le_bytes([q[0], q[1]]).to_f32();
        assert!((d - 1.0 / 127.0).abs() < 1e-5, "{d}");
        let dequantized: Vec<f32> = q[2..34].iter().map(|b| *b as i8 as f32 * d).collect();
        for (a, b) in values.iter().zip(&dequantized) {
            assert!((a - b).abs() <= d / 2.0 + 1e-4, "{a} vs {b}");
        }
        // An all-zero block has a zero scale and zero weights.
        assert!(q[34..].iter().all(|b| *b == 0));
    }

    fn hp() -> HParams {
        HParams {
            n_vocab: 10,
            n_audio_ctx: 2,
            n_audio_state: 4,
            n_audio_head: 1,
            n_audio_layer: 1,
            n_text_ctx: 3,
            n_text_state: 4,
            n_text_head: 1,
            n_text_layer: 1,
            n_mels: 2,
            ftype: 1,
        }
    }

    #[test]
    fn writes_header_vocab_and_tensor_in_whisper_cpp_layout() {
        let mel = [0.5f32, 0.25, 0.0, 1.0];
        let vocab = vec![b"!".to_vec(), b" the".to_vec()];
        let mut w = GgmlWriter::start(Vec::new(), &hp(), &mel, 2, &vocab).unwrap();
        w.tensor("encoder.conv1.bias", &[3, 1], GgmlType::F32, &[0u8; 12])
            .unwrap();
        let bytes = w.finish();

        assert_eq!(HParams::read_from(&bytes[..]).unwrap(), Some(hp()));
        let i32_at = |o: usize| i32::from_le_bytes(bytes[o..o + 4].try_into().unwrap());
        assert_eq!((i32_at(48), i32_at(52)), (2, 2), "mel dims");
        assert_eq!(f32::from_le_bytes(bytes[56..60].try_into().unwrap()), 0.5);
        let vocab_at = 56 + 16;
        assert_eq!(i32_at(vocab_at), 2);
        assert_eq!(i32_at(vocab_at + 4), 1);
        assert_eq!(&bytes[vocab_at + 8..vocab_at + 9], b"!");
        assert_eq!(i32_at(vocab_at + 9), 4);
        let t = vocab_at + 9 + 4 + 4;
        // n_dims, name length, type, then dims innermost first: [1, 3].
        assert_eq!((i32_at(t), i32_at(t + 4), i32_at(t + 8)), (2, 18, 0));
        assert_eq!((i32_at(t + 12), i32_at(t + 16)), (1, 3));
        assert_eq!(&bytes[t + 20..t + 38], b"encoder.conv1.bias");
        assert_eq!(bytes.len(), t + 38 + 12);
    }

    #[test]
    fn refuses_data_that_does_not_fit_the_shape() {
        let mut w = GgmlWriter::start(Vec::new(), &hp(), &[], 1, &[]).unwrap();
        let err = w
            .tensor("x", &[2, 2], GgmlType::F16, &[0u8; 6])
            .unwrap_err();
        assert!(err.to_string().contains("tensor x"), "{err}");
    }

    #[test]
    fn header_reader_tells_other_formats_apart() {
        let mut not_ggml = b"GGUF".to_vec();
        not_ggml.extend_from_slice(&[0u8; 44]);
        assert_eq!(HParams::read_from(&not_ggml[..]).unwrap(), None);
        assert!(HParams::read_from(&b"ggml"[..]).is_err());
    }
}
