//! Thai word segmentation with ICU's dictionary segmenter: Thai is written without spaces
//! between words, so splitting on spaces would count whole phrases as one "word".

use icu_segmenter::WordSegmenter;
use icu_segmenter::options::WordBreakInvariantOptions;

/// The words of a text in order, without spaces and punctuation.
pub fn words(text: &str) -> Vec<&str> {
    word_spans(text).into_iter().map(|r| &text[r]).collect()
}

/// Where each word of a text lies, as byte ranges in order.
pub fn word_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    let segmenter = WordSegmenter::new_dictionary(WordBreakInvariantOptions::default());
    let mut spans = Vec::new();
    let mut start = 0;
    for (end, word_type) in segmenter.segment_str(text).iter_with_word_type() {
        if end > start && word_type.is_word_like() {
            spans.push(start..end);
        }
        start = end;
    }
    spans
}

/// Words of moral promotion that the dictionary splits (ขับ|เคลื่อน, จิต|อาสา): the virtues,
/// the programme's vocabulary and the networks, kept whole in word clouds.
const DOMAIN_WORDS: &[&str] = &[
    "ขับเคลื่อน",
    "เข้มแข็ง",
    "จิตอาสา",
    "จิตสาธารณะ",
    "พอเพียง",
    "ความพอเพียง",
    "เศรษฐกิจพอเพียง",
    "คุณธรรม",
    "จริยธรรม",
    "ศีลธรรม",
    "ความดี",
    "ทำความดี",
    "ซื่อสัตย์",
    "สุจริต",
    "วินัย",
    "กตัญญู",
    "กตเวที",
    "กตัญญูกตเวที",
    "เสียสละ",
    "สามัคคี",
    "รับผิดชอบ",
    "เอื้ออาทร",
    "แบ่งปัน",
    "มีน้ำใจ",
    "พึ่งพาตนเอง",
    "ธรรมาภิบาล",
    "โปร่งใส",
    "อบายมุข",
    "ยาเสพติด",
    "สิ่งแวดล้อม",
    "สาธารณประโยชน์",
    "จังหวัดคุณธรรม",
    "ชุมชนคุณธรรม",
    "องค์กรคุณธรรม",
    "อำเภอคุณธรรม",
    "โรงเรียนคุณธรรม",
    "ตลาดนัดความดี",
    "เสริมพลัง",
    "บูรณาการ",
    "ภาคีเครือข่าย",
    "เครือข่าย",
    "ประชาสังคม",
    "สื่อมวลชน",
    "สถานศึกษา",
    "ศาสนสถาน",
    "เยาวชน",
    "ผู้สูงอายุ",
    "บวร",
    "อาสาสมัคร",
    "ปลอดเหล้า",
    "ปลอดบุหรี่",
];

/// Segments the text and puts split domain words back together (longest first).
fn domain_words<'a>(text: &'a str, extra: &[&str]) -> Vec<&'a str> {
    let pieces = words(text);
    let mut joined = Vec::with_capacity(pieces.len());
    let mut i = 0;
    while i < pieces.len() {
        let longest = (2..=4.min(pieces.len() - i)).rev().find_map(|n| {
            let start = pieces[i].as_ptr() as usize - text.as_ptr() as usize;
            let last = pieces[i + n - 1];
            let end = last.as_ptr() as usize - text.as_ptr() as usize + last.len();
            let candidate = &text[start..end];
            let known = DOMAIN_WORDS.contains(&candidate) || extra.contains(&candidate);
            known.then_some((n, candidate))
        });
        match longest {
            Some((n, word)) => {
                joined.push(word);
                i += n;
            }
            None => {
                joined.push(pieces[i]);
                i += 1;
            }
        }
    }
    joined
}

/// Words too common to say anything in a word cloud.
const STOP_WORDS: &[&str] = &[
    "กัน",
    "ด้วย",
    "แห่ง",
    "ต่อ",
    "ตาม",
    "ถึง",
    "เพราะ",
    "ยัง",
    "เรา",
    "เขา",
    "ทั้ง",
    "ไว้",
    "ขึ้น",
    "ลง",
    "อีก",
    "เอง",
    "ต้อง",
    "ควร",
    "จึง",
    "ได้แก่",
    "เช่น",
    "ส่วน",
    "ระหว่าง",
    "ผ่าน",
    "เกี่ยวกับ",
    "สู่",
    "ไม่",
    "ทาง",
    "แบบ",
    "เรื่อง",
    "หลาย",
    "บาง",
    "ต่างๆ",
    "ร่วม",
    "ร่วมกัน",
    "ช่วย",
    "ทำให้",
    "เกิด",
    "สร้าง",
    "ด้าน",
    "ๆ",
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
/// dictionary order. Domain words are kept whole.
pub fn word_counts<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<(String, usize)> {
    word_counts_with(texts, &[])
}

/// The same, keeping `extra` words whole too (a province's district names, say).
pub fn word_counts_with<'a>(
    texts: impl IntoIterator<Item = &'a str>,
    extra: &[&str],
) -> Vec<(String, usize)> {
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for text in texts {
        for word in domain_words(text, extra) {
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
    fn clouds_keep_domain_words_whole_and_drop_fillers() {
        let counts = word_counts([
            "ร่วมกันขับเคลื่อนชุมชนให้เข้มแข็งด้วยจิตอาสาและความพอเพียง",
            "เยาวชนแห่งอำเภอหนองหานมีจิตอาสา",
        ]);
        let words: Vec<&str> = counts.iter().map(|(w, _)| w.as_str()).collect();
        for whole in ["ขับเคลื่อน", "เข้มแข็ง", "จิตอาสา", "ชุมชน"]
        {
            assert!(words.contains(&whole), "{whole} in {words:?}");
        }
        assert!(words.iter().any(|w| w.contains("พอเพียง")), "{words:?}");
        for split in ["ขับ", "เคลื่อน", "เข้ม", "จิต", "อาสา", "กัน", "ด้วย", "แห่ง"]
        {
            assert!(!words.contains(&split), "{split} in {words:?}");
        }
        assert_eq!(counts.iter().find(|(w, _)| w == "จิตอาสา").unwrap().1, 2);
        let with_districts = word_counts_with(["เยาวชนหนองหานเข้มแข็ง"], &["หนองหาน"]);
        assert!(
            with_districts.iter().any(|(w, _)| w == "หนองหาน"),
            "{with_districts:?}"
        );
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
