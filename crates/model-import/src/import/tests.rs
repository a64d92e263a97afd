//! Tests of the importer on a miniature Whisper model built in memory (state 4, one layer each),
//! read back with a small ggml tensor reader.

use super::*;
use crate::ct2::build::Ct2Builder;
use std::collections::BTreeMap;

const D: u32 = 4;

/// Values that say where they came from: row r of a tensor holds r*10 + column.
fn rows(n: u32, cols: u32) -> Vec<f32> {
    (0..n * cols)
        .map(|i| ((i / cols) * 10 + i % cols) as f32)
        .collect()
}

fn add_linear(b: Ct2Builder, name: &str, out: u32, inp: u32, zero_key_bias: bool) -> Ct2Builder {
    let mut bias: Vec<f32> = (0..out).map(|i| 100.0 + i as f32).collect();
    if zero_key_bias {
        for v in &mut bias[D as usize..2 * D as usize] {
            *v = 0.0;
        }
    }
    b.f16(&format!("{name}/weight"), &[out, inp], &rows(out, inp))
        .f16(&format!("{name}/bias"), &[out], &bias)
}

fn add_norm(b: Ct2Builder, name: &str) -> Ct2Builder {
    b.f16(&format!("{name}/gamma"), &[D], &[1.0; 4])
        .f16(&format!("{name}/beta"), &[D], &[0.0; 4])
}

fn add_block(mut b: Ct2Builder, s: &str, cross: bool) -> Ct2Builder {
    b = add_norm(b, &format!("{s}/self_attention/layer_norm"));
    b = add_linear(b, &format!("{s}/self_attention/linear_0"), 3 * D, D, true);
    b = add_linear(b, &format!("{s}/self_attention/linear_1"), D, D, false);
    b = add_norm(b, &format!("{s}/ffn/layer_norm"));
    b = add_linear(b, &format!("{s}/ffn/linear_0"), 4 * D, D, false);
    b = add_linear(b, &format!("{s}/ffn/linear_1"), D, 4 * D, false);
    if cross {
        b = add_norm(b, &format!("{s}/attention/layer_norm"));
        b = add_linear(b, &format!("{s}/attention/linear_0"), D, D, false);
        // Fused k,v: the first D rows are the key, whose bias must be zero.
        let mut bias: Vec<f32> = vec![0.0; D as usize];
        bias.extend((0..D).map(|i| 200.0 + i as f32));
        b = b
            .f16(
                &format!("{s}/attention/linear_1/weight"),
                &[2 * D, D],
                &rows(2 * D, D),
            )
            .f16(&format!("{s}/attention/linear_1/bias"), &[2 * D], &bias);
        b = add_linear(b, &format!("{s}/attention/linear_2"), D, D, false);
    }
    b
}

pub(crate) fn tiny_model() -> Ct2Builder {
    let n_vocab = 51_864;
    let mut b = Ct2Builder::new()
        .var("encoder/num_heads", &[], 2, 2i16.to_le_bytes().to_vec())
        .var("decoder/num_heads", &[], 2, 2i16.to_le_bytes().to_vec())
        .f16("encoder/conv1/weight", &[D, 2, 3], &rows(D, 6))
        .f16("encoder/conv1/bias", &[D], &[1.0, 2.0, 3.0, 4.0])
        .f16("encoder/conv2/weight", &[D, D, 3], &rows(D, 12))
        .f16("encoder/conv2/bias", &[D], &[5.0, 6.0, 7.0, 8.0])
        .f16("encoder/position_encodings/encodings", &[6, D], &rows(6, D))
        .f16("decoder/position_encodings/encodings", &[5, D], &rows(5, D))
        .f16(
            "decoder/embeddings/weight",
            &[n_vocab, D],
            &vec![0.5; (n_vocab * D) as usize],
        )
        .alias("decoder/projection/weight", "decoder/embeddings/weight");
    b = add_block(b, "encoder/layer_0", false);
    b = add_block(b, "decoder/layer_0", true);
    b = add_norm(b, "encoder/layer_norm");
    add_norm(b, "decoder/layer_norm")
}

pub(crate) fn write_model_dir(dir: &Path, model: &[u8]) {
    std::fs::write(dir.join("model.bin"), model).unwrap();
    let mut vocab: Vec<String> = (0..50_256).map(|i| format!("Ġt{i}")).collect();
    vocab.push("<|endoftext|>".into());
    vocab.push("<|startoftranscript|>".into());
    std::fs::write(dir.join("vocabulary.txt"), vocab.join("\n")).unwrap();
}

struct ReadTensor {
    dims: Vec<usize>,
    ty: i32,
    data: Vec<u8>,
}

/// Walks a ggml file: returns hparams, vocabulary size and tensors by name.
fn read_ggml(bytes: &[u8]) -> (HParams, usize, BTreeMap<String, ReadTensor>) {
    let h = HParams::read_from(bytes).unwrap().unwrap();
    let i32_at = |o: usize| i32::from_le_bytes(bytes[o..o + 4].try_into().unwrap());
    let mut pos = 48;
    let (n_mel, n_fft) = (i32_at(pos) as usize, i32_at(pos + 4) as usize);
    pos += 8 + n_mel * n_fft * 4;
    let n_tokens = i32_at(pos) as usize;
    pos += 4;
    for _ in 0..n_tokens {
        pos += 4 + i32_at(pos) as usize;
    }
    let mut tensors = BTreeMap::new();
    while pos < bytes.len() {
        let (n_dims, name_len, ty) = (
            i32_at(pos) as usize,
            i32_at(pos + 4) as usize,
            i32_at(pos + 8),
        );
        pos += 12;
        let dims: Vec<usize> = (0..n_dims).map(|i| i32_at(pos + 4 * i) as usize).collect();
        pos += 4 * n_dims;
        let name = String::from_utf8(bytes[pos..pos + name_len].to_vec()).unwrap();
        pos += name_len;
        let len = dims.iter().product::<usize>() * if ty == 0 { 4 } else { 2 };
        tensors.insert(
            name,
            ReadTensor {
                dims,
                ty,
                data: bytes[pos..pos + len].to_vec(),
            },
        );
        pos += len;
    }
    (h, n_tokens, tensors)
}

fn values(t: &ReadTensor) -> Vec<f32> {
    if t.ty == 0 {
        t.data
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes(c.try_into().unwrap()))
            .collect()
    } else {
        t.data
            .chunks_exact(2)
            .map(|c| half::f16::from_le_bytes([c[0], c[1]]).to_f32())
            .collect()
    }
}

#[test]
fn converts_a_miniature_whisper_with_the_full_mapping() {
    let dir = tempfile::tempdir().unwrap();
    write_model_dir(dir.path(), &tiny_model().bytes());
    let out = dir.path().join("out/ggml-mini.bin");
    let report = import_ct2(dir.path(), &out).unwrap();
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(report.bytes, bytes.len() as u64);

    let (h, n_tokens, t) = read_ggml(&bytes);
    assert_eq!(n_tokens, 50_257);
    assert_eq!(
        (
            h.n_vocab,
            h.n_audio_ctx,
            h.n_audio_state,
            h.n_audio_head,
            h.n_audio_layer
        ),
        (51_864, 6, 4, 2, 1)
    );
    assert_eq!(
        (
            h.n_text_ctx,
            h.n_text_state,
            h.n_text_head,
            h.n_text_layer,
            h.n_mels,
            h.ftype
        ),
        (5, 4, 2, 1, 2, 1)
    );
    // 7 top-level encoder + 15 per encoder block + 4 top-level decoder + 24 per decoder block.
    assert_eq!(t.len(), 7 + 15 + 4 + 24);
    assert_eq!(report.tensors, t.len());

    // q/k/v split by rows: the key is rows 4..8 of the fused weight, and has no bias.
    let key = &t["encoder.blocks.0.attn.key.weight"];
    assert_eq!((key.dims.clone(), key.ty), (vec![4, 4], 1));
    assert_eq!(values(key)[0], 40.0);
    assert!(!t.contains_key("encoder.blocks.0.attn.key.bias"));
    assert_eq!(
        values(&t["encoder.blocks.0.attn.value.bias"]),
        vec![108.0, 109.0, 110.0, 111.0]
    );
    assert_eq!(
        values(&t["decoder.blocks.0.cross_attn.value.weight"])[0],
        40.0
    );
    assert_eq!(
        values(&t["decoder.blocks.0.cross_attn.value.bias"]),
        vec![200.0, 201.0, 202.0, 203.0]
    );
    assert!(!t.contains_key("decoder.blocks.0.cross_attn.key.bias"));
    // Conv biases become [n, 1] in f32 (dims innermost first: [1, 4]); positions stay f32.
    let bias = &t["encoder.conv1.bias"];
    assert_eq!(
        (bias.dims.clone(), bias.ty, values(bias)),
        (vec![1, 4], 0, vec![1.0, 2.0, 3.0, 4.0])
    );
    assert_eq!(t["encoder.positional_embedding"].ty, 0);
    assert_eq!(t["decoder.positional_embedding"].ty, 0);
    assert_eq!(t["encoder.conv1.weight"].dims, vec![3, 2, 4]);
    assert_eq!(t["encoder.ln_post.weight"].ty, 0, "rank-1 tensors are f32");
    assert_eq!(t["decoder.blocks.0.mlp.2.weight"].dims, vec![16, 4]);
    assert!(t.contains_key("decoder.token_embedding.weight") && t.contains_key("decoder.ln.bias"));
}

#[test]
fn same_input_gives_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    write_model_dir(dir.path(), &tiny_model().bytes());
    let a = import_ct2(dir.path(), &dir.path().join("a.bin")).unwrap();
    let b = import_ct2(dir.path(), &dir.path().join("b.bin")).unwrap();
    assert_eq!(a.sha256, b.sha256);
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "model.bin" && n != "vocabulary.txt")
        .collect()
}

#[test]
fn truncated_input_names_the_file_and_leaves_no_output() {
    let dir = tempfile::tempdir().unwrap();
    let full = tiny_model().bytes();
    write_model_dir(dir.path(), &full[..full.len() / 2]);
    let out = dir.path().join("out.bin");
    let err = import_ct2(dir.path(), &out).unwrap_err().to_string();
    assert!(
        err.contains("model.bin") && err.contains("truncated"),
        "{err}"
    );
    assert!(
        leftovers(dir.path()).is_empty(),
        "{:?}",
        leftovers(dir.path())
    );
}

#[test]
fn wrong_inputs_get_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.bin");
    let err = import_ct2(&dir.path().join("nope"), &out)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("nope") && err.contains("not a directory"),
        "{err}"
    );

    let err = import_ct2(dir.path(), &out).unwrap_err().to_string();
    assert!(err.contains("no model.bin"), "{err}");

    // A ggml file handed over as if it were CTranslate2.
    write_model_dir(dir.path(), b"lmggfake header that is not ctranslate2");
    let err = import_ct2(dir.path(), &out).unwrap_err().to_string();
    assert!(
        err.contains("model.bin") && err.contains("not a CTranslate2 model"),
        "{err}"
    );

    // A short vocabulary.
    write_model_dir(dir.path(), &tiny_model().bytes());
    std::fs::write(dir.path().join("vocabulary.txt"), "a\nb\n").unwrap();
    let err = import_ct2(dir.path(), &out).unwrap_err().to_string();
    assert!(
        err.contains("vocabulary.txt") && err.contains("has 2 tokens"),
        "{err}"
    );

    // Another kind of CTranslate2 model.
    let mut other = tiny_model().bytes();
    let spec = b"WhisperSpec";
    let at = other.windows(spec.len()).position(|w| w == spec).unwrap();
    other[at..at + spec.len()].copy_from_slice(b"Transformer");
    write_model_dir(dir.path(), &other);
    let err = import_ct2(dir.path(), &out).unwrap_err().to_string();
    assert!(
        err.contains("Transformer model, not a Whisper model"),
        "{err}"
    );
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn split_model_parts_are_joined_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let full = tiny_model().bytes();
    write_model_dir(dir.path(), &full);
    let whole = import_ct2(dir.path(), &dir.path().join("whole.bin")).unwrap();
    std::fs::remove_file(dir.path().join("model.bin")).unwrap();
    let (a, b) = full.split_at(full.len() / 3);
    std::fs::write(dir.path().join("model.bin.part2"), b).unwrap();
    std::fs::write(dir.path().join("model.bin.part1"), a).unwrap();
    let parts = import_ct2(dir.path(), &dir.path().join("parts.bin")).unwrap();
    assert_eq!(whole.sha256, parts.sha256);
}
