//! The reports a list shows, as a workbook: one row per report with its participants by
//! gender and age and its contributions, for the province's own tables.

use super::pages::ListQuery;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{XLSX, download};
use axum::extract::{Path, Query, State};
use axum::response::Response;
use sermphalang_documents::{Cell, Table, write_workbook};
use sermphalang_store::PageRequest;
use sermphalang_store::report::reports;

/// At most this many reports in one workbook; a province files a few thousand a year.
const MAX_ROWS: i64 = 100_000;

pub async fn workbook(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(province): Path<i64>,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let all = PageRequest {
        page: 1,
        per_page: MAX_ROWS,
    };
    let page = reports::list(&state.db, province, &q.filter(), all).await?;
    let headers = [
        "วันที่จัด",
        "ปีงบประมาณ",
        "ไตรมาส",
        "ชื่อกิจกรรม",
        "กิจกรรมตามแผน",
        "อำเภอ",
        "สถานที่",
        "ภาคีเครือข่าย",
        "ชาย",
        "หญิง",
        "ไม่ระบุเพศ",
        "เด็กและเยาวชน",
        "วัยทำงาน",
        "ผู้สูงอายุ",
        "ผู้เข้าร่วมทั้งหมด",
        "ภาพถ่าย",
        "สถานะ",
    ]
    .map(String::from)
    .to_vec();
    let rows = page
        .items
        .iter()
        .map(|s| {
            let r = &s.report;
            let p = r.participants;
            vec![
                Cell::from(sermphalang_thai::format_input(r.held_on)),
                Cell::from(i64::from(r.fiscal_year)),
                Cell::from(i64::from(r.quarter)),
                Cell::from(r.title.as_str()),
                Cell::from(r.entry_title.clone().unwrap_or_default()),
                Cell::from(ctx.district_name(r.district)),
                Cell::from(r.venue.as_str()),
                Cell::from(r.network.label_th()),
                Cell::from(p.male),
                Cell::from(p.female),
                Cell::from(p.gender_unstated),
                Cell::from(p.youth),
                Cell::from(p.adults),
                Cell::from(p.elders),
                Cell::from(p.total()),
                Cell::from(s.photos),
                Cell::from(r.status.label_th()),
            ]
        })
        .collect();
    let bytes = write_workbook(&[Table {
        name: "รายงานกิจกรรม".into(),
        headers,
        rows,
    }])
    .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(download(bytes, XLSX, &format!("reports-{province}.xlsx")))
}
