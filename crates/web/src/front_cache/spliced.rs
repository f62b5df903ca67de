//! A page with a form, gzip-compressed once for all its readers. The deflate stream is the
//! text between the tokens, each part compressed on its own and ended on a byte boundary
//! (a sync flush), with each token between them as a stored block: a reader's copy is those
//! parts with their token's bytes put in, and a checksum. No part refers back into another,
//! so no compressed byte depends on the token.

use crate::routes::COMPRESSION_LEVEL;
use axum::body::Bytes;
use flate2::Compression;
use flate2::write::DeflateEncoder;
use std::io::Write;
use std::ops::Range;

/// gzip's header: deflate, no name, no time, unknown system.
const HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
/// An empty stored block marked last: the stream's end.
const END: [u8; 5] = [1, 0, 0, 0xff, 0xff];

pub struct SplicedGzip {
    /// The compressed text before the first token, between tokens and after the last.
    parts: Vec<Vec<u8>>,
    /// The page as rendered, and the ranges of its text around the tokens: the checksum is
    /// taken over them and the reader's token (combining kept checksums cost more).
    body: Bytes,
    texts: Vec<Range<usize>>,
}

impl SplicedGzip {
    /// `body` with tokens of `token_len` bytes at `tokens_at` (in order, not overlapping).
    pub fn new(body: Bytes, tokens_at: &[usize], token_len: usize) -> std::io::Result<Self> {
        let mut texts = Vec::with_capacity(tokens_at.len() + 1);
        let mut from = 0;
        for &at in tokens_at {
            texts.push(from..at);
            from = at + token_len;
        }
        texts.push(from..body.len());
        Ok(Self {
            parts: texts
                .iter()
                .map(|text| deflate_part(&body[text.clone()]))
                .collect::<std::io::Result<_>>()?,
            body,
            texts,
        })
    }

    /// The gzip stream of the page with `token` (as long as the placeholder) in each token's
    /// place.
    pub fn with_token(&self, token: &[u8]) -> Vec<u8> {
        let mut sum = crc32fast::Hasher::new();
        let stored_len = u16::try_from(token.len()).unwrap_or(u16::MAX);
        let size: usize = self.parts.iter().map(Vec::len).sum();
        let mut out = Vec::with_capacity(size + self.parts.len() * (token.len() + 5) + 23);
        out.extend_from_slice(&HEADER);
        for (i, part) in self.parts.iter().enumerate() {
            if i > 0 {
                sum.update(&token[..usize::from(stored_len)]);
                out.push(0);
                out.extend_from_slice(&stored_len.to_le_bytes());
                out.extend_from_slice(&(!stored_len).to_le_bytes());
                out.extend_from_slice(&token[..usize::from(stored_len)]);
            }
            out.extend_from_slice(part);
            sum.update(&self.body[self.texts[i].clone()]);
        }
        out.extend_from_slice(&END);
        out.extend_from_slice(&sum.finalize().to_le_bytes());
        // gzip keeps the size modulo 2^32.
        out.extend_from_slice(&((self.body.len() & 0xffff_ffff) as u32).to_le_bytes());
        out
    }
}

/// `text` deflated at the compression layer's level, ended by a sync flush: byte-aligned and
/// not the stream's last block, so that more blocks may follow.
fn deflate_part(text: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut encoder = DeflateEncoder::new(Vec::new(), Compression::new(COMPRESSION_LEVEL as u32));
    encoder.write_all(text)?;
    encoder.flush()?;
    // Dropping the encoder would end the stream; its blocks so far are taken first.
    Ok(std::mem::take(encoder.get_mut()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn gunzip(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut out)
            .expect("a valid gzip stream with the right checksum");
        out
    }

    #[test]
    fn every_reader_gets_a_valid_stream_of_the_page_with_their_token() {
        let page = "<p>หน้า</p><input value=\"PLACEHOLDER\"> <p>ข้อความ</p> \
                    <input value=\"PLACEHOLDER\"><footer>เสริมพลัง</footer>"
            .repeat(3);
        let at: Vec<usize> = page.match_indices("PLACEHOLDER").map(|(i, _)| i).collect();
        let spliced = SplicedGzip::new(Bytes::from(page.clone()), &at, 11).unwrap();
        for token in ["0123456789a", "PLACEHOLDER", "zzzzzzzzzzz"] {
            let mine = page.replace("PLACEHOLDER", token);
            let gz = spliced.with_token(token.as_bytes());
            assert_eq!(gunzip(&gz), mine.as_bytes(), "token {token}");
        }
    }

    #[test]
    fn a_page_without_tokens_or_that_starts_or_ends_with_one() {
        for page in [
            "TOKEN",
            "TOKEN and after",
            "before TOKEN",
            "no token here",
            "",
        ] {
            let at: Vec<usize> = page.match_indices("TOKEN").map(|(i, _)| i).collect();
            let spliced = SplicedGzip::new(Bytes::from(page), &at, 5).unwrap();
            let mine = page.replace("TOKEN", "abcde");
            let gz = spliced.with_token(b"abcde");
            assert_eq!(gunzip(&gz), mine.as_bytes(), "{page:?}");
        }
    }
}
