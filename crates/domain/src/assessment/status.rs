//! The way an assessment goes from the unit's draft to an awarded level, and who may move it.

use crate::FieldError;
use serde::Serialize;

coded_enum!(Status {
    Draft = "draft", "ฉบับร่าง", "draft";
    Submitted = "submitted", "ส่งแล้ว รอตรวจประเมิน", "submitted";
    Verifying = "verifying", "กำลังตรวจประเมิน", "in verification";
    Awarded = "awarded", "ได้รับการรับรอง", "awarded";
    Returned = "returned", "ส่งกลับให้แก้ไข", "returned";
});

impl Status {
    /// Whether the unit may still change its answers and evidence.
    pub fn editable(self) -> bool {
        matches!(self, Status::Draft | Status::Returned)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Step {
    Submit,
    /// Verifiers are assigned; a submitted assessment goes into verification.
    Assign,
    /// A verifier records agreement or a changed score.
    Verify,
    Award,
    Return,
}

impl Step {
    /// The status after the step, or why it cannot happen from `from`.
    pub fn apply(self, from: Status) -> Result<Status, FieldError> {
        use Status::*;
        let to = match (self, from) {
            (Step::Submit, Draft | Returned) => Submitted,
            (Step::Assign, Submitted | Verifying) => Verifying,
            (Step::Verify, Verifying) => Verifying,
            (Step::Award, Submitted | Verifying) => Awarded,
            (Step::Return, Submitted | Verifying) => Returned,
            _ => {
                return Err(FieldError::new(
                    "status",
                    format!("แบบประเมินที่อยู่ในสถานะ \"{}\" ทำรายการนี้ไม่ได้", from.label_th()),
                    format!(
                        "An assessment that is {} cannot be changed this way",
                        from.label_en()
                    ),
                ));
            }
        };
        Ok(to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_draft_or_returned_assessment_is_submitted() {
        assert_eq!(Step::Submit.apply(Status::Draft), Ok(Status::Submitted));
        assert_eq!(Step::Submit.apply(Status::Returned), Ok(Status::Submitted));
        for from in [Status::Submitted, Status::Verifying, Status::Awarded] {
            assert!(Step::Submit.apply(from).is_err(), "{from:?}");
        }
    }

    #[test]
    fn an_awarded_level_is_final() {
        for step in [Step::Assign, Step::Verify, Step::Award, Step::Return] {
            assert!(step.apply(Status::Awarded).is_err(), "{step:?}");
        }
        assert!(Step::Verify.apply(Status::Submitted).is_err());
    }
}
