//! A province's figures under a scope, gathered once for its dashboard, its public page and
//! their exports, and the charts drawn from them.

use super::chart::{BLUE, BROWN, Category, Chart, GREEN, GREY, Kind, Series};
use super::{Filters, Refusal, network_fill};
use crate::AppState;
use crate::ctx::Ctx;
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
            title: title.into(),
            kind,
            series,
            categories: Vec::new(),
            category_header: header.into(),
            table_label: table.clone(),
            scale: None,
        };
        let one = |name: &str, fill: &'static str| {
            vec![Series {
                name: name.into(),
                fill,
            }]
        };
        let scoped = |scope: Scope| format!("{base}{}", super::query_of(&scope));

        let mut quarters = chart(
            "chart-quarters",
            ctx.t("dash_by_quarter"),
            Kind::Columns,
            vec![Series {
                name: ctx.t("dash_reports").into(),
                fill: BLUE,
            }],
            ctx.t("dash_quarter"),
        );
        quarters.categories = board
            .tallies
            .quarters
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let q = i as u8 + 1;
                Category::new(ctx.t(&format!("q{q}")), vec![count(ctx, t.reports)]).linked(scoped(
                    Scope {
                        quarter: Some(q),
                        ..board.scope.clone()
                    },
                ))
            })
            .collect();

        let mut networks = chart(
            "chart-networks",
            ctx.t("dash_by_network"),
            Kind::Bars,
            one(ctx.t("dash_reports"), BLUE),
            ctx.t("network"),
        );
        networks.categories = Sector::ALL
            .iter()
            .map(|s| {
                let t = board
                    .tallies
                    .networks
                    .get(s.code())
                    .copied()
                    .unwrap_or_default();
                Category::new(ctx.sector(*s), vec![count(ctx, t.reports)])
                    .filled(network_fill(s.code()))
                    .linked(scoped(Scope {
                        network: Some(s.code().into()),
                        ..board.scope.clone()
                    }))
            })
            .collect();

        let mut districts = chart(
            "chart-districts",
            ctx.t("dash_by_district"),
            Kind::Tiles,
            one(ctx.t("dash_reports"), BLUE),
            ctx.t("district"),
        );
        districts.categories = ctx
            .geo
            .districts_of(board.province)
            .map(|d| {
                let t = board
                    .tallies
                    .districts
                    .get(&d.code)
                    .copied()
                    .unwrap_or_default();
                Category::new(ctx.district_name(d.code), vec![count(ctx, t.reports)]).linked(
                    scoped(Scope {
                        district: Some(d.code),
                        ..board.scope.clone()
                    }),
                )
            })
            .collect();

        let t = board.total;
        let mut gender = chart(
            "chart-gender",
            ctx.t("dash_by_gender"),
            Kind::Bars,
            one(ctx.t("dash_participants"), GREEN),
            ctx.t("dash_group"),
        );
        gender.categories = vec![
            Category::new(ctx.t("male"), vec![count(ctx, t.male)]),
            Category::new(ctx.t("female"), vec![count(ctx, t.female)]),
            Category::new(
                ctx.t("gender_unstated"),
                vec![count(ctx, t.gender_unstated)],
            ),
        ];
        let mut age = chart(
            "chart-age",
            ctx.t("dash_by_age"),
            Kind::Bars,
            one(ctx.t("dash_participants"), BROWN),
            ctx.t("dash_group"),
        );
        age.categories = vec![
            Category::new(ctx.t("youth"), vec![count(ctx, t.youth)]),
            Category::new(ctx.t("adults"), vec![count(ctx, t.adults)]),
            Category::new(ctx.t("elders"), vec![count(ctx, t.elders)]),
        ];

        let mut years = chart(
            "chart-years",
            ctx.t("dash_by_year"),
            Kind::Columns,
            one(ctx.t("dash_reports"), BLUE),
            ctx.t("fiscal_year"),
        );
        years.categories = board
            .tallies
            .years
            .iter()
            .map(|(y, t)| {
                Category::new(
                    format!("{} {y}", ctx.t("fy_short")),
                    vec![count(ctx, t.reports)],
                )
                .linked(scoped(Scope {
                    year: *y,
                    quarter: None,
                    ..board.scope.clone()
                }))
            })
            .collect();

        // Each indicator's actual as a share of its target, 100% being the target.
        let mut plan = chart(
            "chart-plan",
            ctx.t("dash_plan_chart"),
            Kind::Bars,
            vec![
                Series {
                    name: ctx.t("dash_target_pct").into(),
                    fill: GREY,
                },
                Series {
                    name: ctx.t("dash_actual_pct").into(),
                    fill: BLUE,
                },
            ],
            ctx.t("indicator"),
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
                Category::new(
                    r.indicator.name.clone(),
                    vec![
                        (
                            if has_target { 100.0 } else { 0.0 },
                            format!("{} {}", ctx.figure(r.year.target), r.indicator.unit),
                        ),
                        (
                            share.min(150.0),
                            format!(
                                "{} {} ({}%)",
                                ctx.figure(r.year.actual),
                                r.indicator.unit,
                                ctx.number(share.round())
                            ),
                        ),
                    ],
                )
            })
            .collect();

        let mut evaluation = chart(
            "chart-evaluation",
            ctx.t("dash_evaluation_chart"),
            Kind::Bars,
            one(ctx.t("dash_mean_rating"), BLUE),
            ctx.t("dash_round"),
        );
        evaluation.scale = Some(10.0);
        if let Some(e) = &board.evaluation {
            let mut cats = Vec::new();
            if let Some(b) = e.baseline {
                cats.push(
                    Category::new(ctx.t("baseline"), vec![(b, ctx.one(Some(b)))]).filled(GREY),
                );
            }
            if let Some(f) = e.follow_up {
                cats.push(
                    Category::new(ctx.t("follow_up"), vec![(f, ctx.one(Some(f)))]).filled(BLUE),
                );
            }
            evaluation.categories = cats;
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
