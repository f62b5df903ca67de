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
use sermphalang_domain::registry::import::PERSON_COLUMNS;
use sermphalang_domain::registry::{PersonForm, Sector};
use sermphalang_store::registry::org;
use sermphalang_store::registry::person::{self, Person, PersonFilter};
use sermphalang_store::{Page, PageRequest};

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    network: String,
    #[serde(default)]
    archived: String,
    page: Option<i64>,
    #[serde(default)]
    format: String,
    #[serde(default)]
    erased: String,
}

impl ListQuery {
    fn filter(&self) -> PersonFilter {
        PersonFilter {
            q: self.q.clone(),
            network: Sector::parse(&self.network),
            organization: None,
            archived: self.archived == "1",
        }
    }

    fn pairs(&self) -> Vec<(&'static str, String)> {
        vec![
            ("q", self.q.clone()),
            ("network", self.network.clone()),
            ("archived", self.archived.clone()),
        ]
    }
}

#[derive(Template)]
#[template(path = "registry/people.html")]
struct ListPage {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    page: Page<Person>,
    query: ListQuery,
    links: ListLinks,
}

pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(province): Path<i64>,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    let page = person::list(
        &state.db,
        province,
        &query.filter(),
        PageRequest::new(query.page),
    )
    .await?;
    let links = ListLinks::new(&format!("/p/{province}/people"), &query.pairs(), page.page);
    render(ListPage {
        ctx,
        prov: Some(province),
        province,
        page,
        query,
        links,
    })
}

pub async fn export(
    State(state): State<AppState>,
    Path(province): Path<i64>,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    let page = person::list(&state.db, province, &query.filter(), PageRequest::all()).await?;
    let headers: Vec<&str> = PERSON_COLUMNS.iter().map(|c| c.th).collect();
    let rows: Vec<Vec<String>> = page
        .items
        .iter()
        .map(|p| {
            vec![
                p.prefix.clone(),
                p.first_name.clone(),
                p.last_name.clone(),
                p.position.clone(),
                p.organization_name.clone().unwrap_or_default(),
                p.networks
                    .iter()
                    .map(|s| s.label_th())
                    .collect::<Vec<_>>()
                    .join(", "),
                p.phone.clone(),
                p.email.clone(),
                "ยินยอม".to_string(),
            ]
        })
        .collect();
    let stem = format!("people-{province}");
    if query.format == "csv" {
        let bytes = sermphalang_documents::write_csv(&headers, &rows);
        return Ok(download(bytes, CSV, &format!("{stem}.csv")));
    }
    let bytes = sermphalang_documents::write_xlsx("บุคคล", &headers, &rows)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(download(bytes, XLSX, &format!("{stem}.xlsx")))
}

#[derive(Template)]
#[template(path = "registry/person.html")]
struct ShowPage {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    person: Person,
    may_edit: bool,
    erase_error: bool,
    trainings: Vec<sermphalang_store::training::people::Training>,
    roles: Vec<(i64, String, sermphalang_domain::registry::MemberRole)>,
}

/// The person's page: their record, their trainings and certificates, their working groups.
async fn show_page(
    state: &AppState,
    ctx: Ctx,
    province: i64,
    person: Person,
    erase_error: bool,
) -> Result<ShowPage, AppError> {
    let may_edit = ctx
        .account
        .as_ref()
        .is_some_and(|a| a.may_edit_networks(&person.networks));
    Ok(ShowPage {
        trainings: sermphalang_store::training::people::trainings(&state.db, province, person.id)
            .await?,
        roles: sermphalang_store::registry::working_group::roles_of(&state.db, province, person.id)
            .await?,
        prov: Some(province),
        province,
        person,
        may_edit,
        erase_error,
        ctx,
    })
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let person = person::find(&state.db, province, id).await?;
    render(show_page(&state, ctx, province, person, false).await?)
}

#[derive(Template)]
#[template(path = "registry/person_form.html")]
struct FormPage {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    id: Option<i64>,
    form: PersonForm,
    errors: Errors,
    orgs: Vec<(i64, String)>,
}

impl FormPage {
    fn has_network(&self, code: &str) -> bool {
        self.form.networks.iter().any(|s| s == code)
    }

    fn org_selected(&self, id: &i64) -> bool {
        self.form.organization == id.to_string()
    }
}

async fn form_page(
    state: &AppState,
    ctx: Ctx,
    province: i64,
    id: Option<i64>,
    form: PersonForm,
    errors: Errors,
) -> Result<FormPage, AppError> {
    let orgs = org::options(&state.db, province).await?;
    Ok(FormPage {
        ctx,
        prov: Some(province),
        province,
        id,
        form,
        errors,
        orgs,
    })
}

pub async fn new(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(province): Path<i64>,
) -> Result<Response, AppError> {
    let mut form = PersonForm::default();
    if let Some(n) = ctx.account.as_ref().and_then(|a| a.network) {
        form.networks = vec![n.code().to_string()];
    }
    render(form_page(&state, ctx, province, None, form, Errors::default()).await?)
}

pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(province): Path<i64>,
    Form(form): Form<PersonForm>,
) -> Result<Response, AppError> {
    let input = match form.validate() {
        Ok(i) => i,
        Err(e) => {
            return render_invalid(form_page(&state, ctx, province, None, form, e.into()).await?);
        }
    };
    check_networks(&ctx, &input.networks)?;
    match invalid_or(person::create(&state.db, &actor(&ctx), province, &input).await)? {
        Ok(id) => Ok(Redirect::to(&format!("/p/{province}/people/{id}")).into_response()),
        Err(e) => render_invalid(form_page(&state, ctx, province, None, form, e).await?),
    }
}

pub async fn edit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let p = person::find(&state.db, province, id).await?;
    check_networks(&ctx, &p.networks)?;
    let form = PersonForm {
        prefix: p.prefix,
        first_name: p.first_name,
        last_name: p.last_name,
        position: p.position,
        organization: p.organization_id.map(|o| o.to_string()).unwrap_or_default(),
        networks: p.networks.iter().map(|s| s.code().to_string()).collect(),
        phone: p.phone,
        email: p.email,
        consent: "on".into(),
    };
    render(form_page(&state, ctx, province, Some(id), form, Errors::default()).await?)
}

pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
    Form(form): Form<PersonForm>,
) -> Result<Response, AppError> {
    let existing = person::find(&state.db, province, id).await?;
    check_networks(&ctx, &existing.networks)?;
    let input = match form.validate() {
        Ok(i) => i,
        Err(e) => {
            return render_invalid(
                form_page(&state, ctx, province, Some(id), form, e.into()).await?,
            );
        }
    };
    check_networks(&ctx, &input.networks)?;
    match invalid_or(person::update(&state.db, &actor(&ctx), province, id, &input).await)? {
        Ok(()) => Ok(Redirect::to(&format!("/p/{province}/people/{id}")).into_response()),
        Err(e) => render_invalid(form_page(&state, ctx, province, Some(id), form, e).await?),
    }
}

async fn set_archived(
    state: &AppState,
    ctx: &Ctx,
    province: i64,
    id: i64,
    archived: bool,
) -> Result<Response, AppError> {
    let existing = person::find(&state.db, province, id).await?;
    check_networks(ctx, &existing.networks)?;
    person::set_archived(&state.db, &actor(ctx), province, id, archived).await?;
    Ok(Redirect::to(&format!("/p/{province}/people/{id}")).into_response())
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

pub async fn personal_data(
    State(state): State<AppState>,
    Path((province, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let data = person::personal_data(&state.db, province, id).await?;
    let bytes = serde_json::to_vec_pretty(&data).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(crate::pages::download(
        bytes,
        "application/json",
        &format!("person-{id}.json"),
    ))
}

#[derive(Deserialize)]
pub struct EraseForm {
    #[serde(default)]
    confirm: String,
}

pub async fn erase(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
    Form(form): Form<EraseForm>,
) -> Result<Response, AppError> {
    let person = person::find(&state.db, province, id).await?;
    if form.confirm != "yes" {
        return render_invalid(show_page(&state, ctx, province, person, true).await?);
    }
    person::erase(&state.db, &actor(&ctx), province, id).await?;
    Ok(Redirect::to(&format!("/p/{province}/people?erased=1")).into_response())
}
