//! Spreadsheet imports in two steps: `prepare` checks every row and keeps a batch only when all
//! rows are good; `confirm` writes the whole batch in one transaction, or nothing.

use crate::audit::{Actor, Change};
use crate::registry::geo::Geo;
use crate::registry::{org, person};
use crate::{Db, Result, StoreError, now};
use serde::Serialize;
use sermphalang_domain::registry::import::ImportKind;
use sermphalang_domain::registry::{OrgForm, OrgInput, PersonForm, PersonInput};
use sermphalang_domain::{FieldError, Invalid};
use sqlx::Row;
use std::collections::HashSet;
use std::hash::Hash;

/// A sheet as read from a file: a header row, then data rows of text cells.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Each row's number in the spreadsheet program, blank rows counted; when not known,
    /// rows are taken to follow the header without gaps.
    pub lines: Vec<usize>,
}

impl Table {
    pub(crate) fn line(&self, index: usize) -> usize {
        self.lines.get(index).copied().unwrap_or(index + 2)
    }
}

/// How one header of the file was read: the column it fills, or none (ignored).
#[derive(Debug, Clone, Serialize)]
pub struct ColumnRead {
    pub header: String,
    pub th: Option<&'static str>,
    pub en: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RowCheck {
    /// The row number as a spreadsheet shows it (the header is row 1).
    pub line: usize,
    pub summary: String,
    pub errors: Vec<FieldError>,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Preview {
    pub kind: ImportKind,
    pub file_name: String,
    pub rows: Vec<RowCheck>,
    pub file_error: Option<FieldError>,
    /// Which header was read as which column.
    pub columns: Vec<ColumnRead>,
    /// Present only when every row is good.
    pub batch: Option<i64>,
}

impl Preview {
    pub fn bad_rows(&self) -> usize {
        self.rows.iter().filter(|r| !r.errors.is_empty()).count()
    }
}

pub const MAX_ROWS: usize = 5000;

pub async fn prepare(
    db: &Db,
    geo: &Geo,
    actor: &Actor,
    province: i64,
    kind: ImportKind,
    file_name: &str,
    table: &Table,
) -> Result<Preview> {
    let mut preview = Preview {
        kind,
        file_name: file_name.to_string(),
        rows: Vec::new(),
        file_error: None,
        columns: Vec::new(),
        batch: None,
    };
    let mapping = match kind.map_headers(&table.headers) {
        Ok(m) => m,
        Err(e) => {
            preview.file_error = Some(e);
            return Ok(preview);
        }
    };
    preview.columns = table
        .headers
        .iter()
        .zip(&mapping)
        .map(|(header, field)| {
            let column = field.and_then(|f| kind.column(f));
            ColumnRead {
                header: header.trim().trim_start_matches('\u{feff}').to_string(),
                th: column.map(|c| c.th),
                en: column.map(|c| c.en),
            }
        })
        .collect();
    if table.rows.is_empty() {
        preview.file_error = Some(FieldError::new(
            "file",
            "ไฟล์ไม่มีข้อมูลใต้แถวหัวคอลัมน์",
            "The file has no rows below the header",
        ));
        return Ok(preview);
    }
    if table.rows.len() > MAX_ROWS {
        preview.file_error = Some(FieldError::new(
            "file",
            format!(
                "ไฟล์มี {} แถว เกินกว่าที่นำเข้าได้ครั้งละ {MAX_ROWS} แถว",
                table.rows.len()
            ),
            format!(
                "The file has {} rows; at most {MAX_ROWS} can be imported at once",
                table.rows.len()
            ),
        ));
        return Ok(preview);
    }
    let cell = |row: &Vec<String>, field: &str| -> String {
        mapping
            .iter()
            .position(|m| *m == Some(field))
            .and_then(|i| row.get(i))
            .cloned()
            .unwrap_or_default()
    };
    let payload = match kind {
        ImportKind::Organizations => {
            let inputs = check_orgs(db, geo, province, table, &cell, &mut preview).await?;
            serde_json::to_string(&inputs).unwrap_or_default()
        }
        ImportKind::People => {
            let inputs = check_people(db, province, table, &cell, &mut preview).await?;
            serde_json::to_string(&inputs).unwrap_or_default()
        }
    };
    if preview.bad_rows() == 0 {
        preview.batch = Some(keep(db, actor, province, kind.code(), file_name, payload).await?);
    }
    Ok(preview)
}

enum Duplicate {
    InFile,
    Registered,
}

/// The keys (names) already in the registry and those met earlier in the file.
struct Duplicates<K> {
    registered: HashSet<K>,
    in_file: HashSet<K>,
}

impl<K: Eq + Hash + Clone> Duplicates<K> {
    fn new(registered: impl IntoIterator<Item = K>) -> Self {
        Duplicates {
            registered: registered.into_iter().collect(),
            in_file: HashSet::new(),
        }
    }

    /// Notes the key of a row and says whether it repeats an earlier row or the registry.
    fn check(&mut self, key: K) -> Option<Duplicate> {
        if !self.in_file.insert(key.clone()) {
            Some(Duplicate::InFile)
        } else if self.registered.contains(&key) {
            Some(Duplicate::Registered)
        } else {
            None
        }
    }
}

fn thai_digit_warning(row: &[String]) -> Option<String> {
    row.iter()
        .any(|c| sermphalang_thai::has_thai_digits(c))
        .then(|| "อ่านเลขไทยเป็นเลขอารบิกแล้ว (Thai digits read as Arabic digits)".to_string())
}

async fn check_orgs(
    db: &Db,
    geo: &Geo,
    province: i64,
    table: &Table,
    cell: &impl Fn(&Vec<String>, &str) -> String,
    preview: &mut Preview,
) -> Result<Vec<OrgInput>> {
    let mut names = Duplicates::new(org::existing_names(db, province).await?);
    let mut inputs = Vec::new();
    for (i, row) in table.rows.iter().enumerate() {
        let district_text = cell(row, "district");
        let district = geo
            .find_district(province, &district_text)
            .map(|d| d.code.to_string())
            .unwrap_or(district_text);
        let form = OrgForm {
            name: cell(row, "name"),
            kind: cell(row, "kind"),
            sectors: vec![cell(row, "sectors")],
            district,
            phone: cell(row, "phone"),
            email: cell(row, "email"),
            address: cell(row, "address"),
        };
        let mut check = RowCheck {
            line: table.line(i),
            summary: form.name.trim().to_string(),
            errors: Vec::new(),
            warnings: thai_digit_warning(row).into_iter().collect(),
        };
        match form.validate(|d| geo.district(d).is_some_and(|d| d.province_code == province)) {
            Ok(input) => {
                match names.check((input.district, input.name.clone())) {
                    Some(Duplicate::InFile) => check.errors.push(FieldError::new(
                        "name",
                        "ชื่อหน่วยงานซ้ำกับแถวก่อนหน้าในไฟล์ (อำเภอเดียวกัน)",
                        "Same name and district as an earlier row of the file",
                    )),
                    Some(Duplicate::Registered) => check.errors.push(FieldError::new(
                        "name",
                        "มีหน่วยงานชื่อนี้ในอำเภอนี้อยู่แล้วในทะเบียน",
                        "An organization with this name is already registered in the district",
                    )),
                    None => {}
                }
                inputs.push(input);
            }
            Err(Invalid(errors)) => check.errors = errors,
        }
        preview.rows.push(check);
    }
    Ok(inputs)
}

async fn check_people(
    db: &Db,
    province: i64,
    table: &Table,
    cell: &impl Fn(&Vec<String>, &str) -> String,
    preview: &mut Preview,
) -> Result<Vec<PersonInput>> {
    let orgs = org::options(db, province).await?;
    let existing = sqlx::query(
        "SELECT first_name, last_name FROM people WHERE province_code = $1 AND archived_at IS NULL",
    )
    .bind(province)
    .fetch_all(db.read())
    .await?;
    let mut names = Duplicates::new(existing.iter().map(|r| (r.get(0), r.get(1))));
    let mut inputs = Vec::new();
    for (i, row) in table.rows.iter().enumerate() {
        let org_name = cell(row, "organization");
        let org_id = orgs
            .iter()
            .find(|(_, n)| n == org_name.trim())
            .map(|(id, _)| *id);
        let form = PersonForm {
            prefix: cell(row, "prefix"),
            first_name: cell(row, "first_name"),
            last_name: cell(row, "last_name"),
            position: cell(row, "position"),
            organization: org_id.map(|id| id.to_string()).unwrap_or_default(),
            networks: vec![cell(row, "networks")],
            phone: cell(row, "phone"),
            email: cell(row, "email"),
            consent: cell(row, "consent"),
        };
        let mut check = RowCheck {
            line: table.line(i),
            summary: person::full_name(&form.prefix, form.first_name.trim(), form.last_name.trim()),
            errors: Vec::new(),
            warnings: thai_digit_warning(row).into_iter().collect(),
        };
        let result = form.validate();
        if !org_name.trim().is_empty() && org_id.is_none() {
            check.errors.push(FieldError::new(
                "organization",
                format!("ไม่พบหน่วยงาน \"{}\" ในทะเบียนของจังหวัด", org_name.trim()),
                format!(
                    "No organization \"{}\" in the province's registry",
                    org_name.trim()
                ),
            ));
        }
        match result {
            Ok(input) => {
                match names.check((input.first_name.clone(), input.last_name.clone())) {
                    Some(Duplicate::InFile) => check.errors.push(FieldError::new(
                        "first_name",
                        "ชื่อ-นามสกุลซ้ำกับแถวก่อนหน้าในไฟล์",
                        "Same name as an earlier row of the file",
                    )),
                    Some(Duplicate::Registered) => check.errors.push(FieldError::new(
                        "first_name",
                        "มีบุคคลชื่อ-นามสกุลนี้อยู่แล้วในทะเบียน",
                        "A person with this name is already registered",
                    )),
                    None => {}
                }
                inputs.push(input);
            }
            Err(Invalid(errors)) => check.errors.extend(errors),
        }
        preview.rows.push(check);
    }
    Ok(inputs)
}

/// The trimmed cell of `row` in the column `mapping` gives `key`, or empty when the file has
/// no such column.
pub(crate) fn cell(mapping: &[Option<&'static str>], row: &[String], key: &str) -> String {
    mapping
        .iter()
        .position(|m| *m == Some(key))
        .and_then(|i| row.get(i))
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

/// Keeps a checked file's rows, as JSON, until the account that checked them confirms.
pub(crate) async fn keep(
    db: &Db,
    actor: &Actor,
    province: i64,
    kind: &str,
    file_name: &str,
    payload: String,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO import_batches (province_code, user_id, kind, file_name, payload, \
         created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(province)
    .bind(actor.user_id)
    .bind(kind.to_string())
    .bind(file_name.to_string())
    .bind(payload)
    .bind(now())
    .fetch_one(db.write())
    .await?)
}

/// The rows `keep` kept for this account, province and kind, while not yet imported.
pub(crate) async fn kept<T: serde::de::DeserializeOwned>(
    db: &Db,
    actor: &Actor,
    province: i64,
    kind: &str,
    batch: i64,
) -> Result<T> {
    let payload: String = sqlx::query_scalar(
        "SELECT payload FROM import_batches WHERE id = $1 AND province_code = $2 \
         AND user_id = $3 AND kind = $4 AND imported_at IS NULL",
    )
    .bind(batch)
    .bind(province)
    .bind(actor.user_id)
    .bind(kind.to_string())
    .fetch_optional(db.read())
    .await?
    .ok_or(StoreError::NotFound)?;
    serde_json::from_str(&payload)
        .map_err(|e| StoreError::Unusable(format!("import batch unreadable: {e}")))
}

/// Marks a batch as written, in the transaction that wrote it, so that it is used once: a
/// second confirmation, even a concurrent one, finds no batch.
pub(crate) async fn mark_imported(tx: &mut sqlx::AnyConnection, batch: i64) -> Result<()> {
    let done = sqlx::query(
        "UPDATE import_batches SET imported_at = $1, payload = '[]' WHERE id = $2 \
         AND imported_at IS NULL",
    )
    .bind(now())
    .bind(batch)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Writes a prepared batch, all rows or none. A batch is used once, by the account that made it.
pub async fn confirm(db: &Db, actor: &Actor, province: i64, batch: i64) -> Result<usize> {
    let row = sqlx::query(
        "SELECT kind, payload FROM import_batches WHERE id = $1 AND province_code = $2 \
         AND user_id = $3 AND imported_at IS NULL",
    )
    .bind(batch)
    .bind(province)
    .bind(actor.user_id)
    .fetch_optional(db.read())
    .await?
    .ok_or(StoreError::NotFound)?;
    let kind = ImportKind::parse(row.get::<String, _>(0).as_str()).ok_or(StoreError::NotFound)?;
    let payload: String = row.get(1);
    let mut tx = db.audited(actor, Some(province)).await?;
    let count = match kind {
        ImportKind::Organizations => {
            let inputs: Vec<OrgInput> = serde_json::from_str(&payload)
                .map_err(|e| StoreError::Unusable(format!("import batch unreadable: {e}")))?;
            for input in &inputs {
                org::insert(&mut tx, province, input).await?;
            }
            inputs.len()
        }
        ImportKind::People => {
            let inputs: Vec<PersonInput> = serde_json::from_str(&payload)
                .map_err(|e| StoreError::Unusable(format!("import batch unreadable: {e}")))?;
            for input in &inputs {
                person::insert(&mut tx, province, input).await?;
            }
            inputs.len()
        }
    };
    mark_imported(&mut tx, batch).await?;
    let after = serde_json::json!({ "kind": kind.code(), "rows": count });
    tx.commit(Change::new("import", kind.code(), batch).after(&after))
        .await?;
    Ok(count)
}
