//! Reader for CTranslate2's `model.bin` (the format faster-whisper loads): a versioned list of
//! named, typed tensors plus aliases. Only what the Whisper import needs is interpreted; every
//! structural problem becomes an error naming the file and the byte offset.

use crate::error::ImportError;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// The binary versions this reader understands (CTranslate2 writes 6 today).
const SUPPORTED_VERSIONS: std::ops::RangeInclusive<u32> = 5..=6;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DType {
    F32,
    I8,
    I16,
    I32,
    F16,
    BF16,
}

impl DType {
    fn from_id(id: u8) -> Option<Self> {
        Some(match id {
            0 => DType::F32,
            1 => DType::I8,
            2 => DType::I16,
            3 => DType::I32,
            4 => DType::F16,
            5 => DType::BF16,
            _ => return None,
        })
    }

    pub fn size(self) -> usize {
        match self {
            DType::I8 => 1,
            DType::I16 | DType::F16 | DType::BF16 => 2,
            DType::F32 | DType::I32 => 4,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Variable {
    pub shape: Vec<usize>,
    pub dtype: DType,
    /// Where the raw little-endian data sits in [`Ct2Model::bytes`].
    pub data: Range<usize>,
}

impl Variable {
    pub fn elements(&self) -> usize {
        self.shape.iter().product()
    }
}

#[derive(Debug)]
pub struct Ct2Model {
    pub path: PathBuf,
    pub version: u32,
    pub spec: String,
    pub revision: u32,
    pub bytes: Vec<u8>,
    pub variables: BTreeMap<String, Variable>,
    pub aliases: BTreeMap<String, String>,
}

impl Ct2Model {
    /// Reads a model from the given parts, concatenated in order (one part is the usual case;
    /// some packages split `model.bin` into pieces).
    pub fn read_parts(parts: &[PathBuf]) -> Result<Self, ImportError> {
        let path = parts.first().cloned().ok_or_else(|| {
            ImportError::format(PathBuf::from("model.bin"), "no model file given")
        })?;
        let mut bytes = Vec::new();
        for part in parts {
            let mut chunk = std::fs::read(part).map_err(|e| ImportError::io(part, e))?;
            bytes.append(&mut chunk);
        }
        Self::parse(path, bytes)
    }

    pub fn read(path: &Path) -> Result<Self, ImportError> {
        Self::read_parts(&[path.to_path_buf()])
    }

    pub fn parse(path: PathBuf, bytes: Vec<u8>) -> Result<Self, ImportError> {
        let mut cur = Cursor {
            bytes: &bytes,
            pos: 0,
            path: &path,
        };
        let version = cur.u32("binary version")?;
        if !SUPPORTED_VERSIONS.contains(&version) {
            return Err(ImportError::format(
                &path,
                format!(
                    "not a CTranslate2 model this importer understands (binary version {version}, expected {}–{})",
                    SUPPORTED_VERSIONS.start(),
                    SUPPORTED_VERSIONS.end()
                ),
            ));
        }
        let spec = cur.string("spec name")?;
        let revision = cur.u32("spec revision")?;
        let count = cur.u32("variable count")? as usize;
        let mut variables = BTreeMap::new();
        for index in 0..count {
            let name = cur.string(&format!("name of variable {index}"))?;
            let rank = cur.u8(&format!("rank of {name}"))? as usize;
            let mut shape = Vec::with_capacity(rank);
            for _ in 0..rank {
                shape.push(cur.u32(&format!("shape of {name}"))? as usize);
            }
            let dtype_id = cur.u8(&format!("dtype of {name}"))?;
            let dtype = DType::from_id(dtype_id).ok_or_else(|| {
                cur.error(format!("variable {name} has unknown dtype id {dtype_id}"))
            })?;
            let byte_len = cur.u32(&format!("byte count of {name}"))? as usize;
            let expected = shape.iter().product::<usize>() * dtype.size();
            if byte_len != expected {
                return Err(cur.error(format!(
                    "variable {name} declares {byte_len} bytes but shape {shape:?} of {dtype:?} needs {expected}"
                )));
            }
            let data = cur.take(byte_len, &format!("data of {name}"))?;
            variables.insert(name, Variable { shape, dtype, data });
        }
        let mut aliases = BTreeMap::new();
        let alias_count = cur.u32("alias count")?;
        for _ in 0..alias_count {
            let alias = cur.string("alias name")?;
            let target = cur.string(&format!("target of alias {alias}"))?;
            aliases.insert(alias, target);
        }
        if cur.remaining() > 0 {
            return Err(cur.error(format!(
                "{} unexpected bytes after the last alias",
                cur.remaining()
            )));
        }
        Ok(Ct2Model {
            path,
            version,
            spec,
            revision,
            bytes,
            variables,
            aliases,
        })
    }

    /// Looks a variable up by name, following an alias if there is one.
    pub fn get(&self, name: &str) -> Result<&Variable, ImportError> {
        let resolved = self.aliases.get(name).map(String::as_str).unwrap_or(name);
        self.variables
            .get(resolved)
            .ok_or_else(|| ImportError::format(&self.path, format!("variable {name} is missing")))
    }

    pub fn data(&self, var: &Variable) -> &[u8] {
        &self.bytes[var.data.clone()]
    }

    /// Reads an integer scalar such as `encoder/num_heads`.
    pub fn scalar_int(&self, name: &str) -> Result<i64, ImportError> {
        let var = self.get(name)?;
        let d = self.data(var);
        let value = match (var.dtype, d.len()) {
            (DType::I8, 1) => d[0] as i8 as i64,
            (DType::I16, 2) => i16::from_le_bytes([d[0], d[1]]) as i64,
            (DType::I32, 4) => i32::from_le_bytes([d[0], d[1], d[2], d[3]]) as i64,
            _ => {
                return Err(ImportError::format(
                    &self.path,
                    format!(
                        "variable {name} should be an integer scalar, found {:?} of shape {:?}",
                        var.dtype, var.shape
                    ),
                ))
            }
        };
        Ok(value)
    }
}

struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
    path: &'a Path,
}

impl Cursor<'_> {
    fn remaining(&self) -> usize {
        self.bytes.len() - self.pos
    }

    fn error(&self, problem: String) -> ImportError {
        ImportError::format(self.path, problem)
    }

    fn take(&mut self, n: usize, what: &str) -> Result<Range<usize>, ImportError> {
        if self.remaining() < n {
            return Err(self.error(format!(
                "truncated: {what} needs {n} bytes at offset {}, but the file ends at {}",
                self.pos,
                self.bytes.len()
            )));
        }
        let range = self.pos..self.pos + n;
        self.pos += n;
        Ok(range)
    }

    fn u8(&mut self, what: &str) -> Result<u8, ImportError> {
        let r = self.take(1, what)?;
        Ok(self.bytes[r.start])
    }

    fn u16(&mut self, what: &str) -> Result<u16, ImportError> {
        let r = self.take(2, what)?;
        Ok(u16::from_le_bytes([
            self.bytes[r.start],
            self.bytes[r.start + 1],
        ]))
    }

    fn u32(&mut self, what: &str) -> Result<u32, ImportError> {
        let r = self.take(4, what)?;
        let b = &self.bytes[r];
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// A u16 length (including the trailing NUL), then the bytes.
    fn string(&mut self, what: &str) -> Result<String, ImportError> {
        let len = self.u16(what)? as usize;
        let r = self.take(len, what)?;
        let raw = &self.bytes[r];
        let raw = raw.strip_suffix(&[0]).ok_or_else(|| {
            self.error(format!(
                "{what} is not NUL-terminated at offset {}",
                self.pos
            ))
        })?;
        String::from_utf8(raw.to_vec())
            .map_err(|_| self.error(format!("{what} is not valid UTF-8 at offset {}", self.pos)))
    }
}

/// Builds a CTranslate2 model file in memory: used by tests of the reader and the importer.
#[cfg(test)]
pub(crate) mod build {
    pub struct Ct2Builder {
        vars: Vec<(String, Vec<u32>, u8, Vec<u8>)>,
        aliases: Vec<(String, String)>,
    }

    fn string(out: &mut Vec<u8>, s: &str) {
        out.extend_from_slice(&((s.len() + 1) as u16).to_le_bytes());
        out.extend_from_slice(s.as_bytes());
        out.push(0);
    }

    impl Ct2Builder {
        pub fn new() -> Self {
            Ct2Builder {
                vars: Vec::new(),
                aliases: Vec::new(),
            }
        }
        pub fn var(mut self, name: &str, shape: &[u32], dtype: u8, data: Vec<u8>) -> Self {
            self.vars.push((name.into(), shape.to_vec(), dtype, data));
            self
        }
        pub fn f16(self, name: &str, shape: &[u32], values: &[f32]) -> Self {
            let data = values
                .iter()
                .flat_map(|v| half::f16::from_f32(*v).to_le_bytes())
                .collect();
            self.var(name, shape, 4, data)
        }
        pub fn alias(mut self, alias: &str, target: &str) -> Self {
            self.aliases.push((alias.into(), target.into()));
            self
        }
        pub fn bytes(&self) -> Vec<u8> {
            let mut out = Vec::new();
            out.extend_from_slice(&6u32.to_le_bytes());
            string(&mut out, "WhisperSpec");
            out.extend_from_slice(&3u32.to_le_bytes());
            out.extend_from_slice(&(self.vars.len() as u32).to_le_bytes());
            for (name, shape, dtype, data) in &self.vars {
                string(&mut out, name);
                out.push(shape.len() as u8);
                for d in shape {
                    out.extend_from_slice(&d.to_le_bytes());
                }
                out.push(*dtype);
                out.extend_from_slice(&(data.len() as u32).to_le_bytes());
                out.extend_from_slice(data);
            }
            out.extend_from_slice(&(self.aliases.len() as u32).to_le_bytes());
            for (a, t) in &self.aliases {
                string(&mut out, a);
                string(&mut out, t);
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::build::Ct2Builder;
    use super::*;

    fn sample() -> Vec<u8> {
        Ct2Builder::new()
            .var("encoder/num_heads", &[], 2, 6i16.to_le_bytes().to_vec())
            .f16(
                "decoder/embeddings/weight",
                &[2, 3],
                &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
            )
            .alias("decoder/projection/weight", "decoder/embeddings/weight")
            .bytes()
    }

    #[test]
    fn reads_variables_scalars_and_aliases() {
        let m = Ct2Model::parse("m.bin".into(), sample()).unwrap();
        assert_eq!(
            (m.version, m.spec.as_str(), m.revision),
            (6, "WhisperSpec", 3)
        );
        assert_eq!(m.scalar_int("encoder/num_heads").unwrap(), 6);
        let w = m.get("decoder/projection/weight").unwrap();
        assert_eq!((w.shape.clone(), w.dtype), (vec![2, 3], DType::F16));
        let first = half::f16::from_le_bytes([m.data(w)[0], m.data(w)[1]]);
        assert_eq!(first.to_f32(), 1.0);
    }

    #[test]
    fn every_truncation_is_a_clear_error_naming_the_file() {
        let bytes = sample();
        for cut in 0..bytes.len() {
            let err = Ct2Model::parse("cut/model.bin".into(), bytes[..cut].to_vec()).unwrap_err();
            let msg = err.to_string();
            assert!(msg.starts_with("cut/model.bin: "), "{msg}");
            assert!(
                msg.contains("truncated") || msg.contains("NUL"),
                "cut at {cut}: {msg}"
            );
        }
    }

    #[test]
    fn rejects_other_formats_and_bad_declarations() {
        let err = Ct2Model::parse("x.bin".into(), b"GGUF\x03\0\0\0rest".to_vec()).unwrap_err();
        assert!(err.to_string().contains("not a CTranslate2 model"), "{err}");
        let lying = Ct2Builder::new().var("a", &[4], 4, vec![0; 6]).bytes();
        let err = Ct2Model::parse("x.bin".into(), lying).unwrap_err();
        assert!(err.to_string().contains("declares 6 bytes"), "{err}");
        let bad_dtype = Ct2Builder::new().var("a", &[1], 9, vec![0]).bytes();
        assert!(Ct2Model::parse("x.bin".into(), bad_dtype)
            .unwrap_err()
            .to_string()
            .contains("unknown dtype"));
        let mut trailing = sample();
        trailing.extend_from_slice(b"junk");
        assert!(Ct2Model::parse("x.bin".into(), trailing)
            .unwrap_err()
            .to_string()
            .contains("unexpected bytes"));
    }
}
