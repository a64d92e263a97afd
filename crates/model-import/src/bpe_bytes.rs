//! GPT-2's byte-level BPE writes each byte as a printable character; CTranslate2's
//! `vocabulary.txt` keeps tokens in that form, while whisper.cpp wants the raw bytes.
//! This module inverts the mapping.

use std::collections::HashMap;

/// The byte ↔ character table of GPT-2's `bytes_to_unicode`.
fn byte_to_char_table() -> [char; 256] {
    let printable = |b: u32| {
        (0x21..=0x7e).contains(&b) || (0xa1..=0xac).contains(&b) || (0xae..=0xff).contains(&b)
    };
    let mut table = ['\0'; 256];
    let mut next_extra = 256u32;
    for b in 0u32..256 {
        let code = if printable(b) {
            b
        } else {
            next_extra += 1;
            next_extra - 1
        };
        table[b as usize] = char::from_u32(code).unwrap_or('\0');
    }
    table
}

pub struct ByteDecoder {
    char_to_byte: HashMap<char, u8>,
}

impl Default for ByteDecoder {
    fn default() -> Self {
        let char_to_byte = byte_to_char_table()
            .iter()
            .enumerate()
            .map(|(b, c)| (*c, b as u8))
            .collect();
        ByteDecoder { char_to_byte }
    }
}

impl ByteDecoder {
    /// The raw bytes of a token, or the first character that is not part of the mapping.
    pub fn decode(&self, token: &str) -> Result<Vec<u8>, char> {
        token
            .chars()
            .map(|c| self.char_to_byte.get(&c).copied().ok_or(c))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_space_prefixed_and_special_tokens() {
        let d = ByteDecoder::default();
        assert_eq!(d.decode("Ġthe").unwrap(), b" the");
        assert_eq!(d.decode("Ċ").unwrap(), b"\n");
        assert_eq!(d.decode("<|endoftext|>").unwrap(), b"<|endoftext|>");
        // "é" in UTF-8 is C3 A9, which byte-level BPE writes as "Ã©".
        assert_eq!(d.decode("Ã©").unwrap(), "é".as_bytes());
        assert_eq!(d.decode("日"), Err('日'));
    }

    #[test]
    fn the_table_is_a_bijection() {
        let t = byte_to_char_table();
        let mut seen = std::collections::HashSet::new();
        assert!(t.iter().all(|c| seen.insert(*c)));
    }
}
