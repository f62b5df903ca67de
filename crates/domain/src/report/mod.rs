//! Activity reports: what a network did, when and where, who took part, what it added to the
//! plan's indicators; and the way a report goes from draft to approved.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sermphalang_thai::{FiscalYear, to_arabic_digits};

use crate::plan::number;
use crate::registry::{Sector, collect, optional_date};
use crate::{FieldError, Invalid, text};

coded_enum!(ReportStatus {
    Draft = "draft", "ฉบับร่าง", "draft";
    Submitted = "submitted", "ส่งแล้ว รอตรวจ", "submitted";
    Approved = "approved", "อนุมัติแล้ว", "approved";
    Returned = "returned", "ส่งกลับให้แก้ไข", "returned";
});

impl ReportStatus {
    /// Whether the reporter may still change the report.
    pub fn editable(self) -> bool {
        matches!(self, ReportStatus::Draft | ReportStatus::Returned)
    }
}

/// What happens to a report, and from which status it may happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Transition {
    Submit,
    Approve,
    Return,
    Reopen,
}

impl Transition {
    pub fn code(self) -> &'static str {
        match self {
            Transition::Submit => "submit",
            Transition::Approve => "approve",
            Transition::Return => "return",
            Transition::Reopen => "reopen",
        }
    }

    /// The status after the transition, or why it cannot happen from `from`.
    pub fn apply(self, from: ReportStatus) -> Result<ReportStatus, FieldError> {
        use ReportStatus::*;
        let to = match (self, from) {
            (Transition::Submit, Draft | Returned) => Submitted,
            (Transition::Approve, Submitted) => Approved,
            (Transition::Return, Submitted) => Returned,
            (Transition::Reopen, Approved) => Returned,
            _ => {
                return Err(FieldError::new(
                    "status",
                    format!("รายงานที่{}แล้ว ทำรายการนี้ไม่ได้", from.label_th()),
                    format!(
                        "A report that is {} cannot be changed this way",
                        from.label_en()
                    ),
                ));
            }
        };
        Ok(to)
    }
}

/// Participants above this in one activity are asked to be confirmed: likely a typing slip.
pub const PLAUSIBLE_PARTICIPANTS: i64 = 100_000;
/// No single activity reaches this.
const MAX_PARTICIPANTS: i64 = 10_000_000;
/// A fiscal year closes to new and changed reports this many days after it ends, once the
/// province has sent its yearly figures.
pub const CLOSES_AFTER_DAYS: i64 = 90;

/// Whether reports of the fiscal year `year` are still accepted on `today`.
pub fn year_open(year: FiscalYear, today: NaiveDate) -> bool {
    (today - year.end()).num_days() <= CLOSES_AFTER_DAYS
}

/// Participants by gender and by age group, the plan's disaggregations.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participants {
    pub male: i64,
    pub female: i64,
    pub gender_unstated: i64,
    pub youth: i64,
    pub adults: i64,
    pub elders: i64,
}

impl Participants {
    /// The total: the larger of the two splits, as one of them may be left empty.
    pub fn total(&self) -> i64 {
        let by_gender = self.male + self.female + self.gender_unstated;
        let by_age = self.youth + self.adults + self.elders;
        by_gender.max(by_age)
    }

    /// The parts of each disaggregation, with their codes, for the plan's breakdowns.
    pub fn parts(&self) -> [(&'static str, &'static str, i64); 6] {
        [
            ("gender", "male", self.male),
            ("gender", "female", self.female),
            ("gender", "unstated", self.gender_unstated),
            ("age", "youth", self.youth),
            ("age", "adult", self.adults),
            ("age", "elder", self.elders),
        ]
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct ReportForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub entry: String,
    #[serde(default)]
    pub held_on: String,
    #[serde(default)]
    pub district: String,
    #[serde(default)]
    pub venue: String,
    #[serde(default)]
    pub network: String,
    #[serde(default)]
    pub organizations: Vec<String>,
    #[serde(default)]
    pub virtues: Vec<String>,
    #[serde(default)]
    pub male: String,
    #[serde(default)]
    pub female: String,
    #[serde(default)]
    pub gender_unstated: String,
    #[serde(default)]
    pub youth: String,
    #[serde(default)]
    pub adults: String,
    #[serde(default)]
    pub elders: String,
    #[serde(default)]
    pub narrative: String,
    #[serde(default)]
    pub indicator: Vec<String>,
    #[serde(default)]
    pub contribution: Vec<String>,
    /// Set when the reporter confirmed a number of participants above the plausible.
    #[serde(default)]
    pub confirm_large: String,
    /// Made by the phone for a report drafted offline, so that sending it twice stores it once.
    #[serde(default)]
    pub client_key: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportInput {
    pub title: String,
    pub entry: Option<i64>,
    pub held_on: NaiveDate,
    pub district: i64,
    pub venue: String,
    pub network: Sector,
    pub organizations: Vec<i64>,
    pub virtues: Vec<String>,
    pub participants: Participants,
    pub narrative: String,
    /// Indicator ids and what the activity added to each.
    pub contributions: Vec<(i64, f64)>,
    pub client_key: Option<String>,
}

impl ReportInput {
    pub fn fiscal_year(&self) -> FiscalYear {
        FiscalYear::from_date(self.held_on)
    }

    pub fn quarter(&self) -> u8 {
        FiscalYear::quarter_of(self.held_on)
    }
}

fn count(raw: &str, field: &'static str, errors: &mut Invalid) -> i64 {
    let text = to_arabic_digits(raw.trim()).replace([',', ' '], "");
    if text.is_empty() {
        return 0;
    }
    match text.parse::<i64>() {
        Ok(n) if (0..=MAX_PARTICIPANTS).contains(&n) => n,
        _ => {
            errors.push(FieldError::new(
                field,
                format!("\"{}\" ต้องเป็นจำนวนคนเป็นจำนวนเต็มไม่ติดลบ", raw.trim()),
                format!("\"{}\" must be a whole number of people", raw.trim()),
            ));
            0
        }
    }
}

fn id(raw: &str) -> Option<i64> {
    raw.trim().parse::<i64>().ok().filter(|i| *i > 0)
}

impl ReportForm {
    /// Checks the form as of `today`; the store checks that the ids belong to the province
    /// and to the reporter's network.
    pub fn validate(&self, today: NaiveDate) -> Result<ReportInput, Invalid> {
        let mut errors = Invalid::default();
        let title = collect(
            &mut errors,
            text::required(&self.title, "title", ("ชื่อกิจกรรม", "Activity"), 300),
        );
        let held_on = optional_date(&self.held_on, "held_on", &mut errors);
        match held_on {
            None if errors.for_field("held_on").is_none() => {
                errors.push(FieldError::required("held_on", "วันที่จัดกิจกรรม", "Date held"));
            }
            Some(d) if d > today => errors.push(FieldError::new(
                "held_on",
                "วันที่จัดกิจกรรมยังมาไม่ถึง รายงานได้เมื่อจัดแล้ว",
                "The activity's date is in the future; report it once it is held",
            )),
            Some(d) if !year_open(FiscalYear::from_date(d), today) => {
                let fy = FiscalYear::from_date(d).be_year();
                errors.push(FieldError::new(
                    "held_on",
                    format!("ปีงบประมาณ {fy} ปิดรับรายงานแล้ว"),
                    format!("Fiscal year {fy} is closed to reports"),
                ));
            }
            _ => {}
        }
        let district = id(&self.district);
        if district.is_none() {
            errors.push(FieldError::required("district", "อำเภอ", "District"));
        }
        let venue = collect(
            &mut errors,
            text::optional(&self.venue, "venue", ("สถานที่", "Venue"), 300),
        );
        let network = Sector::parse(&self.network);
        if network.is_none() {
            errors.push(FieldError::new(
                "network",
                "กรุณาเลือกภาคีเครือข่ายที่รายงาน",
                "Choose the network that reports",
            ));
        }
        let mut organizations: Vec<i64> = self.organizations.iter().filter_map(|o| id(o)).collect();
        organizations.sort_unstable();
        organizations.dedup();
        let mut virtues: Vec<String> = self
            .virtues
            .iter()
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .collect();
        virtues.sort();
        virtues.dedup();
        let participants = Participants {
            male: count(&self.male, "male", &mut errors),
            female: count(&self.female, "female", &mut errors),
            gender_unstated: count(&self.gender_unstated, "gender_unstated", &mut errors),
            youth: count(&self.youth, "youth", &mut errors),
            adults: count(&self.adults, "adults", &mut errors),
            elders: count(&self.elders, "elders", &mut errors),
        };
        let by_gender = participants.male + participants.female + participants.gender_unstated;
        let by_age = participants.youth + participants.adults + participants.elders;
        if by_gender > 0 && by_age > 0 && by_gender != by_age {
            errors.push(FieldError::new(
                "youth",
                format!("ผู้เข้าร่วมตามเพศรวม {by_gender} คน แต่ตามช่วงอายุรวม {by_age} คน ต้องเท่ากัน"),
                format!("Participants add up to {by_gender} by gender but {by_age} by age; they must match"),
            ));
        }
        if participants.total() > PLAUSIBLE_PARTICIPANTS && self.confirm_large.trim().is_empty() {
            errors.push(FieldError::new(
                "confirm_large",
                format!(
                    "ผู้เข้าร่วม {} คนในกิจกรรมเดียวมากผิดปกติ โปรดตรวจสอบ แล้วทำเครื่องหมายยืนยันหากถูกต้อง",
                    participants.total()
                ),
                format!(
                    "{} participants in one activity is unusually many; check, then tick to confirm it is right",
                    participants.total()
                ),
            ));
        }
        let narrative = collect(
            &mut errors,
            text::optional_multiline(
                &self.narrative,
                "narrative",
                ("เล่าสิ่งที่เกิดขึ้น", "Narrative"),
                8000,
            ),
        );
        let mut contributions = Vec::new();
        for (i, raw) in self.contribution.iter().enumerate() {
            let Some(indicator) = self.indicator.get(i).and_then(|x| id(x)) else {
                continue;
            };
            if raw.trim().is_empty() {
                continue;
            }
            match number(raw) {
                Some(v) if (0.0..=crate::plan::COUNT_MAX).contains(&v) => {
                    if !contributions.iter().any(|(x, _)| *x == indicator) {
                        contributions.push((indicator, v));
                    }
                }
                _ => errors.push(FieldError::new(
                    "contribution",
                    format!("ผลต่อตัวชี้วัด \"{}\" ต้องเป็นตัวเลขไม่ติดลบ", raw.trim()),
                    format!(
                        "The contribution \"{}\" must be a number of zero or more",
                        raw.trim()
                    ),
                )),
            }
        }
        let client_key = Some(self.client_key.trim())
            .filter(|k| !k.is_empty())
            .map(|k| {
                k.chars()
                    .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                    .take(64)
                    .collect()
            });
        errors.into_result(|| ReportInput {
            title: title.unwrap_or_default(),
            entry: id(&self.entry),
            held_on: held_on.unwrap_or(today),
            district: district.unwrap_or_default(),
            venue: venue.unwrap_or_default(),
            network: network.unwrap_or(Sector::Public),
            organizations,
            virtues,
            participants,
            narrative: narrative.unwrap_or_default(),
            contributions,
            client_key,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn form() -> ReportForm {
        ReportForm {
            title: "ค่ายเยาวชนคุณธรรม".into(),
            held_on: "15/11/2568".into(),
            district: "4101".into(),
            network: "religion".into(),
            male: "20".into(),
            female: "๒๕".into(),
            youth: "40".into(),
            adults: "5".into(),
            indicator: vec!["3".into(), "4".into()],
            contribution: vec!["45".into(), String::new()],
            ..ReportForm::default()
        }
    }

    fn fields(r: Result<ReportInput, Invalid>) -> Vec<&'static str> {
        r.unwrap_err().0.iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_report_counts_its_people_both_ways() {
        let input = form().validate(day(2025, 11, 20)).unwrap();
        assert_eq!(input.participants.total(), 45);
        assert_eq!(input.contributions, [(3, 45.0)]);
        assert_eq!(input.fiscal_year().be_year(), 2569);
        assert_eq!(input.quarter(), 1);
        let mismatch = ReportForm {
            elders: "3".into(),
            ..form()
        };
        assert_eq!(fields(mismatch.validate(day(2025, 11, 20))), ["youth"]);
    }

    #[test]
    fn future_dates_closed_years_and_implausible_crowds_are_named() {
        assert_eq!(fields(form().validate(day(2025, 11, 1))), ["held_on"]);
        // FY 2569 ended on 30 September 2026; by 2 January 2027 it is closed.
        assert_eq!(fields(form().validate(day(2027, 1, 2))), ["held_on"]);
        let crowd = ReportForm {
            male: "150000".into(),
            female: String::new(),
            youth: String::new(),
            adults: String::new(),
            ..form()
        };
        assert_eq!(
            fields(crowd.clone().validate(day(2025, 11, 20))),
            ["confirm_large"]
        );
        let confirmed = ReportForm {
            confirm_large: "on".into(),
            ..crowd
        };
        assert_eq!(
            confirmed
                .validate(day(2025, 11, 20))
                .unwrap()
                .participants
                .total(),
            150_000
        );
    }

    #[test]
    fn only_allowed_transitions_happen() {
        use ReportStatus::*;
        assert_eq!(Transition::Submit.apply(Draft), Ok(Submitted));
        assert_eq!(Transition::Submit.apply(Returned), Ok(Submitted));
        assert_eq!(Transition::Approve.apply(Submitted), Ok(Approved));
        assert_eq!(Transition::Reopen.apply(Approved), Ok(Returned));
        assert!(Transition::Approve.apply(Draft).is_err());
        assert!(Transition::Submit.apply(Approved).is_err());
        assert!(Transition::Return.apply(Approved).is_err());
        assert!(!Approved.editable() && !Submitted.editable() && Returned.editable());
    }
}
