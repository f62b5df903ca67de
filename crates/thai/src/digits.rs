//! Conversion between Arabic (0-9) and Thai (๐-๙) digits.

const THAI_ZERO: u32 = '๐' as u32;

fn thai_digit_value(c: char) -> Option<u32> {
    match c {
        '๐'..='๙' => Some(c as u32 - THAI_ZERO),
        _ => None,
    }
}

/// Replaces every ASCII digit with the corresponding Thai digit; other characters are kept.
pub fn to_thai_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(THAI_ZERO + (c as u32 - '0' as u32)).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Replaces every Thai digit with the corresponding ASCII digit; other characters are kept.
pub fn to_arabic_digits(s: &str) -> String {
    s.chars()
        .map(|c| match thai_digit_value(c) {
            Some(d) => char::from_u32('0' as u32 + d).unwrap_or(c),
            None => c,
        })
        .collect()
}

/// True if `s` contains at least one Thai digit.
pub fn has_thai_digits(s: &str) -> bool {
    s.chars().any(|c| thai_digit_value(c).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_all_ten_digits_both_ways() {
        assert_eq!(to_thai_digits("0123456789"), "๐๑๒๓๔๕๖๗๘๙");
        assert_eq!(to_arabic_digits("๐๑๒๓๔๕๖๗๘๙"), "0123456789");
    }

    #[test]
    fn keeps_other_characters() {
        assert_eq!(to_thai_digits("ห้อง 3/12 ชั้น ๔"), "ห้อง ๓/๑๒ ชั้น ๔");
        assert_eq!(to_arabic_digits("ห้อง ๓/๑๒ ชั้น 4"), "ห้อง 3/12 ชั้น 4");
        assert_eq!(to_thai_digits(""), "");
        // Non-ASCII digits from other scripts are not Arabic digits for our purpose.
        assert_eq!(to_thai_digits("٣"), "٣");
    }

    #[test]
    fn round_trip() {
        let s = "ปี 2565 เลขที่ 042";
        assert_eq!(to_arabic_digits(&to_thai_digits(s)), s);
    }

    #[test]
    fn detects_thai_digits() {
        assert!(has_thai_digits("ณัฐ ๒"));
        assert!(has_thai_digits("๙"));
        assert!(!has_thai_digits("ณัฐ 2"));
        assert!(!has_thai_digits(""));
    }
}
