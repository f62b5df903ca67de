//! Reading last year's paper results from a workbook shaped like the assessments' export:
//! which header is which column, an item's points cell and the level cell.

use super::{Answer, Item, Level, Rule, Subject, score};
use crate::FieldError;
use crate::columns::{Column, column, folded};
use sermphalang_thai::to_arabic_digits;

/// The columns of a result row, in the export's order; the items' columns follow them.
pub const COLUMNS: &[Column] = &[
    column(
        "unit",
        "หน่วยที่รับการประเมิน",
        "Assessed unit",
        &["หน่วย", "ชื่อหน่วย", "ชื่อหน่วยที่รับการประเมิน", "unit"],
    ),
    column("subject", "ประเภท", "Kind", &["ประเภทหน่วย", "subject"]),
    column("district", "อำเภอ", "District", &[]),
    column(
        "fiscal_year",
        "ปีงบประมาณ",
        "Fiscal year",
        &["ปี", "ปีที่ประเมิน"],
    ),
    column("criteria", "เกณฑ์", "Criteria", &["ชื่อเกณฑ์"]),
    column("version", "ฉบับที่", "Version", &["ฉบับ"]),
    column(
        "self_total",
        "คะแนนประเมินตนเอง",
        "Self-assessed points",
        &["คะแนนตนเอง"],
    ),
    column(
        "total",
        "คะแนนหลังตรวจ",
        "Verified points",
        &["คะแนนรวม", "คะแนน", "total"],
    ),
    column(
        "level",
        "ระดับที่ได้รับ",
        "Level awarded",
        &["ระดับ", "ผลการประเมิน", "level"],
    ),
];

/// Headers the export writes that an import sets itself: they are read only to say so.
pub const LEFT: &[&str] = &["สถานะ", "รหัสเกียรติบัตร", "status", "certificate code"];

/// Which points an item's column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemColumn {
    /// The unit's own points for item `n` (from 0).
    Own(usize),
    /// The points the working group gave item `n`.
    Verified(usize),
}

/// The item a header such as "ข้อ 3 ผลตรวจ", "ข้อ 3 ตนเอง", "ข้อ 3" or "Item 3 verified" is
/// about; a bare "ข้อ 3" is the result that counts.
pub fn item_column(header: &str) -> Option<ItemColumn> {
    let text = folded(&to_arabic_digits(header));
    let rest = ["ข้อที่", "ข้อ", "item"]
        .iter()
        .find_map(|w| text.strip_prefix(w))?
        .trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let n: usize = digits.parse().ok().filter(|n| *n >= 1)?;
    match rest[digits.len()..].trim() {
        "" | "ผลตรวจ" | "ผล" | "ผลการตรวจ" | "verified" => {
            Some(ItemColumn::Verified(n - 1))
        }
        "ตนเอง" | "ประเมินตนเอง" | "self" => {
            Some(ItemColumn::Own(n - 1))
        }
        _ => None,
    }
}

/// What a level cell says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stated {
    /// Left empty: the points decide.
    Nothing,
    /// "ไม่ผ่าน" or "-": the unit reached no level.
    NoLevel,
    Level(Level),
}

/// Reads the level cell for a subject: the level's name ("คุณธรรมต้นแบบ"), its full title
/// ("ชุมชนคุณธรรมต้นแบบ"), its code or its English name.
pub fn level_cell(subject: Subject, cell: &str) -> Result<Stated, FieldError> {
    let t = cell.trim();
    if t.is_empty() {
        return Ok(Stated::Nothing);
    }
    if ["-", "ไม่ผ่าน", "ไม่ผ่านเกณฑ์", "ไม่ได้ระดับ", "none", "not reached"]
        .iter()
        .any(|w| t.eq_ignore_ascii_case(w))
    {
        return Ok(Stated::NoLevel);
    }
    let bare = t.strip_prefix(subject.label_th()).unwrap_or(t);
    Level::ALL
        .iter()
        .copied()
        .find(|l| {
            Level::parse_loose(bare) == Some(*l)
                || l.title_th(subject) == t
                || l.title_en(subject).eq_ignore_ascii_case(t)
        })
        .map(Stated::Level)
        .ok_or_else(|| {
            FieldError::new(
                "level",
                format!(
                    "ไม่รู้จักระดับ \"{t}\" (เขียนได้ว่า {}, {}, {} หรือ ไม่ผ่าน)",
                    Level::Promoting.label_th(),
                    Level::Moral.label_th(),
                    Level::Model.label_th()
                ),
                format!(
                    "Unknown level \"{t}\" (write {}, {}, {} or none)",
                    Level::Promoting.label_en(),
                    Level::Moral.label_en(),
                    Level::Model.label_en()
                ),
            )
        })
}

/// Reads an item's cell: points ("2"), or the answer itself: a percentage ("85%") for a
/// percentage item, ใช่ / ไม่ใช่ for a yes-or-no item, a choice's words for a choice item.
/// An empty cell is no answer. The answer is checked against the item.
pub fn item_cell(item: &Item, number: usize, cell: &str) -> Result<Option<Answer>, FieldError> {
    let t = to_arabic_digits(cell.trim());
    if t.is_empty() {
        return Ok(None);
    }
    let yes_no = |t: &str| match t.to_lowercase().as_str() {
        "ใช่" | "มี" | "yes" => Some(true),
        "ไม่ใช่" | "ไม่มี" | "no" => Some(false),
        _ => None,
    };
    let answer = match &item.rule {
        Rule::Percentage { .. } if t.ends_with('%') => t
            .trim_end_matches('%')
            .trim()
            .parse()
            .ok()
            .map(Answer::Percent),
        Rule::YesNo { .. } if yes_no(&t).is_some() => yes_no(&t).map(Answer::Yes),
        Rule::Choices { choices } if choices.iter().any(|c| c.label.trim() == t) => choices
            .iter()
            .position(|c| c.label.trim() == t)
            .map(Answer::Choice),
        _ => t.parse::<u32>().ok().map(Answer::Points),
    };
    let within = |th: String, en: String| {
        FieldError::new(
            "answer",
            format!("ข้อ {number}: {th}"),
            format!("Item {number}: {en}"),
        )
    };
    let answer = answer.ok_or_else(|| {
        within(
            format!("อ่าน \"{t}\" เป็นคะแนนไม่ได้"),
            format!("\"{t}\" is not a number of points"),
        )
    })?;
    score(item, answer).map_err(|e| within(e.th, e.en))?;
    Ok(Some(answer))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::nine_activities;

    #[test]
    fn item_headers_name_the_item_and_whose_points() {
        assert_eq!(item_column("ข้อ 3 ผลตรวจ"), Some(ItemColumn::Verified(2)));
        assert_eq!(item_column("ข้อ ๓ ตนเอง"), Some(ItemColumn::Own(2)));
        assert_eq!(item_column("ข้อที่ 10"), Some(ItemColumn::Verified(9)));
        assert_eq!(item_column("Item 1 self"), Some(ItemColumn::Own(0)));
        assert_eq!(item_column("ข้อ 0"), None);
        assert_eq!(item_column("ข้อ 1 หมายเหตุ"), None);
        assert_eq!(item_column("อำเภอ"), None);
    }

    #[test]
    fn a_level_cell_reads_names_titles_and_none() {
        let s = Subject::Community;
        assert_eq!(
            level_cell(s, "ชุมชนคุณธรรมต้นแบบ"),
            Ok(Stated::Level(Level::Model))
        );
        assert_eq!(level_cell(s, "คุณธรรม"), Ok(Stated::Level(Level::Moral)));
        assert_eq!(
            level_cell(s, "promoting"),
            Ok(Stated::Level(Level::Promoting))
        );
        assert_eq!(level_cell(s, "ไม่ผ่าน"), Ok(Stated::NoLevel));
        assert_eq!(level_cell(s, " "), Ok(Stated::Nothing));
        let e = level_cell(s, "ดีมาก").unwrap_err();
        assert!(e.th.contains("ดีมาก") && e.en.contains("Unknown level"));
    }

    #[test]
    fn item_cells_read_points_or_the_answer_and_refuse_what_the_item_cannot_give() {
        let t = nine_activities(Subject::Community);
        let declaration = &t.items[0];
        assert_eq!(item_cell(declaration, 1, "๒"), Ok(Some(Answer::Points(2))));
        assert_eq!(
            item_cell(declaration, 1, "85%"),
            Ok(Some(Answer::Percent(85.0)))
        );
        assert_eq!(item_cell(declaration, 1, ""), Ok(None));
        let e = item_cell(declaration, 1, "3").unwrap_err();
        assert!(
            e.th.starts_with("ข้อ 1:") && e.th.contains("0, 1, 2"),
            "{}",
            e.th
        );
        let e = item_cell(declaration, 1, "120%").unwrap_err();
        assert!(e.th.contains("ร้อยละ"), "{}", e.th);
        let e = item_cell(declaration, 1, "ดี").unwrap_err();
        assert!(e.en.contains("not a number of points"), "{}", e.en);
        let choices = t
            .items
            .iter()
            .find(|i| matches!(i.rule, Rule::Choices { .. }))
            .expect("a choice item");
        let Rule::Choices { choices: list } = &choices.rule else {
            unreachable!()
        };
        assert_eq!(
            item_cell(choices, 2, &list[1].label),
            Ok(Some(Answer::Choice(1)))
        );
    }
}
