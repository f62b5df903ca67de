//! Last year's paper results from a workbook shaped like the assessments' export, in two steps
//! like the registry's imports: `prepare` checks every row against the unit, the criteria and
//! the points and keeps a batch only when all are good; `confirm` records the whole batch in one
//! transaction, or nothing. A result that reaches a level is recorded as awarded (without a new
//! certificate: the paper one was given), one that does not as returned.

use super::templates::{self, Stored};
use crate::audit::{Actor, Change};
use crate::registry::geo::Geo;
use crate::registry::imports::{self, ColumnRead, RowCheck, Table, cell};
use crate::{Db, Result, StoreError, now};
use serde::{Deserialize, Serialize};
use sermphalang_domain::assessment::import::{
    COLUMNS, ItemColumn, LEFT, Stated, item_cell, item_column, level_cell,
};
use sermphalang_domain::assessment::{Answer, Level, Subject, outcome, score};
use sermphalang_domain::columns::column_of;
use sermphalang_domain::{FieldError, Invalid};
use sermphalang_thai::{FiscalYear, to_arabic_digits, today_in_thailand};
use sqlx::Row;
use std::collections::{HashMap, HashSet};

pub const KIND: &str = "assessment";
/// A province assesses a few hundred units a year; more is a wrong file.
pub const MAX_ROWS: usize = 2000;

#[derive(Debug, Clone, Default, Serialize)]
pub struct Preview {
    pub file_name: String,
    pub rows: Vec<RowCheck>,
    pub columns: Vec<ColumnRead>,
    pub file_error: Option<FieldError>,
    /// Present only when every row is good.
    pub batch: Option<i64>,
    /// Of the good rows, how many reach a level and how many do not.
    pub awarded: usize,
    pub not_reached: usize,
}

impl Preview {
    pub fn bad_rows(&self) -> usize {
        self.rows.iter().filter(|r| !r.errors.is_empty()).count()
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct Batch {
    file_name: String,
    results: Vec<NewResult>,
}

/// One unit's result, checked and scored, ready to be written.
#[derive(Debug, Serialize, Deserialize)]
struct NewResult {
    template: i64,
    family: i64,
    subject: Subject,
    unit_key: String,
    organization: Option<i64>,
    district: Option<i64>,
    unit_name: String,
    fiscal_year: i64,
    items: Vec<PaperItem>,
    self_total: u32,
    self_level: Option<Level>,
    total: u32,
    level: Option<Level>,
}

/// An item's result: the unit's answer and points, and the working group's when the file has
/// them.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct PaperItem {
    item: usize,
    own: (Answer, u32),
    verified: Option<(Answer, u32)>,
}

impl PaperItem {
    fn counted(&self) -> u32 {
        self.verified.map_or(self.own.1, |v| v.1)
    }
}

/// The province's units an import may name: its organizations by name, its districts, itself.
struct Units<'a> {
    province: i64,
    province_name: String,
    geo: &'a Geo,
    organizations: HashMap<String, Vec<(i64, bool, Option<i64>)>>,
}

impl Units<'_> {
    /// The unit a row names: its key, name, organization and district.
    fn find(
        &self,
        subject: Subject,
        name: &str,
        district: &str,
    ) -> std::result::Result<(String, String, Option<i64>, Option<i64>), FieldError> {
        let district_of = |text: &str| self.geo.find_district(self.province, text);
        match subject {
            Subject::Community | Subject::Organization => {
                let community = subject == Subject::Community;
                let found = self
                    .organizations
                    .get(name.trim())
                    .cloned()
                    .unwrap_or_default();
                let of_kind: Vec<_> = found.iter().filter(|o| o.1 == community).collect();
                let here: Vec<_> = match district_of(district) {
                    Some(d) if of_kind.len() > 1 => of_kind
                        .into_iter()
                        .filter(|o| o.2 == Some(d.code))
                        .collect(),
                    _ => of_kind,
                };
                match here.as_slice() {
                    [(id, _, d)] => Ok((format!("o:{id}"), name.trim().to_string(), Some(*id), *d)),
                    [] if !found.is_empty() => Err(FieldError::new(
                        "subject",
                        format!("\"{name}\" ในทะเบียนไม่ใช่{}", subject.label_th()),
                        format!("\"{name}\" in the registry is not a {}", subject.label_en()),
                    )),
                    [] => Err(FieldError::new(
                        "unit",
                        format!("ไม่พบ{} \"{name}\" ในทะเบียนของจังหวัด", subject.label_th()),
                        format!(
                            "No {} \"{name}\" in the province's registry",
                            subject.label_en()
                        ),
                    )),
                    _ => Err(FieldError::new(
                        "district",
                        format!("มี \"{name}\" หลายแห่งในทะเบียน กรุณาระบุอำเภอ"),
                        format!("The registry has several \"{name}\": give the district"),
                    )),
                }
            }
            Subject::District => {
                let d = district_of(name)
                    .or_else(|| district_of(district))
                    .ok_or_else(|| {
                        FieldError::new(
                            "unit",
                            format!("ไม่พบอำเภอ \"{name}\" ในจังหวัดนี้"),
                            format!("No district \"{name}\" in this province"),
                        )
                    })?;
                Ok((
                    format!("d:{}", d.code),
                    format!("อำเภอ{}", d.name_th),
                    None,
                    Some(d.code),
                ))
            }
            Subject::Province => Ok((
                format!("p:{}", self.province),
                format!("จังหวัด{}", self.province_name),
                None,
                None,
            )),
        }
    }
}

fn file_error(th: impl Into<String>, en: impl Into<String>) -> Option<FieldError> {
    Some(FieldError::new("file", th, en))
}

/// Checks a workbook of paper results for `province`; nothing is written but the batch kept
/// for `confirm`.
pub async fn prepare(
    db: &Db,
    geo: &Geo,
    actor: &Actor,
    province: i64,
    file_name: &str,
    table: &Table,
) -> Result<Preview> {
    let mut preview = Preview {
        file_name: file_name.to_string(),
        ..Preview::default()
    };
    if table.rows.len() > MAX_ROWS {
        let rows = table.rows.len();
        preview.file_error = file_error(
            format!("ไฟล์มี {rows} แถว นำเข้าได้ครั้งละไม่เกิน {MAX_ROWS} แถว"),
            format!("The file has {rows} rows; at most {MAX_ROWS} can be imported at once"),
        );
        return Ok(preview);
    }
    let mut mapping = Vec::new();
    let mut items = Vec::new();
    for (i, header) in table.headers.iter().enumerate() {
        let column = column_of(COLUMNS, header);
        let item = item_column(header);
        let (th, en) = match (column, item) {
            (Some(c), _) => (Some(c.th), Some(c.en)),
            (None, Some(ItemColumn::Own(_))) => {
                (Some("คะแนนรายข้อ (ตนเอง)"), Some("item points (own)"))
            }
            (None, Some(ItemColumn::Verified(_))) => {
                (Some("คะแนนรายข้อ (ผลตรวจ)"), Some("item points (verified)"))
            }
            (None, None) if LEFT.iter().any(|l| l.eq_ignore_ascii_case(header.trim())) => (
                Some("ไม่นำเข้า (ระบบกำหนดเอง)"),
                Some("left (the import sets it)"),
            ),
            (None, None) => (None, None),
        };
        preview.columns.push(ColumnRead {
            header: header.clone(),
            th,
            en,
        });
        mapping.push(column.map(|c| c.key));
        if let (None, Some(item)) = (column, item) {
            items.push((i, item));
        }
    }
    let missing: Vec<_> = ["unit", "subject", "fiscal_year"]
        .iter()
        .filter(|k| !mapping.contains(&Some(**k)))
        .filter_map(|k| COLUMNS.iter().find(|c| c.key == *k))
        .collect();
    if !missing.is_empty() || items.is_empty() {
        let mut th: Vec<&str> = missing.iter().map(|c| c.th).collect();
        let mut en: Vec<&str> = missing.iter().map(|c| c.en).collect();
        if items.is_empty() {
            th.push("คะแนนรายข้อ (เช่น \"ข้อ 1\")");
            en.push("item points (such as \"ข้อ 1\")");
        }
        preview.file_error = file_error(
            format!("ไม่พบคอลัมน์ {} ในไฟล์", th.join(", ")),
            format!("The file has no {} column", en.join(", ")),
        );
        return Ok(preview);
    }
    let criteria = templates::list(db).await?;
    let mut current = HashMap::new();
    for subject in Subject::ALL {
        if let Some(t) = templates::current(db, *subject).await? {
            current.insert(*subject, t);
        }
    }
    let units = Units {
        province,
        province_name: geo
            .province(province)
            .map(|p| p.name_th.clone())
            .unwrap_or_default(),
        geo,
        organizations: organizations(db, province).await?,
    };
    let mut taken = existing(db, province).await?;
    let this_year = i64::from(FiscalYear::from_date(today_in_thailand()).be_year());
    let mut results = Vec::new();
    for (i, row) in table.rows.iter().enumerate() {
        let get = |key: &str| cell(&mapping, row, key);
        let mut check = RowCheck {
            line: table.line(i),
            summary: format!("{} {}", get("unit"), get("fiscal_year")),
            errors: Vec::new(),
            warnings: Vec::new(),
        };
        let read = read_row(&get, row, &items, &units, &criteria, &current, this_year);
        match read {
            Ok(result) => {
                let key = (result.unit_key.clone(), result.fiscal_year, result.family);
                if taken.insert(key) {
                    results.push(result);
                } else {
                    check.errors.push(FieldError::new(
                        "unit",
                        format!(
                            "{} มีผลการประเมินตามเกณฑ์นี้ของปีงบประมาณ {} แล้ว (ในระบบหรือแถวก่อนหน้า)",
                            result.unit_name, result.fiscal_year
                        ),
                        format!(
                            "{} already has a result against these criteria for {} (recorded, or an earlier row)",
                            result.unit_name, result.fiscal_year
                        ),
                    ));
                }
            }
            Err(errors) => check.errors = errors,
        }
        preview.rows.push(check);
    }
    if preview.rows.is_empty() {
        preview.file_error = file_error("ไม่มีรายการในไฟล์", "The file has no rows");
    }
    if preview.bad_rows() == 0 && preview.file_error.is_none() {
        preview.awarded = results.iter().filter(|r| r.level.is_some()).count();
        preview.not_reached = results.len() - preview.awarded;
        let batch = Batch {
            file_name: file_name.to_string(),
            results,
        };
        let payload = serde_json::to_string(&batch).unwrap_or_default();
        preview.batch = Some(imports::keep(db, actor, province, KIND, file_name, payload).await?);
    }
    Ok(preview)
}

/// The province's organizations by name: id, whether a community, district.
async fn organizations(
    db: &Db,
    province: i64,
) -> Result<HashMap<String, Vec<(i64, bool, Option<i64>)>>> {
    let rows = sqlx::query(
        "SELECT id, name, kind, district_code FROM organizations \
         WHERE province_code = $1 AND archived_at IS NULL",
    )
    .bind(province)
    .fetch_all(db.read())
    .await?;
    let mut by_name: HashMap<String, Vec<_>> = HashMap::new();
    for r in rows {
        by_name.entry(r.get::<String, _>(1)).or_default().push((
            r.get::<i64, _>(0),
            r.get::<String, _>(2) == "community",
            r.get::<Option<i64>, _>(3),
        ));
    }
    Ok(by_name)
}

/// The units, years and criteria the province already has a result for.
async fn existing(db: &Db, province: i64) -> Result<HashSet<(String, i64, i64)>> {
    let rows = sqlx::query(
        "SELECT unit_key, fiscal_year, family FROM assessments WHERE province_code = $1",
    )
    .bind(province)
    .fetch_all(db.read())
    .await?;
    Ok(rows
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect())
}

/// The criteria a row names ("เกณฑ์" and "ฉบับที่"), or else the subject's current ones.
fn criteria_of<'a>(
    subject: Subject,
    name: &str,
    version: &str,
    criteria: &'a [Stored],
    current: &'a HashMap<Subject, Stored>,
) -> std::result::Result<&'a Stored, FieldError> {
    if name.is_empty() {
        return current.get(&subject).ok_or_else(|| {
            FieldError::new(
                "criteria",
                format!("ยังไม่มีเกณฑ์ที่เผยแพร่สำหรับ{}", subject.label_th()),
                format!("No published criteria for a {} yet", subject.label_en()),
            )
        });
    }
    let version = to_arabic_digits(version).trim().parse::<i64>().ok();
    criteria
        .iter()
        .filter(|t| t.published() && t.template.subject == subject)
        .filter(|t| t.template.name.trim() == name)
        .find(|t| version.is_none_or(|v| t.version == v))
        .ok_or_else(|| {
            FieldError::new(
                "criteria",
                format!("ไม่พบเกณฑ์ \"{name}\" ที่เผยแพร่แล้วสำหรับ{}", subject.label_th()),
                format!(
                    "No published criteria \"{name}\" for a {}",
                    subject.label_en()
                ),
            )
        })
}

fn read_row(
    get: &impl Fn(&str) -> String,
    row: &[String],
    items: &[(usize, ItemColumn)],
    units: &Units<'_>,
    criteria: &[Stored],
    current: &HashMap<Subject, Stored>,
    this_year: i64,
) -> std::result::Result<NewResult, Vec<FieldError>> {
    let mut errors = Invalid::default();
    let subject_cell = get("subject");
    let subject = Subject::parse_loose(&subject_cell).ok_or_else(|| {
        vec![FieldError::new(
            "subject",
            format!("ไม่รู้จักประเภท \"{subject_cell}\" (ชุมชน, องค์กร, อำเภอ หรือ จังหวัด)"),
            format!(
                "Unknown kind \"{subject_cell}\" (community, organization, district or province)"
            ),
        )]
    })?;
    let year = to_arabic_digits(&get("fiscal_year"));
    let fiscal_year = match year.trim().parse::<i64>() {
        Ok(y) if (2500..=this_year).contains(&y) => y,
        Ok(y) if y > this_year => {
            errors.push(FieldError::new(
                "fiscal_year",
                format!("ปีงบประมาณ {y} ยังมาไม่ถึง นำเข้าได้เฉพาะผลที่ประเมินแล้ว"),
                format!("Fiscal year {y} has not come yet: only past results are imported"),
            ));
            0
        }
        _ => {
            errors.push(FieldError::new(
                "fiscal_year",
                format!("ปีงบประมาณ \"{year}\" ต้องเป็นปี พ.ศ. เช่น 2568"),
                format!("The fiscal year \"{year}\" must be a Buddhist-Era year such as 2568"),
            ));
            0
        }
    };
    let unit = units
        .find(subject, &get("unit"), &get("district"))
        .map_err(|e| errors.push(e))
        .ok();
    let template = criteria_of(
        subject,
        &get("criteria"),
        &get("version"),
        criteria,
        current,
    )
    .map_err(|e| errors.push(e))
    .ok();
    let (Some((unit_key, unit_name, organization, district)), Some(template)) = (unit, template)
    else {
        return Err(errors.0);
    };
    let count = template.template.items.len();
    let mut own: Vec<Option<Answer>> = vec![None; count];
    let mut verified: Vec<Option<Answer>> = vec![None; count];
    let mut unreadable = vec![false; count];
    for (column, which) in items {
        let (ItemColumn::Own(n) | ItemColumn::Verified(n)) = *which;
        let text = row.get(*column).map(String::as_str).unwrap_or_default();
        let Some(item) = template.template.items.get(n) else {
            if !text.trim().is_empty() {
                errors.push(FieldError::new(
                    "answer",
                    format!(
                        "เกณฑ์ \"{}\" มี {count} ข้อ แต่ไฟล์มีคะแนนข้อ {}",
                        template.template.name,
                        n + 1
                    ),
                    format!(
                        "\"{}\" has {count} items but the file scores item {}",
                        template.template.name,
                        n + 1
                    ),
                ));
            }
            continue;
        };
        match item_cell(item, n + 1, text) {
            Ok(answer) => match which {
                ItemColumn::Own(_) => own[n] = answer,
                ItemColumn::Verified(_) => verified[n] = answer,
            },
            Err(e) => {
                unreadable[n] = true;
                errors.push(e);
            }
        }
    }
    let mut scored = Vec::new();
    for (n, item) in template.template.items.iter().enumerate() {
        let points = |a: Option<Answer>| a.and_then(|a| score(item, a).ok().map(|p| (a, p)));
        match (points(own[n]), points(verified[n])) {
            (Some(own), verified) => scored.push(PaperItem {
                item: n,
                own,
                verified,
            }),
            (None, Some(checked)) => scored.push(PaperItem {
                item: n,
                own: checked,
                verified: Some(checked),
            }),
            (None, None) if !unreadable[n] => errors.push(FieldError::new(
                "answer",
                format!("ข้อ {}: ไม่มีคะแนน", n + 1),
                format!("Item {}: no points", n + 1),
            )),
            (None, None) => {}
        }
    }
    if !errors.is_empty() {
        return Err(errors.0);
    }
    let by_item = |pick: fn(&PaperItem) -> u32| {
        let mut scores = vec![None; count];
        for s in &scored {
            scores[s.item] = Some(pick(s));
        }
        outcome(&template.template, &scores)
    };
    let mine = by_item(|s| s.own.1);
    let counted = by_item(PaperItem::counted);
    for (key, stated, sum) in [
        ("self_total", get("self_total"), mine.total),
        ("total", get("total"), counted.total),
    ] {
        let stated = to_arabic_digits(&stated);
        if !stated.trim().is_empty() && stated.trim().parse::<u32>().ok() != Some(sum) {
            let column = COLUMNS.iter().find(|c| c.key == key).map_or(key, |c| c.th);
            errors.push(FieldError::new(
                key,
                format!(
                    "{column} ในไฟล์เป็น {} แต่รวมคะแนนรายข้อได้ {sum}",
                    stated.trim()
                ),
                format!(
                    "The file says {} points but its items add up to {sum}",
                    stated.trim()
                ),
            ));
        }
    }
    match level_cell(subject, &get("level")) {
        Ok(Stated::Nothing) => {}
        Ok(stated) => {
            let reached = counted.level.map_or(Stated::NoLevel, Stated::Level);
            if stated != reached {
                let name = |l: Option<Level>| {
                    l.map_or(
                        ("ไม่ถึงระดับใด".to_string(), "no level".to_string()),
                        |l| (l.title_th(subject), l.title_en(subject)),
                    )
                };
                let (th, en) = name(counted.level);
                errors.push(FieldError::new(
                    "level",
                    format!(
                        "ระดับในไฟล์คือ \"{}\" แต่คะแนน {} ได้ระดับ {th}",
                        get("level"),
                        counted.total
                    ),
                    format!(
                        "The file says \"{}\" but {} points reach {en}",
                        get("level"),
                        counted.total
                    ),
                ));
            }
        }
        Err(e) => errors.push(e),
    }
    if !errors.is_empty() {
        return Err(errors.0);
    }
    Ok(NewResult {
        template: template.id,
        family: template.family,
        subject,
        unit_key,
        organization,
        district,
        unit_name,
        fiscal_year,
        items: scored,
        self_total: mine.total,
        self_level: mine.level,
        total: counted.total,
        level: counted.level,
    })
}

/// Records a prepared batch, all results or none; returns how many were recorded. A batch is
/// used once, by the account that made it.
pub async fn confirm(db: &Db, actor: &Actor, province: i64, batch: i64) -> Result<usize> {
    let payload: Batch = imports::kept(db, actor, province, KIND, batch).await?;
    let mut tx = db.audited(actor, Some(province)).await?;
    let at = now();
    let comment = format!(
        "ผลการประเมินบนกระดาษ นำเข้าจากไฟล์ {} / Paper result imported from {}",
        payload.file_name, payload.file_name
    );
    let json =
        |a: &Answer| serde_json::to_string(a).map_err(|e| StoreError::Unusable(e.to_string()));
    for r in &payload.results {
        let status = if r.level.is_some() {
            "awarded"
        } else {
            "returned"
        };
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO assessments (province_code, template_id, family, subject, unit_key, \
             organization_id, district_code, unit_name, fiscal_year, status, self_total, \
             self_level, total, level, comment, created_by, created_at, updated_at, \
             decided_at, decided_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, \
             $12, $13, $14, $15, $16, $17, $17, $17, $16) RETURNING id",
        )
        .bind(province)
        .bind(r.template)
        .bind(r.family)
        .bind(r.subject.code())
        .bind(r.unit_key.clone())
        .bind(r.organization)
        .bind(r.district)
        .bind(r.unit_name.clone())
        .bind(r.fiscal_year)
        .bind(status)
        .bind(i64::from(r.self_total))
        .bind(r.self_level.map(|l| l.code()))
        .bind(i64::from(r.total))
        .bind(r.level.map(|l| l.code()))
        .bind(comment.clone())
        .bind(actor.user_id)
        .bind(at.clone())
        .fetch_one(&mut *tx)
        .await
        .map_err(|e| {
            let e = StoreError::from(e);
            if e.is_unique_violation() {
                StoreError::Invalid(Invalid(vec![FieldError::new(
                    "unit",
                    format!(
                        "{} มีผลการประเมินของปีงบประมาณ {} แล้ว (เพิ่งบันทึกระหว่างนี้) ไม่ได้นำเข้าแถวใดเลย",
                        r.unit_name, r.fiscal_year
                    ),
                    format!(
                        "{} got a result for {} meanwhile; nothing was imported",
                        r.unit_name, r.fiscal_year
                    ),
                )]))
            } else {
                e
            }
        })?;
        for PaperItem {
            item,
            own: (answer, points),
            verified: checked,
        } in &r.items
        {
            sqlx::query(
                "INSERT INTO assessment_answers (assessment_id, item, answer, score, \
                 verified_answer, verified_score, verified_by, verified_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(id)
            .bind(*item as i64)
            .bind(json(answer)?)
            .bind(i64::from(*points))
            .bind(checked.as_ref().map(|c| json(&c.0)).transpose()?)
            .bind(checked.map(|c| i64::from(c.1)))
            .bind(checked.and(actor.user_id))
            .bind(checked.map(|_| at.clone()))
            .execute(&mut *tx)
            .await?;
        }
    }
    imports::mark_imported(&mut tx, batch).await?;
    let count = payload.results.len();
    tx.commit(
        Change::new("import", "assessment", None).after(&serde_json::json!({
            "batch": batch,
            "file": payload.file_name,
            "results": count,
            "awarded": payload.results.iter().filter(|r| r.level.is_some()).count(),
        })),
    )
    .await?;
    Ok(count)
}
