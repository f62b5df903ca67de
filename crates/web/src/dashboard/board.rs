//! A province's figures under a scope, gathered once for its dashboard, its public page and
//! their exports, and the charts drawn from them.

use super::chart::{BLUE, BROWN, Category, Chart, GREEN, GREY, Kind, Series};
use super::{Filters, Refusal, network_fill};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::plan::{Row, rows, tally};
use sermphalang_domain::plan::Status;
use sermphalang_domain::registry::Sector;
use sermphalang_store::StoreError;
use sermphalang_store::dashboard::figures::{
    self, EvaluationMeans, LatestReport, ProvinceTallies, Scope,
};
use sermphalang_store::dashboard::tallies::Tally;
use sermphalang_store::plan::indicators;
use sermphalang_store::plan::plans::{self, Plan};
use sermphalang_store::registry::{org, working_group};
use sermphalang_thai::{FiscalYear, today_in_thailand};
use std::sync::Arc;

/// What a province has set up, for the getting-started steps.
#[derive(Debug, Clone, Default)]
pub struct Setup {
    pub organizations: i64,
    pub working_groups: usize,
    pub plans: usize,
}

pub struct Board {
    pub province: i64,
    pub scope: Scope,
    pub years: (i32, i32),
    pub tallies: ProvinceTallies,
    pub total: Tally,
    pub plan: Option<Plan>,
    pub rows: Vec<Row>,
    pub standing: Vec<(Status, usize)>,
    pub evaluation: Option<EvaluationMeans>,
    pub trainings: i64,
    pub latest: Vec<LatestReport>,
    pub setup: Setup,
}

/// Why a board could not be drawn: filters to name, or a failure of the store.
pub enum Failed {
    Refused(Vec<Refusal>),
    Store(StoreError),
}

impl Failed {
    /// The answer: the calm page naming the filters (with a link `back`), or the store's error.
    pub fn answer(self, ctx: Ctx, prov: Option<i64>, back: String) -> axum::response::Response {
        match self {
            Failed::Refused(r) => super::province::refused(ctx, prov, back, r),
            Failed::Store(e) => axum::response::IntoResponse::into_response(AppError::from(e)),
        }
    }
}

impl From<StoreError> for Failed {
    fn from(e: StoreError) -> Self {
        Failed::Store(e)
    }
}

/// The newest plan that covers `year`, else the newest plan.
fn plan_for(plans: &[Plan], year: i32) -> Option<Plan> {
    plans
        .iter()
        .filter(|p| p.archived_at.is_none())
        .find(|p| (p.first_year..=p.last_year).contains(&year))
        .or_else(|| plans.iter().find(|p| p.archived_at.is_none()))
        .cloned()
}

impl Board {
    pub async fn gather(
        state: &AppState,
        ctx: &Ctx,
        province: i64,
        filters: &Filters,
        public: bool,
    ) -> Result<Board, Failed> {
        let db = &state.db;
        let plans = plans::list(db, province).await?;
        let this_year = super::this_year();
        // Years the filters may ask for: the plans' periods, this year, and the year before.
        let live: Vec<&Plan> = plans.iter().filter(|p| p.archived_at.is_none()).collect();
        let years = (
            live.iter()
                .map(|p| p.first_year)
                .min()
                .unwrap_or(this_year - 1)
                .min(this_year - 1),
            live.iter()
                .map(|p| p.last_year)
                .max()
                .unwrap_or(this_year)
                .max(this_year),
        );
        let scope = filters
            .scope(years, |d| {
                ctx.geo
                    .district(d)
                    .is_some_and(|x| x.province_code == province)
            })
            .map_err(Failed::Refused)?;
        let tallies = figures::province(db, province, &scope).await?;
        let total = tallies.total(&scope);
        let plan = plan_for(&plans, scope.year);
        let today = today_in_thailand();
        let rows = match &plan {
            Some(p) if (p.first_year..=p.last_year).contains(&scope.year) => rows(
                indicators::progress(db, p.id, scope.year).await?,
                scope.year,
                today,
            ),
            _ => Vec::new(),
        };
        let standing = tally(&rows);
        let evaluation = figures::evaluations(db, Some(province))
            .await?
            .remove(&province);
        let fy =
            FiscalYear::try_new(scope.year).map_err(|e| StoreError::Unusable(e.to_string()))?;
        let (from, to) = match scope.quarter {
            Some(q) => fy.quarter_range(q).unwrap_or((fy.start(), fy.end())),
            None => (fy.start(), fy.end()),
        };
        let trainings = figures::trainings_held(db, Some(province), from, to.min(today))
            .await?
            .remove(&province)
            .unwrap_or(0);
        let latest = figures::latest_reports(db, province, public, 6).await?;
        let setup = if public {
            Setup::default()
        } else {
            let one = sermphalang_store::PageRequest {
                page: 1,
                per_page: 1,
            };
            Setup {
                organizations: org::list(db, province, &Default::default(), one)
                    .await?
                    .total,
                working_groups: working_group::list(db, province).await?.len(),
                plans: live.len(),
            }
        };
        Ok(Board {
            province,
            scope,
            years,
            tallies,
            total,
            plan,
            rows,
            standing,
            evaluation,
            trainings,
            latest,
            setup,
        })
    }

    /// The board from the dashboards' kept figures, or gathered and kept.
    pub async fn kept(
        state: &AppState,
        ctx: &Ctx,
        province: i64,
        filters: &Filters,
        public: bool,
    ) -> Result<Arc<Board>, Failed> {
        let key = format!(
            "{province}|{public}|{:?}|{:?}|{:?}|{:?}",
            filters.year, filters.quarter, filters.network, filters.district
        );
        let generation = state.db.generation();
        if let Some(board) = state.boards.get(&key, generation) {
            return Ok(board);
        }
        let board = Arc::new(Board::gather(state, ctx, province, filters, public).await?);
        state.boards.put(key, generation, board.clone());
        Ok(board)
    }

    /// Whether the province has anything to show yet.
    pub fn is_blank(&self) -> bool {
        self.tallies
            .years
            .values()
            .all(|t| t.reports == 0 && t.certificates == 0)
            && self.rows.is_empty()
            && self.evaluation.is_none()
            && self.trainings == 0
    }

    /// Whether the province still has a first step to take.
    pub fn needs_setup(&self) -> bool {
        self.setup.organizations == 0 || self.setup.working_groups == 0 || self.setup.plans == 0
    }

    pub fn on_track(&self) -> usize {
        self.count_of(Status::OnTrack)
    }

    pub fn count_of(&self, s: Status) -> usize {
        self.standing
            .iter()
            .find(|(x, _)| *x == s)
            .map(|(_, n)| *n)
            .unwrap_or(0)
    }

    pub fn years_list(&self) -> Vec<i32> {
        (self.years.0..=self.years.1).rev().collect()
    }
}

/// The charts of a board, in the reader's language.
pub struct Charts {
    pub quarters: Chart,
    pub networks: Chart,
    pub districts: Chart,
    pub gender: Chart,
    pub age: Chart,
    pub years: Chart,
    pub plan: Chart,
    pub evaluation: Chart,
}

fn count(ctx: &Ctx, n: i64) -> (f64, String) {
    (n as f64, ctx.count(n))
}

impl Charts {
    pub fn of(board: &Board, ctx: &Ctx, base: &str) -> Charts {
        let table = ctx.t("data_table").to_string();
        let chart = |id: &str, title: &str, kind: Kind, series: Vec<Series>, header: &str| Chart {
            id: id.into(),
            title: ctx.t(title).into(),
            kind,
            series,
            categories: Vec::new(),
            category_header: ctx.t(header).into(),
            table_label: table.clone(),
            scale: None,
        };
        let one = |name: &str, fill: &'static str| {
            vec![Series {
                name: ctx.t(name).into(),
                fill,
            }]
        };
        // Reports under the board's scope, each category a link to the scope it stands for.
        let reports = |id: &str, title: &str, kind: Kind, header: &str| {
            chart(id, title, kind, one("dash_reports", BLUE), header)
        };
        let drill = |narrow: &dyn Fn(&mut Scope)| {
            let mut scope = board.scope.clone();
            narrow(&mut scope);
            format!("{base}{}", super::query_of(&scope))
        };
        let reported = |t: Option<&Tally>| count(ctx, t.map_or(0, |t| t.reports));
        let people = |pairs: [(&str, i64); 3]| {
            pairs
                .iter()
                .map(|(key, n)| Category::new(ctx.t(key), vec![count(ctx, *n)]))
                .collect()
        };

        let mut quarters = reports(
            "chart-quarters",
            "dash_by_quarter",
            Kind::Columns,
            "dash_quarter",
        );
        quarters.categories = (1..=4u8)
            .zip(&board.tallies.quarters)
            .map(|(q, t)| {
                Category::new(ctx.t(&format!("q{q}")), vec![reported(Some(t))])
                    .linked(drill(&|s| s.quarter = Some(q)))
            })
            .collect();
        let mut networks = reports("chart-networks", "dash_by_network", Kind::Bars, "network");
        networks.categories = Sector::ALL
            .iter()
            .map(|n| {
                Category::new(
                    ctx.sector(*n),
                    vec![reported(board.tallies.networks.get(n.code()))],
                )
                .filled(network_fill(n.code()))
                .linked(drill(&|s| s.network = Some(n.code().into())))
            })
            .collect();
        let mut districts = reports(
            "chart-districts",
            "dash_by_district",
            Kind::Tiles,
            "district",
        );
        districts.categories = ctx
            .geo
            .districts_of(board.province)
            .map(|d| {
                Category::new(
                    ctx.district_name(d.code),
                    vec![reported(board.tallies.districts.get(&d.code))],
                )
                .linked(drill(&|s| s.district = Some(d.code)))
            })
            .collect();
        let mut years = reports("chart-years", "dash_by_year", Kind::Columns, "fiscal_year");
        years.categories = board
            .tallies
            .years
            .iter()
            .map(|(y, t)| {
                Category::new(
                    format!("{} {y}", ctx.t("fiscal_year_short")),
                    vec![reported(Some(t))],
                )
                .linked(drill(&|s| {
                    s.year = *y;
                    s.quarter = None;
                }))
            })
            .collect();

        let t = board.total;
        let people_series = one("dash_participants", GREEN);
        let mut gender = chart(
            "chart-gender",
            "dash_by_gender",
            Kind::Bars,
            people_series,
            "dash_group",
        );
        gender.categories = people([
            ("male", t.male),
            ("female", t.female),
            ("gender_unstated", t.gender_unstated),
        ]);
        let age_series = one("dash_participants", BROWN);
        let mut age = chart(
            "chart-age",
            "dash_by_age",
            Kind::Bars,
            age_series,
            "dash_group",
        );
        age.categories = people([
            ("youth", t.youth),
            ("adults", t.adults),
            ("elders", t.elders),
        ]);

        // Each indicator's actual as a share of its target, 100% being the target.
        let mut plan_series = one("dash_target_pct", GREY);
        plan_series.extend(one("dash_actual_pct", BLUE));
        let mut plan = chart(
            "chart-plan",
            "dash_plan_chart",
            Kind::Bars,
            plan_series,
            "indicator",
        );
        plan.categories = board
            .rows
            .iter()
            .map(|r| {
                let share = match (r.year.target, r.year.actual) {
                    (Some(t), Some(a)) if t > 0.0 => a / t * 100.0,
                    _ => 0.0,
                };
                let has_target = r.year.target.is_some_and(|t| t > 0.0);
                let unit = &r.indicator.unit;
                Category::new(
                    r.indicator.name.clone(),
                    vec![
                        (
                            if has_target { 100.0 } else { 0.0 },
                            format!("{} {unit}", ctx.figure(r.year.target)),
                        ),
                        (
                            share.min(150.0),
                            format!(
                                "{} {unit} ({}%)",
                                ctx.figure(r.year.actual),
                                ctx.number(share.round())
                            ),
                        ),
                    ],
                )
            })
            .collect();

        let rating = one("dash_mean_rating", BLUE);
        let mut evaluation = chart(
            "chart-evaluation",
            "dash_evaluation_chart",
            Kind::Bars,
            rating,
            "dash_round",
        );
        evaluation.scale = Some(10.0);
        if let Some(e) = &board.evaluation {
            evaluation.categories = [
                ("baseline", e.baseline, GREY),
                ("follow_up", e.follow_up, BLUE),
            ]
            .into_iter()
            .filter_map(|(key, mean, fill)| {
                mean.map(|m| Category::new(ctx.t(key), vec![(m, ctx.one(Some(m)))]).filled(fill))
            })
            .collect();
        }
        Charts {
            quarters,
            networks,
            districts,
            gender,
            age,
            years,
            plan,
            evaluation,
        }
    }
}
