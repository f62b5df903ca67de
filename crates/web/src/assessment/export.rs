//! Every assessment a list shows, as a workbook: the unit, year, criteria, status, totals and
//! level, and each item's points from the unit and from the verifiers.

use super::pages::ListQuery;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{XLSX, download};
use axum::extract::{Path, Query, State};
use axum::response::Response;
use sermphalang_documents::{Cell, Table, write_workbook};
use sermphalang_store::assessment::{assessments, templates};
use std::collections::HashMap;

pub async fn workbook(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(province): Path<i64>,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let list = assessments::list(&state.db, province, &q.filter(&ctx)).await?;
    let scores = assessments::scores_of_province(&state.db, province).await?;
    let criteria: HashMap<i64, templates::Stored> = templates::list(&state.db)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let items = list
        .iter()
        .filter_map(|a| criteria.get(&a.template_id))
        .map(|t| t.template.items.len())
        .max()
        .unwrap_or(0);
    let mut headers: Vec<String> = [
        "หน่วยที่รับการประเมิน",
        "ประเภท",
        "อำเภอ",
        "ปีงบประมาณ",
        "เกณฑ์",
        "ฉบับที่",
        "สถานะ",
        "คะแนนประเมินตนเอง",
        "คะแนนหลังตรวจ",
        "ระดับที่ได้รับ",
        "รหัสเกียรติบัตร",
    ]
    .map(String::from)
    .to_vec();
    for i in 1..=items {
        headers.push(format!("ข้อ {i} ตนเอง"));
        headers.push(format!("ข้อ {i} ผลตรวจ"));
    }
    let rows = list
        .iter()
        .map(|a| {
            let t = criteria.get(&a.template_id);
            let mut row = vec![
                Cell::from(a.unit_name.as_str()),
                Cell::from(a.subject.label_th()),
                Cell::from(
                    a.district_code
                        .map(|d| ctx.district_name(d))
                        .unwrap_or_default(),
                ),
                Cell::from(a.fiscal_year),
                Cell::from(t.map(|t| t.template.name.clone()).unwrap_or_default()),
                Cell::from(t.map(|t| t.version).unwrap_or_default()),
                Cell::from(a.status.label_th()),
                Cell::from(a.self_total),
                Cell::from(a.total.map(|v| v.to_string()).unwrap_or_default()),
                Cell::from(a.level.map(|l| l.title_th(a.subject)).unwrap_or_default()),
                Cell::from(a.certificate_code.clone().unwrap_or_default()),
            ];
            let own = scores.get(&a.id);
            for i in 0..items {
                let found = own.and_then(|s| s.iter().find(|x| x.0 == i));
                row.push(Cell::from(
                    found.map(|x| x.1.to_string()).unwrap_or_default(),
                ));
                row.push(Cell::from(
                    found
                        .and_then(|x| x.2)
                        .map(|v| v.to_string())
                        .unwrap_or_default(),
                ));
            }
            row
        })
        .collect();
    let bytes = write_workbook(&[Table {
        name: "แบบประเมินคุณธรรม".into(),
        headers,
        rows,
    }])
    .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(download(
        bytes,
        XLSX,
        &format!("assessments-{province}.xlsx"),
    ))
}
