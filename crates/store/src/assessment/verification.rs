//! The working group's part: verifiers assigned to a submitted assessment, their checklist
//! from the site visit (agreement or a changed score with a comment, per item, sent from a
//! phone perhaps more than once), and the decision: a level awarded with its certificate, or
//! the assessment returned with the reason.

use super::assessments::{self, Answered, Assessment, COLUMNS, find_on, read};
use super::templates;
use crate::audit::{Actor, Change};
use crate::{Db, Result, StoreError, now};
use serde::Serialize;
use sermphalang_domain::assessment::{Answer, Outcome, Status, Step, outcome, score};
use sermphalang_domain::{FieldError, Invalid};
use sqlx::Row;

fn invalid(field: &'static str, th: impl Into<String>, en: impl Into<String>) -> StoreError {
    StoreError::Invalid(Invalid(vec![FieldError::new(field, th, en)]))
}

fn status_error(e: FieldError) -> StoreError {
    StoreError::Invalid(Invalid(vec![e]))
}

#[derive(Debug, Clone, Serialize)]
pub struct Verifier {
    pub user_id: i64,
    pub display_name: String,
    pub email: String,
}

fn verifier(r: &sqlx::any::AnyRow) -> Verifier {
    Verifier {
        user_id: r.get(0),
        display_name: r.get(1),
        email: r.get(2),
    }
}

pub async fn verifiers(db: &Db, id: i64) -> Result<Vec<Verifier>> {
    let rows = sqlx::query(
        "SELECT u.id, u.display_name, u.email FROM assessment_verifiers v \
         JOIN users u ON u.id = v.user_id WHERE v.assessment_id = $1 ORDER BY u.display_name",
    )
    .bind(id)
    .fetch_all(db.read())
    .await?;
    Ok(rows.iter().map(verifier).collect())
}

/// The accounts that may be assigned: the province's working-group members and secretariat.
pub async fn candidates(db: &Db, province: i64) -> Result<Vec<Verifier>> {
    let rows = sqlx::query(
        "SELECT id, display_name, email FROM users WHERE province_code = $1 \
         AND role IN ('member', 'secretariat') AND disabled_at IS NULL ORDER BY display_name",
    )
    .bind(province)
    .fetch_all(db.read())
    .await?;
    Ok(rows.iter().map(verifier).collect())
}

pub async fn is_verifier(db: &Db, id: i64, user: i64) -> Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM assessment_verifiers WHERE assessment_id = $1 AND user_id = $2",
    )
    .bind(id)
    .bind(user)
    .fetch_one(db.read())
    .await?;
    Ok(n > 0)
}

/// Sets who verifies a submitted assessment, which puts it into verification.
pub async fn assign(db: &Db, actor: &Actor, province: i64, id: i64, users: &[i64]) -> Result<()> {
    if users.is_empty() {
        return Err(invalid(
            "verifiers",
            "กรุณาเลือกผู้ตรวจประเมินอย่างน้อย 1 คน",
            "Choose at least one verifier",
        ));
    }
    let mut tx = db.audited(actor, Some(province)).await?;
    let a = find_on(&mut tx, province, id).await?;
    Step::Assign.apply(a.status).map_err(status_error)?;
    for user in users {
        let fits: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM users WHERE id = $1 AND province_code = $2 \
             AND role IN ('member', 'secretariat') AND disabled_at IS NULL",
        )
        .bind(*user)
        .bind(province)
        .fetch_one(&mut *tx)
        .await?;
        if fits == 0 {
            return Err(invalid(
                "verifiers",
                "ผู้ตรวจประเมินต้องเป็นคณะทำงานหรือฝ่ายเลขานุการของจังหวัดนี้",
                "Verifiers must be this province's working group or secretariat",
            ));
        }
    }
    sqlx::query("DELETE FROM assessment_verifiers WHERE assessment_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let at = now();
    for user in users {
        sqlx::query(
            "INSERT INTO assessment_verifiers (assessment_id, user_id, assigned_at) \
             VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(*user)
        .bind(at.clone())
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query("UPDATE assessments SET status = 'verifying', updated_at = $1 WHERE id = $2")
        .bind(at)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit(Change::new("assign", "assessment", id).after(&users))
        .await
}

/// A verifier's finding on one item: agreement with the unit's answer, or their own answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub item: usize,
    /// `None` agrees with the unit's answer.
    pub answer: Option<Answer>,
    pub comment: String,
}

/// Records a site visit's checklist. A `client_key` already recorded for this assessment is
/// a phone sending the same checklist again: nothing changes and `Ok(false)` says so.
pub async fn record(
    db: &Db,
    actor: &Actor,
    province: i64,
    id: i64,
    findings: &[Finding],
    client_key: &str,
) -> Result<bool> {
    let mut tx = db.audited(actor, Some(province)).await?;
    let a = find_on(&mut tx, province, id).await?;
    let key = client_key.trim();
    if !key.is_empty() {
        let seen: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM assessment_syncs WHERE assessment_id = $1 AND client_key = $2",
        )
        .bind(id)
        .bind(key.to_string())
        .fetch_one(&mut *tx)
        .await?;
        if seen > 0 {
            return Ok(false);
        }
    }
    Step::Verify.apply(a.status).map_err(status_error)?;
    let template = templates::find_on(&mut tx, a.template_id).await?;
    let answered = assessments::answers_on(&mut tx, id).await?;
    let mut errors = Vec::new();
    let mut rows = Vec::new();
    for f in findings {
        let (Some(item), Some(own)) = (
            template.template.items.get(f.item),
            answered.iter().find(|x| x.item == f.item),
        ) else {
            errors.push(FieldError::new(
                "answer",
                format!("ข้อ {}: ไม่มีคำตอบของหน่วยให้ตรวจ", f.item + 1),
                format!("Item {}: the unit gave no answer to verify", f.item + 1),
            ));
            continue;
        };
        let comment: String = f.comment.trim().chars().take(2000).collect();
        let (answer, points) = match f.answer {
            None => (own.answer, own.score),
            Some(answer) => match score(item, answer) {
                Ok(points) => (answer, points),
                Err(e) => {
                    errors.push(FieldError::new(
                        "answer",
                        format!("ข้อ {}: {}", f.item + 1, e.th),
                        format!("Item {}: {}", f.item + 1, e.en),
                    ));
                    continue;
                }
            },
        };
        if points != own.score && comment.is_empty() {
            errors.push(FieldError::new(
                "comment",
                format!("ข้อ {}: เปลี่ยนคะแนนแล้ว กรุณาระบุเหตุผล", f.item + 1),
                format!("Item {}: the score changed; give the reason", f.item + 1),
            ));
            continue;
        }
        rows.push((f.item, answer, points, comment));
    }
    if !errors.is_empty() {
        return Err(Invalid(errors).into());
    }
    let at = now();
    for (item, answer, points, comment) in &rows {
        let json =
            serde_json::to_string(answer).map_err(|e| StoreError::Unusable(e.to_string()))?;
        sqlx::query(
            "UPDATE assessment_answers SET verified_answer = $1, verified_score = $2, \
             verifier_comment = $3, verified_by = $4, verified_at = $5 \
             WHERE assessment_id = $6 AND item = $7",
        )
        .bind(json)
        .bind(i64::from(*points))
        .bind(comment.clone())
        .bind(tx.actor().user_id)
        .bind(at.clone())
        .bind(id)
        .bind(*item as i64)
        .execute(&mut *tx)
        .await?;
    }
    if !key.is_empty() {
        sqlx::query(
            "INSERT INTO assessment_syncs (assessment_id, client_key, at) VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(key.to_string())
        .bind(at.clone())
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query("UPDATE assessments SET updated_at = $1 WHERE id = $2")
        .bind(at)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let after: Vec<_> = rows
        .iter()
        .map(|(item, answer, points, comment)| {
            serde_json::json!({"item": item + 1, "answer": answer, "score": points, "comment": comment})
        })
        .collect();
    tx.commit(Change::new("verify", "assessment", id).after(&after))
        .await?;
    Ok(true)
}

/// The outcome with the verifiers' scores where they gave them: what an award would give.
pub fn verified_outcome(template: &templates::Stored, answered: &[Answered]) -> Outcome {
    let mut scores = vec![None; template.template.items.len()];
    for x in answered {
        if let Some(s) = scores.get_mut(x.item) {
            *s = Some(x.counted());
        }
    }
    outcome(&template.template, &scores)
}

/// The certificate that goes with an award, made by the caller for the level it expects.
pub struct Award<'a> {
    pub expected: sermphalang_domain::assessment::Level,
    pub code: &'a str,
    pub pdf: &'a [u8],
    pub comment: &'a str,
}

/// Why an assessment whose verified scores reach no level cannot be awarded.
pub fn no_level() -> FieldError {
    FieldError::new(
        "level",
        "คะแนนที่ตรวจแล้วยังไม่ถึงระดับใด ส่งกลับให้แก้ไขแทน",
        "The verified scores reach no level: return the assessment instead",
    )
}

/// Awards the level the verified scores reach, with its certificate. Refused when the scores
/// reach no level, or a different level than the certificate was made for (a verifier changed a
/// score meanwhile: make it again).
pub async fn award(db: &Db, actor: &Actor, province: i64, id: i64, award: Award<'_>) -> Result<()> {
    let mut tx = db.audited(actor, Some(province)).await?;
    let a = find_on(&mut tx, province, id).await?;
    Step::Award.apply(a.status).map_err(status_error)?;
    let template = templates::find_on(&mut tx, a.template_id).await?;
    let answered = assessments::answers_on(&mut tx, id).await?;
    let o = verified_outcome(&template, &answered);
    match o.level {
        None => return Err(Invalid(vec![no_level()]).into()),
        Some(level) if level != award.expected => return Err(StoreError::Conflict),
        Some(_) => {}
    }
    let at = now();
    let changed = sqlx::query(
        "UPDATE assessments SET status = 'awarded', total = $1, level = $2, comment = $3, \
         certificate_code = $4, certificate_pdf = $5, decided_at = $6, decided_by = $7, \
         updated_at = $6 WHERE id = $8 AND status = $9",
    )
    .bind(i64::from(o.total))
    .bind(award.expected.code())
    .bind(award.comment.trim().to_string())
    .bind(award.code.to_string())
    .bind(award.pdf.to_vec())
    .bind(at)
    .bind(tx.actor().user_id)
    .bind(id)
    .bind(a.status.code())
    .execute(&mut *tx)
    .await?;
    if changed.rows_affected() == 0 {
        return Err(StoreError::Conflict);
    }
    tx.commit(
        Change::new("award", "assessment", id).after(&serde_json::json!({
            "total": o.total, "level": award.expected.code(), "certificate": award.code,
        })),
    )
    .await
}

/// Sends the assessment back to the unit with the reason.
pub async fn send_back(db: &Db, actor: &Actor, province: i64, id: i64, reason: &str) -> Result<()> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(invalid(
            "comment",
            "กรุณาระบุเหตุผล หน่วยที่ประเมินจะเห็นข้อความนี้",
            "Give the reason; the assessed unit will see it",
        ));
    }
    let mut tx = db.audited(actor, Some(province)).await?;
    let a = find_on(&mut tx, province, id).await?;
    Step::Return.apply(a.status).map_err(status_error)?;
    let at = now();
    sqlx::query(
        "UPDATE assessments SET status = 'returned', comment = $1, decided_at = $2, \
         decided_by = $3, updated_at = $2 WHERE id = $4",
    )
    .bind(reason.to_string())
    .bind(at)
    .bind(tx.actor().user_id)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    tx.commit(Change::new("return", "assessment", id).after(&reason))
        .await
}

/// An awarded assessment's certificate as stored.
pub async fn certificate_pdf(db: &Db, province: i64, id: i64) -> Result<Vec<u8>> {
    let pdf: Option<Vec<u8>> = sqlx::query_scalar(
        "SELECT certificate_pdf FROM assessments WHERE id = $1 AND province_code = $2",
    )
    .bind(id)
    .bind(province)
    .fetch_optional(db.read())
    .await?
    .flatten();
    pdf.ok_or(StoreError::NotFound)
}

/// What the public verification page shows of an awarded level.
#[derive(Debug, Clone, Serialize)]
pub struct Verified {
    pub assessment: Assessment,
    pub province: String,
}

/// Looks a certificate code up among awarded levels.
pub async fn verify(db: &Db, code: &str) -> Result<Verified> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS}, p.name_th FROM assessments a \
         JOIN provinces p ON p.code = a.province_code \
         WHERE a.certificate_code = $1 AND a.status = 'awarded'"
    )))
    .bind(code.to_string())
    .fetch_optional(db.read())
    .await?
    .ok_or(StoreError::NotFound)?;
    Ok(Verified {
        assessment: read(&row),
        province: row.get(18),
    })
}

/// Whether the assessment is at a stage where a verifier's checklist is taken.
pub fn in_verification(a: &Assessment) -> bool {
    a.status == Status::Verifying
}
