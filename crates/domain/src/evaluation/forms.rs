//! The text of evaluation forms as typed, and the validated inputs they become.

use super::dots::{DEFAULT_DOTS, MAX_DOTS};
use crate::registry::{Sector, collect, optional_date};
use crate::text::{self, NAME_MAX};
use crate::{FieldError, Invalid};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sermphalang_thai::{FiscalYear, to_arabic_digits};

pub const PHRASE_MAX: usize = 120;
pub const ACTIVITY_MAX: usize = 150;
pub const DEFAULT_TOP_K: u32 = 8;
pub const MAX_TOP_K: u32 = 30;
pub const DISPLAY_NAME_MAX: usize = 60;

#[derive(Debug, Clone, Deserialize)]
pub struct CycleForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub fiscal_year: String,
    #[serde(default)]
    pub held_on: String,
    #[serde(default)]
    pub network: String,
    #[serde(default)]
    pub organization: String,
    #[serde(default)]
    pub baseline: String,
    #[serde(default)]
    pub dots_per_person: String,
    #[serde(default)]
    pub stacking: String,
    #[serde(default)]
    pub top_k: String,
    #[serde(default)]
    pub anonymous: String,
    #[serde(default)]
    pub facilitators: Vec<String>,
}

impl Default for CycleForm {
    fn default() -> Self {
        CycleForm {
            name: String::new(),
            fiscal_year: String::new(),
            held_on: String::new(),
            network: String::new(),
            organization: String::new(),
            baseline: String::new(),
            dots_per_person: DEFAULT_DOTS.to_string(),
            stacking: "on".into(),
            top_k: DEFAULT_TOP_K.to_string(),
            anonymous: "on".into(),
            facilitators: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CycleInput {
    pub name: String,
    pub fiscal_year: i32,
    pub held_on: Option<NaiveDate>,
    pub network: Option<Sector>,
    pub organization: Option<i64>,
    pub baseline: Option<i64>,
    pub dots_per_person: u32,
    pub stacking: bool,
    pub top_k: u32,
    pub anonymous: bool,
    pub facilitators: Vec<i64>,
}

pub(super) fn checked(raw: &str) -> bool {
    matches!(raw.trim(), "on" | "true" | "1" | "yes")
}

/// A whole number typed in Arabic or Thai digits, within bounds.
fn bounded(
    raw: &str,
    field: &'static str,
    label: (&str, &str),
    range: std::ops::RangeInclusive<u32>,
) -> Result<u32, FieldError> {
    let text = to_arabic_digits(raw.trim());
    match text.parse::<u32>() {
        Ok(n) if range.contains(&n) => Ok(n),
        _ => Err(FieldError::new(
            field,
            format!(
                "{}ต้องเป็นจำนวนเต็มตั้งแต่ {} ถึง {}",
                label.0,
                range.start(),
                range.end()
            ),
            format!(
                "{} must be a whole number from {} to {}",
                label.1,
                range.start(),
                range.end()
            ),
        )),
    }
}

/// A network code chosen from a list; empty means none.
pub(super) fn optional_network(raw: &str, errors: &mut Invalid) -> Option<Sector> {
    match raw.trim() {
        "" => None,
        code => {
            let sector = Sector::parse(code);
            if sector.is_none() {
                errors.push(FieldError::new(
                    "network",
                    "ไม่รู้จักภาคีเครือข่ายที่เลือก",
                    "Unknown network",
                ));
            }
            sector
        }
    }
}

fn optional_id(raw: &str, field: &'static str, errors: &mut Invalid) -> Option<i64> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    match raw.parse::<i64>() {
        Ok(id) if id > 0 => Some(id),
        _ => {
            errors.push(FieldError::new(
                field,
                "ตัวเลือกไม่ถูกต้อง",
                "Not a valid choice",
            ));
            None
        }
    }
}

impl CycleForm {
    pub fn validate(&self) -> Result<CycleInput, Invalid> {
        let mut errors = Invalid::default();
        let name = collect(
            &mut errors,
            text::required(&self.name, "name", ("ชื่อรอบการประเมิน", "Name"), NAME_MAX),
        );
        let fiscal_year = collect(&mut errors, fiscal_year(&self.fiscal_year));
        let held_on = optional_date(&self.held_on, "held_on", &mut errors);
        let network = optional_network(&self.network, &mut errors);
        let organization = optional_id(&self.organization, "organization", &mut errors);
        let baseline = optional_id(&self.baseline, "baseline", &mut errors);
        let dots_per_person = collect(
            &mut errors,
            bounded(
                &self.dots_per_person,
                "dots_per_person",
                ("จำนวนจุดต่อคน", "Dots per person"),
                1..=MAX_DOTS,
            ),
        );
        let top_k = collect(
            &mut errors,
            bounded(
                &self.top_k,
                "top_k",
                ("จำนวนกิจกรรมที่เลือกไปให้คะแนน", "Activities to rate"),
                1..=MAX_TOP_K,
            ),
        );
        let mut facilitators = Vec::new();
        for raw in &self.facilitators {
            if let Some(id) = optional_id(raw, "facilitators", &mut errors)
                && !facilitators.contains(&id)
            {
                facilitators.push(id);
            }
        }
        errors.into_result(|| CycleInput {
            name: name.unwrap_or_default(),
            fiscal_year: fiscal_year.unwrap_or_default(),
            held_on,
            network,
            organization,
            baseline,
            dots_per_person: dots_per_person.unwrap_or(DEFAULT_DOTS),
            stacking: checked(&self.stacking),
            top_k: top_k.unwrap_or(DEFAULT_TOP_K),
            anonymous: checked(&self.anonymous),
            facilitators,
        })
    }
}

/// A fiscal year typed as its Buddhist-Era year (2566) or, by habit, its C.E. year (2023).
pub fn fiscal_year(raw: &str) -> Result<i32, FieldError> {
    let text = to_arabic_digits(raw.trim());
    let bad = || {
        FieldError::new(
            "fiscal_year",
            format!("ปีงบประมาณ \"{text}\" ไม่ถูกต้อง (เช่น 2566)"),
            format!("\"{text}\" is not a fiscal year (for example 2566 B.E.)"),
        )
    };
    let year: i32 = text.parse().map_err(|_| bad())?;
    let be = if year < 2400 {
        year + sermphalang_thai::BE_OFFSET
    } else {
        year
    };
    // The Moral Province programme began in B.E. 2559; a year far outside it is a typing slip.
    let plausible = 2550..=2650;
    FiscalYear::try_new(be)
        .ok()
        .filter(|_| plausible.contains(&be))
        .map(|_| be)
        .ok_or_else(bad)
}

/// A rating as typed or posted: a whole number from 1 to 10, or an abstention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rating {
    Score(u8),
    Abstain,
}

impl Rating {
    pub fn value(self) -> Option<u8> {
        match self {
            Rating::Score(v) => Some(v),
            Rating::Abstain => None,
        }
    }

    pub fn parse(raw: &str) -> Result<Rating, FieldError> {
        let text = to_arabic_digits(raw.trim());
        if text.is_empty() {
            return Err(FieldError::new(
                "rating",
                "กรุณาเลือกคะแนน 1 ถึง 10 หรือเลือกงดให้คะแนน",
                "Choose a rating from 1 to 10, or abstain",
            ));
        }
        if matches!(text.as_str(), "abstain" | "งด" | "-") {
            return Ok(Rating::Abstain);
        }
        match text.parse::<u8>() {
            Ok(v) if (1..=10).contains(&v) => Ok(Rating::Score(v)),
            _ => Err(FieldError::new(
                "rating",
                format!("คะแนน \"{text}\" ไม่ถูกต้อง ต้องเป็นจำนวนเต็ม 1 ถึง 10"),
                format!("\"{text}\" is not a rating: use a whole number from 1 to 10"),
            )),
        }
    }
}

/// A mission key phrase.
pub fn phrase(raw: &str) -> Result<String, FieldError> {
    text::required(raw, "text", ("ข้อความ", "Phrase"), PHRASE_MAX)
}

/// A key activity's title.
pub fn activity_title(raw: &str) -> Result<String, FieldError> {
    text::required(raw, "title", ("ชื่อกิจกรรม", "Activity"), ACTIVITY_MAX)
}

pub fn mission_statement(raw: &str) -> Result<String, FieldError> {
    text::optional(raw, "statement", ("พันธกิจ", "Mission statement"), 2000)
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct DialogueForm {
    #[serde(default)]
    pub dialogue: String,
    #[serde(default)]
    pub evidence: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DialogueInput {
    pub dialogue: String,
    pub evidence: String,
}

impl DialogueForm {
    pub fn validate(&self) -> Result<DialogueInput, Invalid> {
        let mut errors = Invalid::default();
        let dialogue = collect(
            &mut errors,
            text::optional_multiline(
                &self.dialogue,
                "dialogue",
                ("บันทึกการสนทนา", "Dialogue notes"),
                5000,
            ),
        );
        let evidence = collect(
            &mut errors,
            text::optional_multiline(&self.evidence, "evidence", ("หลักฐาน", "Evidence"), 2000),
        );
        errors.into_result(|| DialogueInput {
            dialogue: dialogue.unwrap_or_default(),
            evidence: evidence.unwrap_or_default(),
        })
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct PlanForm {
    #[serde(default)]
    pub goal: String,
    #[serde(default)]
    pub strategies: String,
    #[serde(default)]
    pub evidence: String,
    #[serde(default)]
    pub owner_organization: String,
    #[serde(default)]
    pub owner_person: String,
    #[serde(default)]
    pub due_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanInput {
    pub goal: String,
    pub strategies: String,
    pub evidence: String,
    pub owner_organization: Option<i64>,
    pub owner_person: Option<i64>,
    pub due_on: Option<NaiveDate>,
}

impl PlanForm {
    pub fn validate(&self) -> Result<PlanInput, Invalid> {
        let mut errors = Invalid::default();
        let goal = collect(
            &mut errors,
            text::required(&self.goal, "goal", ("เป้าหมาย", "Goal"), 500),
        );
        let strategies = collect(
            &mut errors,
            text::optional_multiline(
                &self.strategies,
                "strategies",
                ("กลยุทธ์", "Strategies"),
                2000,
            ),
        );
        let evidence = collect(
            &mut errors,
            text::optional_multiline(
                &self.evidence,
                "evidence",
                ("หลักฐานที่จะแสดงความก้าวหน้า", "Credible evidence"),
                1000,
            ),
        );
        let owner_organization =
            optional_id(&self.owner_organization, "owner_organization", &mut errors);
        let owner_person = optional_id(&self.owner_person, "owner_person", &mut errors);
        let due_on = optional_date(&self.due_on, "due_on", &mut errors);
        errors.into_result(|| PlanInput {
            goal: goal.unwrap_or_default(),
            strategies: strategies.unwrap_or_default(),
            evidence: evidence.unwrap_or_default(),
            owner_organization,
            owner_person,
            due_on,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_outside_one_to_ten_are_refused_with_a_message() {
        for bad in ["0", "11", "abc", "", "  ", "7.5", "-3"] {
            let e = Rating::parse(bad).unwrap_err();
            assert_eq!(e.field, "rating");
            assert!(!e.th.is_empty() && !e.en.is_empty());
        }
        assert_eq!(Rating::parse("1"), Ok(Rating::Score(1)));
        assert_eq!(Rating::parse(" 10 "), Ok(Rating::Score(10)));
        assert_eq!(Rating::parse("๗"), Ok(Rating::Score(7)));
        assert_eq!(Rating::parse("abstain"), Ok(Rating::Abstain));
    }

    #[test]
    fn a_cycle_needs_a_name_and_a_fiscal_year() {
        let errors = CycleForm::default().validate().unwrap_err();
        assert!(errors.for_field("name").is_some());
        assert!(errors.for_field("fiscal_year").is_some());
    }

    #[test]
    fn a_cycle_form_becomes_an_input() {
        let form = CycleForm {
            name: "ทบทวนสถานะ ปี 2566".into(),
            fiscal_year: "๒๕๖๖".into(),
            held_on: "2023-02-17".into(),
            network: "religion".into(),
            dots_per_person: "7".into(),
            stacking: String::new(),
            facilitators: vec!["3".into(), "3".into(), "5".into()],
            ..CycleForm::default()
        };
        let input = form.validate().unwrap();
        assert_eq!(input.fiscal_year, 2566);
        assert_eq!(input.network, Some(Sector::Religion));
        assert_eq!(input.dots_per_person, 7);
        assert!(!input.stacking);
        assert!(input.anonymous);
        assert_eq!(input.facilitators, vec![3, 5]);
    }

    #[test]
    fn fiscal_years_in_common_era_are_converted() {
        assert_eq!(fiscal_year("2023"), Ok(2566));
        assert!(fiscal_year("1900").is_err());
        assert!(fiscal_year("ปีหน้า").is_err());
    }

    #[test]
    fn dots_beyond_the_maximum_are_refused() {
        let form = CycleForm {
            name: "x".into(),
            fiscal_year: "2566".into(),
            dots_per_person: "21".into(),
            top_k: "0".into(),
            ..CycleForm::default()
        };
        let errors = form.validate().unwrap_err();
        assert!(errors.for_field("dots_per_person").is_some());
        assert!(errors.for_field("top_k").is_some());
    }

    #[test]
    fn phrases_are_bounded_and_kept_as_typed() {
        assert_eq!(
            phrase("<b>คนดี</b>").unwrap(),
            "<b>คนดี</b>",
            "escaping is the page's work, not the store's"
        );
        assert!(phrase(&"ก".repeat(PHRASE_MAX + 1)).is_err());
        assert!(phrase("   ").is_err());
    }

    #[test]
    fn a_plan_needs_a_goal() {
        assert!(PlanForm::default().validate().is_err());
        let plan = PlanForm {
            goal: "โรงเรียนคุณธรรมเพิ่มเป็น 50 แห่ง".into(),
            due_on: "30/09/2567".into(),
            ..PlanForm::default()
        }
        .validate()
        .unwrap();
        assert_eq!(plan.due_on, NaiveDate::from_ymd_opt(2024, 9, 30));
    }
}
