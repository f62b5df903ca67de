//! The province's accounts: the secretariat invites people (who set their own password
//! through a one-time link), disables and enables accounts and sends a new link. The link is
//! shown once, to be passed on by hand: the server sends no email.

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{Errors, actor, invalid_or, public_base, render, render_invalid};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use sermphalang_domain::registry::Sector;
use sermphalang_domain::{FieldError, Role, password};
use sermphalang_store::accounts::{self, Invite, Listed};

#[derive(Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    network: String,
}

impl Default for InviteForm {
    /// A blank invitation, for a working-group member: the most common account.
    fn default() -> Self {
        InviteForm {
            email: String::new(),
            display_name: String::new(),
            role: Role::Member.code().into(),
            network: String::new(),
        }
    }
}

#[derive(Template)]
#[template(path = "accounts.html")]
struct ListPage {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    accounts: Vec<Listed>,
    roles: [Role; 3],
    sectors: &'static [Sector],
    form: InviteForm,
    errors: Errors,
    /// A set-password link just made, shown this once, and whose it is.
    link: Option<(String, String)>,
}

const PROVINCIAL: [Role; 3] = [Role::Secretariat, Role::Coordinator, Role::Member];

async fn list_page(
    state: &AppState,
    ctx: Ctx,
    province: i64,
    form: InviteForm,
    errors: Errors,
    link: Option<(String, String)>,
) -> Result<ListPage, AppError> {
    Ok(ListPage {
        accounts: accounts::list(&state.db, province).await?,
        prov: Some(province),
        province,
        roles: PROVINCIAL,
        sectors: Sector::ALL,
        form,
        errors,
        link,
        ctx,
    })
}

pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(province): Path<i64>,
) -> Result<Response, AppError> {
    let form = InviteForm::default();
    render(list_page(&state, ctx, province, form, Errors::default(), None).await?)
}

fn link_to(state: &AppState, headers: &HeaderMap, token: &str) -> String {
    format!("{}/password/{token}", public_base(state, headers))
}

pub async fn invite(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(province): Path<i64>,
    Form(form): Form<InviteForm>,
) -> Result<Response, AppError> {
    let Some(role) = Role::parse(&form.role) else {
        let errors = Errors(vec![FieldError::new(
            "role",
            "กรุณาเลือกบทบาทจากรายการ",
            "Choose a role from the list",
        )]);
        return render_invalid(list_page(&state, ctx, province, form, errors, None).await?);
    };
    let invite = Invite {
        email: &form.email,
        display_name: &form.display_name,
        role,
        network: Sector::parse(&form.network),
    };
    let made = accounts::invite(&state.db, &actor(&ctx), province, &invite).await;
    match invalid_or(made)? {
        Ok((_, token)) => {
            let link = Some((
                form.display_name.trim().to_string(),
                link_to(&state, &headers, &token),
            ));
            let fresh = InviteForm::default();
            render(list_page(&state, ctx, province, fresh, Errors::default(), link).await?)
        }
        Err(errors) => render_invalid(list_page(&state, ctx, province, form, errors, None).await?),
    }
}

pub async fn reset(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path((province, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let account = accounts::find(&state.db, province, id).await?;
    let token = accounts::reset(&state.db, &actor(&ctx), province, id).await?;
    let link = Some((account.display_name, link_to(&state, &headers, &token)));
    let form = InviteForm::default();
    render(list_page(&state, ctx, province, form, Errors::default(), link).await?)
}

async fn set_disabled(
    state: AppState,
    ctx: Ctx,
    province: i64,
    id: i64,
    disabled: bool,
) -> Result<Response, AppError> {
    let done = accounts::set_disabled(&state.db, &actor(&ctx), province, id, disabled).await;
    if let Err(errors) = invalid_or(done)? {
        let form = InviteForm::default();
        return render_invalid(list_page(&state, ctx, province, form, errors, None).await?);
    }
    Ok(Redirect::to(&format!("/p/{province}/accounts")).into_response())
}

pub async fn disable(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    set_disabled(state, ctx, province, id, true).await
}

pub async fn enable(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    set_disabled(state, ctx, province, id, false).await
}

#[derive(Template)]
#[template(path = "password.html")]
struct PasswordPage {
    ctx: Ctx,
    prov: Option<i64>,
    /// The account's email, or none when the link is used, old or unknown.
    email: Option<String>,
    token: String,
    errors: Errors,
    done: bool,
}

pub async fn password_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let email = accounts::link_account(&state.db, &token)
        .await?
        .map(|(_, e)| e);
    let status = if email.is_some() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::NOT_FOUND
    };
    let page = PasswordPage {
        ctx,
        prov: None,
        email,
        token,
        errors: Errors::default(),
        done: false,
    };
    Ok((status, axum::response::Html(page.render()?)).into_response())
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    again: String,
}

pub async fn password_set(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
    Form(form): Form<PasswordForm>,
) -> Result<Response, AppError> {
    let Some((_, email)) = accounts::link_account(&state.db, &token).await? else {
        return password_form(State(state), ctx, Path(token)).await;
    };
    let mut errors = Vec::new();
    if form.password.chars().count() < password::MIN_LENGTH {
        errors.push(FieldError::new(
            "password",
            format!("รหัสผ่านต้องยาวอย่างน้อย {} ตัวอักษร", password::MIN_LENGTH),
            format!(
                "The password needs at least {} characters",
                password::MIN_LENGTH
            ),
        ));
    } else if form.password != form.again {
        errors.push(FieldError::new(
            "again",
            "รหัสผ่านทั้งสองช่องไม่ตรงกัน",
            "The two passwords differ",
        ));
    }
    if !errors.is_empty() {
        return render_invalid(PasswordPage {
            ctx,
            prov: None,
            email: Some(email),
            token,
            errors: Errors(errors),
            done: false,
        });
    }
    let hash = password::hash(&form.password);
    let done = accounts::set_password(&state.db, &token, &hash).await?;
    render(PasswordPage {
        ctx,
        prov: None,
        email: Some(email),
        token: String::new(),
        errors: Errors::default(),
        done,
    })
}
