//! Checks on free text typed by people: trimmed, bounded, emails and phones well-formed.

use crate::FieldError;
use sermphalang_thai::{normalize_line, normalize_lines, to_arabic_digits};

pub const NAME_MAX: usize = 200;
pub const SHORT_MAX: usize = 120;

/// A trimmed required text of at most `max` characters.
pub fn required(
    raw: &str,
    field: &'static str,
    label: (&str, &str),
    max: usize,
) -> Result<String, FieldError> {
    let value = optional(raw, field, label, max)?;
    if value.is_empty() {
        return Err(FieldError::required(field, label.0, label.1));
    }
    Ok(value)
}

/// An optional text of at most `max` characters, normalised (NFC, invisible characters
/// dropped, spaces made single); other control characters are refused.
pub fn optional(
    raw: &str,
    field: &'static str,
    label: (&str, &str),
    max: usize,
) -> Result<String, FieldError> {
    let value = normalize_line(raw);
    if value.chars().count() > max {
        return Err(FieldError::too_long(field, label.0, label.1, max));
    }
    if value.chars().any(|c| c.is_control()) {
        return Err(FieldError::new(
            field,
            format!("{}มีอักขระควบคุมที่ไม่อนุญาต", label.0),
            format!("{} contains control characters", label.1),
        ));
    }
    Ok(value)
}

/// An optional text of several lines (notes, evidence), normalised line by line: line breaks
/// are kept, other control characters refused. Windows line ends become plain ones.
pub fn optional_multiline(
    raw: &str,
    field: &'static str,
    label: (&str, &str),
    max: usize,
) -> Result<String, FieldError> {
    let value = normalize_lines(raw);
    if value.chars().count() > max {
        return Err(FieldError::too_long(field, label.0, label.1, max));
    }
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(FieldError::new(
            field,
            format!("{}มีอักขระควบคุมที่ไม่อนุญาต", label.0),
            format!("{} contains control characters", label.1),
        ));
    }
    Ok(value)
}

/// An optional email address, lower-cased; empty means none.
pub fn email(raw: &str, field: &'static str) -> Result<String, FieldError> {
    let value = raw.trim().to_lowercase();
    if value.is_empty() {
        return Ok(value);
    }
    let bad = || {
        FieldError::new(
            field,
            format!("อีเมล \"{value}\" ไม่ถูกต้อง"),
            format!("\"{value}\" is not a valid email address"),
        )
    };
    let (local, domain) = value.split_once('@').ok_or_else(bad)?;
    let well_formed = !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && value.len() <= 254
        && !value.chars().any(|c| c.is_whitespace() || c.is_control());
    if well_formed { Ok(value) } else { Err(bad()) }
}

/// An optional Thai phone number; Thai digits are accepted and stored as Arabic digits.
pub fn phone(raw: &str, field: &'static str) -> Result<String, FieldError> {
    let (number, extension) = split_extension(&phone_digits(raw));
    let number = number.trim().to_string();
    if number.is_empty() && extension.is_none() {
        return Ok(number);
    }
    let allowed = number
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | ' ' | '+' | '(' | ')'));
    let digits = number.chars().filter(char::is_ascii_digit).count();
    if !allowed || !(8..=15).contains(&digits) {
        let shown = raw.trim();
        return Err(FieldError::new(
            field,
            format!(
                "หมายเลขโทรศัพท์ \"{shown}\" ไม่ถูกต้อง (ตัวเลข 9-10 หลัก ต่อด้วยเบอร์ภายในได้ เช่น 042-000-100 ต่อ 12)"
            ),
            format!(
                "\"{shown}\" is not a valid phone number (9-10 digits, optionally an extension such as 042-000-100 ต่อ 12)"
            ),
        ));
    }
    let number = restore_leading_zero(number);
    Ok(match extension {
        Some(ext) => format!("{number} ต่อ {ext}"),
        None => number,
    })
}

/// Digits of any script as ASCII, and the dashes and spaces of word processors as plain ones.
fn phone_digits(raw: &str) -> String {
    to_arabic_digits(raw)
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FF0D}' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        })
        .collect()
}

/// The number and its extension: "042-000-100 ต่อ 12", "… ext. 12", "… x12", "… #12".
fn split_extension(text: &str) -> (String, Option<String>) {
    let lower = text.to_lowercase();
    for marker in ["ต่อ", "ext.", "ext", "#", "x"] {
        if let Some(at) = lower.find(marker) {
            let ext: String = lower[at + marker.len()..]
                .trim()
                .trim_start_matches(['.', ':'])
                .trim()
                .to_string();
            if !ext.is_empty() && ext.chars().all(|c| c.is_ascii_digit()) && ext.len() <= 6 {
                return (text[..at].to_string(), Some(ext));
            }
        }
    }
    (text.to_string(), None)
}

/// A Thai number kept as a spreadsheet number loses its leading zero (812345678): every
/// domestic number starts with 0, so eight or nine bare digits get it back.
fn restore_leading_zero(number: String) -> String {
    let bare = number.chars().all(|c| c.is_ascii_digit());
    if bare && matches!(number.len(), 8 | 9) && !number.starts_with('0') {
        format!("0{number}")
    } else {
        number
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_text_is_trimmed_and_bounded() {
        let label = ("ชื่อ", "Name");
        assert_eq!(required("  วัดโพธิ์  ", "name", label, 10).unwrap(), "วัดโพธิ์");
        assert_eq!(
            required("   ", "name", label, 10).unwrap_err().field,
            "name"
        );
        assert!(required("กขคงจฉชซฌญฎ", "name", label, 10).is_err());
        assert!(required("a\u{0}b", "name", label, 10).is_err());
    }

    #[test]
    fn quotes_and_markup_are_kept_as_typed() {
        let label = ("ชื่อ", "Name");
        let raw = r#"<script>alert("x")</script>'; DROP TABLE organizations;--"#;
        assert_eq!(required(raw, "name", label, 200).unwrap(), raw);
    }

    #[test]
    fn emails() {
        assert_eq!(
            email(" Info@Wat.Example ", "email").unwrap(),
            "info@wat.example"
        );
        assert_eq!(email("", "email").unwrap(), "");
        for bad in ["a", "a@b", "@b.c", "a@.c", "a b@c.d", "a@b.c."] {
            assert!(email(bad, "email").is_err(), "{bad}");
        }
    }

    #[test]
    fn phones_as_offices_write_them() {
        assert_eq!(
            phone("042-000-100 ต่อ 12", "phone").unwrap(),
            "042-000-100 ต่อ 12"
        );
        assert_eq!(
            phone("042 000 100 ext. 7", "phone").unwrap(),
            "042 000 100 ต่อ 7"
        );
        assert_eq!(
            phone("๐๔๒–๐๐๐–๑๐๐", "phone").unwrap(),
            "042-000-100",
            "Thai digits, en dash"
        );
        assert_eq!(
            phone("０８１－２３４－５６７８", "phone").unwrap(),
            "081-234-5678",
            "full width"
        );
        assert_eq!(
            phone("812345678", "phone").unwrap(),
            "0812345678",
            "a number cell"
        );
        assert_eq!(phone("42000100", "phone").unwrap(), "042000100");
        assert_eq!(
            phone("+66 81 234 5678", "phone").unwrap(),
            "+66 81 234 5678"
        );
        assert!(phone("ต่อ", "phone").is_err());
    }

    #[test]
    fn phones_accept_thai_digits() {
        assert_eq!(phone("๐๘๑-๐๐๐-๐๐๑๒", "phone").unwrap(), "081-000-0012");
        assert_eq!(phone("042 000 100", "phone").unwrap(), "042 000 100");
        assert!(phone("12", "phone").is_err());
        assert!(phone("call me", "phone").is_err());
    }
}
