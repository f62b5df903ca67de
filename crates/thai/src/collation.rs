//! Thai dictionary order (ICU4X, locale "th") made into a total order, plus byte sort keys
//! whose memcmp order equals [`compare`], for `ORDER BY` on a BLOB/BYTEA column.
//!
//! Stored keys depend on the ICU4X/CLDR data version: recompute them after upgrading
//! `icu_collator` (the `sort_keys_are_pinned` test fails when the bytes change).

use std::cmp::Ordering;
use std::sync::LazyLock;

use icu_collator::options::{AlternateHandling, CollatorOptions, Strength};
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale_core::locale;

/// Separates the ICU key from the UTF-8 tie-breaker. ICU keys never contain 0x00 (their
/// lowest byte is the level separator 0x01) but are not prefix-free: trailing common
/// weights are dropped, so the key of "ต่าง" is a prefix of the key of "ต่างๆ". A 0x00
/// terminator sorts below every ICU byte, so a prefix key still sorts first, as ICU does.
const KEY_TERMINATOR: u8 = 0x00;

// Quaternary strength keeps the Thai default of shifted (ignorable) spaces and punctuation
// but still distinguishes them at the last level; tertiary would make "ต่าง ๆ" == "ต่างๆ".
static COLLATOR: LazyLock<CollatorBorrowed<'static>> = LazyLock::new(|| {
    let mut options = CollatorOptions::default();
    options.strength = Some(Strength::Quaternary);
    options.alternate_handling = Some(AlternateHandling::Shifted);
    Collator::try_new(locale!("th").into(), options).expect("Thai collation data is compiled in")
});

/// Thai dictionary order, made total by falling back to code-point order for strings ICU
/// considers equal (e.g. Thai and Arabic digits). `Equal` only for identical strings.
pub fn compare(a: &str, b: &str) -> Ordering {
    COLLATOR.compare(a, b).then_with(|| a.cmp(b))
}

/// Bytes whose lexicographic (memcmp) order equals [`compare`]: the ICU sort key, a 0x00
/// terminator, then the UTF-8 of `s` (UTF-8 byte order is code-point order).
pub fn sort_key(s: &str) -> Vec<u8> {
    let mut key = Vec::with_capacity(2 * s.len() + 16);
    let Ok(()) = COLLATOR.write_sort_key_to(s, &mut key);
    key.push(KEY_TERMINATOR);
    key.extend_from_slice(s.as_bytes());
    key
}

/// Sorts `items` in Thai dictionary order of `key` (stable).
pub fn sort_by_thai<T>(items: &mut [T], key: impl Fn(&T) -> &str) {
    items.sort_by(|a, b| compare(key(a), key(b)));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(words: &[&'static str]) -> Vec<&'static str> {
        let mut v = words.to_vec();
        v.sort_by(|a, b| compare(a, b));
        v
    }

    fn icu_part(s: &str) -> Vec<u8> {
        let mut k = Vec::new();
        let Ok(()) = COLLATOR.write_sort_key_to(s, &mut k);
        k
    }

    #[test]
    fn leading_vowels_sort_after_their_consonant() {
        let words = ["ไก่", "เก", "กา", "ขา", "โรงเรียน", "วัด"];
        assert_eq!(sorted(&words), ["กา", "เก", "ไก่", "ขา", "โรงเรียน", "วัด"]);
        assert_eq!(
            sorted(&["ไก", "ใก", "โก", "แก", "เก", "กา", "กะ"]),
            ["กะ", "กา", "เก", "แก", "โก", "ใก", "ไก"]
        );
        assert_eq!(sorted(&["เขา", "กิน"]), ["กิน", "เขา"]);
    }

    #[test]
    fn consonants_in_alphabet_order_with_ru_and_lu() {
        let alphabet: Vec<String> = "กขฃคฅฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรฤลฦวศษสหฬอฮ"
            .chars()
            .map(String::from)
            .collect();
        let mut shuffled = alphabet.clone();
        shuffled.reverse();
        sort_by_thai(&mut shuffled, |s| s.as_str());
        assert_eq!(shuffled, alphabet);
    }

    #[test]
    fn tone_marks_only_break_ties() {
        assert_eq!(
            sorted(&["ก๋า", "ก้า", "กาก", "ก่า", "ก๊า", "กา"]),
            ["กา", "ก่า", "ก้า", "ก๊า", "ก๋า", "กาก"]
        );
    }

    #[test]
    fn thai_script_sorts_before_latin() {
        // The CLDR "th" tailoring reorders Thai ahead of Latin; digits still come first.
        assert_eq!(
            sorted(&["Zulu", "alpha", "กา", "9", "Alpha", "ฮา"]),
            ["9", "กา", "ฮา", "alpha", "Alpha", "Zulu"]
        );
    }

    #[test]
    fn ignorables_are_deterministic() {
        // ICU's Thai default (tertiary, shifted) calls all of these equal.
        assert_eq!(compare("ต่าง", "ต่างๆ"), Ordering::Less);
        assert_eq!(compare("ต่างๆ", "ต่าง"), Ordering::Greater);
        assert_eq!(compare("ต่าง ๆ", "ต่างๆ"), Ordering::Less);
        assert_eq!(compare("ต่างๆ", "ต่างๆ"), Ordering::Equal);
        assert_eq!(compare("", " "), Ordering::Less);
        assert_eq!(compare("กรุงเทพฯ", "กรุงเทพ"), Ordering::Greater);
        assert!(sort_key("ต่าง") < sort_key("ต่างๆ"));
        assert!(sort_key("ต่าง ๆ") < sort_key("ต่างๆ"));
    }

    #[test]
    fn thai_and_arabic_digits_are_distinct() {
        // ICU gives these identical keys at every strength below identical.
        assert_eq!(icu_part("ณัฐ 2"), icu_part("ณัฐ ๒"));
        assert_eq!(compare("ณัฐ 2", "ณัฐ ๒"), Ordering::Less);
        assert_eq!(compare("ณัฐ ๒", "ณัฐ 2"), Ordering::Greater);
        assert_ne!(sort_key("ณัฐ 2"), sort_key("ณัฐ ๒"));
        assert!(sort_key("ณัฐ 2") < sort_key("ณัฐ ๒"));
        // ...but they still sort together, before the next name.
        assert_eq!(sorted(&["ณัฐ 3", "ณัฐ ๒", "ณัฐ 2"]), ["ณัฐ 2", "ณัฐ ๒", "ณัฐ 3"]);
    }

    #[test]
    fn canonically_equivalent_strings_are_still_distinct() {
        let precomposed = "caf\u{e9}";
        let decomposed = "cafe\u{301}";
        assert_eq!(COLLATOR.compare(precomposed, decomposed), Ordering::Equal);
        assert_ne!(compare(precomposed, decomposed), Ordering::Equal);
        assert_ne!(sort_key(precomposed), sort_key(decomposed));
    }

    #[test]
    fn sort_by_thai_sorts_records_stably() {
        struct Person {
            name: &'static str,
            id: u32,
        }
        let mut people = vec![
            Person {
                name: "วิชัย", id: 1
            },
            Person {
                name: "เกศินี",
                id: 2,
            },
            Person {
                name: "กมล", id: 3
            },
            Person {
                name: "ไพโรจน์",
                id: 4,
            },
            Person {
                name: "กมล", id: 5
            },
        ];
        sort_by_thai(&mut people, |p| p.name);
        let ids: Vec<u32> = people.iter().map(|p| p.id).collect();
        assert_eq!(ids, [3, 5, 2, 4, 1]);
    }

    /// Catches ICU4X/CLDR updates that change key bytes: keys stored in the database
    /// must then be recomputed.
    #[test]
    fn sort_keys_are_pinned() {
        assert_eq!(
            sort_key("กา"),
            [
                0x28, 0x06, 0x68, 0x01, 0x06, 0x01, 0x06, 0x01, 0x1d, 0x00, 0xe0, 0xb8, 0x81, 0xe0,
                0xb8, 0xb2
            ]
        );
        assert_eq!(sort_key(""), [0x01, 0x01, 0x01, 0x00]);
    }

    /// Deterministic generator (splitmix64) so failures are reproducible without a
    /// property-testing dependency.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }

        fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
            items[self.below(items.len())]
        }
    }

    const CONSONANTS: &[&str] = &["ก", "ข", "ค", "ง", "ณ", "ต", "ฐ", "ร", "ฤ", "ว", "อ", "ฮ"];
    const LEADING: &[&str] = &["เ", "แ", "โ", "ใ", "ไ"];
    const FOLLOWING: &[&str] = &["ะ", "ั", "า", "ำ", "ิ", "ี", "ุ", "ู", "ๅ", "็"];
    const TONES: &[&str] = &["่", "้", "๊", "๋", "์"];
    const OTHERS: &[&str] = &[
        " ", "  ", "ๆ", "ฯ", "-", ".", "2", "๒", "1", "๑", "a", "A", "b", "é", "e\u{301}",
    ];

    /// A short mix of syllables and ignorables, from a small alphabet so that strings
    /// which ICU considers equal (and keys that are prefixes of others) actually occur.
    fn random_string(rng: &mut Rng) -> String {
        let mut s = String::new();
        for _ in 0..rng.below(5) {
            match rng.below(6) {
                0 | 1 => {
                    if rng.below(3) == 0 {
                        s.push_str(rng.pick(LEADING));
                    }
                    s.push_str(rng.pick(CONSONANTS));
                    if rng.below(2) == 0 {
                        s.push_str(rng.pick(TONES));
                    }
                    if rng.below(2) == 0 {
                        s.push_str(rng.pick(FOLLOWING));
                    }
                }
                2 => s.push_str(rng.pick(CONSONANTS)),
                3 => s.push_str(rng.pick(TONES)),
                _ => s.push_str(rng.pick(OTHERS)),
            }
        }
        s
    }

    fn corpus() -> Vec<String> {
        let mut rng = Rng(0x5e4d_9a1a_4e6a_2565);
        let mut v: Vec<String> = (0..400).map(|_| random_string(&mut rng)).collect();
        v.extend(
            [
                "ต่าง",
                "ต่างๆ",
                "ต่าง ๆ",
                "ณัฐ 2",
                "ณัฐ ๒",
                "ณัฐ2",
                "",
                " ",
                "ๆ",
                "ฯ",
            ]
            .map(String::from),
        );
        v
    }

    #[test]
    fn sort_key_order_equals_compare_on_generated_strings() {
        let words = corpus();
        let keys: Vec<Vec<u8>> = words.iter().map(|w| sort_key(w)).collect();

        let mut icu_ties = 0;
        let mut icu_prefix_keys = 0;
        for (a, ka) in words.iter().zip(&keys) {
            let ia = icu_part(a);
            assert!(
                !ia.contains(&0),
                "ICU key of {a:?} contains 0x00: {ia:02x?}"
            );
            for (b, kb) in words.iter().zip(&keys) {
                assert_eq!(ka.cmp(kb), compare(a, b), "{a:?} vs {b:?}");
                if a != b {
                    let ib = icu_part(b);
                    icu_ties += usize::from(ia == ib);
                    icu_prefix_keys += usize::from(ia.len() < ib.len() && ib.starts_with(&ia));
                }
            }
        }
        // The generator must exercise both hard cases, or this test proves little.
        assert!(icu_ties > 0, "no ICU ties generated");
        assert!(icu_prefix_keys > 0, "no prefix ICU keys generated");

        let mut by_compare = words.clone();
        by_compare.sort_by(|a, b| compare(a, b));
        let mut by_key = words;
        by_key.sort_by_cached_key(|w| sort_key(w));
        assert_eq!(by_compare, by_key);
    }

    #[test]
    fn compare_is_equal_only_for_identical_strings() {
        let words = corpus();
        for a in &words {
            for b in &words {
                assert_eq!(compare(a, b) == Ordering::Equal, a == b, "{a:?} vs {b:?}");
                assert_eq!(compare(a, b), compare(b, a).reverse());
            }
        }
    }

    /// Run with: cargo test --release -p sermphalang-thai -- --ignored --nocapture
    #[test]
    #[ignore = "timing, run by hand in release"]
    fn sort_key_speed() {
        let name = "นางสาวกาญจนาภรณ์ ศรีสุวรรณวงศ์ ณ อยุธยา วัฒนา";
        assert!(name.chars().count() >= 40);
        let _ = sort_key(name);
        let runs = 100_000u32;
        let start = std::time::Instant::now();
        let mut total = 0usize;
        for _ in 0..runs {
            total += sort_key(std::hint::black_box(name)).len();
        }
        let per_call = start.elapsed() / runs;
        println!(
            "sort_key: {per_call:?} per call, {} chars, {} key bytes",
            name.chars().count(),
            total / runs as usize
        );
        let start = std::time::Instant::now();
        for _ in 0..runs {
            std::hint::black_box(compare(
                std::hint::black_box(name),
                "นางสาวกาญจนาภรณ์ ศรีสุวรรณวงศ์ ณ อยุธยา วัฒนา๒",
            ));
        }
        println!(
            "compare (long common prefix): {:?} per call",
            start.elapsed() / runs
        );
    }
}
