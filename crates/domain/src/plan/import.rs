//! Reading a plan workbook's cells, in the shape the plan's export writes: which header is
//! which column, an entry's number in the tree, and a budget cell with one or more sources.

use super::{BudgetLine, Level};
use crate::FieldError;
pub use crate::columns::{Column, column_of};
use crate::columns::{column, folded};
use sermphalang_thai::to_arabic_digits;

/// The structure sheet's columns, in the export's order.
pub const ENTRY_COLUMNS: &[Column] = &[
    column("number", "ลำดับ", "No.", &["ที่", "number"]),
    column("level", "ระดับ", "Level", &[]),
    column("title", "ชื่อ", "Title", &["ชื่อรายการ", "name"]),
    column("description", "รายละเอียด", "Description", &[]),
    column("fiscal_year", "ปีงบประมาณ", "Fiscal year", &["ปี"]),
    column("starts_on", "วันที่เริ่ม", "Starts", &["เริ่ม"]),
    column("ends_on", "วันที่สิ้นสุด", "Ends", &["สิ้นสุด"]),
    column("networks", "ภาคีเครือข่าย", "Networks", &["เครือข่าย", "ภาคี"]),
    column(
        "organizations",
        "องค์กรที่รับผิดชอบ",
        "Organizations",
        &["หน่วยงานที่รับผิดชอบ", "ผู้รับผิดชอบ"],
    ),
    column("districts", "อำเภอ", "Districts", &["พื้นที่ดำเนินการ"]),
    column(
        "references",
        "ความสอดคล้อง",
        "Aligned with",
        &["ความสอดคล้องกับยุทธศาสตร์", "references"],
    ),
    column(
        "budget",
        "งบประมาณ (บาท)",
        "Budget (baht)",
        &["งบประมาณ", "budget"],
    ),
    column(
        "sources",
        "แหล่งงบประมาณ",
        "Budget sources",
        &["แหล่งงบ", "budget source"],
    ),
];

/// The indicator sheet's columns; after them come a "เป้าหมาย 2566" and a "ผล 2566" column
/// for each fiscal year.
pub const INDICATOR_COLUMNS: &[Column] = &[
    column("name", "ตัวชี้วัด", "Indicator", &["ชื่อตัวชี้วัด"]),
    column("unit", "หน่วยนับ", "Unit", &["หน่วย"]),
    column("kind", "ชนิด", "Kind", &["ประเภท"]),
    column("baseline", "ค่าฐาน", "Baseline", &["ค่าฐานเดิม"]),
    column("measures", "วัดผลของ", "Measures", &["รายการที่วัด"]),
];

/// The sheet names the export gives; a workbook without them is read by position.
pub const STRUCTURE_SHEET: &str = "โครงสร้างแผน";
pub const INDICATOR_SHEET: &str = "ตัวชี้วัด";
/// What the indicator sheet's "measures" column says for an indicator of the whole plan.
pub const WHOLE_PLAN: &str = "ทั้งแผน";

/// The fiscal year of a "เป้าหมาย 2566" (or "Target 2566") header.
pub fn target_year(header: &str) -> Option<i32> {
    year_after(header, &["เป้าหมาย", "เป้าหมายปี", "target"])
}

/// The fiscal year of a "ผล 2566" (or "Actual 2566") header; actuals come from reports, so an
/// import reads these columns only to say that it leaves them.
pub fn actual_year(header: &str) -> Option<i32> {
    year_after(header, &["ผล", "ผลปี", "actual"])
}

fn year_after(header: &str, words: &[&str]) -> Option<i32> {
    let text = folded(&to_arabic_digits(header));
    let (word, year) = text.rsplit_once(' ').or_else(|| {
        let at = text.find(|c: char| c.is_ascii_digit())?;
        Some((&text[..at], &text[at..]))
    })?;
    let word = word.trim();
    (words.contains(&word) && year.len() == 4)
        .then(|| year.parse().ok())
        .flatten()
}

/// An entry's place in the tree as written in its number cell: "1.2.3" is the third project
/// of the second goal of the first strategy.
pub fn entry_number(raw: &str) -> Result<Vec<u32>, FieldError> {
    let text = to_arabic_digits(raw.trim());
    let text = text.trim_end_matches('.');
    let parts: Option<Vec<u32>> = text
        .split('.')
        .map(|p| p.trim().parse::<u32>().ok().filter(|n| *n > 0))
        .collect();
    match parts {
        Some(parts) if !text.is_empty() && parts.len() <= 4 => Ok(parts),
        _ => Err(FieldError::new(
            "number",
            format!(
                "ลำดับ \"{}\" ไม่ถูกต้อง ต้องเป็นตัวเลขคั่นด้วยจุด เช่น 1 (ยุทธศาสตร์) 1.1 (เป้าประสงค์) 1.1.1 (โครงการ) 1.1.1.1 (กิจกรรม)",
                raw.trim()
            ),
            format!(
                "Number \"{}\" is not valid: write numbers joined by dots, such as 1 (strategy), 1.1 (goal), 1.1.1 (project), 1.1.1.1 (activity)",
                raw.trim()
            ),
        )),
    }
}

/// The level of an entry `depth` numbers deep.
pub fn level_at(depth: usize) -> Level {
    match depth {
        0 | 1 => Level::Strategy,
        2 => Level::Goal,
        3 => Level::Project,
        _ => Level::Activity,
    }
}

pub fn dotted(number: &[u32]) -> String {
    number
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(".")
}

/// The items of a cell listing several names ("ภาคเอกชน, ภาคการศึกษา").
pub fn list(raw: &str) -> Vec<String> {
    raw.split([',', ';', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// The sources cell the export writes: one source alone (the budget cell holds its amount),
/// or each source with its amount, "อบจ.อุดรธานี: 50000; สสส.: 20000".
pub fn sources_cell(lines: &[BudgetLine]) -> String {
    match lines {
        [one] => one.source.clone(),
        _ => lines
            .iter()
            .map(|b| format!("{}: {}", b.source, baht(b.satang)))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

fn baht(satang: i64) -> String {
    if satang % 100 == 0 {
        format!("{}", satang / 100)
    } else {
        format!("{}.{:02}", satang / 100, satang % 100)
    }
}

/// The budget lines of a budget cell and a sources cell, as the entry form's sources and
/// amounts (which check them); the total, when given with several sources, must be their sum.
pub fn budget_columns(
    total: &str,
    sources: &str,
) -> Result<(Vec<String>, Vec<String>), FieldError> {
    let parts: Vec<&str> = sources
        .split([';', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let total = total.trim();
    match parts.as_slice() {
        [] if total.is_empty() => Ok((Vec::new(), Vec::new())),
        [] => Err(FieldError::new(
            "budget_source",
            "มีงบประมาณแต่ไม่ได้ระบุแหล่งงบประมาณ",
            "A budget is given without its source",
        )),
        [one] if !one.contains(':') => Ok((vec![one.to_string()], vec![total.to_string()])),
        many => {
            let mut names = Vec::new();
            let mut amounts = Vec::new();
            for part in many {
                let Some((name, amount)) = part.rsplit_once(':') else {
                    return Err(FieldError::new(
                        "budget_source",
                        format!(
                            "แหล่งงบประมาณ \"{part}\" ไม่มีจำนวนเงิน เมื่อมีหลายแหล่งให้เขียนแบบ \"แหล่ง: จำนวนเงิน; แหล่ง: จำนวนเงิน\""
                        ),
                        format!(
                            "Budget source \"{part}\" has no amount; with several sources write \"source: amount; source: amount\""
                        ),
                    ));
                };
                names.push(name.trim().to_string());
                amounts.push(amount.trim().to_string());
            }
            let sum: Option<f64> = amounts.iter().map(|a| super::number(a)).sum();
            if let (Some(sum), Some(total)) = (sum, super::number(total))
                && (sum - total).abs() > 0.005
            {
                return Err(FieldError::new(
                    "budget",
                    format!("งบประมาณรวม {total} ไม่เท่ากับผลรวมของแต่ละแหล่ง ({sum})"),
                    format!("The budget {total} is not the sum of its sources ({sum})"),
                ));
            }
            Ok((names, amounts))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_read_in_either_language_and_years_from_target_headers() {
        assert_eq!(
            column_of(ENTRY_COLUMNS, " งบประมาณ  (บาท) ").map(|c| c.key),
            Some("budget")
        );
        assert_eq!(
            column_of(INDICATOR_COLUMNS, "Unit").map(|c| c.key),
            Some("unit")
        );
        assert!(column_of(ENTRY_COLUMNS, "หมายเหตุ").is_none());
        assert_eq!(target_year("เป้าหมาย ๒๕๖๘"), Some(2568));
        assert_eq!(target_year("Target 2568"), Some(2568));
        assert_eq!(target_year("เป้าหมาย2568"), Some(2568));
        assert_eq!(actual_year("ผล 2568"), Some(2568));
        assert_eq!(target_year("ผล 2568"), None);
    }

    #[test]
    fn numbers_give_the_place_in_the_tree() {
        assert_eq!(entry_number("๑.๒.๓"), Ok(vec![1, 2, 3]));
        assert_eq!(entry_number("2."), Ok(vec![2]));
        assert!(entry_number("1.2.3.4.5").is_err());
        assert!(entry_number("1..2").is_err());
        assert!(entry_number("ก").is_err());
        assert_eq!(level_at(3), Level::Project);
        assert_eq!(dotted(&[1, 2]), "1.2");
    }

    #[test]
    fn budgets_read_back_what_the_export_writes() {
        let lines = vec![
            BudgetLine {
                source: "อบจ.อุดรธานี".into(),
                satang: 5_000_050,
            },
            BudgetLine {
                source: "สสส.".into(),
                satang: 2_000_000,
            },
        ];
        let cell = sources_cell(&lines);
        assert_eq!(cell, "อบจ.อุดรธานี: 50000.50; สสส.: 20000");
        let (names, amounts) = budget_columns("70000.5", &cell).unwrap();
        assert_eq!(names, ["อบจ.อุดรธานี", "สสส."]);
        assert_eq!(amounts, ["50000.50", "20000"]);
        assert!(budget_columns("80,000", &cell).is_err());
        assert_eq!(
            budget_columns("12,000", "งบจังหวัด").unwrap(),
            (vec!["งบจังหวัด".to_string()], vec!["12,000".to_string()])
        );
        assert!(budget_columns("12,000", "").is_err());
        assert!(budget_columns("", "a: 1; b").is_err());
    }
}
