//! What the facilitator records in a cycle: the mission, activities and their merging and
//! choice, dialogue notes, paper results and the plan. Every post returns to the cycle's page.

use super::cycles::{Tab, show_page};
use super::runnable;
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
use sermphalang_domain::evaluation::{
    DialogueForm, PlanForm, Rating, Step, activity_title, mission_statement, phrase,
};
use sermphalang_domain::{FieldError, Invalid};
use sermphalang_store::StoreError;
use sermphalang_store::evaluation::live::votes;
use sermphalang_store::evaluation::{Cycle, activity, cycle, paper, plan};
use sermphalang_store::registry::{org, person};

fn back(province: i64, id: i64, tab: Tab) -> Response {
    Redirect::to(&format!("/p/{province}/cycles/{id}?tab={}", tab.code())).into_response()
}

/// After a change: tell the room's screens, then show the page again, or the form's errors.
async fn finish(
    state: &AppState,
    ctx: Ctx,
    province: i64,
    id: i64,
    tab: Tab,
    result: Result<(), StoreError>,
) -> Result<Response, AppError> {
    match invalid_or(result)? {
        Ok(()) => {
            state.live.changed(id).await;
            Ok(back(province, id, tab))
        }
        Err(errors) => {
            render_invalid(show_page(state, ctx, province, id, Some(tab), errors).await?)
        }
    }
}

fn invalid(e: FieldError) -> StoreError {
    StoreError::Invalid(Invalid(vec![e]))
}

#[derive(Deserialize)]
pub struct StepForm {
    #[serde(default)]
    step: String,
}

pub async fn set_step(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
    Form(form): Form<StepForm>,
) -> Result<Response, AppError> {
    runnable(&state, &ctx, province, id).await?;
    let step = Step::parse(&form.step).ok_or(AppError::BadRequest("unknown step".into()))?;
    cycle::set_step(&state.db, &actor(&ctx), province, id, step).await?;
    sermphalang_store::evaluation::live::workshop::ensure_questions(&state.db, id, step).await?;
    state.live.changed(id).await;
    Ok(back(province, id, Tab::of_step(step)))
}

#[derive(Deserialize)]
pub struct MissionForm {
    #[serde(default)]
    statement: String,
}

pub async fn save_mission(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
    Form(form): Form<MissionForm>,
) -> Result<Response, AppError> {
    runnable(&state, &ctx, province, id).await?;
    let result = match mission_statement(&form.statement) {
        Ok(text) => cycle::save_mission(&state.db, &actor(&ctx), province, id, &text).await,
        Err(e) => Err(invalid(e)),
    };
    finish(&state, ctx, province, id, Tab::Mission, result).await
}

#[derive(Deserialize)]
pub struct TextForm {
    #[serde(default)]
    text: String,
}

pub async fn add_phrase(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
    Form(form): Form<TextForm>,
) -> Result<Response, AppError> {
    runnable(&state, &ctx, province, id).await?;
    let result = match phrase(&form.text) {
        Ok(text) => votes::add_phrase_by_facilitator(&state.db, &actor(&ctx), province, id, &text)
            .await
            .map(|_| ()),
        Err(e) => Err(invalid(e)),
    };
    finish(&state, ctx, province, id, Tab::Mission, result).await
}

#[derive(Deserialize)]
pub struct HideForm {
    #[serde(default)]
    hidden: String,
}

pub async fn hide_phrase(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id, phrase_id)): Path<(i64, i64, i64)>,
    Form(form): Form<HideForm>,
) -> Result<Response, AppError> {
    runnable(&state, &ctx, province, id).await?;
    let hidden = form.hidden == "1";
    votes::hide_phrase(&state.db, &actor(&ctx), province, id, phrase_id, hidden).await?;
    state.live.changed(id).await;
    Ok(back(province, id, Tab::Mission))
}

#[derive(Deserialize)]
pub struct ActivityForm {
    #[serde(default)]
    title: String,
}

pub async fn add_activity(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
    Form(form): Form<ActivityForm>,
) -> Result<Response, AppError> {
    runnable(&state, &ctx, province, id).await?;
    let result = match activity_title(&form.title) {
        Ok(title) => activity::add(&state.db, &actor(&ctx), province, id, &title)
            .await
            .map(|_| ()),
        Err(e) => Err(invalid(e)),
    };
    finish(&state, ctx, province, id, Tab::Stock, result).await
}

#[derive(Deserialize)]
pub struct MergeForm {
    #[serde(default)]
    from: String,
    #[serde(default)]
    into: String,
}

pub async fn merge(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
    Form(form): Form<MergeForm>,
) -> Result<Response, AppError> {
    runnable(&state, &ctx, province, id).await?;
    let (from, into) = (form.from.parse::<i64>(), form.into.parse::<i64>());
    let result = match (from, into) {
        (Ok(from), Ok(into)) if from != into => {
            activity::merge(&state.db, &actor(&ctx), province, id, from, into).await
        }
        _ => Err(invalid(FieldError::new(
            "merge",
            "กรุณาเลือกกิจกรรมที่ซ้ำ และกิจกรรมที่จะรวมเข้าไป (ต้องเป็นคนละกิจกรรม)",
            "Choose the duplicate and the activity to merge it into (two different ones)",
        ))),
    };
    finish(&state, ctx, province, id, Tab::Stock, result).await
}

#[derive(Deserialize)]
pub struct ChooseForm {
    #[serde(default)]
    chosen: Vec<String>,
}

pub async fn choose(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
    Form(form): Form<ChooseForm>,
) -> Result<Response, AppError> {
    runnable(&state, &ctx, province, id).await?;
    let ids: Vec<i64> = form.chosen.iter().filter_map(|s| s.parse().ok()).collect();
    let result = if ids.is_empty() {
        Err(invalid(FieldError::new(
            "chosen",
            "กรุณาเลือกอย่างน้อย 1 กิจกรรมเพื่อให้คะแนน",
            "Choose at least one activity to rate",
        )))
    } else {
        activity::set_chosen(&state.db, &actor(&ctx), province, id, &ids).await
    };
    finish(&state, ctx, province, id, Tab::Stock, result).await
}

pub async fn dialogue(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id, activity_id)): Path<(i64, i64, i64)>,
    Form(form): Form<DialogueForm>,
) -> Result<Response, AppError> {
    runnable(&state, &ctx, province, id).await?;
    let result = match form.validate() {
        Ok(input) => {
            activity::save_dialogue(&state.db, &actor(&ctx), province, id, activity_id, &input)
                .await
        }
        Err(e) => Err(e.into()),
    };
    finish(&state, ctx, province, id, Tab::Rating, result).await
}

#[derive(Deserialize)]
pub struct PaperForm {
    #[serde(default)]
    ratings: String,
    #[serde(default)]
    dots: String,
}

/// Parses "7 8 8 งด 9" (spaces, commas or new lines between) into ratings.
fn paper_ratings(text: &str) -> Result<Vec<Rating>, FieldError> {
    text.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|s| !s.is_empty())
        .map(|s| Rating::parse(s).map_err(|e| FieldError::new("ratings", e.th, e.en)))
        .collect()
}

pub async fn paper(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id, activity_id)): Path<(i64, i64, i64)>,
    Form(form): Form<PaperForm>,
) -> Result<Response, AppError> {
    runnable(&state, &ctx, province, id).await?;
    let (tab, result) = if !form.dots.trim().is_empty() {
        let count = sermphalang_thai::to_arabic_digits(form.dots.trim());
        let result = match count.parse::<u32>() {
            Ok(n) if n <= 10_000 => {
                paper::enter_dots(&state.db, &actor(&ctx), province, id, activity_id, n).await
            }
            _ => Err(invalid(FieldError::new(
                "dots",
                "จำนวนจุดต้องเป็นจำนวนเต็มตั้งแต่ 0",
                "The number of dots must be a whole number from 0",
            ))),
        };
        (Tab::Stock, result)
    } else {
        let result = match paper_ratings(&form.ratings) {
            Ok(r) => {
                paper::enter_ratings(&state.db, &actor(&ctx), province, id, activity_id, &r).await
            }
            Err(e) => Err(invalid(e)),
        };
        (Tab::Rating, result)
    };
    finish(&state, ctx, province, id, tab, result).await
}

#[derive(Deserialize)]
pub struct NewPlanForm {
    #[serde(default)]
    activity: String,
    #[serde(flatten)]
    plan: PlanForm,
}

/// The form for one plan item, on a page of its own: the owner lists are long, and the cycle's
/// planning tab would carry them once for every chosen activity.
#[derive(Template)]
#[template(path = "evaluation/plan_form.html")]
pub struct PlanFormPage {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    cycle: Cycle,
    activities: Vec<(i64, String)>,
    organizations: Vec<(i64, String)>,
    people: Vec<(i64, String)>,
    form: NewPlanForm,
    errors: Errors,
}

async fn plan_form_page(
    state: &AppState,
    ctx: Ctx,
    cycle: Cycle,
    form: NewPlanForm,
    errors: Errors,
) -> Result<PlanFormPage, AppError> {
    let province = cycle.province_code;
    let activities = Snapshot::read(&state.db, &state.geo, cycle.id)
        .await?
        .chosen()
        .into_iter()
        .map(|a| (a.id, a.title.clone()))
        .collect();
    Ok(PlanFormPage {
        prov: Some(province),
        province,
        activities,
        organizations: org::options(&state.db, province).await?,
        people: person::options(&state.db, province).await?,
        cycle,
        form,
        errors,
        ctx,
    })
}

#[derive(Deserialize)]
pub struct NewPlanQuery {
    #[serde(default)]
    activity: String,
}

pub async fn new_plan(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
    Query(q): Query<NewPlanQuery>,
) -> Result<Response, AppError> {
    let cycle = runnable(&state, &ctx, province, id).await?;
    let form = NewPlanForm {
        activity: q.activity,
        plan: PlanForm::default(),
    };
    render(plan_form_page(&state, ctx, cycle, form, Errors::default()).await?)
}

pub async fn add_plan(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
    Form(form): Form<NewPlanForm>,
) -> Result<Response, AppError> {
    let cycle = runnable(&state, &ctx, province, id).await?;
    let result = match (form.activity.parse::<i64>(), form.plan.validate()) {
        (Ok(activity_id), Ok(input)) => {
            plan::add(&state.db, &actor(&ctx), province, id, activity_id, &input)
                .await
                .map(|_| ())
        }
        (Err(_), _) => Err(invalid(FieldError::new(
            "activity",
            "กรุณาเลือกกิจกรรมของแผนนี้",
            "Choose the activity this plan is for",
        ))),
        (_, Err(e)) => Err(e.into()),
    };
    match invalid_or(result)? {
        Ok(()) => {
            state.live.changed(id).await;
            Ok(back(province, id, Tab::Planning))
        }
        Err(errors) => render_invalid(plan_form_page(&state, ctx, cycle, form, errors).await?),
    }
}

pub async fn remove_plan(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id, item)): Path<(i64, i64, i64)>,
) -> Result<Response, AppError> {
    runnable(&state, &ctx, province, id).await?;
    plan::remove(&state.db, &actor(&ctx), province, id, item).await?;
    Ok(back(province, id, Tab::Planning))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paper_sheets_accept_spaces_commas_and_abstentions() {
        let r = paper_ratings("7, 8\n๙ งด").unwrap();
        assert_eq!(
            r,
            vec![
                Rating::Score(7),
                Rating::Score(8),
                Rating::Score(9),
                Rating::Abstain
            ]
        );
        assert!(paper_ratings("7 11").is_err());
    }
}
