//! Checks on free text typed by people: trimmed, bounded, emails and phones well-formed.

use crate::FieldError;
use sermphalang_thai::to_arabic_digits;

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

/// A trimmed optional text of at most `max` characters; control characters are refused.
pub fn optional(
    raw: &str,
    field: &'static str,
    label: (&str, &str),
    max: usize,
) -> Result<String, FieldError> {
    let value = raw.trim();
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
    Ok(value.to_string())
}

/// A trimmed optional text of several lines (notes, evidence): line breaks and tabs are kept,
/// other control characters refused. Windows line ends become plain ones.
pub fn optional_multiline(
    raw: &str,
    field: &'static str,
    label: (&str, &str),
    max: usize,
) -> Result<String, FieldError> {
    let value = raw.trim().replace("\r\n", "\n");
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
    let value = to_arabic_digits(raw.trim());
    if value.is_empty() {
        return Ok(value);
    }
    let allowed = value
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | ' ' | '+' | '(' | ')'));
    let digits = value.chars().filter(char::is_ascii_digit).count();
    if allowed && (9..=15).contains(&digits) {
        Ok(value)
    } else {
        Err(FieldError::new(
            field,
            format!("หมายเลขโทรศัพท์ \"{value}\" ไม่ถูกต้อง (ตัวเลข 9-10 หลัก)"),
            format!("\"{value}\" is not a valid phone number (9-10 digits)"),
        ))
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
    fn phones_accept_thai_digits() {
        assert_eq!(phone("๐๘๑-๐๐๐-๐๐๑๒", "phone").unwrap(), "081-000-0012");
        assert_eq!(phone("042 000 100", "phone").unwrap(), "042 000 100");
        assert!(phone("12", "phone").is_err());
        assert!(phone("call me", "phone").is_err());
    }
}
