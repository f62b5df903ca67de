//! What national staff type to correct or add a national reference, and what a province types
//! for its own virtues.

use serde::{Deserialize, Serialize};

use super::ReferenceKind;
use crate::registry::collect;
use crate::{FieldError, Invalid, text};

const NAME_MAX: usize = 300;

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ReferenceForm {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub name_th: String,
    #[serde(default)]
    pub name_en: String,
    /// A province virtue's "problem we want to solve".
    #[serde(default)]
    pub problem: String,
    /// "on" when the reference is withdrawn from new choices.
    #[serde(default)]
    pub archived: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReferenceInput {
    pub kind: ReferenceKind,
    pub name_th: String,
    pub name_en: String,
    pub problem: String,
    pub archived: bool,
}

impl ReferenceForm {
    /// Checks a reference; `kinds` are those the person may add here.
    pub fn validate(&self, kinds: &[ReferenceKind]) -> Result<ReferenceInput, Invalid> {
        let mut errors = Invalid::default();
        let kind = ReferenceKind::parse(&self.kind).filter(|k| kinds.contains(k));
        if kind.is_none() {
            errors.push(FieldError::new(
                "kind",
                "กรุณาเลือกประเภท (ยุทธศาสตร์ชาติ แผนแม่บท หรือคุณธรรมเป้าหมาย)",
                "Choose a kind (National Strategy, Master Plan or target virtue)",
            ));
        }
        let name_th = collect(
            &mut errors,
            text::required(
                &self.name_th,
                "name_th",
                ("ชื่อภาษาไทย", "Thai name"),
                NAME_MAX,
            ),
        );
        let name_en = collect(
            &mut errors,
            text::optional(
                &self.name_en,
                "name_en",
                ("ชื่อภาษาอังกฤษ", "English name"),
                NAME_MAX,
            ),
        );
        let problem = collect(
            &mut errors,
            text::optional(
                &self.problem,
                "problem",
                ("ปัญหาที่อยากแก้", "Problem to solve"),
                NAME_MAX,
            ),
        );
        errors.into_result(|| ReferenceInput {
            kind: kind.unwrap_or(ReferenceKind::Virtue),
            name_th: name_th.unwrap_or_default(),
            name_en: name_en.unwrap_or_default(),
            problem: problem.unwrap_or_default(),
            archived: self.archived == "on",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reference_needs_a_kind_it_may_have_and_a_thai_name() {
        let form = ReferenceForm {
            kind: "province_virtue".into(),
            name_th: " ".into(),
            ..ReferenceForm::default()
        };
        let errors = form.validate(&[ReferenceKind::Virtue]).unwrap_err();
        assert!(errors.for_field("kind").is_some());
        assert!(errors.for_field("name_th").is_some());
        let ok = ReferenceForm {
            kind: "virtue".into(),
            name_th: "ความรับผิดชอบ".into(),
            archived: "on".into(),
            ..ReferenceForm::default()
        }
        .validate(&[ReferenceKind::Virtue])
        .unwrap();
        assert!(ok.archived);
        assert_eq!(ok.name_th, "ความรับผิดชอบ");
    }
}
