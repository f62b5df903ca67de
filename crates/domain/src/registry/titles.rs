//! Title prefixes as people write them: free text, normalised only where it is safe, with a
//! long list of suggestions (ranks of the armed forces and police with their female forms,
//! academic and professional titles and their combinations, clergy, royal and noble titles).

use crate::FieldError;
use sermphalang_thai::normalize_line;

pub const TITLE_MAX: usize = 60;

/// Offered while typing; anything else typed is kept as typed.
pub const SUGGESTIONS: &[&str] = &[
    "นาย",
    "นาง",
    "นางสาว",
    "เด็กชาย",
    "เด็กหญิง",
    "ด.ช.",
    "ด.ญ.",
    "ดร.",
    "นพ.",
    "พญ.",
    "ทพ.",
    "ทพญ.",
    "ภก.",
    "ภญ.",
    "สพ.ญ.",
    "น.สพ.",
    "ผศ.",
    "ผศ.ดร.",
    "ผศ.(พิเศษ)",
    "ผศ.(พิเศษ) ดร.",
    "รศ.",
    "รศ.ดร.",
    "รศ.(พิเศษ) ดร.",
    "ศ.",
    "ศ.ดร.",
    "ศ.(พิเศษ)",
    "ศ.นพ.",
    "รศ.นพ.",
    "ผศ.นพ.",
    "ผศ.พญ.",
    "อ.",
    "อ.ดร.",
    "ว่าที่ ร.ต.",
    "ว่าที่ ร.ต.หญิง",
    "ว่าที่ร้อยตรี",
    "ว่าที่ร้อยตรีหญิง",
    "พล.อ.",
    "พล.ท.",
    "พล.ต.",
    "พ.อ.",
    "พ.ท.",
    "พ.ต.",
    "ร.อ.",
    "ร.ท.",
    "ร.ต.",
    "จ.ส.อ.",
    "จ.ส.ท.",
    "จ.ส.ต.",
    "ส.อ.",
    "ส.ท.",
    "ส.ต.",
    "พลทหาร",
    "พ.อ.หญิง",
    "พ.ท.หญิง",
    "พ.ต.หญิง",
    "ร.อ.หญิง",
    "ร.ท.หญิง",
    "ร.ต.หญิง",
    "จ.ส.อ.หญิง",
    "ส.อ.หญิง",
    "พล.ร.อ.",
    "พล.ร.ท.",
    "พล.ร.ต.",
    "น.อ.",
    "น.ท.",
    "น.ต.",
    "ร.อ.",
    "พ.จ.อ.",
    "จ.อ.",
    "น.อ.หญิง",
    "น.ท.หญิง",
    "น.ต.หญิง",
    "พล.อ.อ.",
    "พล.อ.ท.",
    "พล.อ.ต.",
    "นาวาอากาศเอก",
    "น.อ.(อากาศ)",
    "พ.อ.อ.",
    "พล.ต.อ.",
    "พล.ต.ท.",
    "พล.ต.ต.",
    "พ.ต.อ.",
    "พ.ต.ท.",
    "พ.ต.ต.",
    "ร.ต.อ.",
    "ร.ต.ท.",
    "ร.ต.ต.",
    "ด.ต.",
    "จ.ส.ต.",
    "ส.ต.อ.",
    "ส.ต.ท.",
    "ส.ต.ต.",
    "พ.ต.อ.หญิง",
    "พ.ต.ท.หญิง",
    "พ.ต.ต.หญิง",
    "ร.ต.อ.หญิง",
    "ร.ต.ท.หญิง",
    "ร.ต.ต.หญิง",
    "ด.ต.หญิง",
    "ส.ต.อ.หญิง",
    "พ.ต.อ.ดร.",
    "พ.อ.ดร.",
    "พล.ต.ต.ดร.",
    "พระ",
    "พระครู",
    "พระครูใบฎีกา",
    "พระครูสมุห์",
    "พระครูปลัด",
    "พระมหา",
    "พระอธิการ",
    "พระปลัด",
    "พระสมุห์",
    "พระใบฎีกา",
    "พระราชาคณะ",
    "พระภิกษุ",
    "สามเณร",
    "แม่ชี",
    "ภิกษุณี",
    "บาทหลวง",
    "ซิสเตอร์",
    "อิหม่าม",
    "โต๊ะอิหม่าม",
    "ศาสนาจารย์",
    "ม.จ.",
    "ม.ร.ว.",
    "ม.ล.",
    "คุณหญิง",
    "ท่านผู้หญิง",
    "คุณ",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Miss",
    "Dr.",
    "Prof.",
    "Ven.",
];

/// Titles of monks, novices and nuns, who go by a monastic name without a surname.
const CLERGY: &[&str] = &[
    "พระ",
    "สามเณร",
    "เณร",
    "ส.ณ.",
    "แม่ชี",
    "ภิกษุ",
    "ภิกษุณี",
    "หลวงพ่อ",
    "หลวงปู่",
    "หลวงตา",
    "สมเด็จพระ",
    "Phra",
    "Ven.",
    "Venerable",
];

/// A title prefix as typed: normalised (NFC, spaces), bounded, otherwise kept as typed.
pub fn title(raw: &str) -> Result<String, FieldError> {
    let value = normalize_line(raw);
    if value.chars().count() > TITLE_MAX {
        return Err(FieldError::too_long(
            "prefix",
            "คำนำหน้าชื่อ",
            "Title prefix",
            TITLE_MAX,
        ));
    }
    if value.chars().any(char::is_control) {
        return Err(FieldError::new(
            "prefix",
            "คำนำหน้าชื่อมีอักขระควบคุมที่ไม่อนุญาต",
            "The title prefix contains control characters",
        ));
    }
    Ok(value)
}

/// A name as it is written: a Thai title joined to the given name ("นางสาวฤทัย"), a Latin one
/// followed by a space ("Ms. Anna"), the surname after a space when there is one.
pub fn full_name(title: &str, first: &str, last: &str) -> String {
    let title = title.trim();
    let joiner = if !title.is_empty() && title.is_ascii() {
        " "
    } else {
        ""
    };
    let name = format!("{title}{joiner}{}", first.trim());
    match last.trim() {
        "" => name,
        last => format!("{name} {last}"),
    }
}

/// Whether the title is a monk's, novice's or nun's, who has no surname.
pub fn is_clergy(title: &str) -> bool {
    let t = title.trim();
    CLERGY.iter().any(|c| t.starts_with(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_title_is_kept_as_typed() {
        for t in [
            "พ.ต.อ.",
            "ว่าที่ ร.ต.",
            "เด็กหญิง",
            "นพ.",
            "ศ.ดร.",
            "พระครูใบฎีกา",
            "สามเณร",
            "ม.ล.",
            "Mr.",
        ] {
            assert_eq!(title(t).unwrap(), t);
        }
        assert_eq!(title(" ผศ.(พิเศษ)   ดร. ").unwrap(), "ผศ.(พิเศษ) ดร.");
        assert!(title(&"ก".repeat(TITLE_MAX + 1)).is_err());
    }

    #[test]
    fn names_are_written_as_thai_and_latin_titles_are() {
        assert_eq!(full_name("นางสาว", "ฤทัย", "ศรีสุข"), "นางสาวฤทัย ศรีสุข");
        assert_eq!(full_name("Ms.", "Anna", "Berg"), "Ms. Anna Berg");
        assert_eq!(full_name("พระครู", "สมชาย", ""), "พระครูสมชาย");
        assert_eq!(full_name("", "สมชาย", "ใจดี"), "สมชาย ใจดี");
    }

    #[test]
    fn monks_novices_and_nuns_are_clergy() {
        for t in ["พระ", "พระครูใบฎีกา", "พระอธิการ", "สามเณร", "แม่ชี"]
        {
            assert!(is_clergy(t), "{t}");
        }
        for t in ["นาย", "พ.ต.อ.", "ผศ.ดร.", ""] {
            assert!(!is_clergy(t), "{t}");
        }
    }
}
