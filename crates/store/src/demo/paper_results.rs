//! Fiscal year 2567, assessed on paper before the province used the platform, brought in
//! through the import as an office would: a level below 2568 for most units, one reaching none.

use super::UDON_THANI;
use super::assessments::answer_for;
use crate::assessment::assessments::Unit;
use crate::assessment::import;
use crate::assessment::templates::Stored;
use crate::audit::Actor;
use crate::registry::geo::Geo;
use crate::registry::imports::Table;
use crate::registry::org::OrgSummary;
use crate::{Db, Result, StoreError, users};
use sermphalang_domain::assessment::score;

const FILE: &str = "ผลการประเมินองค์กรคุณธรรม ปี 2567 (กระดาษ).xlsx";

/// Imports the 2567 results of the first `units`; returns how many were recorded.
pub(super) async fn load(
    db: &Db,
    units: &[(&Stored, Unit)],
    orgs: &[OrgSummary],
    strength_2568: impl Fn(usize) -> usize,
) -> Result<usize> {
    let Some((account, _)) = users::find_for_login(db, "secretariat@demo.example").await? else {
        return Ok(0);
    };
    let actor = Actor {
        user_id: Some(account.id),
        email: account.email,
    };
    let geo = Geo::load(db).await?;
    let district_name = |code: i64| {
        geo.district(code)
            .map(|d| d.name_th.clone())
            .unwrap_or_default()
    };
    let items = units.iter().map(|u| u.0.template.items.len()).max();
    let mut headers: Vec<String> = ["หน่วยที่รับการประเมิน", "ประเภท", "อำเภอ", "ปีงบประมาณ"]
        .map(String::from)
        .to_vec();
    headers.extend((1..=items.unwrap_or(0)).map(|i| format!("ข้อ {i}")));
    let mut rows = Vec::new();
    for (i, (template, unit)) in units.iter().enumerate().take(10) {
        let (name, district) = match unit {
            Unit::Organization(id) => {
                let Some(o) = orgs.iter().find(|o| o.id == *id) else {
                    continue;
                };
                (o.name.clone(), district_name(o.district_code))
            }
            Unit::District(code) => (format!("อำเภอ{}", district_name(*code)), String::new()),
            Unit::Province => continue,
        };
        // A level lower than the next year, and the last unit below every level.
        let strength = if i == 9 {
            3
        } else {
            (strength_2568(i) + 1).min(2)
        };
        let mut row = vec![
            name,
            template.template.subject.label_th().to_string(),
            district,
            "2567".to_string(),
        ];
        for (n, item) in template.template.items.iter().enumerate() {
            let wanted = super::assessments::STRENGTHS[strength][n % 10];
            let points = score(item, answer_for(&item.rule, wanted)).unwrap_or(0);
            row.push(points.to_string());
        }
        rows.push(row);
    }
    let table = Table {
        headers,
        rows,
        lines: Vec::new(),
    };
    let preview = import::prepare(db, &geo, &actor, UDON_THANI, FILE, &table).await?;
    let Some(batch) = preview.batch else {
        let problems: Vec<String> = preview
            .rows
            .iter()
            .flat_map(|r| r.errors.iter().map(|e| format!("row {}: {}", r.line, e.en)))
            .chain(preview.file_error.iter().map(|e| e.en.clone()))
            .collect();
        return Err(StoreError::Unusable(format!(
            "the demo's paper results do not import: {}",
            problems.join("; ")
        )));
    };
    import::confirm(db, &actor, UDON_THANI, batch).await
}
