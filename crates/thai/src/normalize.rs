//! Text as people type or paste it, made consistent without changing what they wrote: Unicode
//! NFC, sara am written as nikhahit + sara aa put back together, invisible characters dropped,
//! runs of spaces made one. Never NFKC: it would take sara am apart.

use icu_normalizer::ComposingNormalizerBorrowed;

/// Characters that take no space and carry nothing in Thai text: zero-width space and
/// (non-)joiners, word joiner, byte-order mark, soft hyphen.
const INVISIBLE: &[char] = &[
    '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{AD}',
];

fn composed(text: &str) -> String {
    let nfc = ComposingNormalizerBorrowed::new_nfc().normalize(text);
    nfc.replace("\u{0E4D}\u{0E32}", "\u{0E33}")
        .chars()
        .filter(|c| !INVISIBLE.contains(c))
        .collect()
}

/// One line (a name, a title): normalised, white space of any kind made single spaces, trimmed.
pub fn normalize_line(text: &str) -> String {
    composed(text)
        .split(char::is_whitespace)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Several lines (notes, descriptions): normalised, spaces within each line made single,
/// line breaks kept.
pub fn normalize_lines(text: &str) -> String {
    composed(&text.replace("\r\n", "\n"))
        .split('\n')
        .map(normalize_line)
        .collect::<Vec<_>>()
        .join("\n")
        .trim_matches('\n')
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_pasted_from_anywhere_come_out_the_same() {
        assert_eq!(
            normalize_line("  สม\u{200B}ศรี   \u{00A0}ใจ\u{FEFF}ดี "),
            "สมศรี ใจดี"
        );
        assert_eq!(
            normalize_line("น\u{0E4D}\u{0E32}ฝน"),
            "น\u{0E33}ฝน",
            "sara am put together"
        );
        assert_eq!(normalize_line("e\u{0301}cole"), "\u{00E9}cole", "NFC");
        assert_eq!(normalize_line("จำนวน"), "จำนวน", "sara am is kept whole");
    }

    #[test]
    fn several_lines_keep_their_breaks() {
        assert_eq!(
            normalize_lines("แถว  หนึ่ง\r\n\r\nแถว\tสอง\n"),
            "แถว หนึ่ง\n\nแถว สอง"
        );
    }
}
