use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{Errors, actor, invalid_or, render, render_invalid};
use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use sermphalang_domain::FieldError;
use sermphalang_domain::registry::{MemberForm, MemberRole, WorkingGroupForm};
use sermphalang_store::files;
use sermphalang_store::registry::person;
use sermphalang_store::registry::working_group::{self, Member, OrderFile, WorkingGroup};

pub const MAX_PDF_BYTES: usize = 10 * 1024 * 1024;

#[derive(Template)]
#[template(path = "registry/groups.html")]
struct ListPage {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    groups: Vec<WorkingGroup>,
}

pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(province): Path<i64>,
) -> Result<Response, AppError> {
    let groups = working_group::list(&state.db, province).await?;
    render(ListPage {
        ctx,
        prov: Some(province),
        province,
        groups,
    })
}

#[derive(Template)]
#[template(path = "registry/group.html")]
struct ShowPage {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    group: WorkingGroup,
    members: Vec<Member>,
    people: Vec<(i64, String)>,
    roles: &'static [MemberRole],
    member_form: MemberForm,
    errors: Errors,
}

async fn show_page(
    state: &AppState,
    ctx: Ctx,
    province: i64,
    id: i64,
    member_form: MemberForm,
    errors: Errors,
) -> Result<ShowPage, AppError> {
    let group = working_group::find(&state.db, province, id).await?;
    let members = working_group::members(&state.db, id).await?;
    let people = if ctx.can("province_manage") {
        person::options(&state.db, province).await?
    } else {
        Vec::new()
    };
    Ok(ShowPage {
        ctx,
        prov: Some(province),
        province,
        group,
        members,
        people,
        roles: MemberRole::ALL,
        member_form,
        errors,
    })
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let form = MemberForm {
        role: MemberRole::Member.code().into(),
        ..MemberForm::default()
    };
    render(show_page(&state, ctx, province, id, form, Errors::default()).await?)
}

#[derive(Template)]
#[template(path = "registry/group_form.html")]
struct FormPage {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    id: Option<i64>,
    form: WorkingGroupForm,
    errors: Errors,
}

pub async fn new(ctx: Ctx, Path(province): Path<i64>) -> Result<Response, AppError> {
    render(FormPage {
        ctx,
        prov: Some(province),
        province,
        id: None,
        form: WorkingGroupForm::default(),
        errors: Errors::default(),
    })
}

pub async fn edit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let g = working_group::find(&state.db, province, id).await?;
    let form = WorkingGroupForm {
        name: g.name,
        order_number: g.order_number,
        order_date: g
            .order_date
            .map(sermphalang_thai::format_input)
            .unwrap_or_default(),
    };
    render(FormPage {
        ctx,
        prov: Some(province),
        province,
        id: Some(id),
        form,
        errors: Errors::default(),
    })
}

struct Upload {
    form: WorkingGroupForm,
    pdf: Option<(String, Vec<u8>)>,
    errors: Errors,
}

/// Reads the multipart form; a file that is not a PDF or is too large becomes a field error.
async fn read_upload(mut multipart: Multipart) -> Result<Upload, AppError> {
    let mut up = Upload {
        form: WorkingGroupForm::default(),
        pdf: None,
        errors: Errors::default(),
    };
    let bad = |e: axum::extract::multipart::MultipartError| AppError::BadRequest(e.to_string());
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or_default().to_string();
        if name == "order_file" {
            let file_name = field.file_name().unwrap_or("order.pdf").to_string();
            let data = field.bytes().await.map_err(bad)?;
            if data.is_empty() {
                continue;
            }
            if data.len() > MAX_PDF_BYTES {
                up.errors.0.push(FieldError::new(
                    "order_file",
                    "ไฟล์คำสั่งใหญ่เกิน 10 MB",
                    "The order file is larger than 10 MB",
                ));
            } else if let Err(refusal) = sermphalang_documents::pdf::inspect(&data) {
                up.errors.0.push(FieldError::new(
                    "order_file",
                    format!("ไฟล์คำสั่งต้องเป็น PDF: {}", refusal.th()),
                    format!("The order file must be a PDF: {}", refusal.en()),
                ));
            } else {
                up.pdf = Some((file_name, data.to_vec()));
            }
            continue;
        }
        let text = field.text().await.map_err(bad)?;
        match name.as_str() {
            "name" => up.form.name = text,
            "order_number" => up.form.order_number = text,
            "order_date" => up.form.order_date = text,
            _ => {}
        }
    }
    Ok(up)
}

async fn save(
    state: &AppState,
    ctx: Ctx,
    province: i64,
    id: Option<i64>,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let up = read_upload(multipart).await?;
    let invalid = |ctx: Ctx, form: WorkingGroupForm, errors: Errors| {
        render_invalid(FormPage {
            ctx,
            prov: Some(province),
            province,
            id,
            form,
            errors,
        })
    };
    let input = match up.form.validate() {
        Ok(i) if !up.errors.any() => i,
        Ok(_) => return invalid(ctx, up.form, up.errors),
        Err(mut e) => {
            e.0.extend(up.errors.0);
            return invalid(ctx, up.form, e.into());
        }
    };
    let order = up.pdf.as_ref().map(|(name, data)| OrderFile { name, data });
    let who = actor(&ctx);
    let result = match id {
        Some(id) => working_group::update(&state.db, &who, province, id, &input, order)
            .await
            .map(|_| id),
        None => working_group::create(&state.db, &who, province, &input, order).await,
    };
    match invalid_or(result)? {
        Ok(id) => Ok(Redirect::to(&format!("/p/{province}/groups/{id}")).into_response()),
        Err(e) => invalid(ctx, up.form, e),
    }
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
    working_group::find(&state.db, province, id).await?;
    save(&state, ctx, province, Some(id), multipart).await
}

pub async fn order_file(
    State(state): State<AppState>,
    Path((province, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let group = working_group::find(&state.db, province, id).await?;
    let file_id = group.order_file_id.ok_or(AppError::NotFound)?;
    let file = files::find(&state.db, province, file_id).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"order-{id}.pdf\""),
            ),
        ],
        file.data,
    )
        .into_response())
}

pub async fn add_member(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
    Form(form): Form<MemberForm>,
) -> Result<Response, AppError> {
    working_group::find(&state.db, province, id).await?;
    let input = match form.validate() {
        Ok(i) => i,
        Err(e) => {
            return render_invalid(show_page(&state, ctx, province, id, form, e.into()).await?);
        }
    };
    match invalid_or(
        working_group::add_member(&state.db, &actor(&ctx), province, id, &input).await,
    )? {
        Ok(_) => Ok(Redirect::to(&format!("/p/{province}/groups/{id}")).into_response()),
        Err(e) => render_invalid(show_page(&state, ctx, province, id, form, e).await?),
    }
}

pub async fn remove_member(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id, member)): Path<(i64, i64, i64)>,
) -> Result<Response, AppError> {
    working_group::remove_member(&state.db, &actor(&ctx), province, id, member).await?;
    Ok(Redirect::to(&format!("/p/{province}/groups/{id}")).into_response())
}

pub async fn archive(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    working_group::set_archived(&state.db, &actor(&ctx), province, id, true).await?;
    Ok(Redirect::to(&format!("/p/{province}/groups/{id}")).into_response())
}

pub async fn restore(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    working_group::set_archived(&state.db, &actor(&ctx), province, id, false).await?;
    Ok(Redirect::to(&format!("/p/{province}/groups/{id}")).into_response())
}
