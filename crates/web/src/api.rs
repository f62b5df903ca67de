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
        description = "Registry of a Moral Province's networks (read), the integrated plan and \
            its indicators' progress (read), activity reports (read), trainings, and the live \
            workshop (join, current state, answers, revealed results)."
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

/// An error answer: what went wrong, in Thai and in English.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
struct ErrorOut {
    error: ErrorWords,
}

#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
struct ErrorWords {
    th: String,
    en: String,
    /// Quote it to the administrator: it names the failure in the server's log.
    reference: Option<String>,
}

/// Answers any operation can give, whatever it does: a malformed parameter (400), no or an
/// ended session (401), a role or CSRF refusal (403), nothing there (404), too many requests
/// (429), a server too busy for now (503, with `Retry-After`). Added to every operation that
/// does not describe them itself, all with the same JSON error body.
struct CommonAnswers;

impl CommonAnswers {
    const ANSWERS: [(&'static str, &'static str); 6] = [
        ("400", "A path or query parameter could not be read"),
        (
            "401",
            "Sign in first, or the participant token is missing or unknown",
        ),
        (
            "403",
            "This account may not do this, or the CSRF token is missing",
        ),
        ("404", "Not found, or not visible to this account"),
        ("429", "Too many requests: wait and try again"),
        (
            "503",
            "Busy for a moment: try again after Retry-After seconds",
        ),
    ];
}

impl utoipa::Modify for CommonAnswers {
    fn modify(&self, api: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
        let components = api.components.get_or_insert_with(Default::default);
        components.schemas.insert(
            "ErrorOut".into(),
            <ErrorOut as utoipa::PartialSchema>::schema(),
        );
        components.schemas.insert(
            "ErrorWords".into(),
            <ErrorWords as utoipa::PartialSchema>::schema(),
        );
        for item in api.paths.paths.values_mut() {
            let operations = [
                &mut item.get,
                &mut item.post,
                &mut item.put,
                &mut item.delete,
                &mut item.patch,
            ];
            for operation in operations.into_iter().flatten() {
                for (code, description) in Self::ANSWERS {
                    let response = ResponseBuilder::new()
                        .description(description)
                        .content(
                            "application/json",
                            ContentBuilder::new()
                                .schema(Some(Ref::from_schema_name("ErrorOut")))
                                .build(),
                        )
                        .build();
                    operation
                        .responses
                        .responses
                        .entry(code.to_string())
                        .or_insert(response.into());
                }
            }
        }
    }
}

pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    doc.merge(crate::registry::api::Doc::openapi());
    doc.merge(crate::evaluation::live::api::Doc::openapi());
    doc.merge(crate::training::api::Doc::openapi());
    doc.merge(crate::plan::api::Doc::openapi());
    doc.merge(crate::report::api::Doc::openapi());
    // The features' operations are merged in above, so the common answers are added last.
    utoipa::Modify::modify(&CommonAnswers, &mut doc);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// utoipa merges components by name: two features naming a schema alike would have one
    /// operation documented with the other's schema.
    #[test]
    fn no_two_features_name_a_schema_alike() {
        let docs = [
            ("registry", crate::registry::api::Doc::openapi()),
            (
                "evaluation/live",
                crate::evaluation::live::api::Doc::openapi(),
            ),
            ("training", crate::training::api::Doc::openapi()),
            ("plan", crate::plan::api::Doc::openapi()),
            ("report", crate::report::api::Doc::openapi()),
        ];
        let mut seen = std::collections::HashMap::new();
        for (feature, doc) in &docs {
            for name in doc.components.iter().flat_map(|c| c.schemas.keys()) {
                if let Some(other) = seen.insert(name.clone(), *feature) {
                    panic!("schema {name} is named by both {other} and {feature}");
                }
            }
        }
        assert!(seen.contains_key("PersonOut") && seen.contains_key("Registrant"));
    }
}
