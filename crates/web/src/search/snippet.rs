//! Snippets: the part of a text around the first word a query found, with every found word
//! marked. Pieces, not HTML, so that the template escapes the text. Only the snippet's window
//! is segmented: segmenting whole bodies cost more than the search itself.

use sermphalang_thai::search::{fold, matches_in};
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
    pieces(text, terms)
}

/// Up to [`SNIPPET_CHARS`] of `text` from a little before the first place a term appears, cut
/// at word boundaries, with "…" where it was cut. Empty for an empty text.
pub fn snippet(text: &str, terms: &[String]) -> Vec<Piece> {
    let text = text.trim();
    if text.is_empty() {
        return Vec::new();
    }
    let anchor = first_place(text, terms).unwrap_or(0);
    let from = back_by_chars(text, anchor, LEAD_CHARS);
    let to = forward_by_chars(text, from, SNIPPET_CHARS + LEAD_CHARS / 2);
    let window = &text[from..to];
    let spans = word_spans(window);
    // A window cut inside a word starts at the next word and ends after the last whole one.
    let start = if from == 0 {
        0
    } else {
        spans.iter().map(|s| s.start).find(|&s| s > 0).unwrap_or(0)
    };
    let limit = forward_by_chars(window, start, SNIPPET_CHARS);
    let end = if to == text.len() && limit == window.len() {
        window.len()
    } else {
        spans
            .iter()
            .map(|s| s.end)
            .rfind(|&e| e > start && e <= limit)
            .unwrap_or(limit)
    };
    let mut out = Vec::new();
    if from + start > 0 {
        out.push(plain("… "));
    }
    out.extend(pieces(&window[start..end], terms));
    if from + end < text.len() {
        out.push(plain(" …"));
    }
    out
}

/// Where the first of the terms appears in the text as typed: digits and letter case as the
/// terms hold them, or not at all.
fn first_place(text: &str, terms: &[String]) -> Option<usize> {
    let folded = fold(text);
    let found = terms.iter().filter_map(|t| folded.find(t.as_str())).min()?;
    // Folding changes lengths only where Thai digits or capitals became shorter; map back by
    // characters.
    let chars = folded[..found].chars().count();
    Some(
        text.char_indices()
            .nth(chars)
            .map_or(text.len(), |(i, _)| i),
    )
}

fn plain(text: &str) -> Piece {
    Piece {
        text: text.into(),
        marked: false,
    }
}

fn pieces(part: &str, terms: &[String]) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut at = 0;
    for found in matches_in(part, &word_spans(part), terms) {
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
    fn a_word_found_only_inside_another_is_not_the_anchor_nor_marked() {
        let text = format!("แม่น้ำ{} แม่นยำ", " ข้อความ".repeat(80));
        let snippet = shown(&snippet(&text, &query_terms("แม่นยำ")));
        assert!(snippet.contains("[แม่นยำ]"), "{snippet}");
        assert!(!snippet.contains("[แม่น้ำ]"));
    }

    #[test]
    fn a_short_text_is_shown_whole() {
        let snippet = shown(&snippet("วัดโพธิสมภรณ์", &query_terms("วัด")));
        assert_eq!(snippet, "[วัด]โพธิสมภรณ์");
        let digits = shown(&super::snippet("รุ่นที่ ๓ ปี ๒๕๖๕", &query_terms("2565")));
        assert_eq!(digits, "รุ่นที่ ๓ ปี [๒๕๖๕]");
        assert!(super::snippet("  ", &[]).is_empty());
    }
}
