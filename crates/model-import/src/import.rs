//! Converts a Whisper model in CTranslate2 format (faster-whisper's) into whisper.cpp's ggml
//! file. The tensor mapping: fused q/k/v projections are split, layer norms are
//! renamed, nothing is rescaled. The output appears atomically: whole, or not at all.

use crate::atomic_file::AtomicFile;
use crate::bpe_bytes::ByteDecoder;
use crate::ct2::{Ct2Model, DType, Variable};
use crate::error::ImportError;
use crate::mel::{mel_filters, N_FFT};
use asr::ggml::{
    quantize_q8_0, GgmlType, GgmlWriter, HParams, FTYPE_MOSTLY_Q8_0, Q8_0_BLOCK, QNT_VERSION,
    QNT_VERSION_FACTOR,
};
use asr::Quantization;
use std::io::Write;
use std::path::{Path, PathBuf};

/// whisper.cpp's vocabulary section holds the byte-level tokens 0..=50256; the special tokens
/// after them are implied by n_vocab.
const BPE_TOKENS: usize = 50_257;

#[derive(Debug, Clone, serde::Serialize)]
pub struct ImportReport {
    pub output: PathBuf,
    pub bytes: u64,
    pub sha256: String,
    pub hparams: HParams,
    pub tensors: usize,
}

/// The files of a CTranslate2 model directory.
struct SourceFiles {
    model_parts: Vec<PathBuf>,
    vocabulary: PathBuf,
}

fn find_sources(dir: &Path) -> Result<SourceFiles, ImportError> {
    if !dir.is_dir() {
        return Err(ImportError::format(dir, "not a directory (expected a CTranslate2 model folder with model.bin and vocabulary.txt)"));
    }
    let single = dir.join("model.bin");
    let model_parts = if single.is_file() {
        vec![single]
    } else {
        // Some packages split model.bin into model.bin.part1, model.bin.part2, ...
        let mut parts: Vec<(u32, PathBuf)> = std::fs::read_dir(dir)
            .map_err(|e| ImportError::io(dir, e))?
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                let n = name.strip_prefix("model.bin.part")?.parse().ok()?;
                Some((n, e.path()))
            })
            .collect();
        parts.sort();
        parts.into_iter().map(|(_, p)| p).collect()
    };
    if model_parts.is_empty() {
        return Err(ImportError::format(
            dir,
            "no model.bin (or model.bin.partN) in this folder",
        ));
    }
    let vocabulary = ["vocabulary.txt", "vocabulary.json"]
        .iter()
        .map(|n| dir.join(n))
        .find(|p| p.is_file())
        .ok_or_else(|| {
            ImportError::format(dir, "no vocabulary.txt or vocabulary.json in this folder")
        })?;
    Ok(SourceFiles {
        model_parts,
        vocabulary,
    })
}

fn read_vocabulary(path: &Path) -> Result<Vec<String>, ImportError> {
    let text = std::fs::read_to_string(path).map_err(|e| ImportError::io(path, e))?;
    if path.extension().is_some_and(|e| e == "json") {
        serde_json::from_str(&text)
            .map_err(|e| ImportError::format(path, format!("not a JSON list of tokens: {e}")))
    } else {
        Ok(text.lines().map(str::to_owned).collect())
    }
}

fn bpe_vocabulary(path: &Path) -> Result<Vec<Vec<u8>>, ImportError> {
    let tokens = read_vocabulary(path)?;
    if tokens.len() < BPE_TOKENS {
        return Err(ImportError::format(
            path,
            format!(
                "has {} tokens; a Whisper vocabulary has at least {BPE_TOKENS}",
                tokens.len()
            ),
        ));
    }
    let decoder = ByteDecoder::default();
    tokens[..BPE_TOKENS]
        .iter()
        .enumerate()
        .map(|(i, t)| {
            decoder.decode(t).map_err(|c| {
                ImportError::format(
                    path,
                    format!("token {i} ({t:?}) has character {c:?}, which is not byte-level BPE"),
                )
            })
        })
        .collect()
}

fn count_layers(model: &Ct2Model, side: &str) -> usize {
    (0..)
        .take_while(|i| {
            model
                .variables
                .contains_key(&format!("{side}/layer_{i}/ffn/linear_0/weight"))
        })
        .count()
}

fn dim(model: &Ct2Model, name: &str, axis: usize) -> Result<i32, ImportError> {
    let var = model.get(name)?;
    var.shape.get(axis).map(|d| *d as i32).ok_or_else(|| {
        ImportError::format(
            &model.path,
            format!(
                "{name} has shape {:?}, expected at least {} dimensions",
                var.shape,
                axis + 1
            ),
        )
    })
}

fn hparams(model: &Ct2Model) -> Result<HParams, ImportError> {
    if model.spec != "WhisperSpec" {
        return Err(ImportError::format(
            &model.path,
            format!("is a CTranslate2 {} model, not a Whisper model", model.spec),
        ));
    }
    Ok(HParams {
        n_vocab: dim(model, "decoder/embeddings/weight", 0)?,
        n_audio_ctx: dim(model, "encoder/position_encodings/encodings", 0)?,
        n_audio_state: dim(model, "encoder/position_encodings/encodings", 1)?,
        n_audio_head: model.scalar_int("encoder/num_heads")? as i32,
        n_audio_layer: count_layers(model, "encoder") as i32,
        n_text_ctx: dim(model, "decoder/position_encodings/encodings", 0)?,
        n_text_state: dim(model, "decoder/embeddings/weight", 1)?,
        n_text_head: model.scalar_int("decoder/num_heads")? as i32,
        n_text_layer: count_layers(model, "decoder") as i32,
        n_mels: dim(model, "encoder/conv1/weight", 1)?,
        ftype: 1,
    })
}

/// One output tensor: a source variable, optionally a block of its rows, under a whisper.cpp name.
struct Planned {
    name: String,
    source: String,
    rows: Option<(usize, usize)>,
    reshape_column: bool,
}

struct Plan(Vec<Planned>);

impl Plan {
    fn add(&mut self, name: impl Into<String>, source: impl Into<String>) {
        self.0.push(Planned {
            name: name.into(),
            source: source.into(),
            rows: None,
            reshape_column: false,
        });
    }
    fn add_rows(
        &mut self,
        name: impl Into<String>,
        source: impl Into<String>,
        rows: (usize, usize),
    ) {
        self.0.push(Planned {
            name: name.into(),
            source: source.into(),
            rows: Some(rows),
            reshape_column: false,
        });
    }
    /// A linear layer: weight and bias.
    fn linear(&mut self, out: &str, src: &str) {
        self.add(format!("{out}.weight"), format!("{src}/weight"));
        self.add(format!("{out}.bias"), format!("{src}/bias"));
    }
    fn norm(&mut self, out: &str, src: &str) {
        self.add(format!("{out}.weight"), format!("{src}/gamma"));
        self.add(format!("{out}.bias"), format!("{src}/beta"));
    }
    /// A fused projection split into row blocks of `d`; `with_bias[i]` says whether part i keeps its bias.
    fn split(&mut self, src: &str, d: usize, parts: &[(&str, bool)]) {
        for (i, (out, with_bias)) in parts.iter().enumerate() {
            let rows = (i * d, (i + 1) * d);
            self.add_rows(format!("{out}.weight"), format!("{src}/weight"), rows);
            if *with_bias {
                self.add_rows(format!("{out}.bias"), format!("{src}/bias"), rows);
            }
        }
    }
}

fn plan(h: &HParams) -> Plan {
    let mut p = Plan(Vec::new());
    let (da, dt) = (h.n_audio_state as usize, h.n_text_state as usize);
    p.add(
        "encoder.positional_embedding",
        "encoder/position_encodings/encodings",
    );
    for conv in ["conv1", "conv2"] {
        p.add(
            format!("encoder.{conv}.weight"),
            format!("encoder/{conv}/weight"),
        );
        p.0.push(Planned {
            name: format!("encoder.{conv}.bias"),
            source: format!("encoder/{conv}/bias"),
            rows: None,
            reshape_column: true,
        });
    }
    for i in 0..h.n_audio_layer {
        let (o, s) = (format!("encoder.blocks.{i}"), format!("encoder/layer_{i}"));
        self_attention_and_mlp(&mut p, &o, &s, da);
    }
    p.norm("encoder.ln_post", "encoder/layer_norm");
    p.add(
        "decoder.positional_embedding",
        "decoder/position_encodings/encodings",
    );
    p.add(
        "decoder.token_embedding.weight",
        "decoder/embeddings/weight",
    );
    for i in 0..h.n_text_layer {
        let (o, s) = (format!("decoder.blocks.{i}"), format!("decoder/layer_{i}"));
        self_attention_and_mlp(&mut p, &o, &s, dt);
        p.norm(
            &format!("{o}.cross_attn_ln"),
            &format!("{s}/attention/layer_norm"),
        );
        p.linear(
            &format!("{o}.cross_attn.query"),
            &format!("{s}/attention/linear_0"),
        );
        p.split(
            &format!("{s}/attention/linear_1"),
            dt,
            &[
                (&format!("{o}.cross_attn.key"), false),
                (&format!("{o}.cross_attn.value"), true),
            ],
        );
        p.linear(
            &format!("{o}.cross_attn.out"),
            &format!("{s}/attention/linear_2"),
        );
    }
    p.norm("decoder.ln", "decoder/layer_norm");
    p
}

fn self_attention_and_mlp(p: &mut Plan, o: &str, s: &str, d: usize) {
    p.norm(
        &format!("{o}.attn_ln"),
        &format!("{s}/self_attention/layer_norm"),
    );
    p.split(
        &format!("{s}/self_attention/linear_0"),
        d,
        &[
            (&format!("{o}.attn.query"), true),
            (&format!("{o}.attn.key"), false),
            (&format!("{o}.attn.value"), true),
        ],
    );
    p.linear(
        &format!("{o}.attn.out"),
        &format!("{s}/self_attention/linear_1"),
    );
    p.norm(&format!("{o}.mlp_ln"), &format!("{s}/ffn/layer_norm"));
    p.linear(&format!("{o}.mlp.0"), &format!("{s}/ffn/linear_0"));
    p.linear(&format!("{o}.mlp.2"), &format!("{s}/ffn/linear_1"));
}

/// Tensors that whisper.cpp keeps in f32 whatever the model type.
fn stays_f32(name: &str, rank: usize) -> bool {
    rank < 2
        || name.ends_with("conv1.bias")
        || name.ends_with("conv2.bias")
        || name.ends_with("positional_embedding")
}

/// Converts raw source elements to the output type.
fn convert(
    model: &Ct2Model,
    source: &str,
    var: &Variable,
    raw: &[u8],
    to: GgmlType,
) -> Result<Vec<u8>, ImportError> {
    let to_f32 = |raw: &[u8]| -> Vec<f32> {
        match var.dtype {
            DType::F16 => raw
                .chunks_exact(2)
                .map(|c| half::f16::from_le_bytes([c[0], c[1]]).to_f32())
                .collect(),
            DType::BF16 => raw
                .chunks_exact(2)
                .map(|c| half::bf16::from_le_bytes([c[0], c[1]]).to_f32())
                .collect(),
            _ => raw
                .chunks_exact(4)
                .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        }
    };
    match (var.dtype, to) {
        (DType::F16, GgmlType::F16) | (DType::F32, GgmlType::F32) => Ok(raw.to_vec()),
        (DType::F16 | DType::BF16, GgmlType::F32) => {
            Ok(to_f32(raw).iter().flat_map(|v| v.to_le_bytes()).collect())
        }
        (DType::BF16 | DType::F32, GgmlType::F16) => {
            Ok(to_f32(raw).iter().flat_map(|v| half::f16::from_f32(*v).to_le_bytes()).collect())
        }
        (other, _) => Err(ImportError::format(
            &model.path,
            format!("{source} is stored as {other:?}; quantized CTranslate2 weights cannot be imported — use a float16 or float32 model"),
        )),
    }
}

/// Checks that the key part of a fused q/k/v bias is zero: Whisper has no key bias, and
/// whisper.cpp has nowhere to put one.
fn check_key_bias_is_zero(model: &Ct2Model, item: &Planned) -> Result<(), ImportError> {
    let var = model.get(&item.source)?;
    let raw = slice_rows(model, var, item.rows)?;
    let values = convert(model, &item.source, var, raw, GgmlType::F32)?;
    let nonzero = values
        .chunks_exact(4)
        .any(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]) != 0.0);
    if nonzero {
        return Err(ImportError::format(
            &model.path,
            format!(
                "{} has a non-zero key bias; this is not an OpenAI Whisper model",
                item.source
            ),
        ));
    }
    Ok(())
}

fn slice_rows<'m>(
    model: &'m Ct2Model,
    var: &Variable,
    rows: Option<(usize, usize)>,
) -> Result<&'m [u8], ImportError> {
    let data = model.data(var);
    let Some((from, to)) = rows else {
        return Ok(data);
    };
    let outer = var.shape.first().copied().unwrap_or(0);
    if to > outer {
        return Err(ImportError::format(
            &model.path,
            format!(
                "a fused projection of shape {:?} has fewer than {to} rows",
                var.shape
            ),
        ));
    }
    let row_bytes = data.len() / outer.max(1);
    Ok(&data[from * row_bytes..to * row_bytes])
}

/// Converts the CTranslate2 model in `dir` into the ggml file `output` (float16 weights).
pub fn import_ct2(dir: &Path, output: &Path) -> Result<ImportReport, ImportError> {
    import_ct2_as(dir, output, Quantization::F16)
}

/// Converts with the weight matrices stored as `quantization` says. As whisper.cpp's own
/// quantizer does, only two-dimensional weights are quantized; convolutions stay float16 and
/// biases, norms and positional embeddings float32.
pub fn import_ct2_as(
    dir: &Path,
    output: &Path,
    quantization: Quantization,
) -> Result<ImportReport, ImportError> {
    import_ct2_reporting(dir, output, quantization, &mut |_, _| {})
}

/// [`import_ct2_as`], calling `written(done, total)` after each tensor.
pub fn import_ct2_reporting(
    dir: &Path,
    output: &Path,
    quantization: Quantization,
    written: &mut dyn FnMut(usize, usize),
) -> Result<ImportReport, ImportError> {
    let sources = find_sources(dir)?;
    let vocab = bpe_vocabulary(&sources.vocabulary)?;
    let model = Ct2Model::read_parts(&sources.model_parts)?;
    let mut h = hparams(&model)?;
    if quantization == Quantization::Q8_0 {
        h.ftype = FTYPE_MOSTLY_Q8_0 + QNT_VERSION * QNT_VERSION_FACTOR;
    }
    if h.n_audio_layer == 0 || h.n_text_layer == 0 {
        return Err(ImportError::format(
            &model.path,
            "has no encoder or decoder layers",
        ));
    }
    let plan = plan(&h);
    let mel = mel_filters(h.n_mels as usize);

    let mut file = AtomicFile::create(output).map_err(|e| ImportError::io(output, e))?;
    let temp = file.temp_path().to_path_buf();
    let write_err = |e: std::io::Error| ImportError::io(&temp, e);
    let mut writer =
        GgmlWriter::start(&mut file, &h, &mel, N_FFT / 2 + 1, &vocab).map_err(write_err)?;
    for (done, item) in plan.0.iter().enumerate() {
        written(done, plan.0.len());
        let var = model.get(&item.source)?;
        let raw = slice_rows(&model, var, item.rows)?;
        let mut shape = var.shape.clone();
        if let Some((from, to)) = item.rows {
            shape[0] = to - from;
        }
        if item.reshape_column {
            shape.push(1);
        }
        let quantize = quantization == Quantization::Q8_0
            && shape.len() == 2
            && !stays_f32(&item.name, shape.len())
            && shape[1] % Q8_0_BLOCK == 0;
        let ty = if stays_f32(&item.name, var.shape.len()) {
            GgmlType::F32
        } else {
            GgmlType::F16
        };
        let (ty, data) = if quantize {
            let values = convert(&model, &item.source, var, raw, GgmlType::F32)?;
            let values: Vec<f32> = values
                .chunks_exact(4)
                .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect();
            (GgmlType::Q8_0, quantize_q8_0(&values))
        } else {
            (ty, convert(&model, &item.source, var, raw, ty)?)
        };
        writer
            .tensor(&item.name, &shape, ty, &data)
            .map_err(write_err)?;
    }
    for key_bias in plan.0.iter().filter(|p| p.name.ends_with(".key.weight")) {
        let bias = Planned {
            name: key_bias.name.replace(".weight", ".bias"),
            source: key_bias.source.replace("/weight", "/bias"),
            rows: key_bias.rows,
            reshape_column: false,
        };
        check_key_bias_is_zero(&model, &bias)?;
    }
    writer.finish().flush().map_err(write_err)?;
    let (bytes, sha256) = file.commit().map_err(|e| ImportError::io(output, e))?;
    Ok(ImportReport {
        output: output.to_path_buf(),
        bytes,
        sha256,
        hparams: h,
        tensors: plan.0.len(),
    })
}

#[cfg(test)]
pub(crate) mod tests;
