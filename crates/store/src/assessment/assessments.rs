//! Assessments as the unit fills them: one per unit, fiscal year and template, answered item
//! by item with evidence, scored by the domain as it is saved, and submitted once every item
//! is answered and every required piece of evidence is there.

use super::templates::{self, Stored};
use crate::audit::{Actor, Change, Write};
use crate::{Db, Result, StoreError, now};
use serde::Serialize;
use sermphalang_domain::assessment::{Answer, Level, Status, Step, Subject, outcome, score};
use sermphalang_domain::{FieldError, Invalid};
use sqlx::Row;
use sqlx::any::AnyRow;

/// What is assessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Unit {
    /// A community or another organization in the registry.
    Organization(i64),
    District(i64),
    Province,
}

#[derive(Debug, Clone, Serialize)]
pub struct Assessment {
    pub id: i64,
    pub province_code: i64,
    pub template_id: i64,
    pub subject: Subject,
    pub organization_id: Option<i64>,
    pub district_code: Option<i64>,
    pub unit_name: String,
    /// The Buddhist-Era fiscal year.
    pub fiscal_year: i64,
    pub status: Status,
    pub self_total: i64,
    pub self_level: Option<Level>,
    /// The verified total and level, once a level is awarded.
    pub total: Option<i64>,
    pub level: Option<Level>,
    /// Why it was returned, or what the working group said with the award.
    pub comment: String,
    pub certificate_code: Option<String>,
    pub updated_at: String,
    pub submitted_at: Option<String>,
    pub decided_at: Option<String>,
}

pub(super) const COLUMNS: &str = "a.id, a.province_code, a.template_id, a.subject, \
    a.organization_id, a.district_code, a.unit_name, a.fiscal_year, a.status, a.self_total, \
    a.self_level, a.total, a.level, a.comment, a.certificate_code, a.updated_at, \
    a.submitted_at, a.decided_at";

pub(super) fn read(row: &AnyRow) -> Assessment {
    let level = |i: usize| {
        row.get::<Option<String>, _>(i)
            .and_then(|c| Level::parse(&c))
    };
    Assessment {
        id: row.get(0),
        province_code: row.get(1),
        template_id: row.get(2),
        subject: Subject::parse(&row.get::<String, _>(3)).unwrap_or(Subject::Organization),
        organization_id: row.get(4),
        district_code: row.get(5),
        unit_name: row.get(6),
        fiscal_year: row.get(7),
        status: Status::parse(&row.get::<String, _>(8)).unwrap_or(Status::Draft),
        self_total: row.get(9),
        self_level: level(10),
        total: row.get(11),
        level: level(12),
        comment: row.get(13),
        certificate_code: row.get(14),
        updated_at: row.get(15),
        submitted_at: row.get(16),
        decided_at: row.get(17),
    }
}

/// One item's answers: the unit's, and the verifier's once given.
#[derive(Debug, Clone, Serialize)]
pub struct Answered {
    /// The item's index in the template, from 0.
    pub item: usize,
    pub answer: Answer,
    pub score: u32,
    pub note: String,
    pub verified_answer: Option<Answer>,
    pub verified_score: Option<u32>,
    pub verifier_comment: String,
}

impl Answered {
    /// The points that count: the verifier's when given, else the unit's own.
    pub fn counted(&self) -> u32 {
        self.verified_score.unwrap_or(self.score)
    }
}

/// A piece of evidence for an item.
#[derive(Debug, Clone, Serialize)]
pub struct Evidence {
    pub id: i64,
    pub item: usize,
    pub photo_id: Option<i64>,
    pub file_id: Option<i64>,
    pub report_id: Option<i64>,
    /// The file's name or the report's title, for the list.
    pub name: String,
    pub caption: String,
}

/// What an evidence row points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proof {
    Photo(i64),
    File(i64),
    Report(i64),
}

fn invalid(field: &'static str, th: impl Into<String>, en: impl Into<String>) -> StoreError {
    StoreError::Invalid(Invalid(vec![FieldError::new(field, th, en)]))
}

fn status_error(e: FieldError) -> StoreError {
    StoreError::Invalid(Invalid(vec![e]))
}

pub async fn find(db: &Db, province: i64, id: i64) -> Result<Assessment> {
    let mut conn = db.read().acquire().await?;
    find_on(&mut conn, province, id).await
}

pub(super) async fn find_on(
    conn: &mut sqlx::AnyConnection,
    province: i64,
    id: i64,
) -> Result<Assessment> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM assessments a WHERE a.id = $1 AND a.province_code = $2"
    )))
    .bind(id)
    .bind(province)
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::NotFound)?;
    Ok(read(&row))
}

/// Which assessments a list shows.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub fiscal_year: Option<i64>,
    pub status: Option<Status>,
    pub subject: Option<Subject>,
    pub district: Option<i64>,
    /// Only those this account is assigned to verify.
    pub verifier: Option<i64>,
}

/// A province's assessments, newest year first, then by unit name.
pub async fn list(db: &Db, province: i64, filter: &Filter) -> Result<Vec<Assessment>> {
    let mut sql = format!("SELECT {COLUMNS} FROM assessments a WHERE a.province_code = $1");
    let mut n = 1;
    let mut next = |sql: &mut String, clause: &str| {
        n += 1;
        sql.push_str(&clause.replace('?', &format!("${n}")));
    };
    if filter.fiscal_year.is_some() {
        next(&mut sql, " AND a.fiscal_year = ?");
    }
    if filter.status.is_some() {
        next(&mut sql, " AND a.status = ?");
    }
    if filter.subject.is_some() {
        next(&mut sql, " AND a.subject = ?");
    }
    if filter.district.is_some() {
        next(&mut sql, " AND a.district_code = ?");
    }
    if filter.verifier.is_some() {
        next(
            &mut sql,
            " AND EXISTS (SELECT 1 FROM assessment_verifiers v \
             WHERE v.assessment_id = a.id AND v.user_id = ?)",
        );
    }
    sql.push_str(" ORDER BY a.fiscal_year DESC, a.unit_name, a.id");
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(province);
    if let Some(y) = filter.fiscal_year {
        q = q.bind(y);
    }
    if let Some(s) = filter.status {
        q = q.bind(s.code());
    }
    if let Some(s) = filter.subject {
        q = q.bind(s.code());
    }
    if let Some(d) = filter.district {
        q = q.bind(d);
    }
    if let Some(v) = filter.verifier {
        q = q.bind(v);
    }
    Ok(q.fetch_all(db.read()).await?.iter().map(read).collect())
}

/// The unit's name and district, after checking that it belongs to the province and fits the
/// template's subject.
async fn unit_of(
    conn: &mut sqlx::AnyConnection,
    province: i64,
    subject: Subject,
    unit: Unit,
) -> Result<(String, Option<i64>, Option<i64>, String)> {
    let other = || {
        invalid(
            "unit",
            "หน่วยที่เลือกไม่อยู่ในจังหวัดนี้หรือไม่ตรงกับเกณฑ์ที่ใช้ประเมิน",
            "The chosen unit is not in this province or does not fit the criteria",
        )
    };
    match (subject, unit) {
        (Subject::Community | Subject::Organization, Unit::Organization(id)) => {
            let row = sqlx::query(
                "SELECT name, district_code, kind FROM organizations \
                 WHERE id = $1 AND province_code = $2 AND archived_at IS NULL",
            )
            .bind(id)
            .bind(province)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or_else(other)?;
            let is_community = row.get::<String, _>(2) == "community";
            if is_community != (subject == Subject::Community) {
                return Err(other());
            }
            Ok((row.get(0), Some(id), row.get(1), format!("o:{id}")))
        }
        (Subject::District, Unit::District(code)) => {
            let name: String = sqlx::query_scalar(
                "SELECT name_th FROM districts WHERE code = $1 AND province_code = $2",
            )
            .bind(code)
            .bind(province)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or_else(other)?;
            Ok((
                format!("อำเภอ{name}"),
                None,
                Some(code),
                format!("d:{code}"),
            ))
        }
        (Subject::Province, Unit::Province) => {
            let name: String = sqlx::query_scalar("SELECT name_th FROM provinces WHERE code = $1")
                .bind(province)
                .fetch_optional(&mut *conn)
                .await?
                .ok_or_else(other)?;
            Ok((format!("จังหวัด{name}"), None, None, format!("p:{province}")))
        }
        _ => Err(other()),
    }
}

/// A new draft for a unit and fiscal year against a published template version.
pub async fn create(
    db: &Db,
    actor: &Actor,
    province: i64,
    template: i64,
    unit: Unit,
    fiscal_year: i64,
) -> Result<i64> {
    let mut tx = db.audited(actor, Some(province)).await?;
    let stored = templates::find_on(&mut tx, template).await?;
    if !stored.published() {
        return Err(invalid(
            "template",
            "เกณฑ์ฉบับนี้ยังไม่เผยแพร่ ใช้ประเมินไม่ได้",
            "This version of the criteria is not published yet",
        ));
    }
    if !(2500..=2700).contains(&fiscal_year) {
        return Err(invalid(
            "fiscal_year",
            "ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2569",
            "The fiscal year must be a Buddhist-Era year such as 2569",
        ));
    }
    let subject = stored.template.subject;
    let (name, organization, district, key) = unit_of(&mut tx, province, subject, unit).await?;
    let at = now();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO assessments (province_code, template_id, family, subject, unit_key, \
         organization_id, district_code, unit_name, fiscal_year, status, created_by, \
         created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'draft', $10, $11, $11) RETURNING id",
    )
    .bind(province)
    .bind(stored.id)
    .bind(stored.family)
    .bind(subject.code())
    .bind(key)
    .bind(organization)
    .bind(district)
    .bind(name.clone())
    .bind(fiscal_year)
    .bind(tx.actor().user_id)
    .bind(at)
    .fetch_one(&mut *tx)
    .await
    .map_err(|e| {
        let e = StoreError::from(e);
        if e.is_unique_violation() {
            invalid(
                "unit",
                format!("{name} มีแบบประเมินตามเกณฑ์นี้ของปีงบประมาณ {fiscal_year} แล้ว"),
                format!(
                    "{name} already has an assessment against these criteria for {fiscal_year}"
                ),
            )
        } else {
            e
        }
    })?;
    tx.commit(
        Change::new("create", "assessment", id).after(&serde_json::json!({
            "unit": name,
            "template": stored.id,
            "fiscal_year": fiscal_year,
        })),
    )
    .await?;
    Ok(id)
}

pub async fn answers(db: &Db, id: i64) -> Result<Vec<Answered>> {
    let mut conn = db.read().acquire().await?;
    answers_on(&mut conn, id).await
}

pub(super) async fn answers_on(conn: &mut sqlx::AnyConnection, id: i64) -> Result<Vec<Answered>> {
    let rows = sqlx::query(
        "SELECT item, answer, score, note, verified_answer, verified_score, verifier_comment \
         FROM assessment_answers WHERE assessment_id = $1 ORDER BY item",
    )
    .bind(id)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            let parse = |text: &str| {
                serde_json::from_str::<Answer>(text)
                    .map_err(|e| StoreError::Unusable(format!("assessment answer: {e}")))
            };
            Ok(Answered {
                item: r.get::<i64, _>(0) as usize,
                answer: parse(&r.get::<String, _>(1))?,
                score: r.get::<i64, _>(2) as u32,
                note: r.get(3),
                verified_answer: r
                    .get::<Option<String>, _>(4)
                    .map(|t| parse(&t))
                    .transpose()?,
                verified_score: r.get::<Option<i64>, _>(5).map(|s| s as u32),
                verifier_comment: r.get(6),
            })
        })
        .collect()
}

pub async fn evidence(db: &Db, id: i64) -> Result<Vec<Evidence>> {
    let mut conn = db.read().acquire().await?;
    evidence_on(&mut conn, id).await
}

async fn evidence_on(conn: &mut sqlx::AnyConnection, id: i64) -> Result<Vec<Evidence>> {
    let rows = sqlx::query(
        "SELECT e.id, e.item, e.photo_id, e.file_id, e.report_id, \
         COALESCE(f.name, r.title, ''), e.caption \
         FROM assessment_evidence e LEFT JOIN files f ON f.id = e.file_id \
         LEFT JOIN reports r ON r.id = e.report_id \
         WHERE e.assessment_id = $1 ORDER BY e.item, e.id",
    )
    .bind(id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .iter()
        .map(|r| Evidence {
            id: r.get(0),
            item: r.get::<i64, _>(1) as usize,
            photo_id: r.get(2),
            file_id: r.get(3),
            report_id: r.get(4),
            name: r.get(5),
            caption: r.get(6),
        })
        .collect())
}

/// Reads the assessment for a change by the unit: it must still be a draft or returned.
async fn editable(tx: &mut Write<'_>, province: i64, id: i64) -> Result<Assessment> {
    let a = find_on(tx, province, id).await?;
    if !a.status.editable() {
        return Err(invalid(
            "status",
            format!("แบบประเมินนี้{}แล้ว แก้ไขไม่ได้", a.status.label_th()),
            format!(
                "This assessment is {} and cannot be changed",
                a.status.label_en()
            ),
        ));
    }
    Ok(a)
}

/// Recomputes the self-assessment's total and level from its stored answers.
async fn rescore(tx: &mut Write<'_>, a: &Assessment, template: &Stored) -> Result<()> {
    let answered = answers_on(tx, a.id).await?;
    let mut scores = vec![None; template.template.items.len()];
    for x in &answered {
        if let Some(s) = scores.get_mut(x.item) {
            *s = Some(x.score);
        }
    }
    let o = outcome(&template.template, &scores);
    sqlx::query(
        "UPDATE assessments SET self_total = $1, self_level = $2, updated_at = $3 WHERE id = $4",
    )
    .bind(i64::from(o.total))
    .bind(o.level.map(|l| l.code()))
    .bind(now())
    .bind(a.id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// One item as the form sends it: an answer (or none yet) and a note.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemInput {
    pub item: usize,
    pub answer: Option<Answer>,
    pub note: String,
}

/// Saves the unit's answers, all or none: each is scored against the item it answers, and
/// every answer that does not fit is named.
pub async fn save_answers(
    db: &Db,
    actor: &Actor,
    province: i64,
    id: i64,
    inputs: &[ItemInput],
) -> Result<()> {
    let mut tx = db.audited(actor, Some(province)).await?;
    let a = editable(&mut tx, province, id).await?;
    let template = templates::find_on(&mut tx, a.template_id).await?;
    let items = &template.template.items;
    let mut errors = Vec::new();
    let mut scored = Vec::new();
    for input in inputs {
        let Some(item) = items.get(input.item) else {
            errors.push(FieldError::new(
                "answer",
                format!("ไม่มีข้อ {} ในเกณฑ์นี้", input.item + 1),
                format!("These criteria have no item {}", input.item + 1),
            ));
            continue;
        };
        match input.answer.map(|answer| score(item, answer)) {
            Some(Ok(points)) => scored.push((input, Some(points))),
            Some(Err(e)) => errors.push(FieldError::new(
                "answer",
                format!("ข้อ {}: {}", input.item + 1, e.th),
                format!("Item {}: {}", input.item + 1, e.en),
            )),
            None => scored.push((input, None)),
        }
    }
    if !errors.is_empty() {
        return Err(Invalid(errors).into());
    }
    for (input, points) in &scored {
        let note: String = input.note.trim().chars().take(2000).collect();
        match (input.answer, points) {
            (Some(answer), Some(points)) => {
                let json = serde_json::to_string(&answer)
                    .map_err(|e| StoreError::Unusable(e.to_string()))?;
                sqlx::query(
                    "INSERT INTO assessment_answers (assessment_id, item, answer, score, note) \
                     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (assessment_id, item) DO UPDATE \
                     SET answer = excluded.answer, score = excluded.score, note = excluded.note",
                )
                .bind(id)
                .bind(input.item as i64)
                .bind(json)
                .bind(i64::from(*points))
                .bind(note)
                .execute(&mut *tx)
                .await?;
            }
            _ => {
                sqlx::query(
                    "DELETE FROM assessment_answers WHERE assessment_id = $1 AND item = $2",
                )
                .bind(id)
                .bind(input.item as i64)
                .execute(&mut *tx)
                .await?;
            }
        }
    }
    rescore(&mut tx, &a, &template).await?;
    let after: Vec<_> = scored
        .iter()
        .map(|(i, p)| serde_json::json!({"item": i.item + 1, "answer": i.answer, "score": p}))
        .collect();
    tx.commit(Change::new("answer", "assessment", id).after(&after))
        .await
}

/// Attaches evidence to an item; the photo, file or report must be the province's, and a
/// report must be approved.
pub async fn add_evidence(
    tx: &mut Write<'_>,
    province: i64,
    id: i64,
    item: usize,
    proof: Proof,
    caption: &str,
) -> Result<i64> {
    let a = editable(tx, province, id).await?;
    let template = templates::find_on(tx, a.template_id).await?;
    if item >= template.template.items.len() {
        return Err(invalid(
            "item",
            format!("ไม่มีข้อ {} ในเกณฑ์นี้", item + 1),
            format!("These criteria have no item {}", item + 1),
        ));
    }
    let (photo, file, report) = match proof {
        Proof::Photo(p) => (Some(p), None, None),
        Proof::File(f) => (None, Some(f), None),
        Proof::Report(r) => (None, None, Some(r)),
    };
    if let Some(r) = report {
        let approved: Option<String> =
            sqlx::query_scalar("SELECT status FROM reports WHERE id = $1 AND province_code = $2")
                .bind(r)
                .bind(province)
                .fetch_optional(&mut **tx)
                .await?;
        if approved.as_deref() != Some("approved") {
            return Err(invalid(
                "report",
                "อ้างอิงได้เฉพาะรายงานกิจกรรมที่อนุมัติแล้วของจังหวัดนี้",
                "Only an approved activity report of this province can be evidence",
            ));
        }
    }
    let caption: String = caption.trim().chars().take(300).collect();
    let evidence: i64 = sqlx::query_scalar(
        "INSERT INTO assessment_evidence (assessment_id, item, photo_id, file_id, report_id, \
         caption, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(id)
    .bind(item as i64)
    .bind(photo)
    .bind(file)
    .bind(report)
    .bind(caption.clone())
    .bind(now())
    .bind(tx.actor().user_id)
    .fetch_one(&mut **tx)
    .await?;
    sqlx::query("UPDATE assessments SET updated_at = $1 WHERE id = $2")
        .bind(now())
        .bind(id)
        .execute(&mut **tx)
        .await?;
    tx.record(
        Change::new("add_evidence", "assessment", id).after(&serde_json::json!({
            "item": item + 1, "photo": photo, "file": file, "report": report, "caption": caption,
        })),
    )
    .await?;
    Ok(evidence)
}

pub async fn remove_evidence(
    db: &Db,
    actor: &Actor,
    province: i64,
    id: i64,
    evidence: i64,
) -> Result<()> {
    let mut tx = db.audited(actor, Some(province)).await?;
    editable(&mut tx, province, id).await?;
    let gone = sqlx::query("DELETE FROM assessment_evidence WHERE id = $1 AND assessment_id = $2")
        .bind(evidence)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if gone.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    tx.commit(Change::new("remove_evidence", "assessment", id).before(&evidence))
        .await
}

/// What still stands between an assessment and its submission: unanswered items and items
/// whose required evidence is missing, each named.
pub async fn missing(db: &Db, a: &Assessment) -> Result<Vec<FieldError>> {
    let mut conn = db.read().acquire().await?;
    missing_on(&mut conn, a).await
}

async fn missing_on(conn: &mut sqlx::AnyConnection, a: &Assessment) -> Result<Vec<FieldError>> {
    let template = templates::find_on(conn, a.template_id).await?;
    let answered = answers_on(conn, a.id).await?;
    let evidence = evidence_on(conn, a.id).await?;
    let mut errors = Vec::new();
    for (i, item) in template.template.items.iter().enumerate() {
        if !answered.iter().any(|x| x.item == i) {
            errors.push(FieldError::new(
                "answer",
                format!("ข้อ {}: ยังไม่ได้ตอบ ({})", i + 1, item.title),
                format!("Item {}: not answered ({})", i + 1, item.title),
            ));
        }
        if item.evidence_required && !evidence.iter().any(|e| e.item == i) {
            errors.push(FieldError::new(
                "evidence",
                format!("ข้อ {}: ยังไม่มีหลักฐาน ({})", i + 1, item.evidence),
                format!("Item {}: evidence missing ({})", i + 1, item.evidence),
            ));
        }
    }
    Ok(errors)
}

/// Sends the assessment to the working group; refused, with every gap named, while an item
/// is unanswered or its required evidence is missing.
pub async fn submit(db: &Db, actor: &Actor, province: i64, id: i64) -> Result<()> {
    let mut tx = db.audited(actor, Some(province)).await?;
    let a = find_on(&mut tx, province, id).await?;
    Step::Submit.apply(a.status).map_err(status_error)?;
    let gaps = missing_on(&mut tx, &a).await?;
    if !gaps.is_empty() {
        return Err(Invalid(gaps).into());
    }
    let at = now();
    let changed = sqlx::query(
        "UPDATE assessments SET status = 'submitted', submitted_at = $1, updated_at = $1 \
         WHERE id = $2 AND status = $3",
    )
    .bind(at)
    .bind(id)
    .bind(a.status.code())
    .execute(&mut *tx)
    .await?;
    if changed.rows_affected() == 0 {
        return Err(StoreError::Conflict);
    }
    tx.commit(Change::new("submit", "assessment", id)).await
}

/// Every item's points of a province's assessments in one read, for the workbook: by
/// assessment id, (item, the unit's points, the verifier's points).
pub async fn scores_of_province(
    db: &Db,
    province: i64,
) -> Result<std::collections::HashMap<i64, Vec<(usize, u32, Option<u32>)>>> {
    let rows = sqlx::query(
        "SELECT x.assessment_id, x.item, x.score, x.verified_score FROM assessment_answers x \
         JOIN assessments a ON a.id = x.assessment_id WHERE a.province_code = $1 \
         ORDER BY x.assessment_id, x.item",
    )
    .bind(province)
    .fetch_all(db.read())
    .await?;
    let mut by_id: std::collections::HashMap<i64, Vec<_>> = std::collections::HashMap::new();
    for r in &rows {
        by_id.entry(r.get::<i64, _>(0)).or_default().push((
            r.get::<i64, _>(1) as usize,
            r.get::<i64, _>(2) as u32,
            r.get::<Option<i64>, _>(3).map(|v| v as u32),
        ));
    }
    Ok(by_id)
}
