use super::form::{Upload, read_upload, store_photos};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{Errors, actor, invalid_or, render, render_invalid};
use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use sermphalang_domain::registry::Sector;
use sermphalang_domain::report::{ReportForm, ReportStatus, Transition};
use sermphalang_domain::{FieldError, Role};
use sermphalang_store::plan::entries::{self, Entry};
use sermphalang_store::plan::indicators::{self, Indicator};
use sermphalang_store::plan::plans;
use sermphalang_store::plan::references::{self, Reference};
use sermphalang_store::registry::org::{self, OrgFilter};
use sermphalang_store::report::photos::{self, Photo};
use sermphalang_store::report::reports::{self, Report, ReportFilter, ReportSummary};
use sermphalang_store::{Page, PageRequest, StoreError};
use sermphalang_thai::today_in_thailand;

/// The network a coordinator reports for; `None` for the secretariat and admins, who report
/// for any. A coordinator without a network reports for none.
pub fn reporting_network(ctx: &Ctx) -> Result<Option<Sector>, AppError> {
    match ctx.account.as_ref() {
        Some(a) if a.role == Role::Coordinator => a.network.map(Some).ok_or(AppError::Forbidden),
        _ => Ok(None),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    status: String,
    #[serde(default)]
    network: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    page: Option<i64>,
}

impl ListQuery {
    pub fn filter(&self) -> ReportFilter {
        ReportFilter {
            status: ReportStatus::parse(&self.status),
            network: Sector::parse(&self.network),
            fiscal_year: self.year.trim().parse().ok(),
            ..ReportFilter::default()
        }
    }
}

#[derive(Template)]
#[template(path = "report/reports.html")]
struct ListPage {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    page: Page<ReportSummary>,
    q: ListQuery,
    links: crate::pages::ListLinks,
    statuses: &'static [ReportStatus],
    networks: &'static [Sector],
}

pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(province): Path<i64>,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let page = reports::list(&state.db, province, &q.filter(), PageRequest::new(q.page)).await?;
    let links = crate::pages::ListLinks::new(
        &format!("/p/{province}/reports"),
        &[
            ("status", q.status.clone()),
            ("network", q.network.clone()),
            ("year", q.year.clone()),
        ],
        page.page,
    );
    render(ListPage {
        links,
        ctx,
        prov: Some(province),
        province,
        page,
        q,
        statuses: ReportStatus::ALL,
        networks: Sector::ALL,
    })
}

#[derive(Template)]
#[template(path = "report/report_form.html")]
pub(super) struct FormPage {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    id: Option<i64>,
    pub(super) form: ReportForm,
    pub(super) errors: Errors,
    activities: Vec<(i64, Entry)>,
    indicators: Vec<Indicator>,
    organizations: Vec<(i64, String)>,
    virtues: Vec<Reference>,
    districts: Vec<(i64, String)>,
    networks: Vec<Sector>,
    photos: Vec<Photo>,
}

impl FormPage {
    fn has(list: &[String], value: impl ToString) -> bool {
        list.contains(&value.to_string())
    }

    fn org_checked(&self, id: &i64) -> bool {
        Self::has(&self.form.organizations, id)
    }

    fn virtue_checked(&self, code: &str) -> bool {
        Self::has(&self.form.virtues, code)
    }

    fn contribution(&self, indicator: &i64) -> String {
        let id = indicator.to_string();
        self.form
            .indicator
            .iter()
            .position(|i| *i == id)
            .and_then(|at| self.form.contribution.get(at).cloned())
            .unwrap_or_default()
    }
}

pub(super) async fn form_page(
    state: &AppState,
    ctx: Ctx,
    province: i64,
    id: Option<i64>,
    form: ReportForm,
    errors: Errors,
) -> Result<FormPage, AppError> {
    let network = reporting_network(&ctx)?;
    let mut activities = Vec::new();
    let mut all_indicators = Vec::new();
    for plan in plans::list(&state.db, province)
        .await?
        .into_iter()
        .filter(|p| p.archived_at.is_none())
    {
        for e in entries::tree(&state.db, plan.id).await? {
            if e.level == sermphalang_domain::plan::Level::Activity {
                activities.push((plan.id, e));
            }
        }
        all_indicators.extend(indicators::list(&state.db, plan.id).await?);
    }
    let filter = OrgFilter {
        sector: network,
        ..OrgFilter::default()
    };
    let organizations = match network {
        Some(_) => {
            let page = PageRequest {
                page: 1,
                per_page: 500,
            };
            org::list(&state.db, province, &filter, page)
                .await?
                .items
                .into_iter()
                .map(|o| (o.id, o.name))
                .collect()
        }
        None => org::options(&state.db, province).await?,
    };
    let virtues = references::list(&state.db, province)
        .await?
        .into_iter()
        .filter(|r| {
            matches!(
                r.kind,
                sermphalang_domain::plan::ReferenceKind::Virtue
                    | sermphalang_domain::plan::ReferenceKind::ProvinceVirtue
            )
        })
        .collect();
    let districts = ctx.district_options(province);
    let photos = match id {
        Some(id) => photos::of_report(&state.db, id).await?,
        None => Vec::new(),
    };
    Ok(FormPage {
        ctx,
        prov: Some(province),
        province,
        id,
        form,
        errors,
        activities,
        indicators: all_indicators,
        organizations,
        virtues,
        districts,
        networks: network.map_or_else(|| Sector::ALL.to_vec(), |n| vec![n]),
        photos,
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct NewQuery {
    #[serde(default)]
    entry: String,
}

pub async fn new(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(province): Path<i64>,
    Query(q): Query<NewQuery>,
) -> Result<Response, AppError> {
    let network = reporting_network(&ctx)?;
    let form = ReportForm {
        entry: q.entry,
        network: network.map(|n| n.code().to_string()).unwrap_or_default(),
        ..ReportForm::default()
    };
    render(form_page(&state, ctx, province, None, form, Errors::default()).await?)
}

pub async fn edit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let network = reporting_network(&ctx)?;
    let r = reports::find(&state.db, province, id).await?;
    if !reports::may_change(&r, network) {
        return Err(AppError::NotFound);
    }
    render(
        form_page(
            &state,
            ctx,
            province,
            Some(id),
            form_of(&r),
            Errors::default(),
        )
        .await?,
    )
}

fn form_of(r: &Report) -> ReportForm {
    let p = r.participants;
    let n = |v: i64| if v == 0 { String::new() } else { v.to_string() };
    ReportForm {
        title: r.title.clone(),
        entry: r.entry_id.map(|e| e.to_string()).unwrap_or_default(),
        held_on: sermphalang_thai::format_input(r.held_on),
        district: r.district.to_string(),
        venue: r.venue.clone(),
        network: r.network.code().into(),
        organizations: r.organizations.iter().map(|(o, _)| o.to_string()).collect(),
        virtues: r.virtues.clone(),
        male: n(p.male),
        female: n(p.female),
        gender_unstated: n(p.gender_unstated),
        youth: n(p.youth),
        adults: n(p.adults),
        elders: n(p.elders),
        narrative: r.narrative.clone(),
        indicator: r.contributions.iter().map(|c| c.0.to_string()).collect(),
        contribution: r.contributions.iter().map(|c| c.3.to_string()).collect(),
        confirm_large: if p.total() > sermphalang_domain::report::PLAUSIBLE_PARTICIPANTS {
            "on".into()
        } else {
            String::new()
        },
        client_key: String::new(),
    }
}

async fn save(
    state: &AppState,
    ctx: Ctx,
    province: i64,
    id: Option<i64>,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let network = reporting_network(&ctx)?;
    let Upload {
        mut form,
        photos,
        caption,
        arranged,
        consent,
        submit,
    } = read_upload(multipart).await?;
    if let Some(n) = network {
        form.network = n.code().into();
    }
    // A phone that sends again a report it already sent lands on that report.
    if id.is_none()
        && !form.client_key.trim().is_empty()
        && let Some(existing) =
            reports::by_client_key(&state.db, province, form.client_key.trim()).await?
    {
        return Ok(Redirect::to(&format!("/p/{province}/reports/{existing}")).into_response());
    }
    let input = match form.validate(today_in_thailand()) {
        Ok(i) => i,
        Err(e) => {
            let mut errors: Errors = e.into();
            if !photos.is_empty() {
                errors.0.push(FieldError::new(
                    "photos",
                    "โปรดเลือกภาพอีกครั้งหลังแก้ข้อความที่ผิด",
                    "Choose the photos again once the text is corrected",
                ));
            }
            return render_invalid(form_page(state, ctx, province, id, form, errors).await?);
        }
    };
    let (made, refused) = super::form::process_photos(photos).await;
    let who = actor(&ctx);
    let mut tx = state.db.audited(&who, Some(province)).await?;
    let saved = match id {
        Some(id) => reports::update(&state.db, &mut tx, province, id, &input, network)
            .await
            .map(|_| id),
        None => reports::create(&state.db, &mut tx, province, &input, network).await,
    };
    let report = match invalid_or(saved)? {
        Ok(report) => report,
        Err(errors) => {
            return render_invalid(form_page(state, ctx, province, id, form, errors).await?);
        }
    };
    if id.is_some() {
        sermphalang_store::report::photos::arrange(&mut tx, report, &arranged).await?;
    }
    store_photos(&mut tx, province, report, &made, &caption, consent).await?;
    tx.commit_recorded().await?;
    if !refused.is_empty() {
        // The report and the good photos are kept; the refused files are named.
        let r = reports::find(&state.db, province, report).await?;
        let page = form_page(
            state,
            ctx,
            province,
            Some(report),
            form_of(&r),
            refused.into(),
        )
        .await?;
        return render_invalid(page);
    }
    if submit {
        let step = reports::transition(
            &state.db,
            &who,
            province,
            report,
            Transition::Submit,
            "",
            network,
        )
        .await;
        if let Err(e) = step {
            return transition_failed(state, ctx, province, report, e).await;
        }
    }
    Ok(Redirect::to(&format!("/p/{province}/reports/{report}")).into_response())
}

pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(province): Path<i64>,
    multipart: Multipart,
) -> Result<Response, AppError> {
    save(&state, ctx, province, None, multipart).await
}

pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let r = reports::find(&state.db, province, id).await?;
    if !reports::may_change(&r, reporting_network(&ctx)?) {
        return Err(AppError::NotFound);
    }
    save(&state, ctx, province, Some(id), multipart).await
}

#[derive(Template)]
#[template(path = "report/report.html")]
struct ShowPage {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    report: Report,
    photos: Vec<Photo>,
    virtues: Vec<Reference>,
    may_change: bool,
    errors: Errors,
}

impl ShowPage {
    fn virtue_names(&self) -> Vec<String> {
        self.virtues
            .iter()
            .filter(|v| self.report.virtues.contains(&v.code))
            .map(|v| v.name(self.ctx.is_en()).to_string())
            .collect()
    }
}

async fn show_page(
    state: &AppState,
    ctx: Ctx,
    province: i64,
    id: i64,
    errors: Errors,
) -> Result<ShowPage, AppError> {
    let report = reports::find(&state.db, province, id).await?;
    let may_change = ctx.can("report_write")
        && reporting_network(&ctx).is_ok_and(|n| reports::may_change(&report, n));
    Ok(ShowPage {
        photos: photos::of_report(&state.db, id).await?,
        virtues: references::list(&state.db, province).await?,
        ctx,
        prov: Some(province),
        province,
        report,
        may_change,
        errors,
    })
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    render(show_page(&state, ctx, province, id, Errors::default()).await?)
}

async fn transition_failed(
    state: &AppState,
    ctx: Ctx,
    province: i64,
    id: i64,
    e: StoreError,
) -> Result<Response, AppError> {
    let errors = match e {
        StoreError::Invalid(i) => i.into(),
        StoreError::Conflict => Errors(vec![FieldError::new(
            "status",
            "รายงานนี้เพิ่งถูกเปลี่ยนโดยผู้อื่น โปรดดูสถานะล่าสุด",
            "Someone else has just changed this report; see where it stands now",
        )]),
        other => return Err(other.into()),
    };
    render_invalid(show_page(state, ctx, province, id, errors).await?)
}

#[derive(Debug, Default, Deserialize)]
pub struct CommentForm {
    #[serde(default)]
    comment: String,
}

async fn step(
    state: &AppState,
    ctx: Ctx,
    (province, id): (i64, i64),
    step: Transition,
    comment: &str,
) -> Result<Response, AppError> {
    let network = match step {
        Transition::Submit => reporting_network(&ctx)?,
        _ => None,
    };
    let who = actor(&ctx);
    match reports::transition(&state.db, &who, province, id, step, comment, network).await {
        Ok(_) => Ok(Redirect::to(&format!("/p/{province}/reports/{id}")).into_response()),
        Err(e) => transition_failed(state, ctx, province, id, e).await,
    }
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(ids): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    step(&state, ctx, ids, Transition::Submit, "").await
}

pub async fn approve(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(ids): Path<(i64, i64)>,
    Form(form): Form<CommentForm>,
) -> Result<Response, AppError> {
    step(&state, ctx, ids, Transition::Approve, &form.comment).await
}

pub async fn send_back(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(ids): Path<(i64, i64)>,
    Form(form): Form<CommentForm>,
) -> Result<Response, AppError> {
    step(&state, ctx, ids, Transition::Return, &form.comment).await
}

pub async fn reopen(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(ids): Path<(i64, i64)>,
    Form(form): Form<CommentForm>,
) -> Result<Response, AppError> {
    step(&state, ctx, ids, Transition::Reopen, &form.comment).await
}

pub async fn remove_photo(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id, photo)): Path<(i64, i64, i64)>,
) -> Result<Response, AppError> {
    let r = reports::find(&state.db, province, id).await?;
    if !reports::may_change(&r, reporting_network(&ctx)?) {
        return Err(AppError::NotFound);
    }
    if !r.status.editable() {
        return transition_failed(
            &state,
            ctx,
            province,
            id,
            StoreError::Invalid(sermphalang_domain::Invalid(vec![FieldError::new(
                "status",
                "รายงานที่ส่งหรืออนุมัติแล้วลบภาพไม่ได้",
                "Photos of a sent or approved report cannot be removed",
            )])),
        )
        .await;
    }
    let who = actor(&ctx);
    let mut tx = state.db.audited(&who, Some(province)).await?;
    photos::remove(&mut tx, id, photo).await?;
    tx.commit_recorded().await?;
    Ok(Redirect::to(&format!("/p/{province}/reports/{id}/edit")).into_response())
}
