//! The columns of registry spreadsheets: the same for import and export, so an exported file
//! can be edited and imported again. Headers are accepted in Thai or English.

use crate::FieldError;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    Organizations,
    People,
}

pub struct Column {
    pub field: &'static str,
    pub th: &'static str,
    pub en: &'static str,
    pub required: bool,
}

const fn col(field: &'static str, th: &'static str, en: &'static str, required: bool) -> Column {
    Column {
        field,
        th,
        en,
        required,
    }
}

pub const ORG_COLUMNS: &[Column] = &[
    col("name", "ชื่อหน่วยงาน", "name", true),
    col("kind", "ประเภท", "kind", true),
    col("sectors", "ภาคีเครือข่าย", "networks", true),
    col("district", "อำเภอ", "district", true),
    col("phone", "โทรศัพท์", "phone", false),
    col("email", "อีเมล", "email", false),
    col("address", "ที่อยู่", "address", false),
];

pub const PERSON_COLUMNS: &[Column] = &[
    col("prefix", "คำนำหน้า", "prefix", false),
    col("first_name", "ชื่อ", "first_name", true),
    col("last_name", "นามสกุล", "last_name", false),
    col("position", "ตำแหน่ง", "position", false),
    col("organization", "หน่วยงาน", "organization", false),
    col("networks", "ภาคีเครือข่าย", "networks", true),
    col("phone", "โทรศัพท์", "phone", false),
    col("email", "อีเมล", "email", false),
    col("consent", "ความยินยอม", "consent", true),
];

impl ImportKind {
    pub fn columns(self) -> &'static [Column] {
        match self {
            ImportKind::Organizations => ORG_COLUMNS,
            ImportKind::People => PERSON_COLUMNS,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            ImportKind::Organizations => "organizations",
            ImportKind::People => "people",
        }
    }

    pub fn parse(code: &str) -> Option<ImportKind> {
        [ImportKind::Organizations, ImportKind::People]
            .into_iter()
            .find(|k| k.code() == code)
    }

    /// For each header of the file, the field it fills (or none for an extra column). Fails
    /// naming every required column that is missing and every column given twice.
    pub fn map_headers(self, headers: &[String]) -> Result<Vec<Option<&'static str>>, FieldError> {
        let columns = self.columns();
        let mapped: Vec<Option<&'static str>> = headers
            .iter()
            .map(|h| {
                let h = h.trim().trim_start_matches('\u{feff}');
                columns
                    .iter()
                    .find(|c| c.th == h || c.en.eq_ignore_ascii_case(h) || c.field == h)
                    .map(|c| c.field)
            })
            .collect();
        let missing: Vec<&Column> = columns
            .iter()
            .filter(|c| c.required && !mapped.contains(&Some(c.field)))
            .collect();
        if !missing.is_empty() {
            let th: Vec<&str> = missing.iter().map(|c| c.th).collect();
            let en: Vec<&str> = missing.iter().map(|c| c.en).collect();
            return Err(FieldError::new(
                "file",
                format!(
                    "ไฟล์ไม่มีคอลัมน์ที่จำเป็น: {} (แถวแรกต้องเป็นหัวคอลัมน์: {})",
                    th.join(", "),
                    columns.iter().map(|c| c.th).collect::<Vec<_>>().join(", ")
                ),
                format!("The file lacks the required columns: {}", en.join(", ")),
            ));
        }
        for (i, m) in mapped.iter().enumerate() {
            if m.is_some() && mapped[..i].contains(m) {
                return Err(FieldError::new(
                    "file",
                    format!("คอลัมน์ \"{}\" ซ้ำกัน", headers[i].trim()),
                    format!("The column \"{}\" appears twice", headers[i].trim()),
                ));
            }
        }
        Ok(mapped)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn thai_and_english_headers_are_read() {
        let h = strings(&[
            "\u{feff}ชื่อหน่วยงาน",
            "kind",
            "ภาคีเครือข่าย",
            "District",
            "หมายเหตุ",
        ]);
        let m = ImportKind::Organizations.map_headers(&h).unwrap();
        assert_eq!(
            m,
            [
                Some("name"),
                Some("kind"),
                Some("sectors"),
                Some("district"),
                None
            ]
        );
    }

    #[test]
    fn missing_and_repeated_columns_are_named() {
        let e = ImportKind::People
            .map_headers(&strings(&["ชื่อ", "นามสกุล"]))
            .unwrap_err();
        assert!(
            e.th.contains("ภาคีเครือข่าย") && e.th.contains("ความยินยอม"),
            "{}",
            e.th
        );
        let e = ImportKind::Organizations
            .map_headers(&strings(&[
                "name",
                "ชื่อหน่วยงาน",
                "kind",
                "networks",
                "district",
            ]))
            .unwrap_err();
        assert!(e.th.contains("ซ้ำ"), "{}", e.th);
    }
}
