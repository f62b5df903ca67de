//! The JSON API under /api/v1: the OpenAPI document, assembled from each feature's part, and
//! the request-body reading that the features share.

use crate::auth::api_error;
use axum::Json;
use axum::body::Bytes;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Sermphalang API",
        description = "Registry of a Moral Province's networks (read) and the live workshop \
            (join, current state, answers, revealed results)."
    ),
    modifiers(&ParticipantAuth)
)]
struct ApiDoc;

/// Participants of a live workshop send the token `join` gave them.
struct ParticipantAuth;

impl utoipa::Modify for ParticipantAuth {
    fn modify(&self, api: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = api.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "participant",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    doc.merge(crate::registry::api::Doc::openapi());
    doc.merge(crate::evaluation::live::api::Doc::openapi());
    doc.merge(crate::training::api::Doc::openapi());
    doc
}

pub async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(document())
}

pub(crate) fn parse<T: for<'a> Deserialize<'a>>(body: &Bytes) -> Result<T, serde_json::Error> {
    serde_json::from_slice(body)
}

pub(crate) fn unreadable(e: serde_json::Error) -> Response {
    api_error(
        StatusCode::UNPROCESSABLE_ENTITY,
        &format!("อ่านข้อมูล JSON ไม่ได้: {e}"),
        &format!("The JSON body could not be read: {e}"),
    )
}
