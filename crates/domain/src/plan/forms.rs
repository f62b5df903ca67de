//! What people type into the plan's forms, checked into inputs the store writes.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sermphalang_thai::{FiscalYear, to_arabic_digits};

use super::{IndicatorKind, PlanPeriod};
use crate::registry::{Sector, collect, optional_date};
use crate::{FieldError, Invalid, text};

const TITLE_MAX: usize = 300;
const DESCRIPTION_MAX: usize = 4000;
/// No single budget line of a provincial moral-promotion activity reaches a billion baht.
const BUDGET_MAX_BAHT: f64 = 1_000_000_000.0;

coded_enum!(Level {
    Strategy = "strategy", "ยุทธศาสตร์", "strategy";
    Goal = "goal", "เป้าประสงค์", "goal";
    Project = "project", "โครงการ", "project";
    Activity = "activity", "กิจกรรม", "activity";
});

impl Level {
    /// The level an entry of this level sits under; a strategy sits at the top.
    pub fn parent(self) -> Option<Level> {
        match self {
            Level::Strategy => None,
            Level::Goal => Some(Level::Strategy),
            Level::Project => Some(Level::Goal),
            Level::Activity => Some(Level::Project),
        }
    }
}

coded_enum!(ReferenceKind {
    NationalStrategy = "national_strategy", "ยุทธศาสตร์ชาติ 20 ปี", "20-year National Strategy";
    MasterPlan = "master_plan", "แผนแม่บทส่งเสริมคุณธรรมแห่งชาติ", "National Moral Promotion Master Plan";
    Virtue = "virtue", "คุณธรรมเป้าหมาย", "target virtue";
    ProvinceVirtue = "province_virtue", "คุณธรรมเป้าหมายของจังหวัด", "the province's target virtue";
});

#[derive(Debug, Clone, Default, Deserialize)]
pub struct PlanForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub first_year: String,
    #[serde(default)]
    pub last_year: String,
    #[serde(default)]
    pub vision: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanInput {
    pub title: String,
    pub first_year: i32,
    pub last_year: i32,
    pub vision: String,
}

impl PlanForm {
    pub fn validate(&self) -> Result<PlanInput, Invalid> {
        let mut errors = Invalid::default();
        let title = collect(
            &mut errors,
            text::required(&self.title, "title", ("ชื่อแผน", "Title"), TITLE_MAX),
        );
        let vision = collect(
            &mut errors,
            text::optional_multiline(
                &self.vision,
                "vision",
                ("วิสัยทัศน์", "Vision"),
                DESCRIPTION_MAX,
            ),
        );
        let year = |raw: &str| to_arabic_digits(raw.trim()).parse::<i32>().unwrap_or(0);
        let period = PlanPeriod::try_new(year(&self.first_year), year(&self.last_year))
            .map_err(|e| errors.0.extend(e.0))
            .ok();
        errors.into_result(|| {
            let period = period.expect("a valid period when there are no errors");
            PlanInput {
                title: title.unwrap_or_default(),
                first_year: period.first().be_year(),
                last_year: period.last().be_year(),
                vision: vision.unwrap_or_default(),
            }
        })
    }
}

/// One entry of the plan's tree: a strategy, goal, project or activity.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct EntryForm {
    #[serde(default)]
    pub level: String,
    #[serde(default)]
    pub parent: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub fiscal_year: String,
    #[serde(default)]
    pub starts_on: String,
    #[serde(default)]
    pub ends_on: String,
    #[serde(default)]
    pub networks: Vec<String>,
    #[serde(default)]
    pub districts: Vec<String>,
    #[serde(default)]
    pub organizations: Vec<String>,
    #[serde(default)]
    pub references: Vec<String>,
    #[serde(default)]
    pub budget_source: Vec<String>,
    #[serde(default)]
    pub budget_amount: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BudgetLine {
    pub source: String,
    /// Whole satang, so that sums are exact.
    pub satang: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntryInput {
    pub level: Level,
    pub parent: Option<i64>,
    pub title: String,
    pub description: String,
    pub fiscal_year: Option<i32>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub networks: Vec<Sector>,
    pub districts: Vec<i64>,
    pub organizations: Vec<i64>,
    pub references: Vec<String>,
    pub budget: Vec<BudgetLine>,
}

impl EntryForm {
    /// Checks the form within `period`; ids (parent, districts, organizations, references) are
    /// checked against the province by the store.
    pub fn validate(&self, period: PlanPeriod) -> Result<EntryInput, Invalid> {
        let mut errors = Invalid::default();
        let level = Level::parse(&self.level);
        if level.is_none() {
            errors.push(FieldError::new(
                "level",
                "กรุณาเลือกระดับ (ยุทธศาสตร์ เป้าประสงค์ โครงการ หรือกิจกรรม)",
                "Choose a level (strategy, goal, project or activity)",
            ));
        }
        let parent = ids(std::slice::from_ref(&self.parent), "parent", &mut errors)
            .first()
            .copied();
        if let Some(level) = level {
            match (level.parent(), parent) {
                (Some(above), None) => errors.push(FieldError::new(
                    "parent",
                    format!("กรุณาเลือก{}ที่{}นี้อยู่ภายใต้", above.label_th(), level.label_th()),
                    format!(
                        "Choose the {} this {} belongs to",
                        above.label_en(),
                        level.label_en()
                    ),
                )),
                (None, Some(_)) => errors.push(FieldError::new(
                    "parent",
                    "ยุทธศาสตร์อยู่ระดับบนสุดของแผน",
                    "A strategy sits at the top of the plan",
                )),
                _ => {}
            }
        }
        let title = collect(
            &mut errors,
            text::required(&self.title, "title", ("ชื่อ", "Title"), TITLE_MAX),
        );
        let description = collect(
            &mut errors,
            text::optional_multiline(
                &self.description,
                "description",
                ("รายละเอียด", "Description"),
                DESCRIPTION_MAX,
            ),
        );
        let fiscal_year = optional_year(&self.fiscal_year, period, &mut errors);
        let starts_on = optional_date(&self.starts_on, "starts_on", &mut errors);
        let ends_on = optional_date(&self.ends_on, "ends_on", &mut errors);
        if let (Some(s), Some(e)) = (starts_on, ends_on)
            && e < s
        {
            errors.push(FieldError::new(
                "ends_on",
                "วันสิ้นสุดต้องไม่ก่อนวันเริ่ม",
                "The end date cannot come before the start",
            ));
        }
        for (field, date) in [("starts_on", starts_on), ("ends_on", ends_on)] {
            if let Some(d) = date
                && !period.contains(FiscalYear::from_date(d))
            {
                errors.push(FieldError::new(
                    field,
                    format!("วันที่อยู่นอกช่วงของแผน (ปีงบประมาณ {})", period.label()),
                    format!(
                        "The date is outside the plan (fiscal years {})",
                        period.label()
                    ),
                ));
            }
        }
        let mut networks = Vec::new();
        for code in self.networks.iter().filter(|c| !c.trim().is_empty()) {
            match Sector::parse(code) {
                Some(s) if !networks.contains(&s) => networks.push(s),
                Some(_) => {}
                None => errors.push(FieldError::new(
                    "networks",
                    format!("ไม่รู้จักภาคีเครือข่าย \"{}\"", code.trim()),
                    format!("Unknown network \"{}\"", code.trim()),
                )),
            }
        }
        networks.sort();
        let districts = ids(&self.districts, "districts", &mut errors);
        let organizations = ids(&self.organizations, "organizations", &mut errors);
        let mut references: Vec<String> = self
            .references
            .iter()
            .map(|r| r.trim().to_string())
            .filter(|r| !r.is_empty())
            .collect();
        references.sort();
        references.dedup();
        let budget = budget_lines(&self.budget_source, &self.budget_amount, &mut errors);
        errors.into_result(|| EntryInput {
            level: level.unwrap_or(Level::Activity),
            parent,
            title: title.unwrap_or_default(),
            description: description.unwrap_or_default(),
            fiscal_year,
            starts_on,
            ends_on,
            networks,
            districts,
            organizations,
            references,
            budget,
        })
    }
}

fn ids(raw: &[String], field: &'static str, errors: &mut Invalid) -> Vec<i64> {
    let mut out = Vec::new();
    for text in raw.iter().map(|r| r.trim()).filter(|r| !r.is_empty()) {
        match text.parse::<i64>() {
            Ok(id) if id > 0 => {
                if !out.contains(&id) {
                    out.push(id);
                }
            }
            _ => errors.push(FieldError::new(
                field,
                format!("ค่าที่เลือก \"{text}\" ไม่ถูกต้อง"),
                format!("\"{text}\" is not a valid choice"),
            )),
        }
    }
    out
}

fn optional_year(raw: &str, period: PlanPeriod, errors: &mut Invalid) -> Option<i32> {
    if raw.trim().is_empty() {
        return None;
    }
    match crate::evaluation::fiscal_year(raw) {
        Ok(y) if FiscalYear::try_new(y).is_ok_and(|fy| period.contains(fy)) => Some(y),
        Ok(y) => {
            errors.push(FieldError::new(
                "fiscal_year",
                format!("ปีงบประมาณ {y} อยู่นอกช่วงของแผน ({})", period.label()),
                format!("Fiscal year {y} is outside the plan ({})", period.label()),
            ));
            None
        }
        Err(e) => {
            errors.push(e);
            None
        }
    }
}

fn budget_lines(sources: &[String], amounts: &[String], errors: &mut Invalid) -> Vec<BudgetLine> {
    let mut lines = Vec::new();
    for (i, amount) in amounts.iter().enumerate() {
        let source = sources.get(i).map(|s| s.trim()).unwrap_or_default();
        if amount.trim().is_empty() && source.is_empty() {
            continue;
        }
        if source.is_empty() {
            errors.push(FieldError::new(
                "budget_source",
                format!("งบประมาณรายการที่ {}: กรุณาระบุแหล่งงบประมาณ", i + 1),
                format!("Budget line {}: name its source", i + 1),
            ));
            continue;
        }
        if source.chars().count() > 200 {
            errors.push(FieldError::too_long(
                "budget_source",
                "แหล่งงบประมาณ",
                "Budget source",
                200,
            ));
            continue;
        }
        match number(amount) {
            Some(baht) if (0.0..=BUDGET_MAX_BAHT).contains(&baht) => lines.push(BudgetLine {
                source: source.to_string(),
                satang: (baht * 100.0).round() as i64,
            }),
            _ => errors.push(FieldError::new(
                "budget_amount",
                format!(
                    "งบประมาณรายการที่ {}: \"{}\" ไม่ใช่จำนวนเงินบาท",
                    i + 1,
                    amount.trim()
                ),
                format!(
                    "Budget line {}: \"{}\" is not an amount in baht",
                    i + 1,
                    amount.trim()
                ),
            )),
        }
    }
    lines
}

/// A number as people type it: Thai or Arabic digits, thousands separators, a trailing % or
/// บาท.
pub fn number(raw: &str) -> Option<f64> {
    let text = to_arabic_digits(raw.trim());
    let text = text
        .trim_end_matches('%')
        .trim_end_matches("บาท")
        .replace([',', ' '], "");
    if text.is_empty() {
        return None;
    }
    text.parse::<f64>().ok().filter(|n| n.is_finite())
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct IndicatorForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub baseline: String,
    #[serde(default)]
    pub entry: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorInput {
    pub name: String,
    pub unit: String,
    pub kind: IndicatorKind,
    pub baseline: Option<f64>,
    pub entry: Option<i64>,
}

impl IndicatorForm {
    pub fn validate(&self) -> Result<IndicatorInput, Invalid> {
        let mut errors = Invalid::default();
        let name = collect(
            &mut errors,
            text::required(&self.name, "name", ("ชื่อตัวชี้วัด", "Indicator"), TITLE_MAX),
        );
        let unit = collect(
            &mut errors,
            text::required(&self.unit, "unit", ("หน่วยนับ", "Unit"), 60),
        );
        let kind = IndicatorKind::parse(&self.kind);
        if kind.is_none() {
            errors.push(FieldError::new(
                "kind",
                "กรุณาเลือกชนิดของตัวชี้วัด (จำนวน ร้อยละ หรือระดับ)",
                "Choose the indicator's kind (count, percent or level)",
            ));
        }
        let baseline = kind.and_then(|k| value(k, &self.baseline, "baseline", &mut errors));
        let entry = ids(std::slice::from_ref(&self.entry), "entry", &mut errors)
            .first()
            .copied();
        errors.into_result(|| IndicatorInput {
            name: name.unwrap_or_default(),
            unit: unit.unwrap_or_default(),
            kind: kind.unwrap_or(IndicatorKind::Count),
            baseline,
            entry,
        })
    }
}

/// The highest level an indicator of kind `Level` can name.
pub const LEVEL_MAX: f64 = 10.0;
/// Counts above this are typing slips (a province has fewer than two million people).
pub const COUNT_MAX: f64 = 100_000_000.0;

/// A value of an indicator of `kind`; empty is `None`.
pub fn value(
    kind: IndicatorKind,
    raw: &str,
    field: &'static str,
    errors: &mut Invalid,
) -> Option<f64> {
    if raw.trim().is_empty() {
        return None;
    }
    let (max, th, en) = match kind {
        IndicatorKind::Count => (COUNT_MAX, "จำนวนที่ไม่ติดลบ", "a count of zero or more"),
        IndicatorKind::Percent => (100.0, "ร้อยละตั้งแต่ 0 ถึง 100", "a percentage from 0 to 100"),
        IndicatorKind::Level => (LEVEL_MAX, "ระดับตั้งแต่ 0 ถึง 10", "a level from 0 to 10"),
    };
    match number(raw) {
        Some(n) if (0.0..=max).contains(&n) => Some(n),
        _ => {
            errors.push(FieldError::new(
                field,
                format!("\"{}\" ต้องเป็น{th}", raw.trim()),
                format!("\"{}\" must be {en}", raw.trim()),
            ));
            None
        }
    }
}

/// An indicator's targets for one fiscal year: the year's and, where the plan splits them,
/// each quarter's. Actuals entered by hand for indicators no report feeds come the same way.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct TargetsForm {
    #[serde(default)]
    pub fiscal_year: String,
    #[serde(default)]
    pub year: String,
    #[serde(default)]
    pub q1: String,
    #[serde(default)]
    pub q2: String,
    #[serde(default)]
    pub q3: String,
    #[serde(default)]
    pub q4: String,
}

/// Values by quarter; index 0 is the whole year, 1 to 4 the quarters.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetsInput {
    pub fiscal_year: i32,
    pub values: [Option<f64>; 5],
}

impl TargetsForm {
    pub fn validate(
        &self,
        kind: IndicatorKind,
        period: PlanPeriod,
    ) -> Result<TargetsInput, Invalid> {
        let mut errors = Invalid::default();
        let fiscal_year = if self.fiscal_year.trim().is_empty() {
            errors.push(FieldError::required(
                "fiscal_year",
                "ปีงบประมาณ",
                "Fiscal year",
            ));
            None
        } else {
            optional_year(&self.fiscal_year, period, &mut errors)
        };
        let values = [
            value(kind, &self.year, "year", &mut errors),
            value(kind, &self.q1, "q1", &mut errors),
            value(kind, &self.q2, "q2", &mut errors),
            value(kind, &self.q3, "q3", &mut errors),
            value(kind, &self.q4, "q4", &mut errors),
        ];
        if kind == IndicatorKind::Count
            && let Some(year) = values[0]
        {
            let quarters: f64 = values[1..].iter().flatten().sum();
            if quarters > year + 1e-9 {
                errors.push(FieldError::new(
                    "year",
                    format!("เป้าหมายรายไตรมาสรวมกัน ({quarters}) เกินเป้าหมายทั้งปี ({year})"),
                    format!(
                        "The quarters' targets add up to {quarters}, more than the year's {year}"
                    ),
                ));
            }
        }
        errors.into_result(|| TargetsInput {
            fiscal_year: fiscal_year.unwrap_or_default(),
            values,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn period() -> PlanPeriod {
        PlanPeriod::try_new(2566, 2570).unwrap()
    }

    fn fields(r: Result<impl std::fmt::Debug, Invalid>) -> Vec<&'static str> {
        r.unwrap_err().0.iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_plan_names_its_years_in_be() {
        let form = PlanForm {
            title: "แผนบูรณาการส่งเสริมคุณธรรม จังหวัดอุดรธานี".into(),
            first_year: "๒๕๖๖".into(),
            last_year: "2570".into(),
            vision: String::new(),
        };
        let input = form.validate().unwrap();
        assert_eq!((input.first_year, input.last_year), (2566, 2570));
        let ce = PlanForm {
            first_year: "2023".into(),
            ..form
        };
        assert_eq!(fields(ce.validate()), ["first_year"]);
    }

    #[test]
    fn an_entry_sits_under_the_level_above_it() {
        let activity = EntryForm {
            level: "activity".into(),
            title: "ค่ายคุณธรรมเยาวชน".into(),
            ..EntryForm::default()
        };
        assert_eq!(fields(activity.validate(period())), ["parent"]);
        let strategy = EntryForm {
            level: "strategy".into(),
            parent: "3".into(),
            title: "ยุทธศาสตร์ที่ 1".into(),
            ..EntryForm::default()
        };
        assert_eq!(fields(strategy.validate(period())), ["parent"]);
        let ok = EntryForm {
            parent: "7".into(),
            fiscal_year: "2568".into(),
            starts_on: "1/11/2567".into(),
            ends_on: "2024-12-20".into(),
            networks: vec!["religion".into(), "education".into(), "religion".into()],
            budget_source: vec!["งบจังหวัด".into(), String::new()],
            budget_amount: vec!["๑๒,๕๐๐.๕๐ บาท".into(), String::new()],
            ..activity
        };
        let input = ok.validate(period()).unwrap();
        assert_eq!(input.parent, Some(7));
        assert_eq!(input.networks, [Sector::Education, Sector::Religion]);
        assert_eq!(input.budget[0].satang, 1_250_050);
        assert_eq!(input.budget.len(), 1);
    }

    #[test]
    fn dates_and_years_outside_the_plan_and_bad_budgets_are_named() {
        let form = EntryForm {
            level: "project".into(),
            parent: "1".into(),
            title: "โครงการ".into(),
            fiscal_year: "2575".into(),
            starts_on: "1/1/2560".into(),
            budget_source: vec![String::new(), "งบ อปท.".into()],
            budget_amount: vec!["500".into(), "ห้าร้อย".into()],
            ..EntryForm::default()
        };
        assert_eq!(
            fields(form.validate(period())),
            ["fiscal_year", "starts_on", "budget_source", "budget_amount"]
        );
    }

    #[test]
    fn indicator_values_follow_their_kind() {
        let mut errors = Invalid::default();
        assert_eq!(
            value(IndicatorKind::Percent, "85.5%", "year", &mut errors),
            Some(85.5)
        );
        assert_eq!(
            value(IndicatorKind::Percent, "120", "year", &mut errors),
            None
        );
        assert_eq!(value(IndicatorKind::Count, "-3", "q1", &mut errors), None);
        assert_eq!(
            value(IndicatorKind::Count, "1,200", "q1", &mut errors),
            Some(1200.0)
        );
        assert_eq!(value(IndicatorKind::Level, "", "q1", &mut errors), None);
        assert_eq!(errors.0.len(), 2);
    }

    #[test]
    fn quarter_targets_of_a_count_cannot_exceed_the_year() {
        let form = TargetsForm {
            fiscal_year: "2568".into(),
            year: "100".into(),
            q1: "30".into(),
            q2: "30".into(),
            q3: "30".into(),
            q4: "30".into(),
        };
        assert_eq!(
            fields(form.validate(IndicatorKind::Count, period())),
            ["year"]
        );
        let percent = form.validate(IndicatorKind::Percent, period()).unwrap();
        assert_eq!(
            percent.values,
            [Some(100.0), Some(30.0), Some(30.0), Some(30.0), Some(30.0)]
        );
        let missing = TargetsForm {
            fiscal_year: String::new(),
            ..form
        };
        assert_eq!(
            fields(missing.validate(IndicatorKind::Percent, period())),
            ["fiscal_year"]
        );
    }
}
