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
    /// Other headers offices write for the same column, Thai or English.
    pub also: &'static [&'static str],
}

const fn col(
    field: &'static str,
    th: &'static str,
    en: &'static str,
    required: bool,
    also: &'static [&'static str],
) -> Column {
    Column {
        field,
        th,
        en,
        required,
        also,
    }
}

const PHONE: &[&str] = &[
    "เบอร์โทร",
    "เบอร์โทรศัพท์",
    "โทร",
    "หมายเลขโทรศัพท์",
    "เบอร์ติดต่อ",
    "มือถือ",
    "telephone",
    "tel",
    "mobile",
    "phone number",
];
const EMAIL: &[&str] = &["อีเมล์", "อีเมลล์", "e-mail", "mail", "email address"];
const NETWORKS: &[&str] = &[
    "ภาคส่วน",
    "เครือข่าย",
    "ภาคี",
    "ภาค",
    "network",
    "sector",
    "sectors",
];

pub const ORG_COLUMNS: &[Column] = &[
    col(
        "name",
        "ชื่อหน่วยงาน",
        "name",
        true,
        &[
            "ชื่อองค์กร",
            "หน่วยงาน/องค์กร",
            "ชื่อหน่วยงาน/องค์กร",
            "หน่วยงาน",
            "องค์กร",
            "organization",
            "organisation",
            "organization name",
        ],
    ),
    col(
        "kind",
        "ประเภท",
        "kind",
        true,
        &["ประเภทหน่วยงาน", "ประเภทองค์กร", "type", "category"],
    ),
    col("sectors", "ภาคีเครือข่าย", "networks", true, NETWORKS),
    col(
        "district",
        "อำเภอ",
        "district",
        true,
        &["อำเภอ/เขต", "เขต", "amphoe", "amphur"],
    ),
    col("phone", "โทรศัพท์", "phone", false, PHONE),
    col("email", "อีเมล", "email", false, EMAIL),
    col("address", "ที่อยู่", "address", false, &["ที่ตั้ง", "location"]),
];

pub const PERSON_COLUMNS: &[Column] = &[
    col(
        "prefix",
        "คำนำหน้า",
        "prefix",
        false,
        &["คำนำหน้าชื่อ", "ยศ/คำนำหน้า", "title", "salutation"],
    ),
    col(
        "first_name",
        "ชื่อ",
        "first_name",
        true,
        &["ชื่อจริง", "first name", "given name", "firstname", "name"],
    ),
    col(
        "last_name",
        "นามสกุล",
        "last_name",
        false,
        &["สกุล", "last name", "surname", "family name", "lastname"],
    ),
    col(
        "position",
        "ตำแหน่ง",
        "position",
        false,
        &["job title", "role"],
    ),
    col(
        "organization",
        "หน่วยงาน",
        "organization",
        false,
        &[
            "สังกัด",
            "องค์กร",
            "หน่วยงาน/องค์กร",
            "organisation",
            "affiliation",
        ],
    ),
    col("networks", "ภาคีเครือข่าย", "networks", true, NETWORKS),
    col("phone", "โทรศัพท์", "phone", false, PHONE),
    col("email", "อีเมล", "email", false, EMAIL),
    col(
        "consent",
        "ความยินยอม",
        "consent",
        true,
        &["ยินยอม", "การยินยอม", "pdpa"],
    ),
];

/// A header compared as people vary it: case, spaces, `_` and `-` do not count.
fn folded(header: &str) -> String {
    header
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '.' | ':' | '*'))
        .collect()
}

impl Column {
    fn names(&self, header: &str) -> bool {
        let h = folded(header);
        [self.th, self.en, self.field]
            .iter()
            .chain(self.also)
            .any(|name| folded(name) == h)
    }
}

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
            .map(|h| columns.iter().find(|c| c.names(h)).map(|c| c.field))
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

impl ImportKind {
    /// The column a field fills, for saying in the preview which header was read as what.
    pub fn column(self, field: &str) -> Option<&'static Column> {
        self.columns().iter().find(|c| c.field == field)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_as_offices_write_them() {
        let h = strings(&["ชื่อองค์กร", "ประเภท", "ภาคส่วน", "อำเภอ", "เบอร์โทร", "E-mail"]);
        let m = ImportKind::Organizations.map_headers(&h).unwrap();
        assert_eq!(
            m,
            [
                Some("name"),
                Some("kind"),
                Some("sectors"),
                Some("district"),
                Some("phone"),
                Some("email")
            ]
        );
        let h = strings(&[
            "Title",
            "First Name",
            "Surname",
            "สังกัด",
            "Sector",
            "Consent",
        ]);
        let m = ImportKind::People.map_headers(&h).unwrap();
        assert_eq!(
            m,
            [
                Some("prefix"),
                Some("first_name"),
                Some("last_name"),
                Some("organization"),
                Some("networks"),
                Some("consent")
            ]
        );
    }

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
