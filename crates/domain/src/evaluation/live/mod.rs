//! The live workshop: what a participant types to join from a phone, and the states of the
//! questions a facilitator opens, closes and reveals.

use super::forms::{DISPLAY_NAME_MAX, checked, optional_network};
use crate::registry::{Sector, collect};
use crate::{FieldError, Invalid, text};
use serde::{Deserialize, Serialize};

coded_enum!(QuestionState {
    Ready = "ready", "ยังไม่เปิด", "Not open yet";
    Open = "open", "เปิดรับคำตอบ", "Open";
    Closed = "closed", "ปิดแล้ว", "Closed";
});

/// What a participant types to join a live session on a phone.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct JoinForm {
    #[serde(default)]
    pub display_name: String,
    #[serde(default)]
    pub network: String,
    #[serde(default)]
    pub consent: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinInput {
    pub display_name: String,
    pub network: Option<Sector>,
}

impl JoinForm {
    pub fn validate(&self) -> Result<JoinInput, Invalid> {
        let mut errors = Invalid::default();
        let display_name = collect(
            &mut errors,
            text::required(
                &self.display_name,
                "display_name",
                ("ชื่อที่แสดง", "Display name"),
                DISPLAY_NAME_MAX,
            ),
        );
        let network = optional_network(&self.network, &mut errors);
        if !checked(&self.consent) {
            errors.push(FieldError::new(
                "consent",
                "กรุณายินยอมให้บันทึกชื่อที่แสดงและคำตอบเพื่อใช้ในการประเมินครั้งนี้",
                "Please agree that your display name and answers are recorded for this evaluation",
            ));
        }
        errors.into_result(|| JoinInput {
            display_name: display_name.unwrap_or_default(),
            network,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joining_needs_a_name_and_consent() {
        let errors = JoinForm::default().validate().unwrap_err();
        assert!(errors.for_field("display_name").is_some());
        assert!(errors.for_field("consent").is_some());
        let ok = JoinForm {
            display_name: "สมศรี".into(),
            network: "community".into(),
            consent: "on".into(),
        }
        .validate()
        .unwrap();
        assert_eq!(ok.network, Some(Sector::Community));
    }
}
