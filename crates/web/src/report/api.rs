//! Activity reports under /api/v1: a province's reports with the list's filters, and one report
//! with its participants, contributions and photos.

use crate::AppState;
use crate::registry::api::{ListOut, failed};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use sermphalang_domain::registry::Sector;
use sermphalang_domain::report::ReportStatus;
use sermphalang_store::PageRequest;
use sermphalang_store::report::photos::{self, Photo};
use sermphalang_store::report::{Report, ReportFilter, reports};
use utoipa::{IntoParams, OpenApi, ToSchema};

/// This feature's part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    paths(report_list, report_detail),
    components(schemas(ReportOut, ParticipantsOut, ContributionOut, ReportPhotoOut))
)]
pub struct Doc;

#[derive(Deserialize, IntoParams)]
pub struct ReportParams {
    /// draft, submitted, returned or approved.
    status: Option<String>,
    /// A network code: public, private, community, education, religion, media.
    network: Option<String>,
    /// Fiscal year, Buddhist Era.
    year: Option<i32>,
    /// Only the reports of this plan activity.
    entry: Option<i64>,
    /// Page number from 1; 50 items a page.
    page: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct ReportOut {
    id: i64,
    title: String,
    /// C.E. date, yyyy-mm-dd.
    held_on: String,
    /// Fiscal year (Buddhist Era) and its quarter, 1 to 4.
    fiscal_year: i32,
    quarter: u8,
    district_code: i64,
    venue: String,
    network: String,
    /// draft, submitted, returned or approved.
    status: String,
    entry_id: Option<i64>,
    plan_id: Option<i64>,
    participants: ParticipantsOut,
    organization_ids: Vec<i64>,
    /// Codes of the virtues the activity served.
    virtues: Vec<String>,
    contributions: Vec<ContributionOut>,
    narrative: String,
    /// The report's photos; in lists, none (see `photo_count`).
    photos: Vec<ReportPhotoOut>,
    photo_count: i64,
}

#[derive(Serialize, ToSchema)]
pub struct ParticipantsOut {
    total: i64,
    male: i64,
    female: i64,
    gender_unstated: i64,
    youth: i64,
    adults: i64,
    elders: i64,
}

#[derive(Serialize, ToSchema)]
pub struct ContributionOut {
    indicator_id: i64,
    value: f64,
}

#[derive(Serialize, ToSchema)]
pub struct ReportPhotoOut {
    id: i64,
    caption: String,
    /// The display size (at most 1600 px wide) and a thumbnail; the original stays private.
    display_url: String,
    thumbnail_url: String,
    display_width: i64,
    display_height: i64,
}

fn report_out(r: Report, photos: Vec<Photo>, photo_count: i64) -> ReportOut {
    let p = r.participants;
    let province = r.province;
    ReportOut {
        id: r.id,
        title: r.title,
        held_on: r.held_on.to_string(),
        fiscal_year: r.fiscal_year,
        quarter: r.quarter,
        district_code: r.district,
        venue: r.venue,
        network: r.network.code().into(),
        status: r.status.code().into(),
        entry_id: r.entry_id,
        plan_id: r.plan_id,
        participants: ParticipantsOut {
            total: p.total(),
            male: p.male,
            female: p.female,
            gender_unstated: p.gender_unstated,
            youth: p.youth,
            adults: p.adults,
            elders: p.elders,
        },
        organization_ids: r.organizations.into_iter().map(|(id, _)| id).collect(),
        virtues: r.virtues,
        contributions: r
            .contributions
            .into_iter()
            .map(|(indicator_id, _, _, value)| ContributionOut {
                indicator_id,
                value,
            })
            .collect(),
        narrative: r.narrative,
        photos: photos
            .into_iter()
            .map(|ph| ReportPhotoOut {
                display_url: format!("/p/{province}/photos/{}/display", ph.id),
                thumbnail_url: format!("/p/{province}/photos/{}/thumbnail", ph.id),
                id: ph.id,
                caption: ph.caption,
                display_width: ph.display_width,
                display_height: ph.display_height,
            })
            .collect(),
        photo_count,
    }
}

#[utoipa::path(get, path = "/api/v1/provinces/{province}/reports",
    params(("province" = i64, Path, example = 41), ReportParams),
    responses((status = 200, body = ListOut<ReportOut>)))]
pub async fn report_list(
    State(state): State<AppState>,
    Path(province): Path<i64>,
    Query(q): Query<ReportParams>,
) -> Response {
    let filter = ReportFilter {
        status: q.status.as_deref().and_then(ReportStatus::parse),
        network: q.network.as_deref().and_then(Sector::parse),
        fiscal_year: q.year,
        entry: q.entry,
        ..ReportFilter::default()
    };
    match reports::list(&state.db, province, &filter, PageRequest::new(q.page)).await {
        Ok(page) => Json(ListOut::of(page, |s| {
            report_out(s.report, Vec::new(), s.photos)
        }))
        .into_response(),
        Err(e) => failed(e),
    }
}

#[utoipa::path(get, path = "/api/v1/provinces/{province}/reports/{id}",
    params(("province" = i64, Path, example = 41), ("id" = i64, Path, example = 1)),
    responses((status = 200, body = ReportOut)))]
pub async fn report_detail(
    State(state): State<AppState>,
    Path((province, id)): Path<(i64, i64)>,
) -> Response {
    let read = async {
        let report = reports::find(&state.db, province, id).await?;
        let photos = photos::of_report(&state.db, id).await?;
        Ok(report_out(report, photos.clone(), photos.len() as i64))
    };
    match read.await {
        Ok(out) => Json(out).into_response(),
        Err(e) => failed(e),
    }
}
