//! Registering for an event: the form, who is the same person, and where a new registration
//! goes (confirmed, awaiting approval, or the waiting list).

use crate::registry::{Sector, collect, titles};
use crate::text::{self, NAME_MAX, SHORT_MAX};
use crate::{FieldError, Invalid};
use serde::{Deserialize, Serialize};

coded_enum!(RegistrationStatus {
    Pending = "pending", "รออนุมัติ", "Awaiting approval";
    Confirmed = "confirmed", "ยืนยันแล้ว", "Confirmed";
    Waitlisted = "waitlisted", "รายชื่อสำรอง", "Waiting list";
    Cancelled = "cancelled", "ยกเลิกแล้ว", "Cancelled";
    Rejected = "rejected", "ไม่อนุมัติ", "Not approved";
});

impl RegistrationStatus {
    /// Whether the registration holds one of the event's places.
    pub fn holds_place(self) -> bool {
        matches!(self, Self::Pending | Self::Confirmed)
    }
}

/// Where a new registration goes, given the places already held.
pub fn admit(capacity: Option<u32>, held: u32, approval_required: bool) -> RegistrationStatus {
    if capacity.is_some_and(|c| held >= c) {
        RegistrationStatus::Waitlisted
    } else if approval_required {
        RegistrationStatus::Pending
    } else {
        RegistrationStatus::Confirmed
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct RegistrationForm {
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub first_name: String,
    #[serde(default)]
    pub last_name: String,
    #[serde(default)]
    pub organization: String,
    #[serde(default)]
    pub network: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub consent: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegistrationInput {
    pub prefix: String,
    pub first_name: String,
    pub last_name: String,
    pub organization: String,
    pub network: Option<Sector>,
    pub phone: String,
    pub email: String,
}

impl RegistrationInput {
    /// The name as printed: the prefix joined to the first name, as Thai writes it.
    pub fn full_name(&self) -> String {
        full_name(&self.prefix, &self.first_name, &self.last_name)
    }

    /// What makes two registrations the same person: the name without its prefix, and the
    /// phone number's digits (or the email when there is no phone).
    pub fn identity(&self) -> String {
        identity(&self.first_name, &self.last_name, &self.phone, &self.email)
    }
}

pub use crate::registry::titles::full_name;

pub fn identity(first: &str, last: &str, phone: &str, email: &str) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    // +66 81 234 5678 and 081-234-5678 are the same number.
    let digits = digits
        .strip_prefix("66")
        .map_or(digits.clone(), |rest| format!("0{rest}"));
    let contact = if digits.is_empty() {
        email.trim().to_lowercase()
    } else {
        digits
    };
    let name: Vec<&str> = first
        .split_whitespace()
        .chain(last.split_whitespace())
        .collect();
    format!("{}|{contact}", name.join(" "))
}

impl RegistrationForm {
    pub fn validate(&self) -> Result<RegistrationInput, Invalid> {
        let mut errors = Invalid::default();
        let prefix = collect(&mut errors, titles::title(&self.prefix)).unwrap_or_default();
        if prefix.is_empty() && errors.for_field("prefix").is_none() {
            errors.push(FieldError::required("prefix", "คำนำหน้าชื่อ", "Title prefix"));
        }
        let first_name = collect(
            &mut errors,
            text::required(
                &self.first_name,
                "first_name",
                ("ชื่อ", "First name"),
                SHORT_MAX,
            ),
        );
        // Monks, novices and nuns go by a monastic name without a surname.
        let surname = if titles::is_clergy(&prefix) {
            text::optional
        } else {
            text::required
        };
        let last_name = collect(
            &mut errors,
            surname(
                &self.last_name,
                "last_name",
                ("นามสกุล", "Last name"),
                SHORT_MAX,
            ),
        );
        let organization = collect(
            &mut errors,
            text::optional(
                &self.organization,
                "organization",
                ("หน่วยงาน", "Organization"),
                NAME_MAX,
            ),
        );
        let network = match self.network.trim() {
            "" => None,
            code => {
                let sector = Sector::parse(code);
                if sector.is_none() {
                    errors.push(FieldError::new(
                        "network",
                        "กรุณาเลือกภาคีเครือข่ายจากรายการ",
                        "Choose a network from the list",
                    ));
                }
                sector
            }
        };
        let phone = collect(&mut errors, text::phone(&self.phone, "phone"));
        let email = collect(&mut errors, text::email(&self.email, "email"));
        if phone.as_deref() == Some("") && email.as_deref() == Some("") {
            errors.push(FieldError::new(
                "phone",
                "กรุณาระบุหมายเลขโทรศัพท์หรืออีเมลอย่างน้อยหนึ่งอย่าง",
                "Give a phone number or an email address",
            ));
        }
        if !matches!(self.consent.trim(), "on" | "yes" | "true" | "1") {
            errors.push(FieldError::new(
                "consent",
                "กรุณายินยอมให้เก็บและใช้ข้อมูลส่วนบุคคลเพื่อการจัดงานนี้ (พ.ร.บ. คุ้มครองข้อมูลส่วนบุคคล)",
                "Consent to the use of your personal data for this event is required (PDPA)",
            ));
        }
        errors.into_result(|| RegistrationInput {
            prefix,
            first_name: first_name.unwrap_or_default(),
            last_name: last_name.unwrap_or_default(),
            organization: organization.unwrap_or_default(),
            network,
            phone: phone.unwrap_or_default(),
            email: email.unwrap_or_default(),
        })
    }
}

/// The post-training evaluation: satisfaction 1-5 and a comment.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct FeedbackForm {
    #[serde(default)]
    pub satisfaction: String,
    #[serde(default)]
    pub usefulness: String,
    #[serde(default)]
    pub comments: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeedbackInput {
    pub satisfaction: u8,
    pub usefulness: u8,
    pub comments: String,
}

pub const COMMENTS_MAX: usize = 2000;

impl FeedbackForm {
    pub fn validate(&self) -> Result<FeedbackInput, Invalid> {
        let mut errors = Invalid::default();
        let mut score = |raw: &str, field: &'static str, th: &str, en: &str| {
            let value = sermphalang_thai::to_arabic_digits(raw.trim())
                .parse::<u8>()
                .ok();
            match value.filter(|v| (1..=5).contains(v)) {
                Some(v) => v,
                None => {
                    errors.push(FieldError::new(
                        field,
                        format!("กรุณาให้คะแนน{th} 1 ถึง 5"),
                        format!("Rate {en} from 1 to 5"),
                    ));
                    0
                }
            }
        };
        let satisfaction = score(
            &self.satisfaction,
            "satisfaction",
            "ความพึงพอใจ",
            "your satisfaction",
        );
        let usefulness = score(
            &self.usefulness,
            "usefulness",
            "ประโยชน์ที่ได้รับ",
            "how useful it was",
        );
        let comments = collect(
            &mut errors,
            text::optional_multiline(
                &self.comments,
                "comments",
                ("ข้อเสนอแนะ", "Comments"),
                COMMENTS_MAX,
            ),
        );
        errors.into_result(|| FeedbackInput {
            satisfaction,
            usefulness,
            comments: comments.unwrap_or_default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> RegistrationForm {
        RegistrationForm {
            prefix: "นางสาว".into(),
            first_name: " ฤทัย ".into(),
            last_name: "ศรีสุข".into(),
            organization: "โรงเรียนอุดรพิชัยรักษ์พิทยา".into(),
            network: "education".into(),
            phone: "081-234-5678".into(),
            email: String::new(),
            consent: "on".into(),
        }
    }

    #[test]
    fn a_registration_with_a_phone() {
        let input = form().validate().unwrap();
        assert_eq!(input.full_name(), "นางสาวฤทัย ศรีสุข");
        assert_eq!(input.network, Some(Sector::Education));
    }

    #[test]
    fn the_same_person_is_recognised_across_formats() {
        let a = form().validate().unwrap();
        let b = RegistrationForm {
            prefix: "นาง".into(),
            phone: "+66 81 234 5678".into(),
            ..form()
        }
        .validate()
        .unwrap();
        assert_eq!(a.identity(), b.identity());
        let other = RegistrationForm {
            phone: "081-234-5679".into(),
            ..form()
        }
        .validate()
        .unwrap();
        assert_ne!(a.identity(), other.identity());
    }

    #[test]
    fn consent_and_a_contact_are_required() {
        let bad = RegistrationForm {
            prefix: String::new(),
            phone: String::new(),
            consent: String::new(),
            network: "party".into(),
            ..form()
        };
        let errors = bad.validate().unwrap_err();
        for field in ["prefix", "phone", "consent", "network"] {
            assert!(errors.for_field(field).is_some(), "{field}");
        }
    }

    #[test]
    fn every_title_registers_and_clergy_need_no_surname() {
        for prefix in [
            "พ.ต.อ.",
            "ว่าที่ ร.ต.",
            "เด็กชาย",
            "นพ.",
            "ศ.ดร.",
            "ม.ล.",
            "Ms.",
        ] {
            let input = RegistrationForm {
                prefix: prefix.into(),
                ..form()
            }
            .validate()
            .unwrap();
            assert_eq!(input.prefix, prefix);
        }
        let monk = RegistrationForm {
            prefix: "พระครูใบฎีกา".into(),
            first_name: "สมชาย ฐิตธมฺโม".into(),
            last_name: String::new(),
            ..form()
        }
        .validate()
        .unwrap();
        assert_eq!(monk.full_name(), "พระครูใบฎีกาสมชาย ฐิตธมฺโม");
        let layman = RegistrationForm {
            last_name: String::new(),
            ..form()
        };
        assert!(
            layman
                .validate()
                .unwrap_err()
                .for_field("last_name")
                .is_some()
        );
    }

    #[test]
    fn full_events_send_people_to_the_waiting_list() {
        use RegistrationStatus::*;
        assert_eq!(admit(Some(40), 39, false), Confirmed);
        assert_eq!(admit(Some(40), 39, true), Pending);
        assert_eq!(admit(Some(40), 40, false), Waitlisted);
        assert_eq!(admit(Some(40), 41, true), Waitlisted);
        assert_eq!(admit(None, 10_000, false), Confirmed);
    }

    #[test]
    fn feedback_scores_are_one_to_five() {
        let ok = FeedbackForm {
            satisfaction: "๕".into(),
            usefulness: "4".into(),
            comments: "ได้ความรู้มาก".into(),
        };
        assert_eq!(ok.validate().unwrap().satisfaction, 5);
        let bad = FeedbackForm {
            satisfaction: "6".into(),
            usefulness: String::new(),
            comments: String::new(),
        };
        let errors = bad.validate().unwrap_err();
        assert!(errors.for_field("satisfaction").is_some());
        assert!(errors.for_field("usefulness").is_some());
    }
}
