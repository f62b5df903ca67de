//! Thai word segmentation with ICU's dictionary segmenter: Thai is written without spaces
//! between words, so splitting on spaces would count whole phrases as one "word".

use icu_segmenter::WordSegmenter;
use icu_segmenter::options::WordBreakInvariantOptions;

/// The words of a text in order, without spaces and punctuation.
pub fn words(text: &str) -> Vec<&str> {
    let segmenter = WordSegmenter::new_dictionary(WordBreakInvariantOptions::default());
    let mut words = Vec::new();
    let mut start = 0;
    for (end, word_type) in segmenter.segment_str(text).iter_with_word_type() {
        if end > start && word_type.is_word_like() {
            words.push(&text[start..end]);
        }
        start = end;
    }
    words
}

/// Words too common to say anything in a word cloud.
const STOP_WORDS: &[&str] = &[
    "การ",
    "ความ",
    "และ",
    "ที่",
    "ของ",
    "ใน",
    "ให้",
    "มี",
    "เป็น",
    "กับ",
    "จาก",
    "โดย",
    "เพื่อ",
    "ได้",
    "ไป",
    "มา",
    "จะ",
    "ก็",
    "ว่า",
    "แต่",
    "หรือ",
    "อย่าง",
    "ทุก",
    "นี้",
    "นั้น",
    "ซึ่ง",
    "อยู่",
    "แล้ว",
    "คือ",
    "ๆ",
    "the",
    "and",
    "of",
    "to",
    "a",
    "in",
    "for",
];

/// How often each meaningful word appears across the texts, most frequent first, ties in Thai
/// dictionary order.
pub fn word_counts<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<(String, usize)> {
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for text in texts {
        for word in words(text) {
            let word = word.to_lowercase();
            if word.chars().count() < 2 || STOP_WORDS.contains(&word.as_str()) {
                continue;
            }
            *counts.entry(word).or_default() += 1;
        }
    }
    let mut counted: Vec<(String, usize)> = counts.into_iter().collect();
    counted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| crate::compare(&a.0, &b.0)));
    counted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thai_is_split_into_words_not_at_spaces() {
        let w = words("ส่งเสริมคุณธรรมในชุมชน");
        assert!(w.len() >= 3, "{w:?}");
        assert_eq!(w.concat(), "ส่งเสริมคุณธรรมในชุมชน");
        assert!(w.contains(&"ชุมชน"), "{w:?}");
    }

    #[test]
    fn punctuation_and_spaces_are_not_words() {
        let w = words("ความพอเพียง, วินัย! สุจริต");
        assert!(
            !w.iter()
                .any(|s| s.trim().is_empty() || *s == "," || *s == "!")
        );
        assert!(w.contains(&"วินัย"), "{w:?}");
    }

    #[test]
    fn counts_skip_stop_words_and_rank_by_frequency() {
        let counts = word_counts(["ชุมชนเข้มแข็งและมีวินัย", "วินัยของเยาวชน", "ชุมชนมีจิตอาสา", "วินัย"]);
        assert_eq!(counts[0], ("วินัย".to_string(), 3));
        assert!(counts.iter().any(|(w, n)| w == "ชุมชน" && *n == 2));
        assert!(
            !counts
                .iter()
                .any(|(w, _)| w == "และ" || w == "ของ" || w == "มี")
        );
    }
}
