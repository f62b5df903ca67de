//! The news desk: a province's posts (or the Moral Center's), written, previewed with notices
//! naming whatever is missing, scheduled, published, deleted; and a report made a post in one
//! step.

use super::article::{self, Viewer};
use super::public::ArticlePage;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{Errors, ListLinks, actor, invalid_or, render, render_invalid};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use sermphalang_domain::news::{NewsForm, Standing};
use sermphalang_domain::report::ReportStatus;
use sermphalang_store::news::galleries::{self, Gallery, GalleryPhoto};
use sermphalang_store::news::posts::{self, Post};
use sermphalang_store::report::reports::{self, ReportFilter};
use sermphalang_store::{Page, PageRequest};

/// Whose desk: a province's, or the Moral Center's (no province).
#[derive(Debug, Clone)]
pub struct Desk {
    pub province: Option<i64>,
    pub base: String,
}

impl Desk {
    pub fn province(p: i64) -> Desk {
        Desk {
            province: Some(p),
            base: format!("/p/{p}"),
        }
    }

    pub fn national() -> Desk {
        Desk {
            province: None,
            base: "/nation".into(),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    page: Option<i64>,
}

pub struct Row {
    pub post: Post,
    pub standing: Standing,
    pub label: &'static str,
    pub date: String,
}

#[derive(Template)]
#[template(path = "news/desk.html")]
struct DeskPage {
    ctx: Ctx,
    prov: Option<i64>,
    desk: Desk,
    rows: Vec<Row>,
    page: Page<Post>,
    links: ListLinks,
}

async fn list(
    state: AppState,
    ctx: Ctx,
    desk: Desk,
    query: PageQuery,
) -> Result<Response, AppError> {
    let page = posts::list(&state.db, desk.province, PageRequest::new(query.page)).await?;
    let rows = page
        .items
        .iter()
        .map(|p| Row {
            standing: p.standing(),
            label: ctx.t(&format!("news_standing_{}", p.standing().code())),
            date: format!(
                "{} {}",
                ctx.date(p.publish_at.date()),
                p.publish_at.format("%H:%M")
            ),
            post: p.clone(),
        })
        .collect();
    let links = ListLinks::new(&format!("{}/news", desk.base), &[], page.page);
    render(DeskPage {
        prov: desk.province,
        desk,
        rows,
        page,
        links,
        ctx,
    })
}

/// What a post may be linked to, for the form's choosers.
pub struct Choices {
    pub events: Vec<(i64, String)>,
    pub cycles: Vec<(i64, String)>,
    pub entries: Vec<(i64, String)>,
    pub reports: Vec<(i64, String)>,
    pub galleries: Vec<Gallery>,
    pub covers: Vec<GalleryPhoto>,
}

impl Choices {
    async fn load(
        state: &AppState,
        desk: &Desk,
        gallery: Option<i64>,
    ) -> Result<Choices, AppError> {
        let db = &state.db;
        let mut c = Choices {
            events: Vec::new(),
            cycles: Vec::new(),
            entries: Vec::new(),
            reports: Vec::new(),
            galleries: galleries::list(db, desk.province).await?,
            covers: match gallery {
                Some(g) => galleries::photos(db, g).await?,
                None => Vec::new(),
            },
        };
        if let Some(p) = desk.province {
            use sermphalang_store::evaluation::cycle;
            use sermphalang_store::plan::{entries, plans};
            use sermphalang_store::training::event;
            c.events = event::list(db, p)
                .await?
                .into_iter()
                .map(|e| (e.id, e.title))
                .collect();
            c.cycles = cycle::list(db, p)
                .await?
                .into_iter()
                .map(|y| (y.id, y.name))
                .collect();
            for plan in plans::list(db, p).await? {
                for e in entries::tree(db, plan.id).await? {
                    c.entries.push((e.id, format!("{} {}", e.number, e.title)));
                }
            }
            let approved = ReportFilter {
                status: Some(ReportStatus::Approved),
                ..ReportFilter::default()
            };
            c.reports = reports::list(db, p, &approved, PageRequest::new(None))
                .await?
                .items
                .into_iter()
                .map(|r| (r.report.id, r.report.title))
                .collect();
        }
        Ok(c)
    }
}

#[derive(Template)]
#[template(path = "news/form.html")]
struct FormPage {
    ctx: Ctx,
    prov: Option<i64>,
    desk: Desk,
    id: Option<i64>,
    form: NewsForm,
    errors: Errors,
    choices: Choices,
}

fn form_of(post: &Post) -> NewsForm {
    let opt = |v: Option<i64>| v.map(|i| i.to_string()).unwrap_or_default();
    NewsForm {
        title: post.title.clone(),
        summary: post.summary.clone(),
        body: post.body.clone(),
        byline: post.byline.clone(),
        tags: post.tags.join(", "),
        status: post.status.code().into(),
        publish_on: sermphalang_thai::format_input(post.publish_at.date()),
        publish_time: post.publish_at.format("%H:%M").to_string(),
        event: opt(post.event),
        cycle: opt(post.cycle),
        entry: opt(post.entry),
        report: opt(post.report),
        gallery: opt(post.gallery),
        cover: opt(post.cover),
    }
}

/// A new post's byline starts as its writer's name.
fn with_writer(mut form: NewsForm, ctx: &Ctx) -> NewsForm {
    if form.byline.is_empty()
        && let Some(a) = &ctx.account
    {
        form.byline = a.display_name.clone();
    }
    form
}

async fn new_form(state: AppState, ctx: Ctx, desk: Desk) -> Result<Response, AppError> {
    let choices = Choices::load(&state, &desk, None).await?;
    let draft = NewsForm {
        status: "draft".into(),
        ..NewsForm::default()
    };
    let form = with_writer(draft, &ctx);
    render(FormPage {
        prov: desk.province,
        desk,
        id: None,
        form,
        errors: Errors::default(),
        choices,
        ctx,
    })
}

async fn save(
    state: AppState,
    ctx: Ctx,
    desk: Desk,
    id: Option<i64>,
    form: NewsForm,
) -> Result<Response, AppError> {
    let now = sermphalang_thai::now_in_thailand();
    let checked = match form.validate(now) {
        Ok(input) => {
            let who = actor(&ctx);
            let result = match id {
                Some(id) => posts::update(&state.db, &who, desk.province, id, &input)
                    .await
                    .map(|_| id),
                None => posts::create(&state.db, &who, desk.province, &input).await,
            };
            invalid_or(result)?
        }
        Err(invalid) => Err(invalid.into()),
    };
    match checked {
        Ok(id) => Ok(Redirect::to(&format!("{}/news/{id}", desk.base)).into_response()),
        Err(errors) => {
            let gallery = form.gallery.trim().parse().ok();
            let choices = Choices::load(&state, &desk, gallery).await?;
            render_invalid(FormPage {
                prov: desk.province,
                desk,
                id,
                form,
                errors,
                choices,
                ctx,
            })
        }
    }
}

async fn edit_form(state: AppState, ctx: Ctx, desk: Desk, id: i64) -> Result<Response, AppError> {
    let post = posts::find(&state.db, desk.province, id).await?;
    let choices = Choices::load(&state, &desk, post.gallery).await?;
    render(FormPage {
        prov: desk.province,
        form: form_of(&post),
        desk,
        id: Some(id),
        errors: Errors::default(),
        choices,
        ctx,
    })
}

async fn preview(state: AppState, ctx: Ctx, desk: Desk, id: i64) -> Result<Response, AppError> {
    let post = posts::find(&state.db, desk.province, id).await?;
    let description = super::public::description(&post);
    let a = article::build(&state.db, &ctx, post, Viewer::Editor).await?;
    render(ArticlePage {
        prov: desk.province,
        url: format!("{}/news/{id}", desk.base),
        image: None,
        description,
        event_public: false,
        editor: true,
        print: false,
        a,
        ctx,
    })
}

async fn delete(state: AppState, ctx: Ctx, desk: Desk, id: i64) -> Result<Response, AppError> {
    posts::remove(&state.db, &actor(&ctx), desk.province, id).await?;
    Ok(Redirect::to(&format!("{}/news", desk.base)).into_response())
}

// A province's desk and the Moral Center's share every page; these name the two.

pub async fn province_list(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(p): Path<i64>,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    list(s, ctx, Desk::province(p), q).await
}

pub async fn national_list(
    State(s): State<AppState>,
    ctx: Ctx,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    list(s, ctx, Desk::national(), q).await
}

pub async fn province_new(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(p): Path<i64>,
) -> Result<Response, AppError> {
    new_form(s, ctx, Desk::province(p)).await
}

pub async fn national_new(State(s): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    new_form(s, ctx, Desk::national()).await
}

pub async fn province_create(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(p): Path<i64>,
    Form(form): Form<NewsForm>,
) -> Result<Response, AppError> {
    save(s, ctx, Desk::province(p), None, form).await
}

pub async fn national_create(
    State(s): State<AppState>,
    ctx: Ctx,
    Form(form): Form<NewsForm>,
) -> Result<Response, AppError> {
    save(s, ctx, Desk::national(), None, form).await
}

pub async fn province_show(
    State(s): State<AppState>,
    ctx: Ctx,
    Path((p, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    preview(s, ctx, Desk::province(p), id).await
}

pub async fn national_show(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    preview(s, ctx, Desk::national(), id).await
}

pub async fn province_edit(
    State(s): State<AppState>,
    ctx: Ctx,
    Path((p, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    edit_form(s, ctx, Desk::province(p), id).await
}

pub async fn national_edit(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    edit_form(s, ctx, Desk::national(), id).await
}

pub async fn province_update(
    State(s): State<AppState>,
    ctx: Ctx,
    Path((p, id)): Path<(i64, i64)>,
    Form(form): Form<NewsForm>,
) -> Result<Response, AppError> {
    save(s, ctx, Desk::province(p), Some(id), form).await
}

pub async fn national_update(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<NewsForm>,
) -> Result<Response, AppError> {
    save(s, ctx, Desk::national(), Some(id), form).await
}

pub async fn province_delete(
    State(s): State<AppState>,
    ctx: Ctx,
    Path((p, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    delete(s, ctx, Desk::province(p), id).await
}

pub async fn national_delete(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    delete(s, ctx, Desk::national(), id).await
}

/// An approved report made a draft post with its consented photos, in one step.
pub async fn from_report(
    State(s): State<AppState>,
    ctx: Ctx,
    Path((p, report)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let byline = ctx
        .account
        .as_ref()
        .map(|a| a.display_name.clone())
        .unwrap_or_default();
    let id = posts::from_report(&s.db, &actor(&ctx), p, report, &byline).await?;
    Ok(Redirect::to(&format!("/p/{p}/news/{id}/edit")).into_response())
}
