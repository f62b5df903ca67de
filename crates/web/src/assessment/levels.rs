//! Units at each level in the newest year with awards, for the dashboard and the public page:
//! counts only, never a unit's scores.

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use sermphalang_domain::assessment::{Level, Subject};
use sermphalang_store::assessment::rollup;

pub struct LevelRow {
    pub subject: String,
    /// Promoting, moral, model.
    pub counts: Vec<i64>,
}

#[derive(Default)]
pub struct Levels {
    pub year: Option<i64>,
    pub rows: Vec<LevelRow>,
    pub headers: Vec<String>,
}

pub async fn newest(state: &AppState, ctx: &Ctx, province: i64) -> Result<Levels, AppError> {
    let counts = rollup::awarded_counts(&state.db, province).await?;
    let Some(year) = counts.iter().map(|c| c.0).max() else {
        return Ok(Levels::default());
    };
    let word = |th: &'static str, en: &'static str| ctx.th_en(th, en).to_string();
    let rows = Subject::ALL
        .iter()
        .map(|s| LevelRow {
            subject: word(s.label_th(), s.label_en()),
            counts: Level::ALL
                .iter()
                .map(|l| {
                    counts
                        .iter()
                        .filter(|c| c.0 == year && c.1 == *s && c.2 == *l)
                        .map(|c| c.3)
                        .sum()
                })
                .collect(),
        })
        .filter(|r| r.counts.iter().any(|c| *c > 0))
        .collect();
    Ok(Levels {
        year: Some(year),
        rows,
        headers: Level::ALL
            .iter()
            .map(|l| word(l.label_th(), l.label_en()))
            .collect(),
    })
}
