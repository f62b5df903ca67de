//! An assessment's items as pages show them: the rule, the unit's answer, the verifier's, the
//! evidence; and answers read back from a form's `a{n}` fields.

use sermphalang_domain::assessment::{Answer, Level, Outcome, Rule, Subject, Template};
use sermphalang_store::assessment::assessments::{Answered, Evidence, ItemInput};

pub struct ChoiceView {
    pub index: usize,
    pub label: String,
    pub points: u32,
    pub chosen: bool,
    pub verified: bool,
}

pub struct ItemView {
    /// From 0, as the form's field names use it.
    pub index: usize,
    pub title: String,
    pub guidance: String,
    pub evidence_text: String,
    pub evidence_required: bool,
    pub max: u32,
    /// "choices", "percent" or "yes_no".
    pub kind: &'static str,
    pub choices: Vec<ChoiceView>,
    /// The percentage as typed, for a percentage item.
    pub percent: String,
    pub verified_percent: String,
    /// `from:points` pairs for the live score, and the same as words for people.
    pub bands: String,
    pub bands_th: String,
    pub bands_en: String,
    pub score: Option<u32>,
    /// The unit's answer and the verifier's, as words.
    pub answer_text: String,
    pub verified_text: String,
    pub note: String,
    pub verified_score: Option<u32>,
    pub verifier_comment: String,
    pub evidence: Vec<Evidence>,
}

fn number(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

pub fn items(template: &Template, answers: &[Answered], evidence: &[Evidence]) -> Vec<ItemView> {
    template
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let answered = answers.iter().find(|a| a.item == i);
            let own = answered.map(|a| a.answer);
            let verified = answered.and_then(|a| a.verified_answer);
            let percent = |a: Option<Answer>| match a {
                Some(Answer::Percent(p)) => number(p),
                _ => String::new(),
            };
            let (kind, choices, bands) = match &item.rule {
                Rule::Choices { choices } => (
                    "choices",
                    choices
                        .iter()
                        .enumerate()
                        .map(|(n, c)| ChoiceView {
                            index: n,
                            label: c.label.clone(),
                            points: c.points,
                            chosen: own == Some(Answer::Choice(n)),
                            verified: verified == Some(Answer::Choice(n)),
                        })
                        .collect(),
                    Vec::new(),
                ),
                Rule::Percentage { bands } => (
                    "percent",
                    Vec::new(),
                    bands.iter().map(|b| (b.from, b.points)).collect(),
                ),
                Rule::YesNo { yes, no } => (
                    "yes_no",
                    [(true, *yes), (false, *no)]
                        .into_iter()
                        .map(|(y, points)| ChoiceView {
                            index: usize::from(!y),
                            label: if y {
                                "ใช่ / Yes"
                            } else {
                                "ไม่ใช่ / No"
                            }
                            .into(),
                            points,
                            chosen: own == Some(Answer::Yes(y)),
                            verified: verified == Some(Answer::Yes(y)),
                        })
                        .collect(),
                    Vec::new(),
                ),
            };
            let text = |a: Option<Answer>| match (a, &item.rule) {
                (Some(Answer::Choice(n)), Rule::Choices { choices }) => {
                    choices.get(n).map(|c| c.label.clone()).unwrap_or_default()
                }
                (Some(Answer::Percent(p)), _) => format!("{}%", number(p)),
                (Some(Answer::Yes(true)), _) => "ใช่ / Yes".into(),
                (Some(Answer::Yes(false)), _) => "ไม่ใช่ / No".into(),
                (Some(Answer::Points(p)), _) => {
                    format!("{p} คะแนน / points (ผลบนกระดาษ / paper result)")
                }
                _ => String::new(),
            };
            let mut descending = bands.clone();
            descending.sort_by(|a, b| b.0.total_cmp(&a.0));
            ItemView {
                index: i,
                title: item.title.clone(),
                guidance: item.guidance.clone(),
                evidence_text: item.evidence.clone(),
                evidence_required: item.evidence_required,
                max: item.rule.max_points(),
                kind,
                choices,
                percent: percent(own),
                verified_percent: percent(verified),
                bands: bands
                    .iter()
                    .map(|(from, points)| format!("{}:{points}", number(*from)))
                    .collect::<Vec<_>>()
                    .join(","),
                bands_th: descending
                    .iter()
                    .map(|(from, points)| format!("ร้อยละ {} ขึ้นไป {points} คะแนน", number(*from)))
                    .collect::<Vec<_>>()
                    .join(" · "),
                bands_en: descending
                    .iter()
                    .map(|(from, points)| format!("{}% or more: {points}", number(*from)))
                    .collect::<Vec<_>>()
                    .join(" · "),
                score: answered.map(|a| a.score),
                answer_text: text(own),
                verified_text: text(verified),
                note: answered.map(|a| a.note.clone()).unwrap_or_default(),
                verified_score: answered.and_then(|a| a.verified_score),
                verifier_comment: answered
                    .map(|a| a.verifier_comment.clone())
                    .unwrap_or_default(),
                evidence: evidence.iter().filter(|e| e.item == i).cloned().collect(),
            }
        })
        .collect()
}

/// The thresholds for the page's live score: `code:min_total:min_each`, highest level first.
pub fn thresholds(template: &Template) -> String {
    let mut t = template.thresholds.clone();
    t.sort_by_key(|t| std::cmp::Reverse(t.level));
    t.iter()
        .map(|t| {
            format!(
                "{}:{}:{}",
                t.level.code(),
                t.min_total,
                t.min_each.map(|m| m.to_string()).unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// A level's name for a subject in the page's language.
pub fn level_title(en: bool, level: Option<Level>, subject: Subject) -> String {
    match (level, en) {
        (Some(l), false) => l.title_th(subject),
        (Some(l), true) => l.title_en(subject),
        (None, false) => "ยังไม่ถึงระดับ".into(),
        (None, true) => "No level yet".into(),
    }
}

/// Reads one item's answer from its form field; an empty field is no answer. A value that
/// cannot be read is passed on as an answer the domain refuses with a message.
pub fn answer(rule: &Rule, value: &str) -> Option<Answer> {
    let v = sermphalang_thai::to_arabic_digits(value.trim());
    if v.is_empty() {
        return None;
    }
    Some(match rule {
        Rule::Choices { .. } => Answer::Choice(v.parse().unwrap_or(usize::MAX)),
        Rule::Percentage { .. } => {
            Answer::Percent(v.trim_end_matches('%').trim().parse().unwrap_or(f64::NAN))
        }
        Rule::YesNo { .. } => Answer::Yes(v == "yes"),
    })
}

/// Every item's answer and note from a form's fields.
pub fn inputs(template: &Template, fields: &[(String, String)]) -> Vec<ItemInput> {
    let field = |name: String| {
        fields
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_default()
    };
    template
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| ItemInput {
            item: i,
            answer: answer(&item.rule, field(format!("a{i}"))),
            note: field(format!("n{i}")).to_string(),
        })
        .collect()
}

/// The live outcome as words: "12 / 18 คะแนน · ชุมชนคุณธรรม".
pub fn outcome_line(en: bool, o: &Outcome, subject: Subject) -> String {
    let level = level_title(en, o.level, subject);
    if en {
        format!("{} / {} points · {level}", o.total, o.max)
    } else {
        format!("{} / {} คะแนน · {level}", o.total, o.max)
    }
}
