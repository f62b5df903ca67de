//! Codes people carry: a ticket code in the QR ticket and a certificate's verification code.
//! Both are random, from an alphabet without look-alike letters, and read back leniently.

use chrono::NaiveDate;
use rand::Rng;

/// Crockford's base 32: no I, L, O or U.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// 16 characters of 5 bits each: 80 bits, beyond guessing at any request rate.
pub const CODE_LEN: usize = 16;

/// A fresh code, e.g. `K7M29QXD4TPAHN3C`.
pub fn generate(rng: &mut impl Rng) -> String {
    (0..CODE_LEN)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect()
}

/// The code in groups of four for print: `K7M2-9QXD-4TPA-HN3C`.
pub fn display(code: &str) -> String {
    let chars: Vec<char> = code.chars().collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// Reads a typed or scanned code: case, spaces and hyphens do not matter, and O, I and L
/// are read as 0 and 1. Anything else that is not a whole code is `None`.
pub fn parse(raw: &str) -> Option<String> {
    let mut code = String::with_capacity(CODE_LEN);
    for c in raw.trim().chars() {
        let c = match c.to_ascii_uppercase() {
            '-' | ' ' => continue,
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        };
        if !ALPHABET.contains(&(c as u8)) || !c.is_ascii() {
            return None;
        }
        code.push(c);
    }
    (code.len() == CODE_LEN).then_some(code)
}

/// A certificate's running number as printed on it: `0007/2565`, the number within the
/// Buddhist-Era year of the certificate's date.
pub fn certificate_number(number: i64, day: NaiveDate) -> String {
    format!("{number:04}/{}", sermphalang_thai::be_year(day))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn certificate_numbers_read_as_printed() {
        let day = NaiveDate::from_ymd_opt(2022, 2, 18).unwrap();
        assert_eq!(certificate_number(7, day), "0007/2565");
        assert_eq!(certificate_number(12345, day), "12345/2565");
    }
    use proptest::prelude::*;

    #[test]
    fn typed_codes_are_read_back() {
        assert_eq!(
            parse(" k7m2-9qxd-4tpa-hn3c ").as_deref(),
            Some("K7M29QXD4TPAHN3C")
        );
        assert_eq!(
            parse("K7M2 9QXD 4TPA HNOC").as_deref(),
            Some("K7M29QXD4TPAHN0C")
        );
        assert_eq!(parse("K7M2-9QXD-4TPA"), None);
        assert_eq!(parse("K7M2-9QXD-4TPA-HN3U"), None);
        assert_eq!(parse("../../etc/passwd"), None);
        assert_eq!(parse("ก7M29QXD4TPAHN3C"), None);
    }

    proptest! {
        #[test]
        fn generated_codes_round_trip(seed in any::<u64>()) {
            use rand::SeedableRng;
            let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
            let code = generate(&mut rng);
            prop_assert_eq!(code.len(), CODE_LEN);
            prop_assert_eq!(parse(&display(&code)), Some(code.clone()));
            prop_assert_eq!(parse(&code.to_lowercase()), Some(code));
        }
    }
}
