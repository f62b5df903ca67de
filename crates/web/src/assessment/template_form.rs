//! The criteria editor's form: each item's texts and its rule written as lines people can
//! read ("2 = ลงนามครบ", "80 = 2", "ใช่ = 2"), read back into a template the domain checks whole.

use sermphalang_domain::assessment::{
    Band, Choice, Item, Level, Rule, Subject, Template, Threshold,
};
use sermphalang_domain::{FieldError, Invalid};

/// One item as the form shows it.
pub struct ItemRow {
    pub index: usize,
    pub title: String,
    pub guidance: String,
    pub evidence: String,
    pub required: bool,
    pub kind: &'static str,
    pub rule: String,
}

fn number(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

/// The rule as lines, one choice, band or answer each.
pub fn rule_text(rule: &Rule) -> (&'static str, String) {
    match rule {
        Rule::Choices { choices } => (
            "choices",
            choices
                .iter()
                .map(|c| format!("{} = {}", c.points, c.label))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        Rule::Percentage { bands } => (
            "percent",
            bands
                .iter()
                .rev()
                .map(|b| format!("{} = {}", number(b.from), b.points))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        Rule::YesNo { yes, no } => ("yes_no", format!("ใช่ = {yes}\nไม่ใช่ = {no}")),
    }
}

pub fn rows(template: &Template) -> Vec<ItemRow> {
    template
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let (kind, rule) = rule_text(&item.rule);
            ItemRow {
                index: i,
                title: item.title.clone(),
                guidance: item.guidance.clone(),
                evidence: item.evidence.clone(),
                required: item.evidence_required,
                kind,
                rule,
            }
        })
        .collect()
}

fn unreadable(item: usize, line: &str) -> FieldError {
    FieldError::new(
        "items",
        format!(
            "ข้อ {item}: อ่านบรรทัด \"{line}\" ไม่ได้ ให้เขียนเป็น \"คะแนน = ข้อความ\" หรือ \"ร้อยละ = คะแนน\""
        ),
        format!(
            "Item {item}: cannot read the line \"{line}\"; write \"points = text\" or \"percent = points\""
        ),
    )
}

fn digits(text: &str) -> String {
    sermphalang_thai::to_arabic_digits(text.trim())
}

/// Reads a rule from its kind and lines; `item` is the 1-based number for messages.
fn rule(item: usize, kind: &str, text: &str) -> Result<Rule, FieldError> {
    let lines: Vec<(&str, &str)> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| l.split_once('=').ok_or_else(|| unreadable(item, l)))
        .collect::<Result<_, _>>()?;
    let points = |v: &str, line: &str| digits(v).parse::<u32>().map_err(|_| unreadable(item, line));
    match kind {
        "percent" => {
            let mut bands = Vec::new();
            for (from, p) in &lines {
                let line = format!("{from}={p}");
                let from = digits(from)
                    .trim_end_matches('%')
                    .trim()
                    .parse::<f64>()
                    .map_err(|_| unreadable(item, &line))?;
                bands.push(Band {
                    from,
                    points: points(p, &line)?,
                });
            }
            bands.sort_by(|a, b| a.from.total_cmp(&b.from));
            Ok(Rule::Percentage { bands })
        }
        "yes_no" => {
            let mut yes = None;
            let mut no = None;
            for (answer, p) in &lines {
                let line = format!("{answer}={p}");
                let v = points(p, &line)?;
                match answer.trim().to_lowercase().as_str() {
                    "ใช่" | "yes" | "มี" => yes = Some(v),
                    "ไม่ใช่" | "no" | "ไม่มี" => no = Some(v),
                    _ => return Err(unreadable(item, &line)),
                }
            }
            Ok(Rule::YesNo {
                yes: yes.unwrap_or(0),
                no: no.unwrap_or(0),
            })
        }
        _ => {
            let mut choices = Vec::new();
            for (p, label) in &lines {
                let line = format!("{p}={label}");
                choices.push(Choice {
                    label: label.trim().to_string(),
                    points: points(p, &line)?,
                });
            }
            Ok(Rule::Choices { choices })
        }
    }
}

/// The template the form describes, checked whole by the domain.
pub fn read(subject: Subject, fields: &[(String, String)]) -> Result<Template, Invalid> {
    let field = |name: String| {
        fields
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let mut errors = Vec::new();
    let mut items = Vec::new();
    let mut i = 0;
    while fields.iter().any(|(k, _)| *k == format!("t{i}")) {
        let title = field(format!("t{i}"));
        let removed = !field(format!("remove{i}")).is_empty();
        if !title.is_empty() && !removed {
            let number = items.len() + 1;
            match rule(number, &field(format!("k{i}")), &field(format!("x{i}"))) {
                Ok(rule) => items.push(Item {
                    title,
                    guidance: field(format!("g{i}")),
                    rule,
                    evidence: field(format!("e{i}")),
                    evidence_required: !field(format!("r{i}")).is_empty(),
                }),
                Err(e) => errors.push(e),
            }
        }
        i += 1;
    }
    let mut thresholds = Vec::new();
    for level in Level::ALL {
        let total = digits(&field(format!("total_{}", level.code())));
        let each = digits(&field(format!("each_{}", level.code())));
        let Ok(min_total) = total.parse::<u32>() else {
            errors.push(FieldError::new(
                "thresholds",
                format!("กรุณากรอกคะแนนรวมขั้นต่ำของระดับ{} เป็นตัวเลข", level.label_th()),
                format!(
                    "Give the minimum total of the {} level as a number",
                    level.label_en()
                ),
            ));
            continue;
        };
        thresholds.push(Threshold {
            level: *level,
            min_total,
            min_each: each.parse().ok(),
        });
    }
    if !errors.is_empty() {
        return Err(Invalid(errors));
    }
    let template = Template {
        subject,
        name: field("name".into()),
        items,
        thresholds,
    };
    template.validate()?;
    Ok(template)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sermphalang_domain::assessment::nine_activities;

    fn fields_of(template: &Template) -> Vec<(String, String)> {
        let mut f = vec![("name".to_string(), template.name.clone())];
        for r in rows(template) {
            let i = r.index;
            f.push((format!("t{i}"), r.title));
            f.push((format!("g{i}"), r.guidance));
            f.push((format!("e{i}"), r.evidence));
            if r.required {
                f.push((format!("r{i}"), "on".into()));
            }
            f.push((format!("k{i}"), r.kind.into()));
            f.push((format!("x{i}"), r.rule));
        }
        for t in &template.thresholds {
            f.push((format!("total_{}", t.level.code()), t.min_total.to_string()));
            let each = t.min_each.map(|m| m.to_string()).unwrap_or_default();
            f.push((format!("each_{}", t.level.code()), each));
        }
        f
    }

    #[test]
    fn the_form_reads_back_the_template_it_shows() {
        let t = nine_activities(Subject::Community);
        assert_eq!(read(Subject::Community, &fields_of(&t)), Ok(t));
    }

    #[test]
    fn an_unreadable_line_and_overlapping_levels_are_named() {
        let t = nine_activities(Subject::Community);
        let mut f = fields_of(&t);
        f.iter_mut().find(|(k, _)| k == "x1").unwrap().1 = "สอง = ครบ".into();
        let e = read(Subject::Community, &f).unwrap_err();
        assert!(
            e.0[0].th.contains("ข้อ 2") && e.0[0].th.contains("สอง"),
            "{e:?}"
        );

        let mut f = fields_of(&t);
        f.iter_mut().find(|(k, _)| k == "total_moral").unwrap().1 = "6".into();
        assert!(read(Subject::Community, &f).is_err());
    }
}
