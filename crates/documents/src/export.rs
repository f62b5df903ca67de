//! Writing tables for download as CSV or .xlsx.

use std::borrow::Cow;

use rust_xlsxwriter::{Color, Format, Workbook};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    #[error("could not build the xlsx file: {0}")]
    Xlsx(String),
}

impl From<rust_xlsxwriter::XlsxError> for ExportError {
    fn from(e: rust_xlsxwriter::XlsxError) -> Self {
        Self::Xlsx(e.to_string())
    }
}

const MIN_COLUMN_WIDTH: usize = 8;
const MAX_COLUMN_WIDTH: usize = 60;

/// CSV as UTF-8 with a BOM (without it Excel reads Thai as mojibake) and CRLF
/// line ends. Cells that a spreadsheet would run as a formula are defused,
/// see [`defuse_formula`].
pub fn write_csv(headers: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .quote_style(csv::QuoteStyle::Necessary)
            .flexible(true)
            .from_writer(&mut out);
        let mut write = |cells: Vec<Cow<'_, str>>| {
            writer
                .write_record(cells.iter().map(|c| c.as_bytes()))
                .expect("writing CSV to memory cannot fail");
        };
        write(headers.iter().map(|h| defuse_formula(h)).collect());
        for row in rows {
            write(row.iter().map(|c| defuse_formula(c)).collect());
        }
        writer.flush().expect("writing CSV to memory cannot fail");
    }
    out
}

/// Prefixes `'` to a cell that starts with `=`, `+`, `-`, `@`, tab or CR, so
/// Excel and LibreOffice show it as text instead of evaluating it (CSV
/// injection). Numbers and phone numbers such as "-5" or "+66 81 000 0000"
/// are left alone: they cannot call functions or reference cells.
pub fn defuse_formula(cell: &str) -> Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_signed_number_or_phone(cell) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

fn is_signed_number_or_phone(cell: &str) -> bool {
    let mut chars = cell.chars();
    let sign = chars.next();
    let first_digit = chars.next();
    if !matches!(sign, Some('+' | '-')) || !first_digit.is_some_and(|c| c.is_ascii_digit()) {
        return false;
    }
    let phone_like = cell
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '+' | '(' | ')'));
    phone_like || cell.parse::<f64>().is_ok()
}

/// A cell of a workbook: text stays text (phone numbers keep their zeros, nothing runs as a
/// formula); numbers are numbers so a spreadsheet can compute with them.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_string())
    }
}

impl From<Option<f64>> for Cell {
    fn from(n: Option<f64>) -> Self {
        n.map(Cell::Number).unwrap_or(Cell::Empty)
    }
}

impl From<i64> for Cell {
    fn from(n: i64) -> Self {
        Cell::Number(n as f64)
    }
}

/// One sheet of a workbook.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// An .xlsx workbook with one sheet: a bold, shaded, frozen header row with an
/// autofilter. Every cell is written as text, so phone numbers keep their
/// leading zeros and nothing is evaluated as a formula.
pub fn write_xlsx(
    sheet_name: &str,
    headers: &[&str],
    rows: &[Vec<String>],
) -> Result<Vec<u8>, ExportError> {
    write_workbook(&[Table {
        name: sheet_name.to_string(),
        headers: headers.iter().map(|h| h.to_string()).collect(),
        rows: rows
            .iter()
            .map(|r| r.iter().map(|c| Cell::Text(c.clone())).collect())
            .collect(),
    }])
}

/// An .xlsx workbook with one sheet per table, each laid out as [`write_xlsx`] does.
pub fn write_workbook(tables: &[Table]) -> Result<Vec<u8>, ExportError> {
    let mut workbook = Workbook::new();
    let header_format = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDD_EB_F7));
    let number_format = Format::new().set_num_format("0.0#");
    for (index, table) in tables.iter().enumerate() {
        let sheet = workbook.add_worksheet();
        if sheet.set_name(sanitize_sheet_name(&table.name)).is_err() {
            // The name is cosmetic; a reserved one ("History") must not fail the export.
            sheet.set_name(format!("Sheet{}", index + 1))?;
        }
        let rows = &table.rows;
        let columns = rows
            .iter()
            .map(Vec::len)
            .chain([table.headers.len()])
            .max()
            .unwrap_or(0);
        let max_columns = usize::from(u16::MAX);
        if columns > max_columns {
            return Err(ExportError::Xlsx(format!("too many columns: {columns}")));
        }
        let last_row = u32::try_from(rows.len())
            .map_err(|_| ExportError::Xlsx(format!("too many rows: {}", rows.len())))?;

        // Header cells get room for the autofilter button.
        let mut widths: Vec<usize> = table.headers.iter().map(|h| text_width(h) + 3).collect();
        widths.resize(columns, 0);
        for (col, header) in (0u16..).zip(&table.headers) {
            sheet.write_string_with_format(0, col, header, &header_format)?;
        }
        for (row, cells) in (1u32..).zip(rows) {
            for ((col, cell), width) in (0u16..).zip(cells).zip(widths.iter_mut()) {
                match cell {
                    Cell::Text(text) if !text.is_empty() => {
                        sheet.write_string(row, col, text)?;
                        *width = (*width).max(text_width(text));
                    }
                    Cell::Number(n) => {
                        sheet.write_number_with_format(row, col, *n, &number_format)?;
                        *width = (*width).max(6);
                    }
                    _ => {}
                }
            }
        }
        for (col, width) in (0u16..).zip(&widths) {
            let width = (width + 2).clamp(MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH);
            sheet.set_column_width(col, width as f64)?;
        }
        if columns > 0 {
            sheet.set_freeze_panes(1, 0)?;
            sheet.autofilter(0, 0, last_row, (columns - 1) as u16)?;
        }
    }
    Ok(workbook.save_to_buffer()?)
}

fn sanitize_sheet_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') || c.is_control() {
                ' '
            } else {
                c
            }
        })
        .collect();
    let cleaned: String = cleaned
        .trim()
        .trim_matches('\'')
        .trim()
        .chars()
        .take(31)
        .collect();
    if cleaned.is_empty() {
        "Sheet1".to_string()
    } else {
        cleaned
    }
}

/// Approximate width in Excel character units: Thai vowel and tone marks
/// above or below a consonant take no space, East Asian wide characters two.
fn text_width(text: &str) -> usize {
    text.lines()
        .map(|line| {
            line.chars()
                .map(|c| match c {
                    '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}' => 0,
                    '\u{200B}'..='\u{200D}' | '\u{0300}'..='\u{036F}' => 0,
                    '\u{1100}'..='\u{115F}'
                    | '\u{2E80}'..='\u{A4CF}'
                    | '\u{AC00}'..='\u{D7A3}'
                    | '\u{F900}'..='\u{FAFF}'
                    | '\u{FF00}'..='\u{FF60}' => 2,
                    _ => 1,
                })
                .sum::<usize>()
        })
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_workbook_has_one_sheet_per_table_with_numbers_as_numbers() {
        use calamine::{Data, Reader, Xlsx};
        let tables = [
            Table {
                name: "คะแนน".into(),
                headers: vec!["กิจกรรม".into(), "ค่าเฉลี่ย".into()],
                rows: vec![vec!["โรงเรียนคุณธรรม".into(), Cell::Number(7.25)]],
            },
            Table {
                name: "ดิบ".into(),
                headers: vec!["x".into()],
                rows: vec![vec![Cell::Empty]],
            },
        ];
        let bytes = write_workbook(&tables).unwrap();
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(
            book.sheet_names(),
            vec!["คะแนน".to_string(), "ดิบ".to_string()]
        );
        let range = book.worksheet_range("คะแนน").unwrap();
        assert_eq!(
            range.get((1, 0)),
            Some(&Data::String("โรงเรียนคุณธรรม".into()))
        );
        assert_eq!(range.get((1, 1)), Some(&Data::Float(7.25)));
    }

    #[test]
    fn formula_like_cells_are_defused_with_a_quote() {
        for cell in [
            "=1+1",
            "=HYPERLINK(\"http://evil\",\"click\")",
            "+cmd|' /C calc'!A0",
            "-2+3+cmd|' /C calc'!A0",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
            "-",
            "+",
            "--1",
            "+ 66",
            "-1:1",
        ] {
            assert_eq!(defuse_formula(cell), format!("'{cell}"), "{cell:?}");
        }
    }

    #[test]
    fn numbers_and_phone_numbers_are_left_alone() {
        for cell in [
            "-5",
            "+5",
            "-3.25",
            "-1e3",
            "+66 81 000 0000",
            "+66-81-000-0000",
            "+66 (0) 81 000 0000",
            "0812345678",
            "plain text",
            "a=b",
            "",
        ] {
            assert_eq!(defuse_formula(cell), cell, "{cell:?}");
        }
    }

    #[test]
    fn csv_output_is_defused_and_excel_friendly() {
        let rows = vec![vec![
            "=1+1".to_string(),
            "+66 81 000 0000".into(),
            "ก\"ข".into(),
        ]];
        let bytes = write_csv(&["สูตร", "โทร", "คำพูด"], &rows);
        let text = std::str::from_utf8(&bytes).unwrap();
        assert_eq!(
            text,
            "\u{FEFF}สูตร,โทร,คำพูด\r\n'=1+1,+66 81 000 0000,\"ก\"\"ข\"\r\n"
        );
    }

    #[test]
    fn thai_marks_do_not_widen_columns() {
        assert_eq!(text_width("ที่"), 1);
        assert_eq!(text_width("สวัสดี"), 4);
        assert_eq!(text_width("ab\nabcd"), 4);
        assert_eq!(text_width("日本"), 4);
    }

    #[test]
    fn sheet_names_are_made_valid() {
        assert_eq!(sanitize_sheet_name("a/b"), "a b");
        assert_eq!(sanitize_sheet_name("'x'"), "x");
        assert_eq!(sanitize_sheet_name(" "), "Sheet1");
        assert_eq!(sanitize_sheet_name(&"ก".repeat(40)).chars().count(), 31);
    }
}
