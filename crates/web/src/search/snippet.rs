//! Snippets: the part of a text around the first word a query found, with every found word
//! marked. Pieces, not HTML, so that the template escapes the text.

use sermphalang_thai::search::matches;
use sermphalang_thai::word_spans;

/// Characters of a snippet, about two lines on a phone.
const SNIPPET_CHARS: usize = 180;
/// Characters kept before the first found word.
const LEAD_CHARS: usize = 50;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub marked: bool,
}

/// `text` cut into marked and unmarked pieces.
pub fn marked(text: &str, terms: &[String]) -> Vec<Piece> {
    pieces(text, 0..text.len(), terms)
}

/// Up to [`SNIPPET_CHARS`] of `text` from a little before its first found word, cut at word
/// boundaries, with "…" where it was cut. Empty for an empty text.
pub fn snippet(text: &str, terms: &[String]) -> Vec<Piece> {
    let text = text.trim();
    if text.is_empty() {
        return Vec::new();
    }
    let first = matches(text, terms).first().map_or(0, |r| r.start);
    let spans = word_spans(text);
    let lead_start = back_by_chars(text, first, LEAD_CHARS);
    let start = spans
        .iter()
        .map(|s| s.start)
        .find(|&s| s >= lead_start && s <= first)
        .unwrap_or(first);
    let limit = forward_by_chars(text, start, SNIPPET_CHARS);
    let end = if limit >= text.len() {
        text.len()
    } else {
        spans
            .iter()
            .map(|s| s.end)
            .rfind(|&e| e > start && e <= limit)
            .unwrap_or(limit)
    };
    let mut out = Vec::new();
    if start > 0 {
        out.push(plain("… "));
    }
    out.extend(pieces(text, start..end, terms));
    if end < text.len() {
        out.push(plain(" …"));
    }
    out
}

fn plain(text: &str) -> Piece {
    Piece {
        text: text.into(),
        marked: false,
    }
}

fn pieces(text: &str, range: std::ops::Range<usize>, terms: &[String]) -> Vec<Piece> {
    let part = &text[range.clone()];
    let mut out = Vec::new();
    let mut at = 0;
    for found in matches(part, terms) {
        if found.start > at {
            out.push(plain(&part[at..found.start]));
        }
        out.push(Piece {
            text: part[found.clone()].to_string(),
            marked: true,
        });
        at = found.end;
    }
    if at < part.len() {
        out.push(plain(&part[at..]));
    }
    out
}

fn back_by_chars(text: &str, from: usize, chars: usize) -> usize {
    text[..from]
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

fn forward_by_chars(text: &str, from: usize, chars: usize) -> usize {
    text[from..]
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sermphalang_thai::search::query_terms;

    fn shown(pieces: &[Piece]) -> String {
        pieces
            .iter()
            .map(|p| {
                if p.marked {
                    format!("[{}]", p.text)
                } else {
                    p.text.clone()
                }
            })
            .collect()
    }

    #[test]
    fn found_words_are_marked_and_others_are_not() {
        let terms = query_terms("แม่น้ำ");
        assert_eq!(
            shown(&marked("ชมแม่น้ำโขงอย่างแม่นยำ", &terms)),
            "ชม[แม่น้ำ]โขงอย่างแม่นยำ"
        );
    }

    #[test]
    fn a_long_text_is_cut_around_the_first_found_word() {
        let text = format!(
            "{}ชาวบ้านร่วมกันปลูกป่าชายเลน{}",
            "ก่อนหน้า ".repeat(60),
            " ต่อมา".repeat(60)
        );
        let snippet = shown(&snippet(&text, &query_terms("ป่าชายเลน")));
        assert!(snippet.starts_with("… "), "{snippet}");
        assert!(snippet.ends_with(" …"), "{snippet}");
        assert!(snippet.contains("[ป่าชายเลน]"), "{snippet}");
        assert!(snippet.chars().count() <= SNIPPET_CHARS + 6, "{snippet}");
    }

    #[test]
    fn a_short_text_is_shown_whole() {
        let snippet = shown(&snippet("วัดโพธิสมภรณ์", &query_terms("วัด")));
        assert_eq!(snippet, "[วัด]โพธิสมภรณ์");
        assert!(super::snippet("  ", &[]).is_empty());
    }
}
