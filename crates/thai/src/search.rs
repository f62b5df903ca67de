//! Search terms. Thai is written without spaces, so a document is found by its words as ICU's
//! dictionary segments them, and also by runs of adjacent words joined together: names that no
//! dictionary knows come out in pieces, and the pieces differ with what surrounds them. A query
//! matches whole words or whole runs only, so แม่น never finds แม่น้ำ and หาร never finds อาหาร.

use crate::digits::to_arabic_digits;
use crate::words::word_spans;
use std::ops::Range;

/// The most adjacent words a document is also found by as one term.
pub const MAX_RUN: usize = 3;
/// Characters of a query after this many are not read.
pub const MAX_QUERY_CHARS: usize = 200;
/// Terms of a query after this many are not looked for.
pub const MAX_QUERY_TERMS: usize = 8;
/// A run longer than this is not a name any more but a phrase, and is not kept.
const MAX_RUN_CHARS: usize = 40;

/// One word as terms compare it: Thai digits as Arabic, letters in lower case.
pub fn fold(word: &str) -> String {
    to_arabic_digits(word).to_lowercase()
}

/// The words of a text that hold a letter or a digit, folded; ICU also counts a lone `_` as a
/// word.
fn folded_words(text: &str) -> impl Iterator<Item = String> + '_ {
    word_spans(text)
        .into_iter()
        .map(|r| &text[r])
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(fold)
}

/// Every term a text is found by, once for each place it occurs: each word, and each run of
/// two or three adjacent words joined.
pub fn document_terms(text: &str) -> Vec<String> {
    let folded: Vec<String> = folded_words(text).collect();
    let mut terms = Vec::with_capacity(folded.len() * MAX_RUN);
    for start in 0..folded.len() {
        let mut run = String::new();
        for word in folded.iter().skip(start).take(MAX_RUN) {
            run.push_str(word);
            if run.chars().count() > MAX_RUN_CHARS {
                break;
            }
            terms.push(run.clone());
        }
    }
    terms
}

/// The terms a query asks for, each of which a document must have. A part typed without spaces
/// that holds up to three words is one term, so its words must be adjacent in the document; a
/// longer part asks for each of its words. Empty when the query holds no word at all.
pub fn query_terms(query: &str) -> Vec<String> {
    let query: String = query.chars().take(MAX_QUERY_CHARS).collect();
    let mut terms: Vec<String> = Vec::new();
    for part in query.split_whitespace() {
        let words: Vec<String> = folded_words(part).collect();
        let joined = words.concat();
        if (1..=MAX_RUN).contains(&words.len()) && joined.chars().count() <= MAX_RUN_CHARS {
            terms.push(joined);
        } else {
            terms.extend(words);
        }
    }
    let mut seen = std::collections::HashSet::new();
    terms.retain(|t| seen.insert(t.clone()));
    terms.truncate(MAX_QUERY_TERMS);
    terms
}

/// The byte ranges of `text` that any of `terms` matches, in order and not overlapping, for
/// highlighting a snippet.
pub fn matches(text: &str, terms: &[String]) -> Vec<Range<usize>> {
    matches_in(text, &word_spans(text), terms)
}

/// [`matches`] over words already segmented: `spans` are `text`'s [`word_spans`].
pub fn matches_in(text: &str, spans: &[Range<usize>], terms: &[String]) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut start = 0;
    while start < spans.len() {
        let mut run = String::new();
        let mut longest = None;
        for (n, span) in spans.iter().enumerate().skip(start).take(MAX_RUN) {
            run.push_str(&fold(&text[span.clone()]));
            if terms.contains(&run) {
                longest = Some(n);
            }
        }
        match longest {
            Some(last) => {
                found.push(spans[start].start..spans[last].end);
                start = last + 1;
            }
            None => start += 1,
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finds(document: &str, query: &str) -> bool {
        let terms = document_terms(document);
        let wanted = query_terms(query);
        !wanted.is_empty() && wanted.iter().all(|w| terms.contains(w))
    }

    #[test]
    fn a_query_matches_whole_words_only() {
        assert!(!finds("ล่องเรือชมแม่น้ำโขงยามเย็น", "แม่น"));
        assert!(finds("ล่องเรือชมแม่น้ำโขงยามเย็น", "แม่น้ำ"));
        assert!(finds("ล่องเรือชมแม่น้ำโขงยามเย็น", "แม่น้ำโขง"));
        assert!(!finds("ตลาดนัดอาหารปลอดภัย", "หาร"));
        assert!(finds("ตลาดนัดอาหารปลอดภัย", "อาหาร"));
        assert!(finds("เราหารค่าอาหารกัน", "หาร"));
    }

    #[test]
    fn names_glued_to_a_title_or_to_each_other_are_found() {
        let news = "นายสมชายใจดีประธานชมรมกล่าวเปิดงาน";
        assert!(finds(news, "ใจดี"), "{:?}", document_terms(news));
        assert!(finds(news, "สมชาย"), "{:?}", document_terms(news));
        assert!(finds("นางสาวจันทร์เพ็ญ ศรีสุวรรณ", "ศรีสุวรรณ"));
        assert!(finds("นางสาวจันทร์เพ็ญ ศรีสุวรรณ", "จันทร์เพ็ญ"));
        assert!(finds("นางสาวจันทร์เพ็ญ ศรีสุวรรณ", "จันทร์เพ็ญ ศรีสุวรรณ"));
    }

    #[test]
    fn thai_and_arabic_digits_match_each_other() {
        assert!(finds("อบรมรุ่นที่ ๓ ปี ๒๕๖๕", "2565"));
        assert!(finds("อบรมรุ่นที่ 3 ปี 2565", "๒๕๖๕"));
        assert!(finds("โทร 081-234-5678", "0812345678"));
        assert!(finds("Moral Center UDON", "udon"));
    }

    #[test]
    fn queries_without_words_ask_for_nothing() {
        assert!(query_terms("").is_empty());
        assert!(query_terms("   ").is_empty());
        assert!(query_terms("%_'\";--*").is_empty());
        let long = "ก".repeat(10_000);
        assert!(query_terms(&long).len() <= MAX_QUERY_TERMS);
        let many = "คุณธรรม ".repeat(50) + &(0..50).map(|i| format!("w{i} ")).collect::<String>();
        assert!(query_terms(&many).len() <= MAX_QUERY_TERMS);
    }

    #[test]
    fn matches_mark_whole_words_and_runs() {
        let text = "ชมแม่น้ำโขง แม่นยำ";
        let found: Vec<&str> = matches(text, &query_terms("แม่น้ำ"))
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(found, ["แม่น้ำ"]);
        let text = "นายสมชายใจดี";
        let found: Vec<&str> = matches(text, &query_terms("สมชายใจดี"))
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(found, ["สมชายใจดี"]);
    }
}
