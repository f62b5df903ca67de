//! A dashboard as an A4 document: its figures, each chart drawn again by Typst from the same
//! numbers (bars to scale) beside its values, and its tables. Everything arrives formatted, in
//! the reader's language, from the web layer.

use serde::Serialize;

use crate::PdfError;
use crate::engine::{Template, render};
use crate::view::dict;

#[derive(Debug, Clone, Default, Serialize)]
pub struct DashboardDocument {
    /// Typst language code, "th" or "en".
    pub lang: String,
    pub title: String,
    /// What the figures cover: "ปีงบประมาณ 2569 · ภาคีเครือข่ายศาสนา".
    pub scope: String,
    pub generated_on: String,
    /// "Generated on", "Page".
    pub generated_label: String,
    pub page_label: String,
    /// Headline figures: value and caption.
    pub figures: Vec<(String, String)>,
    pub charts: Vec<ChartData>,
    pub tables: Vec<TableData>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ChartData {
    pub title: String,
    pub series: Vec<SeriesData>,
    pub rows: Vec<ChartRow>,
    /// The top of the scale: bars are drawn as a share of it.
    pub top: f64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct SeriesData {
    pub name: String,
    /// "#1f5fa8".
    pub color: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ChartRow {
    pub label: String,
    /// One per series: the value to draw and the text to print.
    pub values: Vec<f64>,
    pub texts: Vec<String>,
    /// A colour of its own, or empty for the series'.
    pub color: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct TableData {
    pub title: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Renders the dashboard as an A4 PDF and returns its bytes.
pub fn render_dashboard(document: &DashboardDocument) -> Result<Vec<u8>, PdfError> {
    let mut document = document.clone();
    if document.lang != "en" {
        document.lang = "th".into();
    }
    render(Template::Dashboard, dict(&document)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dashboard_typesets_with_its_bars_and_tables() {
        let doc = DashboardDocument {
            lang: "th".into(),
            title: "ภาพรวมจังหวัดคุณธรรม · อุดรธานี".into(),
            scope: "ปีงบประมาณ 2569".into(),
            generated_on: "28 พฤศจิกายน 2569".into(),
            generated_label: "พิมพ์เมื่อ".into(),
            page_label: "หน้า".into(),
            figures: vec![("1,234".into(), "รายงานที่อนุมัติ".into())],
            charts: vec![ChartData {
                title: "รายงานที่อนุมัติ ตามภาคีเครือข่าย".into(),
                series: vec![SeriesData {
                    name: "รายงาน".into(),
                    color: "#1f5fa8".into(),
                }],
                rows: vec![
                    ChartRow {
                        label: "ศาสนา".into(),
                        values: vec![30.0],
                        texts: vec!["30".into()],
                        color: "#b35400".into(),
                    },
                    ChartRow {
                        label: "สื่อมวลชน".into(),
                        values: vec![0.0],
                        texts: vec!["0".into()],
                        color: String::new(),
                    },
                ],
                top: 30.0,
            }],
            tables: vec![TableData {
                title: "จังหวัด".into(),
                headers: vec!["จังหวัด".into(), "รายงาน".into()],
                rows: vec![vec!["อุดรธานี".into(), "1,234".into()]],
            }],
        };
        let pdf = render_dashboard(&doc).unwrap();
        assert!(pdf.starts_with(b"%PDF"));
    }
}
