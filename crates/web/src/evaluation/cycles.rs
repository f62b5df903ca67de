use super::{may_run, runnable};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::evaluation::live::snapshot::Snapshot;
use crate::pages::{Errors, actor, invalid_or, render, render_invalid};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use sermphalang_domain::evaluation::{CycleForm, Step, TopPick};
use sermphalang_domain::registry::Sector;
use sermphalang_store::evaluation::plan::{self, PlanItem};
use sermphalang_store::evaluation::results::{self, Progress};
use sermphalang_store::evaluation::{Cycle, activity, cycle};
use sermphalang_store::registry::org;

#[derive(Template)]
#[template(path = "evaluation/cycles.html")]
struct ListPage {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    cycles: Vec<Cycle>,
}

pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(province): Path<i64>,
) -> Result<Response, AppError> {
    let cycles = cycle::list(&state.db, province).await?;
    render(ListPage {
        ctx,
        prov: Some(province),
        province,
        cycles,
    })
}

#[derive(Template)]
#[template(path = "evaluation/cycle_form.html")]
struct FormPage {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    id: Option<i64>,
    form: CycleForm,
    errors: Errors,
    sectors: &'static [Sector],
    organizations: Vec<(i64, String)>,
    baselines: Vec<Cycle>,
    facilitators: Vec<(i64, String)>,
}

impl FormPage {
    fn is_facilitator(&self, user: &i64) -> bool {
        self.form.facilitators.contains(&user.to_string())
    }
}

async fn form_page(
    state: &AppState,
    ctx: Ctx,
    province: i64,
    id: Option<i64>,
    form: CycleForm,
    errors: Errors,
) -> Result<FormPage, AppError> {
    let baselines = cycle::list(&state.db, province)
        .await?
        .into_iter()
        .filter(|c| Some(c.id) != id)
        .collect();
    Ok(FormPage {
        ctx,
        prov: Some(province),
        province,
        id,
        form,
        errors,
        sectors: Sector::ALL,
        organizations: org::options(&state.db, province).await?,
        baselines,
        facilitators: cycle::facilitator_options(&state.db, province).await?,
    })
}

pub async fn new(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(province): Path<i64>,
) -> Result<Response, AppError> {
    let form = CycleForm {
        fiscal_year: sermphalang_thai::FiscalYear::from_date(chrono::Local::now().date_naive())
            .be_year()
            .to_string(),
        facilitators: ctx
            .account
            .as_ref()
            .filter(|a| a.province == Some(province))
            .map(|a| vec![a.id.to_string()])
            .unwrap_or_default(),
        ..CycleForm::default()
    };
    render(form_page(&state, ctx, province, None, form, Errors::default()).await?)
}

pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(province): Path<i64>,
    Form(form): Form<CycleForm>,
) -> Result<Response, AppError> {
    let saved = match form.validate() {
        Ok(input) => invalid_or(cycle::create(&state.db, &actor(&ctx), province, &input).await)?,
        Err(e) => Err(e.into()),
    };
    match saved {
        Ok(id) => Ok(Redirect::to(&format!("/p/{province}/cycles/{id}")).into_response()),
        Err(errors) => render_invalid(form_page(&state, ctx, province, None, form, errors).await?),
    }
}

pub async fn edit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let c = runnable(&state, &ctx, province, id).await?;
    let facilitators = cycle::facilitators(&state.db, id).await?;
    let form = CycleForm {
        name: c.name.clone(),
        fiscal_year: c.fiscal_year.to_string(),
        held_on: c
            .held_on
            .map(sermphalang_thai::format_input)
            .unwrap_or_default(),
        network: c.network.map(|n| n.code().to_string()).unwrap_or_default(),
        organization: c.organization_id.map(|o| o.to_string()).unwrap_or_default(),
        baseline: c.baseline_id.map(|b| b.to_string()).unwrap_or_default(),
        dots_per_person: c.rules.per_person.to_string(),
        stacking: if c.rules.stacking {
            "on".into()
        } else {
            String::new()
        },
        top_k: c.top_k.to_string(),
        anonymous: if c.anonymous {
            "on".into()
        } else {
            String::new()
        },
        facilitators: facilitators.iter().map(|f| f.user_id.to_string()).collect(),
    };
    render(form_page(&state, ctx, province, Some(id), form, Errors::default()).await?)
}

pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
    Form(form): Form<CycleForm>,
) -> Result<Response, AppError> {
    runnable(&state, &ctx, province, id).await?;
    let saved = match form.validate() {
        Ok(input) => {
            invalid_or(cycle::update(&state.db, &actor(&ctx), province, id, &input).await)?
        }
        Err(e) => Err(e.into()),
    };
    match saved {
        Ok(()) => {
            state.live.changed(id).await;
            Ok(Redirect::to(&format!("/p/{province}/cycles/{id}")).into_response())
        }
        Err(errors) => {
            render_invalid(form_page(&state, ctx, province, Some(id), form, errors).await?)
        }
    }
}

pub async fn archive(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    runnable(&state, &ctx, province, id).await?;
    cycle::set_archived(&state.db, &actor(&ctx), province, id, true).await?;
    Ok(Redirect::to(&format!("/p/{province}/cycles/{id}")).into_response())
}

pub async fn restore(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    runnable(&state, &ctx, province, id).await?;
    cycle::set_archived(&state.db, &actor(&ctx), province, id, false).await?;
    Ok(Redirect::to(&format!("/p/{province}/cycles/{id}")).into_response())
}

/// The parts of a cycle's page, one per step of the method plus progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Mission,
    Stock,
    Rating,
    Planning,
    Progress,
}

impl Tab {
    pub const ALL: [Tab; 5] = [
        Tab::Mission,
        Tab::Stock,
        Tab::Rating,
        Tab::Planning,
        Tab::Progress,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Tab::Mission => "mission",
            Tab::Stock => "stock",
            Tab::Rating => "rating",
            Tab::Planning => "planning",
            Tab::Progress => "progress",
        }
    }

    pub fn of_step(step: Step) -> Tab {
        match step {
            Step::Mission => Tab::Mission,
            Step::Activities | Step::Dots => Tab::Stock,
            Step::Rating => Tab::Rating,
            Step::Planning => Tab::Planning,
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct ShowQuery {
    #[serde(default)]
    tab: String,
}

#[derive(Template)]
#[template(path = "evaluation/cycle.html")]
pub struct ShowPage {
    pub ctx: Ctx,
    pub prov: Option<i64>,
    pub province: i64,
    pub tab: Tab,
    pub tabs: [Tab; 5],
    pub steps: &'static [Step],
    pub snap: Snapshot,
    pub facilitators: Vec<String>,
    pub can_run: bool,
    pub suggestion: TopPick,
    pub plans: Vec<PlanItem>,
    pub progress: Option<Progress>,
    pub errors: Errors,
    pub outlier_raters: std::collections::HashMap<i64, String>,
    /// Trainings and workshops held as this cycle's workshop: id and title.
    pub events: Vec<(i64, String)>,
    /// Plan items already in the integrated plan: item → (plan, entry).
    pub carried: std::collections::HashMap<i64, (i64, i64)>,
    /// The projects of the province's plans that could take the items: plan, entry.
    pub projects: Vec<(i64, sermphalang_store::plan::entries::Entry)>,
}

impl ShowPage {
    fn carried_to(&self, item: &i64) -> Option<(i64, i64)> {
        self.carried.get(item).copied()
    }

    fn uncarried(&self) -> usize {
        self.plans
            .iter()
            .filter(|i| !self.carried.contains_key(&i.id))
            .count()
    }
}

/// The cycle's page with its active tab: only that tab's data is read and rendered (the other
/// tabs are links), so a facilitator's phone gets a light page.
pub async fn show_page(
    state: &AppState,
    ctx: Ctx,
    province: i64,
    id: i64,
    tab: Option<Tab>,
    errors: Errors,
) -> Result<ShowPage, AppError> {
    let c = cycle::find(&state.db, province, id).await?;
    let tab = tab.unwrap_or(Tab::of_step(c.step));
    let snap = Snapshot::read(&state.db, &state.geo, id).await?;
    let can_run = may_run(state, &ctx, id).await?;
    let facilitators = cycle::facilitators(&state.db, id)
        .await?
        .into_iter()
        .map(|f| f.name)
        .collect();
    let mut outlier_raters = std::collections::HashMap::new();
    if tab == Tab::Rating && can_run && !c.anonymous {
        for a in snap.chosen() {
            let Some(s) = snap.stats_of(&a.id) else {
                continue;
            };
            let mut names = Vec::new();
            for v in &s.outliers {
                for name in results::raters_of(&state.db, a.id, *v).await? {
                    names.push(format!("{name} ({v})"));
                }
            }
            outlier_raters.insert(a.id, names.join(", "));
        }
    }
    let (mut plans, mut carried, mut projects) = (Vec::new(), Default::default(), Vec::new());
    if tab == Tab::Planning {
        plans = plan::list(&state.db, id).await?;
        carried = sermphalang_store::plan::workshop::carried(&state.db, id).await?;
        if ctx.can("plan_manage") {
            projects = plan_projects(state, province).await?;
        }
    }
    let suggestion = if tab == Tab::Stock {
        activity::suggest_top(&state.db, id, c.top_k).await?
    } else {
        TopPick::default()
    };
    let progress = if tab == Tab::Progress {
        results::progress(&state.db, &c).await?
    } else {
        None
    };
    let events = sermphalang_store::training::event::of_cycle(&state.db, province, id)
        .await?
        .into_iter()
        .map(|e| (e.id, e.title))
        .collect();
    Ok(ShowPage {
        carried,
        projects,
        events,
        prov: Some(province),
        province,
        tab,
        tabs: Tab::ALL,
        steps: Step::ALL,
        suggestion,
        plans,
        progress,
        snap,
        facilitators,
        can_run,
        errors,
        outlier_raters,
        ctx,
    })
}

/// The projects of the province's plans, which a workshop's plan items can be carried to.
async fn plan_projects(
    state: &AppState,
    province: i64,
) -> Result<Vec<(i64, sermphalang_store::plan::entries::Entry)>, AppError> {
    let mut projects = Vec::new();
    for p in sermphalang_store::plan::plans::list(&state.db, province).await? {
        for e in sermphalang_store::plan::entries::tree(&state.db, p.id).await? {
            if e.level == sermphalang_domain::plan::Level::Project {
                projects.push((p.id, e));
            }
        }
    }
    Ok(projects)
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
    Query(q): Query<ShowQuery>,
) -> Result<Response, AppError> {
    let tab = Tab::ALL.into_iter().find(|t| t.code() == q.tab);
    render(show_page(&state, ctx, province, id, tab, Errors::default()).await?)
}
