//! The nation's view: the 77 provinces side by side with the same measures, grouped by
//! region, sortable, each drilling down to its province.

use super::board::Failed;
use super::{Filters, Refusal};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::render;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;
use sermphalang_store::dashboard::figures::{self, EvaluationMeans, Scope, Standing};
use sermphalang_store::dashboard::tallies::Tally;
use sermphalang_thai::{FiscalYear, today_in_thailand};
use std::sync::Arc;

/// One province's row.
#[derive(Debug, Clone)]
pub struct Line {
    pub code: i64,
    pub name: String,
    pub tally: Tally,
    pub trainings: i64,
    pub organizations: i64,
    pub standing: Option<Standing>,
    pub evaluation: Option<EvaluationMeans>,
}

impl Line {
    pub fn on_track_share(&self) -> Option<f64> {
        self.standing
            .as_ref()
            .filter(|s| s.indicators() > 0)
            .map(|s| s.on_track as f64 / s.indicators() as f64)
    }

    pub fn change(&self) -> Option<f64> {
        let e = self.evaluation.as_ref()?;
        Some(e.follow_up? - e.baseline?)
    }

    fn key(&self, sort: Sort) -> f64 {
        match sort {
            Sort::Name => 0.0,
            Sort::Reports => self.tally.reports as f64,
            Sort::Participants => self.tally.participants as f64,
            Sort::Certificates => self.tally.certificates as f64,
            Sort::Trainings => self.trainings as f64,
            Sort::Organizations => self.organizations as f64,
            Sort::OnTrack => self.on_track_share().unwrap_or(-1.0),
            Sort::Change => self.change().unwrap_or(f64::MIN),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Name,
    Reports,
    Participants,
    Certificates,
    Trainings,
    Organizations,
    OnTrack,
    Change,
}

impl Sort {
    pub const ALL: [(Sort, &'static str, &'static str); 8] = [
        (Sort::Name, "name", "dash_province"),
        (Sort::Reports, "reports", "dash_reports"),
        (Sort::Participants, "participants", "dash_participants"),
        (Sort::Trainings, "trainings", "dash_trainings"),
        (Sort::Certificates, "certificates", "dash_certificates"),
        (Sort::Organizations, "organizations", "dash_organizations"),
        (Sort::OnTrack, "on_track", "dash_on_track"),
        (Sort::Change, "change", "dash_change"),
    ];

    fn parse(code: &str) -> Option<Sort> {
        Sort::ALL
            .iter()
            .find(|(_, c, _)| *c == code)
            .map(|(s, _, _)| *s)
    }

    pub fn code(self) -> &'static str {
        Sort::ALL
            .iter()
            .find(|(s, _, _)| *s == self)
            .map(|(_, c, _)| *c)
            .unwrap_or("name")
    }
}

/// A region and its provinces in the order asked for.
pub struct Region {
    pub id: i64,
    pub lines: Vec<Line>,
    pub total: Tally,
}

pub struct Nation {
    pub scope: Scope,
    pub years: (i32, i32),
    pub sort: Sort,
    pub regions: Vec<Region>,
    pub total: Tally,
    pub trainings: i64,
    pub organizations: i64,
}

impl Nation {
    pub fn years_list(&self) -> Vec<i32> {
        (self.years.0..=self.years.1).rev().collect()
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct NationQuery {
    #[serde(flatten)]
    pub filters: Filters,
    #[serde(default)]
    pub sort: Option<String>,
}

/// The nation's figures from the dashboards' kept figures, or gathered and kept.
pub async fn kept(state: &AppState, ctx: &Ctx, q: &NationQuery) -> Result<Arc<Nation>, Failed> {
    let f = &q.filters;
    let key = format!(
        "{}|{:?}|{:?}|{:?}|{:?}|{:?}",
        ctx.lang_code(),
        f.year,
        f.quarter,
        f.network,
        f.district,
        q.sort
    );
    let generation = state.db.generation();
    if let Some(nation) = state.nations.get(&key, generation) {
        return Ok(nation);
    }
    let nation = Arc::new(gather(state, ctx, q).await?);
    state.nations.put(key, generation, nation.clone());
    Ok(nation)
}

async fn gather(state: &AppState, ctx: &Ctx, q: &NationQuery) -> Result<Nation, Failed> {
    let db = &state.db;
    let this_year = super::this_year();
    let years = match figures::plan_years(db).await? {
        Some((f, l)) => (f.min(this_year - 1), l.max(this_year)),
        None => (this_year - 1, this_year),
    };
    // The nation has no district filter: any district named is refused.
    let scope = q.filters.scope(years, |_| false).map_err(Failed::Refused)?;
    let sort = match q.sort.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Sort::Name,
        Some(code) => Sort::parse(code).ok_or_else(|| {
            Failed::Refused(vec![Refusal {
                th: format!("เรียงตาม \"{code}\" ไม่ได้"),
                en: format!("Cannot sort by \"{code}\""),
            }])
        })?,
    };
    let today = today_in_thailand();
    let fy = FiscalYear::try_new(scope.year)
        .map_err(|e| sermphalang_store::StoreError::Unusable(e.to_string()))?;
    let (from, to) = match scope.quarter {
        Some(n) => fy.quarter_range(n).unwrap_or((fy.start(), fy.end())),
        None => (fy.start(), fy.end()),
    };
    let (tallies, standings, evaluations, trainings, organizations) = tokio::try_join!(
        figures::nation(db, &scope),
        figures::standings(db, scope.year, None, today),
        figures::evaluations(db, None),
        figures::trainings_held(db, None, from, to.min(today)),
        figures::organizations(db),
    )?;
    let mut regions: Vec<Region> = Vec::new();
    for p in &ctx.geo.provinces {
        let line = Line {
            code: p.code,
            name: ctx.province_name(p.code),
            tally: tallies.get(&p.code).copied().unwrap_or_default(),
            trainings: trainings.get(&p.code).copied().unwrap_or(0),
            organizations: organizations.get(&p.code).copied().unwrap_or(0),
            standing: standings.get(&p.code).cloned(),
            evaluation: evaluations.get(&p.code).cloned(),
        };
        match regions.iter_mut().find(|r| r.id == p.region_id) {
            Some(r) => r.lines.push(line),
            None => regions.push(Region {
                id: p.region_id,
                lines: vec![line],
                total: Tally::default(),
            }),
        }
    }
    regions.sort_by_key(|r| r.id);
    let (mut total, mut all_trainings, mut all_orgs) = (Tally::default(), 0, 0);
    for r in &mut regions {
        // Provinces come in Thai dictionary order; a measure sorts largest first, ties kept.
        if sort != Sort::Name {
            r.lines.sort_by(|a, b| b.key(sort).total_cmp(&a.key(sort)));
        }
        for l in &r.lines {
            r.total += l.tally;
            all_trainings += l.trainings;
            all_orgs += l.organizations;
        }
        total += r.total;
    }
    Ok(Nation {
        scope,
        years,
        sort,
        regions,
        total,
        trainings: all_trainings,
        organizations: all_orgs,
    })
}

#[derive(Template)]
#[template(path = "dashboard/nation.html")]
struct NationPage {
    ctx: Ctx,
    prov: Option<i64>,
    nation: Arc<Nation>,
    query: String,
    public: bool,
}

impl NationPage {
    fn sort_href(&self, code: &str) -> String {
        format!("{}&sort={code}", self.query)
    }

    fn drill(&self, code: i64) -> String {
        if self.public {
            format!("/open/{code}?year={}", self.nation.scope.year)
        } else {
            format!("/p/{code}{}", self.query)
        }
    }
}

pub async fn page(
    state: &AppState,
    ctx: Ctx,
    q: &NationQuery,
    public: bool,
) -> Result<Response, AppError> {
    let here = if public { "/open" } else { "/nation" };
    let nation = match kept(state, &ctx, q).await {
        Ok(n) => n,
        Err(failed) => return Ok(failed.answer(ctx, None, here.into())),
    };
    let query = super::query_of(&nation.scope);
    render(NationPage {
        ctx,
        prov: None,
        nation,
        query,
        public,
    })
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<NationQuery>,
) -> Result<Response, AppError> {
    page(&state, ctx, &q, false).await
}
