//! A province's assessments: the list, a new one for a unit and year, the page where the unit
//! answers item by item with evidence and a live score, and its submission.

use super::access::{may_fill, may_verify};
use super::view::{self, ItemView};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{Errors, actor, invalid_or, render, render_checked, render_invalid};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use sermphalang_domain::FieldError;
use sermphalang_domain::assessment::{Status, Subject};
use sermphalang_store::PageRequest;
use sermphalang_store::assessment::assessments::{self, Assessment, Filter, Unit};
use sermphalang_store::assessment::templates::{self, Stored};
use sermphalang_store::assessment::verification::{self, Verifier};
use sermphalang_store::registry::org::{self, OrgFilter};
use sermphalang_store::report::reports::{self, ReportFilter};

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    year: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    district: String,
    #[serde(default)]
    mine: String,
}

impl ListQuery {
    pub fn filter(&self, ctx: &Ctx) -> Filter {
        Filter {
            fiscal_year: sermphalang_thai::to_arabic_digits(self.year.trim())
                .parse()
                .ok(),
            status: Status::parse(&self.status),
            subject: Subject::parse(&self.subject),
            district: self.district.trim().parse().ok(),
            verifier: (!self.mine.is_empty())
                .then(|| ctx.account.as_ref().map(|a| a.id))
                .flatten(),
        }
    }

    /// The filters as a query string for the workbook link; every value is a code or a
    /// number, so only those characters are kept.
    fn query(&self) -> String {
        let pairs = [
            ("year", &self.year),
            ("status", &self.status),
            ("subject", &self.subject),
            ("district", &self.district),
        ];
        pairs
            .iter()
            .map(|(k, v)| {
                (
                    k,
                    v.chars()
                        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect::<String>(),
                )
            })
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("&")
    }
}

#[derive(Template)]
#[template(path = "assessment/list.html")]
struct ListPage {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    items: Vec<Assessment>,
    q: ListQuery,
    statuses: &'static [Status],
    subjects: &'static [Subject],
    districts: Vec<(i64, String)>,
}

impl ListPage {
    fn export_query(&self) -> String {
        self.q.query()
    }

    fn level(&self, a: &Assessment) -> String {
        match a.status {
            Status::Awarded => view::level_title(self.ctx.is_en(), a.level, a.subject),
            _ => String::new(),
        }
    }
}

pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(province): Path<i64>,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let filter = q.filter(&ctx);
    let items = assessments::list(&state.db, province, &filter).await?;
    render(ListPage {
        districts: ctx.district_options(province),
        ctx,
        prov: Some(province),
        province,
        items,
        q,
        statuses: Status::ALL,
        subjects: Subject::ALL,
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct NewForm {
    #[serde(default)]
    subject: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    year: String,
}

#[derive(Template)]
#[template(path = "assessment/new.html")]
struct NewPage {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    form: NewForm,
    errors: Errors,
    /// The published criteria a new assessment may use, one per subject.
    current: Vec<Stored>,
    communities: Vec<(i64, String)>,
    organizations: Vec<(i64, String)>,
    districts: Vec<(i64, String)>,
}

async fn new_page(
    state: &AppState,
    ctx: Ctx,
    province: i64,
    form: NewForm,
    errors: Errors,
) -> Result<NewPage, AppError> {
    let mut current = Vec::new();
    for subject in Subject::ALL {
        if let Some(t) = templates::current(&state.db, *subject).await? {
            current.push(t);
        }
    }
    let network = match ctx.account.as_ref() {
        Some(a) if a.role == sermphalang_domain::Role::Coordinator => a.network,
        _ => None,
    };
    let filter = OrgFilter {
        sector: network,
        ..OrgFilter::default()
    };
    let all = PageRequest {
        page: 1,
        per_page: 1000,
    };
    let orgs = org::list(&state.db, province, &filter, all).await?.items;
    let (communities, organizations) = orgs
        .into_iter()
        .partition::<Vec<_>, _>(|o| o.kind == sermphalang_domain::registry::OrgKind::Community);
    let pairs = |v: Vec<sermphalang_store::registry::org::OrgSummary>| {
        v.into_iter().map(|o| (o.id, o.name)).collect()
    };
    Ok(NewPage {
        districts: if network.is_some() {
            Vec::new()
        } else {
            ctx.district_options(province)
        },
        ctx,
        prov: Some(province),
        province,
        form,
        errors,
        current,
        communities: pairs(communities),
        organizations: pairs(organizations),
    })
}

pub async fn new(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(province): Path<i64>,
) -> Result<Response, AppError> {
    let form = NewForm {
        year: sermphalang_thai::FiscalYear::from_date(sermphalang_thai::today_in_thailand())
            .be_year()
            .to_string(),
        ..NewForm::default()
    };
    render(new_page(&state, ctx, province, form, Errors::default()).await?)
}

/// Reads the unit field: `o:<id>`, `d:<code>` or `p`.
fn unit(text: &str) -> Option<Unit> {
    match text.trim().split_once(':') {
        Some(("o", id)) => id.parse().ok().map(Unit::Organization),
        Some(("d", code)) => code.parse().ok().map(Unit::District),
        _ if text.trim() == "p" => Some(Unit::Province),
        _ => None,
    }
}

pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(province): Path<i64>,
    Form(form): Form<NewForm>,
) -> Result<Response, AppError> {
    let refuse = |field, th: &str, en: &str| Errors(vec![FieldError::new(field, th, en)]);
    let Some(template) = form.subject.trim().parse::<i64>().ok() else {
        let errors = refuse("subject", "กรุณาเลือกเกณฑ์ที่ใช้ประเมิน", "Choose the criteria");
        return render_invalid(new_page(&state, ctx, province, form, errors).await?);
    };
    let Some(unit) = unit(&form.unit) else {
        let errors = refuse(
            "unit",
            "กรุณาเลือกหน่วยที่รับการประเมิน",
            "Choose the unit assessed",
        );
        return render_invalid(new_page(&state, ctx, province, form, errors).await?);
    };
    let Ok(year) = sermphalang_thai::to_arabic_digits(form.year.trim()).parse::<i64>() else {
        let errors = refuse(
            "year",
            "ปีงบประมาณต้องเป็นตัวเลข พ.ศ. เช่น 2569",
            "The fiscal year must be a B.E. number such as 2569",
        );
        return render_invalid(new_page(&state, ctx, province, form, errors).await?);
    };
    if let Unit::Organization(id) = unit
        && let Some(account) = ctx.account.as_ref()
        && account.role == sermphalang_domain::Role::Coordinator
    {
        let o = org::find(&state.db, province, id).await?;
        if !account.may_edit_networks(&o.sectors) {
            return Err(AppError::Forbidden);
        }
    } else if !matches!(unit, Unit::Organization(_))
        && ctx
            .account
            .as_ref()
            .is_some_and(|a| a.role == sermphalang_domain::Role::Coordinator)
    {
        return Err(AppError::Forbidden);
    }
    let made = assessments::create(&state.db, &actor(&ctx), province, template, unit, year).await;
    match invalid_or(made)? {
        Ok(id) => Ok(Redirect::to(&format!("/p/{province}/assessments/{id}")).into_response()),
        Err(errors) => render_invalid(new_page(&state, ctx, province, form, errors).await?),
    }
}

#[derive(Template)]
#[template(path = "assessment/show.html")]
pub(super) struct ShowPage {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    a: Assessment,
    template: Stored,
    items: Vec<ItemView>,
    errors: Errors,
    may_fill: bool,
    may_verify: bool,
    may_decide: bool,
    /// "12 / 18 คะแนน · ชุมชนคุณธรรม" for the unit's answers, and with the verifiers' scores.
    self_line: String,
    verified_line: String,
    thresholds: String,
    verifiers: Vec<Verifier>,
    candidates: Vec<Verifier>,
    /// Approved reports of the province to link as evidence: id and title.
    reports: Vec<(i64, String)>,
    missing: Vec<String>,
}

impl ShowPage {
    fn status(&self) -> &'static str {
        self.ctx
            .th_en(self.a.status.label_th(), self.a.status.label_en())
    }

    fn subject(&self) -> &'static str {
        self.ctx
            .th_en(self.a.subject.label_th(), self.a.subject.label_en())
    }

    fn level(&self) -> String {
        view::level_title(self.ctx.is_en(), self.a.level, self.a.subject)
    }

    fn assigned(&self, user: &i64) -> bool {
        self.verifiers.iter().any(|v| v.user_id == *user)
    }

    fn level_names(&self) -> String {
        sermphalang_domain::assessment::Level::ALL
            .iter()
            .map(|l| {
                format!(
                    "{}:{}",
                    l.code(),
                    view::level_title(self.ctx.is_en(), Some(*l), self.a.subject)
                )
            })
            .collect::<Vec<_>>()
            .join(",")
    }
}

pub(super) async fn show_page(
    state: &AppState,
    ctx: Ctx,
    province: i64,
    id: i64,
    errors: Errors,
) -> Result<Response, AppError> {
    let a = assessments::find(&state.db, province, id).await?;
    let template = templates::find(&state.db, a.template_id).await?;
    let answers = assessments::answers(&state.db, id).await?;
    let evidence = assessments::evidence(&state.db, id).await?;
    let items = view::items(&template.template, &answers, &evidence);
    let en = ctx.is_en();
    let mut own = vec![None; template.template.items.len()];
    for x in &answers {
        if let Some(s) = own.get_mut(x.item) {
            *s = Some(x.score);
        }
    }
    let self_outcome = sermphalang_domain::assessment::outcome(&template.template, &own);
    let verified = verification::verified_outcome(&template, &answers);
    let fill = may_fill(state, &ctx, &a).await?;
    let verify = may_verify(state, &ctx, &a).await?;
    let decide = ctx.can("assessment_decide");
    let reports = if fill && a.status.editable() {
        let filter = ReportFilter {
            status: Some(sermphalang_domain::report::ReportStatus::Approved),
            ..ReportFilter::default()
        };
        let page = PageRequest {
            page: 1,
            per_page: 200,
        };
        reports::list(&state.db, province, &filter, page)
            .await?
            .items
            .into_iter()
            .map(|s| (s.report.id, s.report.title))
            .collect()
    } else {
        Vec::new()
    };
    let missing = if a.status.editable() {
        Errors(assessments::missing(&state.db, &a).await?).messages(&ctx)
    } else {
        Vec::new()
    };
    let page = ShowPage {
        self_line: view::outcome_line(en, &self_outcome, a.subject),
        verified_line: view::outcome_line(en, &verified, a.subject),
        thresholds: view::thresholds(&template.template),
        verifiers: verification::verifiers(&state.db, id).await?,
        candidates: if decide {
            verification::candidates(&state.db, province).await?
        } else {
            Vec::new()
        },
        ctx,
        prov: Some(province),
        province,
        a,
        template,
        items,
        may_fill: fill,
        may_verify: verify,
        may_decide: decide,
        reports,
        missing,
        errors,
    };
    let invalid = page.errors.any();
    render_checked(page, invalid)
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    show_page(&state, ctx, province, id, Errors::default()).await
}

/// Saves the unit's answers; with `submit=1`, sends the assessment as well.
pub async fn save(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let a = assessments::find(&state.db, province, id).await?;
    if !may_fill(&state, &ctx, &a).await? {
        return Err(AppError::Forbidden);
    }
    let template = templates::find(&state.db, a.template_id).await?;
    let inputs = view::inputs(&template.template, &fields);
    let who = actor(&ctx);
    if let Err(errors) =
        invalid_or(assessments::save_answers(&state.db, &who, province, id, &inputs).await)?
    {
        return show_page(&state, ctx, province, id, errors).await;
    }
    if fields.iter().any(|(k, v)| k == "submit" && v == "1") {
        return submit_and_show(&state, ctx, province, id).await;
    }
    Ok(Redirect::to(&format!("/p/{province}/assessments/{id}?saved=1")).into_response())
}

async fn submit_and_show(
    state: &AppState,
    ctx: Ctx,
    province: i64,
    id: i64,
) -> Result<Response, AppError> {
    match invalid_or(assessments::submit(&state.db, &actor(&ctx), province, id).await)? {
        Ok(()) => Ok(Redirect::to(&format!("/p/{province}/assessments/{id}")).into_response()),
        Err(errors) => show_page(state, ctx, province, id, errors).await,
    }
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let a = assessments::find(&state.db, province, id).await?;
    if !may_fill(&state, &ctx, &a).await? {
        return Err(AppError::Forbidden);
    }
    submit_and_show(&state, ctx, province, id).await
}
