//! Reference data: regions, the 77 provinces and their districts (shipped under data/geo with
//! its licence), the six sector networks and the title prefixes.

use crate::{Db, Result};
use serde::Serialize;
use sermphalang_domain::registry::Sector;
use sermphalang_thai::sort_key;
use sqlx::AssertSqlSafe;
use sqlx::Row;
use std::collections::HashMap;

const REGIONS_CSV: &str = include_str!("../../data/geo/geographies.csv");
const PROVINCES_CSV: &str = include_str!("../../data/geo/provinces.csv");
const DISTRICTS_CSV: &str = include_str!("../../data/geo/districts.csv");

/// Title prefixes offered for people, in the order of the form's list.
pub const TITLE_PREFIXES: &[(&str, &str)] = &[
    ("นาย", "Mr."),
    ("นาง", "Mrs."),
    ("นางสาว", "Miss"),
    ("ดร.", "Dr."),
    ("ผศ.", "Asst. Prof."),
    ("ผศ.ดร.", "Asst. Prof. Dr."),
    ("รศ.", "Assoc. Prof."),
    ("รศ.ดร.", "Assoc. Prof. Dr."),
    ("ศ.", "Prof."),
    ("พระ", "Phra"),
    ("พระครู", "Phra Khru"),
    ("พระมหา", "Phra Maha"),
    ("ว่าที่ร้อยตรี", "Acting Sub-Lt."),
    ("ว่าที่ร้อยตรีหญิง", "Acting Sub-Lt. (f)"),
    ("ด.ช.", "Master"),
    ("ด.ญ.", "Miss (child)"),
];

#[derive(Debug, Clone, Serialize)]
pub struct Province {
    pub code: i64,
    pub name_th: String,
    pub name_en: String,
    pub region_id: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct District {
    pub code: i64,
    pub province_code: i64,
    pub name_th: String,
    pub name_en: String,
}

/// All reference data, loaded once; it only changes with a new release.
#[derive(Debug, Clone, Default)]
pub struct Geo {
    pub provinces: Vec<Province>,
    pub districts: Vec<District>,
    pub prefixes: Vec<String>,
    district_index: HashMap<i64, usize>,
}

impl Geo {
    pub async fn load(db: &Db) -> Result<Geo> {
        let provinces = sqlx::query(
            "SELECT code, name_th, name_en, region_id FROM provinces ORDER BY sort_key",
        )
        .fetch_all(db.read())
        .await?
        .into_iter()
        .map(|r| Province {
            code: r.get(0),
            name_th: r.get(1),
            name_en: r.get(2),
            region_id: r.get(3),
        })
        .collect();
        let districts: Vec<District> = sqlx::query(
            "SELECT code, province_code, name_th, name_en FROM districts ORDER BY sort_key",
        )
        .fetch_all(db.read())
        .await?
        .into_iter()
        .map(|r| District {
            code: r.get(0),
            province_code: r.get(1),
            name_th: r.get(2),
            name_en: r.get(3),
        })
        .collect();
        let prefixes = sqlx::query_scalar("SELECT prefix FROM title_prefixes ORDER BY position")
            .fetch_all(db.read())
            .await?;
        let district_index = districts
            .iter()
            .enumerate()
            .map(|(i, d): (usize, &District)| (d.code, i))
            .collect();
        Ok(Geo {
            provinces,
            districts,
            prefixes,
            district_index,
        })
    }

    pub fn province(&self, code: i64) -> Option<&Province> {
        self.provinces.iter().find(|p| p.code == code)
    }

    pub fn district(&self, code: i64) -> Option<&District> {
        self.district_index.get(&code).map(|i| &self.districts[*i])
    }

    pub fn districts_of(&self, province: i64) -> impl Iterator<Item = &District> {
        self.districts
            .iter()
            .filter(move |d| d.province_code == province)
    }

    /// Finds a district of the province by code, Thai name or English name.
    pub fn find_district(&self, province: i64, text: &str) -> Option<&District> {
        let t = sermphalang_thai::to_arabic_digits(text.trim());
        let t = t.strip_prefix("อำเภอ").unwrap_or(&t).trim();
        self.districts_of(province).find(|d| {
            d.code.to_string() == t || d.name_th == t || d.name_en.eq_ignore_ascii_case(t)
        })
    }

    pub fn prefix_known(&self, prefix: &str) -> bool {
        self.prefixes.iter().any(|p| p == prefix)
    }
}

/// Loads the reference data into an empty database; later starts find it there and skip.
pub async fn seed(db: &Db) -> Result<()> {
    let have: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM provinces")
        .fetch_one(db.read())
        .await?;
    if have > 0 {
        return Ok(());
    }
    let mut tx = db.begin().await?;
    for row in csv_rows(REGIONS_CSV) {
        sqlx::query("INSERT INTO regions (id, name_th) VALUES ($1, $2)")
            .bind(row[0].parse::<i64>().unwrap_or_default())
            .bind(row[1])
            .execute(&mut *tx)
            .await?;
    }
    let districts: Vec<Vec<&str>> = csv_rows(DISTRICTS_CSV).collect();
    for row in csv_rows(PROVINCES_CSV) {
        let Some(code) = districts
            .iter()
            .find(|d| d[3] == row[0])
            .and_then(|d| d[0].parse::<i64>().ok())
            .map(|d| d / 100)
        else {
            continue;
        };
        sqlx::query(
            "INSERT INTO provinces (code, name_th, name_en, region_id, sort_key) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(code)
        .bind(row[1])
        .bind(row[2])
        .bind(row[3].parse::<i64>().unwrap_or_default())
        .bind(sort_key(row[1]))
        .execute(&mut *tx)
        .await?;
    }
    for chunk in districts.chunks(100) {
        let mut sql = String::from(
            "INSERT INTO districts (code, province_code, name_th, name_en, sort_key) VALUES ",
        );
        for i in 0..chunk.len() {
            let b = i * 5;
            if i > 0 {
                sql.push(',');
            }
            sql.push_str(&format!(
                "(${}, ${}, ${}, ${}, ${})",
                b + 1,
                b + 2,
                b + 3,
                b + 4,
                b + 5
            ));
        }
        let mut q = sqlx::query(AssertSqlSafe(sql.to_string()));
        for d in chunk {
            let code = d[0].parse::<i64>().unwrap_or_default();
            q = q
                .bind(code)
                .bind(code / 100)
                .bind(d[1])
                .bind(d[2])
                .bind(sort_key(d[1]));
        }
        q.execute(&mut *tx).await?;
    }
    for (i, s) in Sector::ALL.iter().enumerate() {
        sqlx::query("INSERT INTO sectors (code, position) VALUES ($1, $2)")
            .bind(s.code())
            .bind(i as i64)
            .execute(&mut *tx)
            .await?;
    }
    for (i, (th, en)) in TITLE_PREFIXES.iter().enumerate() {
        sqlx::query("INSERT INTO title_prefixes (prefix, name_en, position) VALUES ($1, $2, $3)")
            .bind(*th)
            .bind(*en)
            .bind(i as i64)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

fn csv_rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.trim_end_matches('\r').split(',').collect::<Vec<_>>())
        .filter(|r| r.len() >= 2 && r.get(6).is_none_or(|deleted| deleted.is_empty()))
}
