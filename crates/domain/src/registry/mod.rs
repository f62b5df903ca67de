//! The network registry: sectors, organization kinds, and the validated inputs that create
//! organizations, people, working groups and their members.

pub mod import;
pub mod titles;

use crate::text::{self, NAME_MAX, SHORT_MAX};
use crate::{FieldError, Invalid};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

coded_enum!(Sector {
    Public = "public", "ภาครัฐ", "Public sector";
    Private = "private", "ภาคธุรกิจเอกชน", "Private business";
    Community = "community", "ภาคชุมชน/ประชาสังคม", "Community and civil society";
    Education = "education", "ภาคการศึกษา", "Education";
    Religion = "religion", "ภาคศาสนา", "Religious institutions";
    Media = "media", "ภาคสื่อมวลชน", "Media";
});

coded_enum!(OrgKind {
    Government = "government", "หน่วยงานภาครัฐ", "Government agency";
    Education = "education", "สถานศึกษา", "School or university";
    Religious = "religious", "ศาสนสถาน/องค์กรศาสนา", "Temple, mosque, church or religious body";
    Company = "company", "บริษัท/ภาคธุรกิจ", "Company";
    Community = "community", "ชุมชน", "Community";
    Media = "media", "สื่อมวลชน", "Media";
    CivilSociety = "civil_society", "องค์กรภาคประชาสังคม", "Civil-society group";
});

/// Words offices write for a kind of organization, besides its code and labels.
const KIND_WORDS: &[(&str, OrgKind)] = &[
    ("ส่วนราชการ", OrgKind::Government),
    ("หน่วยงานราชการ", OrgKind::Government),
    ("ราชการ", OrgKind::Government),
    ("ภาครัฐ", OrgKind::Government),
    ("รัฐ", OrgKind::Government),
    ("รัฐวิสาหกิจ", OrgKind::Government),
    ("องค์กรปกครองส่วนท้องถิ่น", OrgKind::Government),
    ("อปท.", OrgKind::Government),
    ("เทศบาล", OrgKind::Government),
    ("อบต.", OrgKind::Government),
    ("อบจ.", OrgKind::Government),
    ("government", OrgKind::Government),
    ("public", OrgKind::Government),
    ("โรงเรียน", OrgKind::Education),
    ("สถานศึกษา", OrgKind::Education),
    ("การศึกษา", OrgKind::Education),
    ("มหาวิทยาลัย", OrgKind::Education),
    ("วิทยาลัย", OrgKind::Education),
    ("school", OrgKind::Education),
    ("university", OrgKind::Education),
    ("วัด", OrgKind::Religious),
    ("ศาสนสถาน", OrgKind::Religious),
    ("องค์กรศาสนา", OrgKind::Religious),
    ("ศาสนา", OrgKind::Religious),
    ("มัสยิด", OrgKind::Religious),
    ("โบสถ์", OrgKind::Religious),
    ("คริสตจักร", OrgKind::Religious),
    ("temple", OrgKind::Religious),
    ("religious", OrgKind::Religious),
    ("บริษัท", OrgKind::Company),
    ("ห้างหุ้นส่วน", OrgKind::Company),
    ("ห้างร้าน", OrgKind::Company),
    ("ร้านค้า", OrgKind::Company),
    ("เอกชน", OrgKind::Company),
    ("ธุรกิจ", OrgKind::Company),
    ("ภาคธุรกิจ", OrgKind::Company),
    ("business", OrgKind::Company),
    ("private", OrgKind::Company),
    ("ชุมชน", OrgKind::Community),
    ("หมู่บ้าน", OrgKind::Community),
    ("village", OrgKind::Community),
    ("สื่อ", OrgKind::Media),
    ("สื่อมวลชน", OrgKind::Media),
    ("สถานีวิทยุ", OrgKind::Media),
    ("สถานีโทรทัศน์", OrgKind::Media),
    ("หนังสือพิมพ์", OrgKind::Media),
    ("ประชาสังคม", OrgKind::CivilSociety),
    ("ภาคประชาสังคม", OrgKind::CivilSociety),
    ("มูลนิธิ", OrgKind::CivilSociety),
    ("สมาคม", OrgKind::CivilSociety),
    ("ชมรม", OrgKind::CivilSociety),
    ("กลุ่ม", OrgKind::CivilSociety),
    ("เครือข่าย", OrgKind::CivilSociety),
    ("องค์กรไม่แสวงหากำไร", OrgKind::CivilSociety),
    ("ngo", OrgKind::CivilSociety),
    ("foundation", OrgKind::CivilSociety),
    ("association", OrgKind::CivilSociety),
];

/// Words offices write for a network, besides its code and labels.
const SECTOR_WORDS: &[(&str, Sector)] = &[
    ("รัฐ", Sector::Public),
    ("ภาครัฐบาล", Sector::Public),
    ("ราชการ", Sector::Public),
    ("government", Sector::Public),
    ("เอกชน", Sector::Private),
    ("ภาคเอกชน", Sector::Private),
    ("ธุรกิจ", Sector::Private),
    ("ภาคธุรกิจ", Sector::Private),
    ("business", Sector::Private),
    ("ชุมชน", Sector::Community),
    ("ภาคชุมชน", Sector::Community),
    ("ประชาสังคม", Sector::Community),
    ("ภาคประชาสังคม", Sector::Community),
    ("civil society", Sector::Community),
    ("การศึกษา", Sector::Education),
    ("ศึกษา", Sector::Education),
    ("ภาคการศึกษา", Sector::Education),
    ("ศาสนา", Sector::Religion),
    ("religious", Sector::Religion),
    ("สื่อ", Sector::Media),
    ("สื่อมวลชน", Sector::Media),
    ("ภาคสื่อ", Sector::Media),
];

/// A word compared as offices vary it: case, spaces and a trailing full stop do not count.
fn folded(text: &str) -> String {
    text.trim()
        .trim_end_matches('.')
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn from_words<T: Copy>(text: &str, words: &[(&str, T)]) -> Option<T> {
    let wanted = folded(text);
    words
        .iter()
        .find(|(w, _)| folded(w) == wanted)
        .map(|(_, v)| *v)
}

impl OrgKind {
    /// The code, either label, or a word an office would write ("โรงเรียน", "มูลนิธิ").
    pub fn from_words(text: &str) -> Option<OrgKind> {
        OrgKind::parse_loose(text).or_else(|| from_words(text, KIND_WORDS))
    }
}

impl Sector {
    /// The code, either label, or a word an office would write ("ภาคเอกชน", "สื่อ").
    pub fn from_words(text: &str) -> Option<Sector> {
        Sector::parse_loose(text).or_else(|| from_words(text, SECTOR_WORDS))
    }
}

coded_enum!(MemberRole {
    Chair = "chair", "ประธาน", "Chair";
    ViceChair = "vice_chair", "รองประธาน", "Vice-chair";
    Secretary = "secretary", "เลขานุการ", "Secretary";
    Member = "member", "กรรมการ", "Member";
});

/// The text of an organization form or spreadsheet row, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct OrgForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub sectors: Vec<String>,
    #[serde(default)]
    pub district: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub address: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgInput {
    pub name: String,
    pub kind: OrgKind,
    pub sectors: Vec<Sector>,
    pub district: i64,
    pub phone: String,
    pub email: String,
    pub address: String,
}

impl OrgForm {
    /// Checks every field; `district_in_province` says whether a code is a district of the
    /// province the organization is registered in.
    pub fn validate(
        &self,
        district_in_province: impl Fn(i64) -> bool,
    ) -> Result<OrgInput, Invalid> {
        let mut errors = Invalid::default();
        let name = collect(
            &mut errors,
            text::required(&self.name, "name", ("ชื่อหน่วยงาน", "Name"), NAME_MAX),
        );
        let kind = OrgKind::from_words(&self.kind);
        if kind.is_none() {
            errors.push(if self.kind.trim().is_empty() {
                FieldError::new(
                    "kind",
                    "กรุณาเลือกประเภทหน่วยงาน",
                    "Choose the kind of organization",
                )
            } else {
                FieldError::new(
                    "kind",
                    format!(
                        "กรุณาเลือกประเภทหน่วยงาน: ไม่รู้จักประเภท \"{}\" (ใช้ได้: {})",
                        self.kind.trim(),
                        OrgKind::ALL
                            .iter()
                            .map(|k| k.label_th())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    format!(
                        "Choose the kind of organization: \"{}\" is not known (use one of: {})",
                        self.kind.trim(),
                        OrgKind::ALL
                            .iter()
                            .map(|k| k.label_en())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
            });
        }
        let sectors = parse_sectors(&self.sectors, "sectors", &mut errors);
        let district = parse_district(&self.district, &district_in_province, &mut errors);
        let phone = collect(&mut errors, text::phone(&self.phone, "phone"));
        let email = collect(&mut errors, text::email(&self.email, "email"));
        let address = collect(
            &mut errors,
            text::optional(&self.address, "address", ("ที่อยู่", "Address"), 500),
        );
        errors.into_result(|| OrgInput {
            name: name.unwrap_or_default(),
            kind: kind.unwrap_or(OrgKind::Community),
            sectors,
            district: district.unwrap_or_default(),
            phone: phone.unwrap_or_default(),
            email: email.unwrap_or_default(),
            address: address.unwrap_or_default(),
        })
    }
}

/// The text of a person form or spreadsheet row, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PersonForm {
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub first_name: String,
    #[serde(default)]
    pub last_name: String,
    #[serde(default)]
    pub position: String,
    #[serde(default)]
    pub organization: String,
    #[serde(default)]
    pub networks: Vec<String>,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub consent: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonInput {
    pub prefix: String,
    pub first_name: String,
    pub last_name: String,
    pub position: String,
    pub organization: Option<i64>,
    pub networks: Vec<Sector>,
    pub phone: String,
    pub email: String,
}

impl PersonForm {
    pub fn validate(&self) -> Result<PersonInput, Invalid> {
        let mut errors = Invalid::default();
        let prefix = collect(&mut errors, titles::title(&self.prefix)).unwrap_or_default();
        let first_name = collect(
            &mut errors,
            text::required(
                &self.first_name,
                "first_name",
                ("ชื่อ", "First name"),
                SHORT_MAX,
            ),
        );
        let last_name = collect(
            &mut errors,
            text::optional(
                &self.last_name,
                "last_name",
                ("นามสกุล", "Last name"),
                SHORT_MAX,
            ),
        );
        let position = collect(
            &mut errors,
            text::optional(&self.position, "position", ("ตำแหน่ง", "Position"), NAME_MAX),
        );
        let organization = match self.organization.trim() {
            "" => None,
            id => match id.parse::<i64>() {
                Ok(id) => Some(id),
                Err(_) => {
                    errors.push(FieldError::new(
                        "organization",
                        "กรุณาเลือกหน่วยงานจากรายการ",
                        "Choose an organization from the list",
                    ));
                    None
                }
            },
        };
        let networks = parse_sectors(&self.networks, "networks", &mut errors);
        let phone = collect(&mut errors, text::phone(&self.phone, "phone"));
        let email = collect(&mut errors, text::email(&self.email, "email"));
        if !matches!(self.consent.trim(), "on" | "yes" | "true" | "1" | "ยินยอม") {
            errors.push(FieldError::new(
                "consent",
                "ต้องได้รับความยินยอมของเจ้าของข้อมูลก่อนบันทึก (พ.ร.บ. คุ้มครองข้อมูลส่วนบุคคล)",
                "The person's consent is required before their data is recorded (PDPA)",
            ));
        }
        errors.into_result(|| PersonInput {
            prefix,
            first_name: first_name.unwrap_or_default(),
            last_name: last_name.unwrap_or_default(),
            position: position.unwrap_or_default(),
            organization,
            networks,
            phone: phone.unwrap_or_default(),
            email: email.unwrap_or_default(),
        })
    }
}

/// The text of a working-group form.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct WorkingGroupForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub order_number: String,
    #[serde(default)]
    pub order_date: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkingGroupInput {
    pub name: String,
    pub order_number: String,
    pub order_date: Option<NaiveDate>,
}

impl WorkingGroupForm {
    pub fn validate(&self) -> Result<WorkingGroupInput, Invalid> {
        let mut errors = Invalid::default();
        let name = collect(
            &mut errors,
            text::required(&self.name, "name", ("ชื่อคณะทำงาน", "Name"), NAME_MAX),
        );
        let order_number = collect(
            &mut errors,
            text::optional(
                &self.order_number,
                "order_number",
                ("เลขที่คำสั่ง", "Order number"),
                60,
            ),
        );
        let order_date = optional_date(&self.order_date, "order_date", &mut errors);
        errors.into_result(|| WorkingGroupInput {
            name: name.unwrap_or_default(),
            order_number: order_number.unwrap_or_default(),
            order_date,
        })
    }
}

/// The text of a form that adds a member to a working group.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct MemberForm {
    #[serde(default)]
    pub person: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub term_start: String,
    #[serde(default)]
    pub term_end: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberInput {
    pub person: i64,
    pub role: MemberRole,
    pub term_start: Option<NaiveDate>,
    pub term_end: Option<NaiveDate>,
}

impl MemberForm {
    pub fn validate(&self) -> Result<MemberInput, Invalid> {
        let mut errors = Invalid::default();
        let person = self.person.trim().parse::<i64>().ok();
        if person.is_none() {
            errors.push(FieldError::new(
                "person",
                "กรุณาเลือกบุคคลจากรายการ",
                "Choose a person from the list",
            ));
        }
        let role = MemberRole::parse(&self.role);
        if role.is_none() {
            errors.push(FieldError::new("role", "กรุณาเลือกบทบาท", "Choose a role"));
        }
        let term_start = optional_date(&self.term_start, "term_start", &mut errors);
        let term_end = optional_date(&self.term_end, "term_end", &mut errors);
        if let (Some(s), Some(e)) = (term_start, term_end)
            && e < s
        {
            errors.push(FieldError::new(
                "term_end",
                "วันสิ้นสุดวาระต้องไม่ก่อนวันเริ่มวาระ",
                "The end of the term cannot be before its start",
            ));
        }
        errors.into_result(|| MemberInput {
            person: person.unwrap_or_default(),
            role: role.unwrap_or(MemberRole::Member),
            term_start,
            term_end,
        })
    }
}

pub(crate) fn collect<T>(errors: &mut Invalid, result: Result<T, FieldError>) -> Option<T> {
    result.map_err(|e| errors.push(e)).ok()
}

fn parse_sectors(raw: &[String], field: &'static str, errors: &mut Invalid) -> Vec<Sector> {
    let mut sectors = Vec::new();
    for text in raw.iter().flat_map(|s| s.split([',', ';', '|'])) {
        if text.trim().is_empty() {
            continue;
        }
        match Sector::from_words(text) {
            Some(s) if !sectors.contains(&s) => sectors.push(s),
            Some(_) => {}
            None => errors.push(FieldError::new(
                field,
                format!("ไม่รู้จักภาคีเครือข่าย \"{}\"", text.trim()),
                format!("Unknown network \"{}\"", text.trim()),
            )),
        }
    }
    if sectors.is_empty() && errors.for_field(field).is_none() {
        errors.push(FieldError::new(
            field,
            "กรุณาเลือกภาคีเครือข่ายอย่างน้อยหนึ่งภาค",
            "Choose at least one network",
        ));
    }
    sectors.sort();
    sectors
}

fn parse_district(
    raw: &str,
    district_in_province: &impl Fn(i64) -> bool,
    errors: &mut Invalid,
) -> Option<i64> {
    let code = sermphalang_thai::to_arabic_digits(raw.trim());
    if code.is_empty() {
        errors.push(FieldError::required("district", "อำเภอ", "District"));
        return None;
    }
    match code.parse::<i64>() {
        Ok(c) if district_in_province(c) => Some(c),
        _ => {
            errors.push(FieldError::new(
                "district",
                format!("ไม่พบอำเภอ \"{}\" ในจังหวัดนี้", raw.trim()),
                format!("No district \"{}\" in this province", raw.trim()),
            ));
            None
        }
    }
}

pub(crate) fn optional_date(
    raw: &str,
    field: &'static str,
    errors: &mut Invalid,
) -> Option<NaiveDate> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    // HTML date inputs send C.E. ISO dates; people type B.E. dates.
    let parsed = sermphalang_thai::parse_iso_date(raw)
        .ok()
        .filter(|d| sermphalang_thai::be_year(*d) < 2700 && chrono::Datelike::year(d) < 2400)
        .map(Ok)
        .unwrap_or_else(|| sermphalang_thai::parse_be_date(raw));
    match parsed {
        Ok(d) => Some(d),
        Err(e) => {
            errors.push(FieldError::new(field, e.message_th(), e.to_string()));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_networks_as_offices_write_them() {
        assert_eq!(OrgKind::from_words("โรงเรียน"), Some(OrgKind::Education));
        assert_eq!(OrgKind::from_words(" มูลนิธิ "), Some(OrgKind::CivilSociety));
        assert_eq!(OrgKind::from_words("อบต"), Some(OrgKind::Government));
        assert_eq!(OrgKind::from_words("NGO"), Some(OrgKind::CivilSociety));
        assert_eq!(OrgKind::from_words("ปราสาท"), None);
        assert_eq!(Sector::from_words("ภาคเอกชน"), Some(Sector::Private));
        assert_eq!(Sector::from_words("สื่อ"), Some(Sector::Media));
    }

    fn org_form() -> OrgForm {
        OrgForm {
            name: "วัดโพธิสมภรณ์".into(),
            kind: "religious".into(),
            sectors: vec!["religion".into(), "ภาคการศึกษา".into()],
            district: "4101".into(),
            phone: "042-000-101".into(),
            email: String::new(),
            address: String::new(),
        }
    }

    #[test]
    fn a_good_organization_validates() {
        let org = org_form().validate(|d| d / 100 == 41).unwrap();
        assert_eq!(org.kind, OrgKind::Religious);
        assert_eq!(org.sectors, vec![Sector::Education, Sector::Religion]);
        assert_eq!(org.district, 4101);
    }

    #[test]
    fn every_bad_field_is_named() {
        let form = OrgForm {
            name: " ".into(),
            kind: "castle".into(),
            sectors: vec!["army".into()],
            district: "1001".into(),
            phone: "x".into(),
            email: "nope".into(),
            address: String::new(),
        };
        let errors = form.validate(|d| d / 100 == 41).unwrap_err();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            ["name", "kind", "sectors", "district", "phone", "email"]
        );
        assert!(errors.summary_th().contains("army"));
    }

    #[test]
    fn thai_digits_in_district_codes_are_read() {
        let mut form = org_form();
        form.district = "๔๑๐๑".into();
        assert_eq!(form.validate(|d| d == 4101).unwrap().district, 4101);
    }

    #[test]
    fn people_need_consent_and_keep_their_title_as_typed() {
        let form = PersonForm {
            prefix: "พ.ต.อ.ดร.".into(),
            first_name: "สมหญิง".into(),
            networks: vec!["media".into()],
            ..PersonForm::default()
        };
        let errors = form.validate().unwrap_err();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["consent"]);
        let ok = PersonForm {
            consent: "on".into(),
            ..form
        };
        let input = ok.validate().unwrap();
        assert_eq!(input.networks, [Sector::Media]);
        assert_eq!(input.prefix, "พ.ต.อ.ดร.");
    }

    #[test]
    fn member_terms_are_ordered_and_dates_read_in_either_era() {
        let form = MemberForm {
            person: "7".into(),
            role: "chair".into(),
            term_start: "2022-01-01".into(),
            term_end: "31/12/2564".into(),
        };
        let errors = form.validate().unwrap_err();
        assert_eq!(errors.0[0].field, "term_end");
        let ok = MemberForm {
            term_end: "31/12/2566".into(),
            ..form
        };
        let m = ok.validate().unwrap();
        assert_eq!(m.term_end, NaiveDate::from_ymd_opt(2023, 12, 31));
    }

    #[test]
    fn working_group_order_date_in_buddhist_era() {
        let form = WorkingGroupForm {
            name: "คณะทำงาน".into(),
            order_number: "12/2565".into(),
            order_date: "18/2/2565".into(),
        };
        assert_eq!(
            form.validate().unwrap().order_date,
            NaiveDate::from_ymd_opt(2022, 2, 18)
        );
    }
}
