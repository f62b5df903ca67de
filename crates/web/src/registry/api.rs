//! The registry's read endpoints under /api/v1: provinces, districts, organizations, people
//! and working groups.

use crate::AppState;
use crate::auth::api_error;
use crate::ctx::Ctx;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use sermphalang_domain::registry::Sector;
use sermphalang_store::registry::org::{self, OrgFilter, OrgSummary, Organization};
use sermphalang_store::registry::person::{self, Person, PersonFilter};
use sermphalang_store::registry::working_group;
use sermphalang_store::{PageRequest, StoreError};
use utoipa::{IntoParams, OpenApi, ToSchema};

/// This feature's part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    paths(
        provinces,
        districts,
        organizations,
        organization,
        people,
        person,
        working_groups
    ),
    components(schemas(ProvinceOut, DistrictOut, OrganizationOut, PersonOut, WorkingGroupOut))
)]
pub struct Doc;

pub(crate) fn failed(e: StoreError) -> Response {
    match e {
        StoreError::NotFound => api_error(StatusCode::NOT_FOUND, "ไม่พบข้อมูล", "Not found"),
        other => {
            let reference = crate::error::reference_id();
            tracing::error!(%reference, cause = %other, "api request failed");
            api_error(
                StatusCode::INTERNAL_SERVER_ERROR,
                &format!("ระบบขัดข้อง (รหัสอ้างอิง {reference})"),
                &format!("Internal error (reference {reference})"),
            )
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ProvinceOut {
    code: i64,
    name_th: String,
    name_en: String,
}

#[derive(Serialize, ToSchema)]
pub struct DistrictOut {
    code: i64,
    name_th: String,
    name_en: String,
}

#[derive(Serialize, ToSchema)]
pub struct OrganizationOut {
    id: i64,
    name: String,
    kind: String,
    networks: Vec<String>,
    district_code: i64,
    phone: String,
    email: String,
    archived: bool,
}

impl From<OrgSummary> for OrganizationOut {
    fn from(o: OrgSummary) -> Self {
        OrganizationOut {
            id: o.id,
            name: o.name,
            kind: o.kind.code().into(),
            networks: o.sectors.iter().map(|s| s.code().to_string()).collect(),
            district_code: o.district_code,
            phone: o.phone,
            email: o.email,
            archived: o.archived,
        }
    }
}

impl From<Organization> for OrganizationOut {
    fn from(o: Organization) -> Self {
        OrganizationOut {
            id: o.id,
            name: o.name,
            kind: o.kind.code().into(),
            networks: o.sectors.iter().map(|s| s.code().to_string()).collect(),
            district_code: o.district_code,
            phone: o.phone,
            email: o.email,
            archived: o.archived_at.is_some(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct PersonOut {
    id: i64,
    prefix: String,
    first_name: String,
    last_name: String,
    position: String,
    organization_id: Option<i64>,
    networks: Vec<String>,
    archived: bool,
}

impl From<Person> for PersonOut {
    fn from(p: Person) -> Self {
        PersonOut {
            id: p.id,
            prefix: p.prefix,
            first_name: p.first_name,
            last_name: p.last_name,
            position: p.position,
            organization_id: p.organization_id,
            networks: p.networks.iter().map(|s| s.code().to_string()).collect(),
            archived: p.archived_at.is_some(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct WorkingGroupOut {
    id: i64,
    name: String,
    order_number: String,
    /// C.E. date, yyyy-mm-dd.
    order_date: Option<String>,
    member_count: i64,
}

/// One page of a list.
#[derive(Serialize, ToSchema)]
pub struct ListOut<T> {
    items: Vec<T>,
    total: i64,
    page: i64,
    per_page: i64,
}

impl<T> ListOut<T> {
    /// A page of the store's items, each made into what the API shows.
    pub(crate) fn of<U>(page: sermphalang_store::Page<U>, item: impl FnMut(U) -> T) -> Self {
        ListOut {
            total: page.total,
            page: page.page,
            per_page: page.per_page,
            items: page.items.into_iter().map(item).collect(),
        }
    }
}

#[derive(Deserialize, IntoParams)]
pub struct ListParams {
    /// Text to find in names, emails and phones.
    q: Option<String>,
    /// A network code: public, private, community, education, religion, media.
    network: Option<String>,
    /// Page number from 1; 50 items a page.
    page: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/provinces", responses((status = 200, body = [ProvinceOut])))]
pub async fn provinces(ctx: Ctx) -> Json<Vec<ProvinceOut>> {
    let account = ctx.account.as_ref();
    Json(
        ctx.geo
            .provinces
            .iter()
            .filter(|p| account.is_some_and(|a| a.sees_province(p.code)))
            .map(|p| ProvinceOut {
                code: p.code,
                name_th: p.name_th.clone(),
                name_en: p.name_en.clone(),
            })
            .collect(),
    )
}

#[utoipa::path(get, path = "/api/v1/provinces/{province}/districts",
    params(("province" = i64, Path, description = "Province code, e.g. 41")),
    responses((status = 200, body = [DistrictOut]), (status = 404)))]
pub async fn districts(ctx: Ctx, Path(province): Path<i64>) -> Json<Vec<DistrictOut>> {
    Json(
        ctx.geo
            .districts_of(province)
            .map(|d| DistrictOut {
                code: d.code,
                name_th: d.name_th.clone(),
                name_en: d.name_en.clone(),
            })
            .collect(),
    )
}

#[utoipa::path(get, path = "/api/v1/provinces/{province}/organizations",
    params(("province" = i64, Path, description = "Province code"), ListParams),
    responses((status = 200, body = ListOut<OrganizationOut>), (status = 401), (status = 404)))]
pub async fn organizations(
    State(state): State<AppState>,
    Path(province): Path<i64>,
    Query(q): Query<ListParams>,
) -> Response {
    let filter = OrgFilter {
        q: q.q.unwrap_or_default(),
        sector: q.network.as_deref().and_then(Sector::parse),
        ..OrgFilter::default()
    };
    match org::list(&state.db, province, &filter, PageRequest::new(q.page)).await {
        Ok(p) => Json(ListOut {
            total: p.total,
            page: p.page,
            per_page: p.per_page,
            items: p.items.into_iter().map(OrganizationOut::from).collect(),
        })
        .into_response(),
        Err(e) => failed(e),
    }
}

#[utoipa::path(get, path = "/api/v1/provinces/{province}/organizations/{id}",
    params(("province" = i64, Path, example = 41), ("id" = i64, Path, example = 1)),
    responses((status = 200, body = OrganizationOut), (status = 404)))]
pub async fn organization(
    State(state): State<AppState>,
    Path((province, id)): Path<(i64, i64)>,
) -> Response {
    match org::find(&state.db, province, id).await {
        Ok(o) => Json(OrganizationOut::from(o)).into_response(),
        Err(e) => failed(e),
    }
}

#[utoipa::path(get, path = "/api/v1/provinces/{province}/people",
    params(("province" = i64, Path, example = 41), ListParams),
    responses((status = 200, body = ListOut<PersonOut>), (status = 401), (status = 404)))]
pub async fn people(
    State(state): State<AppState>,
    Path(province): Path<i64>,
    Query(q): Query<ListParams>,
) -> Response {
    let filter = PersonFilter {
        q: q.q.unwrap_or_default(),
        network: q.network.as_deref().and_then(Sector::parse),
        ..PersonFilter::default()
    };
    match person::list(&state.db, province, &filter, PageRequest::new(q.page)).await {
        Ok(p) => Json(ListOut {
            total: p.total,
            page: p.page,
            per_page: p.per_page,
            items: p.items.into_iter().map(PersonOut::from).collect(),
        })
        .into_response(),
        Err(e) => failed(e),
    }
}

#[utoipa::path(get, path = "/api/v1/provinces/{province}/people/{id}",
    params(("province" = i64, Path, example = 41), ("id" = i64, Path, example = 1)),
    responses((status = 200, body = PersonOut), (status = 404)))]
pub async fn person(
    State(state): State<AppState>,
    Path((province, id)): Path<(i64, i64)>,
) -> Response {
    match person::find(&state.db, province, id).await {
        Ok(p) => Json(PersonOut::from(p)).into_response(),
        Err(e) => failed(e),
    }
}

#[utoipa::path(get, path = "/api/v1/provinces/{province}/working-groups",
    params(("province" = i64, Path, example = 41)),
    responses((status = 200, body = [WorkingGroupOut]), (status = 404)))]
pub async fn working_groups(State(state): State<AppState>, Path(province): Path<i64>) -> Response {
    match working_group::list(&state.db, province).await {
        Ok(groups) => Json(
            groups
                .into_iter()
                .map(|g| WorkingGroupOut {
                    id: g.id,
                    name: g.name,
                    order_number: g.order_number,
                    order_date: g.order_date.map(|d| d.to_string()),
                    member_count: g.member_count,
                })
                .collect::<Vec<_>>(),
        )
        .into_response(),
        Err(e) => failed(e),
    }
}
