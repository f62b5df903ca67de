use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{
    CSV, Errors, ListLinks, XLSX, actor, check_networks, download, invalid_or, render,
    render_invalid,
};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use sermphalang_domain::registry::import::ORG_COLUMNS;
use sermphalang_domain::registry::{OrgForm, OrgKind, Sector};
use sermphalang_store::registry::geo::District;
use sermphalang_store::registry::org::{self, OrgFilter, OrgSummary, Organization};
use sermphalang_store::registry::person;
use sermphalang_store::{Page, PageRequest};

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    network: String,
    #[serde(default)]
    district: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    archived: String,
    page: Option<i64>,
    #[serde(default)]
    format: String,
}

impl ListQuery {
    fn filter(&self) -> OrgFilter {
        OrgFilter {
            q: self.q.clone(),
            sector: Sector::parse(&self.network),
            district: self.district.parse().ok(),
            kind: OrgKind::parse(&self.kind),
            archived: self.archived == "1",
        }
    }

    fn pairs(&self) -> Vec<(&'static str, String)> {
        vec![
            ("q", self.q.clone()),
            ("network", self.network.clone()),
            ("district", self.district.clone()),
            ("kind", self.kind.clone()),
            ("archived", self.archived.clone()),
        ]
    }
}

#[derive(Template)]
#[template(path = "registry/orgs.html")]
struct ListPage {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    page: Page<OrgSummary>,
    query: ListQuery,
    districts: Vec<District>,
    links: ListLinks,
}

pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(province): Path<i64>,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    let page = org::list(
        &state.db,
        province,
        &query.filter(),
        PageRequest::new(query.page),
    )
    .await?;
    let links = ListLinks::new(&format!("/p/{province}/orgs"), &query.pairs(), page.page);
    let districts = ctx.geo.districts_of(province).cloned().collect();
    render(ListPage {
        ctx,
        prov: Some(province),
        province,
        page,
        query,
        districts,
        links,
    })
}

pub async fn export(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(province): Path<i64>,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    let items = org::list_full(&state.db, province, &query.filter()).await?;
    let headers: Vec<&str> = ORG_COLUMNS.iter().map(|c| c.th).collect();
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|o| {
            vec![
                o.name.clone(),
                o.kind.label_th().to_string(),
                o.sectors
                    .iter()
                    .map(|s| s.label_th())
                    .collect::<Vec<_>>()
                    .join(", "),
                ctx.geo
                    .district(o.district_code)
                    .map(|d| d.name_th.clone())
                    .unwrap_or_default(),
                o.phone.clone(),
                o.email.clone(),
                o.address.clone(),
            ]
        })
        .collect();
    let stem = format!("organizations-{province}");
    if query.format == "csv" {
        let bytes = sermphalang_documents::write_csv(&headers, &rows);
        return Ok(download(bytes, CSV, &format!("{stem}.csv")));
    }
    let bytes = sermphalang_documents::write_xlsx("หน่วยงาน", &headers, &rows)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(download(bytes, XLSX, &format!("{stem}.xlsx")))
}

#[derive(Template)]
#[template(path = "registry/org.html")]
struct ShowPage {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    org: Organization,
    people: Vec<person::Person>,
    may_edit: bool,
    photos: Vec<sermphalang_store::report::photos::Photo>,
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let org = org::find(&state.db, province, id).await?;
    let filter = person::PersonFilter {
        organization: Some(id),
        ..Default::default()
    };
    let people = person::list(&state.db, province, &filter, PageRequest::all())
        .await?
        .items;
    let may_edit = ctx
        .account
        .as_ref()
        .is_some_and(|a| a.may_edit_networks(&org.sectors));
    let photos =
        sermphalang_store::report::photos::approved_of(&state.db, province, None, Some(id), 12)
            .await?;
    render(ShowPage {
        ctx,
        prov: Some(province),
        province,
        org,
        people,
        may_edit,
        photos,
    })
}

#[derive(Template)]
#[template(path = "registry/org_form.html")]
struct FormPage {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    id: Option<i64>,
    form: OrgForm,
    errors: Errors,
    districts: Vec<District>,
}

impl FormPage {
    fn has_sector(&self, code: &str) -> bool {
        self.form.sectors.iter().any(|s| s == code)
    }
}

fn form_page(ctx: Ctx, province: i64, id: Option<i64>, form: OrgForm, errors: Errors) -> FormPage {
    let districts = ctx.geo.districts_of(province).cloned().collect();
    FormPage {
        ctx,
        prov: Some(province),
        province,
        id,
        form,
        errors,
        districts,
    }
}

pub async fn new(ctx: Ctx, Path(province): Path<i64>) -> Result<Response, AppError> {
    let mut form = OrgForm::default();
    if let Some(n) = ctx.account.as_ref().and_then(|a| a.network) {
        form.sectors = vec![n.code().to_string()];
    }
    render(form_page(ctx, province, None, form, Errors::default()))
}

pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(province): Path<i64>,
    Form(form): Form<OrgForm>,
) -> Result<Response, AppError> {
    let geo = ctx.geo.clone();
    let input =
        match form.validate(|d| geo.district(d).is_some_and(|d| d.province_code == province)) {
            Ok(i) => i,
            Err(e) => return render_invalid(form_page(ctx, province, None, form, e.into())),
        };
    check_networks(&ctx, &input.sectors)?;
    match invalid_or(org::create(&state.db, &actor(&ctx), province, &input).await)? {
        Ok(id) => Ok(Redirect::to(&format!("/p/{province}/orgs/{id}")).into_response()),
        Err(e) => render_invalid(form_page(ctx, province, None, form, e)),
    }
}

pub async fn edit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let o = org::find(&state.db, province, id).await?;
    check_networks(&ctx, &o.sectors)?;
    let form = OrgForm {
        name: o.name,
        kind: o.kind.code().into(),
        sectors: o.sectors.iter().map(|s| s.code().to_string()).collect(),
        district: o.district_code.to_string(),
        phone: o.phone,
        email: o.email,
        address: o.address,
    };
    render(form_page(ctx, province, Some(id), form, Errors::default()))
}

pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
    Form(form): Form<OrgForm>,
) -> Result<Response, AppError> {
    let existing = org::find(&state.db, province, id).await?;
    check_networks(&ctx, &existing.sectors)?;
    let geo = ctx.geo.clone();
    let input =
        match form.validate(|d| geo.district(d).is_some_and(|d| d.province_code == province)) {
            Ok(i) => i,
            Err(e) => return render_invalid(form_page(ctx, province, Some(id), form, e.into())),
        };
    check_networks(&ctx, &input.sectors)?;
    match invalid_or(org::update(&state.db, &actor(&ctx), province, id, &input).await)? {
        Ok(()) => Ok(Redirect::to(&format!("/p/{province}/orgs/{id}")).into_response()),
        Err(e) => render_invalid(form_page(ctx, province, Some(id), form, e)),
    }
}

async fn set_archived(
    state: &AppState,
    ctx: &Ctx,
    province: i64,
    id: i64,
    archived: bool,
) -> Result<Response, AppError> {
    let existing = org::find(&state.db, province, id).await?;
    check_networks(ctx, &existing.sectors)?;
    org::set_archived(&state.db, &actor(ctx), province, id, archived).await?;
    Ok(Redirect::to(&format!("/p/{province}/orgs/{id}")).into_response())
}

pub async fn archive(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    set_archived(&state, &ctx, province, id, true).await
}

pub async fn restore(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    set_archived(&state, &ctx, province, id, false).await
}
