//! A plan's tree and indicators from a workbook in the shape the export writes, in two steps
//! like the registry's imports: `prepare` checks every row and keeps a batch only when all are
//! good; `confirm` appends the whole batch to the plan in one transaction, or nothing.

use super::{Plan, entries, indicators};
use crate::audit::{Actor, Change};
use crate::registry::geo::Geo;
use crate::registry::imports::{self, ColumnRead, RowCheck, Table, cell};
use crate::registry::org;
use crate::{Db, Result, StoreError};
use serde::{Deserialize, Serialize};
use sermphalang_domain::plan::import::{
    Column, ENTRY_COLUMNS, INDICATOR_COLUMNS, WHOLE_PLAN, actual_year, budget_columns, column_of,
    dotted, entry_number, level_at, list, target_year,
};
use sermphalang_domain::plan::{
    EntryForm, EntryInput, IndicatorForm, IndicatorInput, IndicatorKind, value,
};
use sermphalang_domain::registry::Sector;
use sermphalang_domain::{FieldError, Invalid};
use sermphalang_thai::FiscalYear;
use std::collections::HashMap;

pub const KIND: &str = "plan";
/// A plan of a province has tens to a few hundred entries; more is a wrong file.
pub const MAX_ROWS: usize = 2000;

/// The two sheets of a plan workbook; the indicator sheet may be left out.
#[derive(Debug, Clone, Default)]
pub struct Sheets {
    pub structure: Table,
    pub indicators: Option<Table>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Preview {
    pub file_name: String,
    pub entries: Vec<RowCheck>,
    pub indicators: Vec<RowCheck>,
    pub columns: Vec<ColumnRead>,
    pub file_error: Option<FieldError>,
    /// Present only when every row is good.
    pub batch: Option<i64>,
}

impl Preview {
    pub fn bad_rows(&self) -> usize {
        self.entries
            .iter()
            .chain(&self.indicators)
            .filter(|r| !r.errors.is_empty())
            .count()
    }

    /// Each sheet's rows under the word that names the sheet.
    pub fn sheets(&self) -> [(&'static str, &[RowCheck]); 2] {
        [
            ("plan_structure_sheet", &self.entries),
            ("plan_indicator_sheet", &self.indicators),
        ]
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct Batch {
    plan: i64,
    entries: Vec<NewEntry>,
    indicators: Vec<NewIndicator>,
}

/// An entry of the file; `parent` is the index of the entry above it in the file.
#[derive(Debug, Serialize, Deserialize)]
struct NewEntry {
    parent: Option<usize>,
    input: EntryInput,
}

#[derive(Debug, Serialize, Deserialize)]
struct NewIndicator {
    entry: Option<usize>,
    input: IndicatorInput,
    targets: Vec<(i32, f64)>,
}

/// Which of `columns` each header fills, or that it is left; `extra` names headers read
/// otherwise (the indicator sheet's years).
fn read_headers(
    headers: &[String],
    columns: &[Column],
    extra: impl Fn(&str) -> Option<(&'static str, &'static str)>,
    read: &mut Vec<ColumnRead>,
) -> Vec<Option<&'static str>> {
    headers
        .iter()
        .map(|h| {
            let column = column_of(columns, h);
            let (th, en) = match column {
                Some(c) => (Some(c.th), Some(c.en)),
                None => extra(h).map_or((None, None), |(th, en)| (Some(th), Some(en))),
            };
            read.push(ColumnRead {
                header: h.clone(),
                th,
                en,
            });
            column.map(|c| c.key)
        })
        .collect()
}

/// What the structure sheet needs before its rows can be read.
fn missing_columns(mapping: &[Option<&'static str>], needed: &[&str]) -> Option<FieldError> {
    let missing: Vec<&Column> = ENTRY_COLUMNS
        .iter()
        .chain(INDICATOR_COLUMNS)
        .filter(|c| needed.contains(&c.key) && !mapping.contains(&Some(c.key)))
        .collect();
    (!missing.is_empty()).then(|| {
        let th: Vec<&str> = missing.iter().map(|c| c.th).collect();
        let en: Vec<&str> = missing.iter().map(|c| c.en).collect();
        FieldError::new(
            "file",
            format!("ไม่พบคอลัมน์ {} ในไฟล์", th.join(", ")),
            format!("The file has no {} column", en.join(", ")),
        )
    })
}

/// The province's names for what an entry links to, to turn the file's names into ids.
struct Names {
    organizations: HashMap<String, i64>,
    references: Vec<(String, [String; 3])>,
}

impl Names {
    async fn load(db: &Db, province: i64) -> Result<Names> {
        let organizations = org::options(db, province)
            .await?
            .into_iter()
            .map(|(id, name)| (name, id))
            .collect();
        let references = super::references::list(db, province)
            .await?
            .into_iter()
            .map(|r| (r.code.clone(), [r.code, r.name_th, r.name_en]))
            .collect();
        Ok(Names {
            organizations,
            references,
        })
    }
}

/// Checks a workbook for `plan`; nothing is written but the batch kept for `confirm`.
pub async fn prepare(
    db: &Db,
    geo: &Geo,
    actor: &Actor,
    plan: &Plan,
    file_name: &str,
    sheets: &Sheets,
) -> Result<Preview> {
    let mut preview = Preview {
        file_name: file_name.to_string(),
        ..Preview::default()
    };
    let rows = sheets.structure.rows.len() + sheets.indicators.as_ref().map_or(0, |t| t.rows.len());
    if rows > MAX_ROWS {
        preview.file_error = Some(FieldError::new(
            "file",
            format!("ไฟล์มี {rows} แถว นำเข้าได้ครั้งละไม่เกิน {MAX_ROWS} แถว"),
            format!("The file has {rows} rows; at most {MAX_ROWS} can be imported at once"),
        ));
        return Ok(preview);
    }
    let names = Names::load(db, plan.province).await?;
    let entry_map = read_headers(
        &sheets.structure.headers,
        ENTRY_COLUMNS,
        |_| None,
        &mut preview.columns,
    );
    if let Some(e) = missing_columns(&entry_map, &["number", "title"]) {
        preview.file_error = Some(e);
        return Ok(preview);
    }
    let mut numbers: HashMap<Vec<u32>, usize> = HashMap::new();
    let mut new_entries = Vec::new();
    for (i, row) in sheets.structure.rows.iter().enumerate() {
        let get = |key: &str| cell(&entry_map, row, key);
        let mut check = RowCheck {
            line: sheets.structure.line(i),
            summary: format!("{} {}", get("number"), get("title")),
            errors: Vec::new(),
            warnings: Vec::new(),
        };
        match read_entry(&get, plan, geo, &names, &numbers) {
            Ok((number, entry)) => match numbers.entry(number) {
                std::collections::hash_map::Entry::Occupied(taken) => {
                    check.errors.push(FieldError::new(
                        "number",
                        format!("ลำดับ {} ซ้ำกับแถวก่อนหน้า", dotted(taken.key())),
                        format!("Number {} repeats an earlier row", dotted(taken.key())),
                    ))
                }
                std::collections::hash_map::Entry::Vacant(free) => {
                    free.insert(new_entries.len());
                    new_entries.push(entry);
                }
            },
            Err(errors) => check.errors = errors,
        }
        preview.entries.push(check);
    }
    let mut new_indicators = Vec::new();
    if let Some(table) = &sheets.indicators {
        let map = read_headers(
            &table.headers,
            INDICATOR_COLUMNS,
            |h| {
                if target_year(h).is_some() {
                    Some(("เป้าหมายรายปี", "the year's target"))
                } else {
                    actual_year(h).map(|_| {
                        (
                            "ไม่นำเข้า (ผลมาจากรายงาน)",
                            "left (actuals come from reports)",
                        )
                    })
                }
            },
            &mut preview.columns,
        );
        if let Some(e) = missing_columns(&map, &["name", "unit", "kind"]) {
            preview.file_error = Some(e);
            return Ok(preview);
        }
        let years: Vec<(usize, i32)> = table
            .headers
            .iter()
            .enumerate()
            .filter_map(|(i, h)| target_year(h).map(|y| (i, y)))
            .collect();
        for (i, row) in table.rows.iter().enumerate() {
            let get = |key: &str| cell(&map, row, key);
            let mut check = RowCheck {
                line: table.line(i),
                summary: get("name"),
                errors: Vec::new(),
                warnings: Vec::new(),
            };
            match read_indicator(&get, row, &years, plan, &numbers) {
                Ok(indicator) => new_indicators.push(indicator),
                Err(errors) => check.errors = errors,
            }
            preview.indicators.push(check);
        }
    }
    if preview.entries.is_empty() && preview.indicators.is_empty() {
        preview.file_error = Some(FieldError::new(
            "file",
            "ไม่มีรายการในไฟล์",
            "The file has no rows",
        ));
    }
    if preview.bad_rows() == 0 && preview.file_error.is_none() {
        let batch = Batch {
            plan: plan.id,
            entries: new_entries,
            indicators: new_indicators,
        };
        let payload = serde_json::to_string(&batch).unwrap_or_default();
        preview.batch =
            Some(imports::keep(db, actor, plan.province, KIND, file_name, payload).await?);
    }
    Ok(preview)
}

fn read_entry(
    get: &impl Fn(&str) -> String,
    plan: &Plan,
    geo: &Geo,
    names: &Names,
    numbers: &HashMap<Vec<u32>, usize>,
) -> std::result::Result<(Vec<u32>, NewEntry), Vec<FieldError>> {
    let mut errors = Invalid::default();
    let number = entry_number(&get("number")).map_err(|e| vec![e])?;
    let level = level_at(number.len());
    let written = get("level");
    if !written.is_empty() && sermphalang_domain::plan::Level::parse_loose(&written) != Some(level)
    {
        errors.push(FieldError::new(
            "level",
            format!(
                "ลำดับ {} เป็นระดับ{} แต่ช่องระดับเขียนว่า \"{written}\"",
                dotted(&number),
                level.label_th()
            ),
            format!(
                "Number {} is a {} but the level cell says \"{written}\"",
                dotted(&number),
                level.label_en()
            ),
        ));
    }
    let parent = if number.len() > 1 {
        let above = &number[..number.len() - 1];
        let found = numbers.get(above).copied();
        if found.is_none() {
            errors.push(FieldError::new(
                "number",
                format!(
                    "ไม่พบรายการลำดับ {} ที่รายการนี้อยู่ภายใต้ในแถวก่อนหน้า",
                    dotted(above)
                ),
                format!(
                    "No earlier row numbered {}, which this entry belongs under",
                    dotted(above)
                ),
            ));
        }
        found
    } else {
        None
    };
    let mut networks = Vec::new();
    for name in list(&get("networks")) {
        match Sector::from_words(&name) {
            Some(s) => networks.push(s.code().to_string()),
            None => errors.push(FieldError::new(
                "networks",
                format!("ไม่รู้จักภาคีเครือข่าย \"{name}\""),
                format!("Unknown network \"{name}\""),
            )),
        }
    }
    let mut districts = Vec::new();
    for name in list(&get("districts")) {
        match geo.find_district(plan.province, &name) {
            Some(d) => districts.push(d.code.to_string()),
            None => errors.push(FieldError::new(
                "districts",
                format!("ไม่พบอำเภอ \"{name}\" ในจังหวัดนี้"),
                format!("No district \"{name}\" in this province"),
            )),
        }
    }
    let mut organizations = Vec::new();
    for name in list(&get("organizations")) {
        match names.organizations.get(&name) {
            Some(id) => organizations.push(id.to_string()),
            None => errors.push(FieldError::new(
                "organizations",
                format!("ไม่พบองค์กร \"{name}\" ในทะเบียนของจังหวัด"),
                format!("No organization \"{name}\" in the province's registry"),
            )),
        }
    }
    let mut references = Vec::new();
    for name in list(&get("references")) {
        match names
            .references
            .iter()
            .find(|(_, known)| known.iter().any(|k| k == &name))
        {
            Some((code, _)) => references.push(code.clone()),
            None => errors.push(FieldError::new(
                "references",
                format!("ไม่รู้จักยุทธศาสตร์หรือคุณธรรมเป้าหมาย \"{name}\""),
                format!("Unknown strategy or virtue \"{name}\""),
            )),
        }
    }
    let (budget_source, budget_amount) = budget_columns(&get("budget"), &get("sources"))
        .unwrap_or_else(|e| {
            errors.push(e);
            (Vec::new(), Vec::new())
        });
    let form = EntryForm {
        level: level.code().to_string(),
        // The real parent is known once the rows above are written; any id passes the form.
        parent: if number.len() > 1 { "1" } else { "" }.to_string(),
        title: get("title"),
        description: get("description"),
        fiscal_year: get("fiscal_year"),
        starts_on: get("starts_on"),
        ends_on: get("ends_on"),
        networks,
        districts,
        organizations,
        references,
        budget_source,
        budget_amount,
    };
    match form.validate(plan.period()) {
        Ok(input) if errors.is_empty() => Ok((number, NewEntry { parent, input })),
        Ok(_) => Err(errors.0),
        Err(Invalid(more)) => {
            errors.0.extend(more);
            Err(errors.0)
        }
    }
}

fn read_indicator(
    get: &impl Fn(&str) -> String,
    row: &[String],
    years: &[(usize, i32)],
    plan: &Plan,
    numbers: &HashMap<Vec<u32>, usize>,
) -> std::result::Result<NewIndicator, Vec<FieldError>> {
    let mut errors = Invalid::default();
    let kind = IndicatorKind::parse_loose(&get("kind"));
    let form = IndicatorForm {
        name: get("name"),
        unit: get("unit"),
        kind: kind.map(|k| k.code().to_string()).unwrap_or(get("kind")),
        baseline: get("baseline"),
        entry: String::new(),
    };
    let input = form.validate().map_err(|e| e.0)?;
    let measures = get("measures");
    let entry = if measures.is_empty() || measures == WHOLE_PLAN || measures == "whole plan" {
        None
    } else {
        let head = measures.split_whitespace().next().unwrap_or_default();
        let found = entry_number(head)
            .ok()
            .and_then(|n| numbers.get(&n).copied());
        if found.is_none() {
            errors.push(FieldError::new(
                "entry",
                format!(
                    "ไม่พบรายการ \"{measures}\" ในแผ่นโครงสร้างแผน (ขึ้นต้นด้วยลำดับ เช่น 1.1.1 หรือเขียนว่า {WHOLE_PLAN})"
                ),
                format!(
                    "No entry \"{measures}\" on the structure sheet (start with its number, such as 1.1.1, or write {WHOLE_PLAN})"
                ),
            ));
        }
        found
    };
    let mut targets = Vec::new();
    for (column, year) in years {
        let raw = row.get(*column).map(String::as_str).unwrap_or_default();
        let Some(target) = value(input.kind, raw, "target", &mut errors) else {
            continue;
        };
        if FiscalYear::try_new(*year).is_ok_and(|fy| plan.period().contains(fy)) {
            targets.push((*year, target));
        } else {
            errors.push(FieldError::new(
                "target",
                format!(
                    "ปีงบประมาณ {year} อยู่นอกช่วงของแผน ({})",
                    plan.period().label()
                ),
                format!(
                    "Fiscal year {year} is outside the plan ({})",
                    plan.period().label()
                ),
            ));
        }
    }
    if errors.is_empty() {
        Ok(NewIndicator {
            entry,
            input,
            targets,
        })
    } else {
        Err(errors.0)
    }
}

/// Appends a prepared batch to its plan, all rows or none; returns how many entries and
/// indicators were added. A batch is used once, by the account that made it.
pub async fn confirm(db: &Db, actor: &Actor, plan: &Plan, batch: i64) -> Result<(usize, usize)> {
    let payload: Batch = imports::kept(db, actor, plan.province, KIND, batch).await?;
    if payload.plan != plan.id {
        return Err(StoreError::NotFound);
    }
    let mut tx = db.audited(actor, Some(plan.province)).await?;
    let mut ids: Vec<i64> = Vec::with_capacity(payload.entries.len());
    for entry in &payload.entries {
        let input = EntryInput {
            parent: entry.parent.map(|i| ids[i]),
            ..entry.input.clone()
        };
        ids.push(entries::insert(&mut tx, plan, &input, entries::Source::default()).await?);
    }
    for indicator in &payload.indicators {
        let input = IndicatorInput {
            entry: indicator.entry.map(|i| ids[i]),
            ..indicator.input.clone()
        };
        let id = indicators::insert(&mut tx, plan, &input).await?;
        for (year, target) in &indicator.targets {
            sqlx::query(
                "INSERT INTO plan_targets (indicator_id, fiscal_year, quarter, target) \
                 VALUES ($1, $2, 0, $3)",
            )
            .bind(id)
            .bind(i64::from(*year))
            .bind(*target)
            .execute(&mut *tx)
            .await?;
        }
    }
    imports::mark_imported(&mut tx, batch).await?;
    let counts = (payload.entries.len(), payload.indicators.len());
    tx.commit(
        Change::new("import", "plan", plan.id).after(&serde_json::json!({
            "batch": batch,
            "entries": counts.0,
            "indicators": counts.1,
        })),
    )
    .await?;
    Ok(counts)
}
