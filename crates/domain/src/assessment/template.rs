//! A template: the items assessed, each with its scoring rule and required evidence, and the
//! thresholds from points to levels. Checked whole before it is saved or published.

use super::{Level, Subject};
use crate::{FieldError, Invalid};
use serde::{Deserialize, Serialize};

/// The most points one item may give: schemes score 0–2, some 0–5.
pub const POINTS_MAX: u32 = 10;
const ITEMS_MAX: usize = 40;
const TEXT_MAX: usize = 500;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Template {
    pub subject: Subject,
    pub name: String,
    pub items: Vec<Item>,
    /// One for each level, lowest first.
    pub thresholds: Vec<Threshold>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub title: String,
    /// How the item is judged, for the assessed and the verifiers.
    #[serde(default)]
    pub guidance: String,
    pub rule: Rule,
    /// The evidence asked for; none means the item needs none.
    #[serde(default)]
    pub evidence: String,
    #[serde(default)]
    pub evidence_required: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Rule {
    /// One of the listed answers.
    Choices {
        choices: Vec<Choice>,
    },
    /// A percentage (0–100): the band whose lower bound is the highest not above it.
    Percentage {
        bands: Vec<Band>,
    },
    YesNo {
        yes: u32,
        no: u32,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub label: String,
    pub points: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Band {
    /// Inclusive lower bound, in percent.
    pub from: f64,
    pub points: u32,
}

/// A level is reached with at least `min_total` points and, when set, at least `min_each`
/// on every item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Threshold {
    pub level: Level,
    pub min_total: u32,
    #[serde(default)]
    pub min_each: Option<u32>,
}

impl Rule {
    /// Every number of points the rule can give, lowest first.
    pub fn possible_points(&self) -> Vec<u32> {
        let mut points: Vec<u32> = match self {
            Rule::Choices { choices } => choices.iter().map(|c| c.points).collect(),
            Rule::Percentage { bands } => bands.iter().map(|b| b.points).collect(),
            Rule::YesNo { yes, no } => vec![*yes, *no],
        };
        points.sort_unstable();
        points.dedup();
        points
    }

    pub fn max_points(&self) -> u32 {
        match self {
            Rule::Choices { choices } => choices.iter().map(|c| c.points).max().unwrap_or(0),
            Rule::Percentage { bands } => bands.iter().map(|b| b.points).max().unwrap_or(0),
            Rule::YesNo { yes, no } => *yes.max(no),
        }
    }
}

impl Template {
    pub fn max_total(&self) -> u32 {
        self.items.iter().map(|i| i.rule.max_points()).sum()
    }

    /// Every rule a template must keep before it is saved: named items, rules that give points
    /// within range, bands from 0 that rise, and one threshold a level that rise without
    /// overlapping and can each be reached.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut invalid = Invalid::default();
        let name = self.name.trim();
        if name.is_empty() {
            invalid.push(FieldError::required(
                "name",
                "ชื่อเกณฑ์",
                "The template's name",
            ));
        } else if name.chars().count() > TEXT_MAX {
            invalid.push(FieldError::too_long(
                "name",
                "ชื่อเกณฑ์",
                "The template's name",
                TEXT_MAX,
            ));
        }
        if self.items.is_empty() {
            invalid.push(FieldError::new(
                "items",
                "เกณฑ์ต้องมีอย่างน้อยหนึ่งข้อ",
                "A template needs at least one item",
            ));
        }
        if self.items.len() > ITEMS_MAX {
            invalid.push(FieldError::new(
                "items",
                format!("เกณฑ์มีได้ไม่เกิน {ITEMS_MAX} ข้อ"),
                format!("A template has at most {ITEMS_MAX} items"),
            ));
        }
        for (n, item) in self.items.iter().enumerate() {
            for e in item.problems(n + 1) {
                invalid.push(e);
            }
        }
        for e in self.threshold_problems() {
            invalid.push(e);
        }
        invalid.into_result(|| ())
    }

    fn threshold_problems(&self) -> Vec<FieldError> {
        let mut problems = Vec::new();
        let levels: Vec<Level> = self.thresholds.iter().map(|t| t.level).collect();
        if levels != Level::ALL {
            problems.push(FieldError::new(
                "thresholds",
                "ต้องกำหนดเกณฑ์ครบทั้งสามระดับ เรียงจากส่งเสริมคุณธรรม คุณธรรม ถึงคุณธรรมต้นแบบ ระดับละหนึ่งชุด",
                "Set one threshold for each of the three levels, from promoting to moral to model",
            ));
            return problems;
        }
        let max = self.max_total();
        let lowest_each = self
            .items
            .iter()
            .map(|i| i.rule.max_points())
            .min()
            .unwrap_or(0);
        for t in &self.thresholds {
            let label = t.level.label_th();
            if t.min_total > max {
                problems.push(FieldError::new(
                    "thresholds",
                    format!(
                        "ระดับ{label}ต้องได้ {} คะแนน แต่คะแนนเต็มมีเพียง {max}",
                        t.min_total
                    ),
                    format!(
                        "The {} level asks for {} points but at most {max} can be scored",
                        t.level.label_en(),
                        t.min_total
                    ),
                ));
            }
            if t.min_each.is_some_and(|m| m > lowest_each) {
                problems.push(FieldError::new(
                    "thresholds",
                    format!("ระดับ{label}กำหนดคะแนนขั้นต่ำรายข้อสูงกว่าที่บางข้อให้ได้"),
                    format!(
                        "The {} level asks more of every item than some items can give",
                        t.level.label_en()
                    ),
                ));
            }
        }
        for pair in self.thresholds.windows(2) {
            let (low, high) = (&pair[0], &pair[1]);
            let each = |t: &Threshold| t.min_each.unwrap_or(0);
            let asks_more = high.min_total > low.min_total && each(high) >= each(low);
            if !asks_more {
                problems.push(FieldError::new(
                    "thresholds",
                    format!(
                        "เกณฑ์ระดับ{}ต้องสูงกว่าระดับ{} (คะแนนรวมมากกว่า และขั้นต่ำรายข้อไม่น้อยกว่า) ไม่เช่นนั้นสองระดับจะซ้อนกัน",
                        high.level.label_th(),
                        low.level.label_th()
                    ),
                    format!(
                        "The {} level must ask more than the {} level (more points, and no less on each item), or the two overlap",
                        high.level.label_en(),
                        low.level.label_en()
                    ),
                ));
            }
        }
        problems
    }
}

impl Item {
    fn problems(&self, n: usize) -> Vec<FieldError> {
        let mut problems = Vec::new();
        let mut say = |th: String, en: String| {
            problems.push(FieldError::new(
                "items",
                format!("ข้อ {n}: {th}"),
                format!("Item {n}: {en}"),
            ))
        };
        if self.title.trim().is_empty() {
            say("กรุณากรอกชื่อข้อ".into(), "the title is required".into());
        }
        if [&self.title, &self.guidance, &self.evidence]
            .iter()
            .any(|t| t.chars().count() > TEXT_MAX * 4)
        {
            say(
                format!("ข้อความยาวเกิน {} ตัวอักษร", TEXT_MAX * 4),
                format!("a text is longer than {} characters", TEXT_MAX * 4),
            );
        }
        if self.evidence_required && self.evidence.trim().is_empty() {
            say(
                "บังคับหลักฐานแต่ไม่ได้บอกว่าหลักฐานคืออะไร".into(),
                "evidence is required but not described".into(),
            );
        }
        if self.rule.max_points() > POINTS_MAX {
            say(
                format!("คะแนนต้องอยู่ระหว่าง 0 ถึง {POINTS_MAX}"),
                format!("points must be between 0 and {POINTS_MAX}"),
            );
        }
        match &self.rule {
            Rule::Choices { choices } => {
                if choices.len() < 2 {
                    say(
                        "ต้องมีตัวเลือกอย่างน้อยสองข้อ".into(),
                        "at least two choices are needed".into(),
                    );
                }
                if choices.iter().any(|c| c.label.trim().is_empty()) {
                    say(
                        "ตัวเลือกต้องมีข้อความ".into(),
                        "every choice needs a label".into(),
                    );
                }
            }
            Rule::Percentage { bands } => {
                let starts_at_zero = bands.first().is_some_and(|b| b.from == 0.0);
                let rising = bands
                    .windows(2)
                    .all(|w| w[1].from > w[0].from && w[1].points >= w[0].points);
                let within = bands
                    .iter()
                    .all(|b| b.from.is_finite() && (0.0..=100.0).contains(&b.from));
                if !starts_at_zero {
                    say(
                        "ช่วงร้อยละต้องเริ่มที่ 0 ไม่เช่นนั้นจะมีช่องว่าง".into(),
                        "the percentage bands must start at 0, or they leave a gap".into(),
                    );
                }
                if !rising || !within {
                    say(
                        "ช่วงร้อยละต้องอยู่ระหว่าง 0 ถึง 100 เรียงจากน้อยไปมากไม่ซ้ำกัน และคะแนนไม่ลดลงเมื่อร้อยละสูงขึ้น".into(),
                        "the bands must lie within 0–100, rise without repeating, and never give fewer points for a higher percentage".into(),
                    );
                }
            }
            Rule::YesNo { .. } => {}
        }
        problems
    }
}
