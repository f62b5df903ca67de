//! One error type for handlers. People see a calm page in Thai and English with a reference
//! id; the cause goes to the log under the same id.

use crate::i18n::Lang;
use askama::Template;
use axum::Json;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use sermphalang_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("sign in required")]
    SignIn { next: String },
    #[error("too many requests")]
    TooMany,
    #[error("question closed")]
    Closed,
    /// The database is overloaded: answered 503 with `Retry-After`, never as the user's fault.
    #[error("overloaded: {0}")]
    Busy(String),
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("internal: {0}")]
    Internal(String),
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Closed => AppError::Closed,
            other if other.is_overload() => AppError::Busy(other.to_string()),
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        AppError::Internal(format!("template: {e}"))
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    status: u16,
    /// `None` when the reader's language is not known yet: both languages are shown.
    lang: Option<Lang>,
    words: &'a Words,
    reference: Option<String>,
}

impl ErrorPage<'_> {
    fn lang_code(&self) -> &'static str {
        self.lang.unwrap_or(Lang::Th).code()
    }

    fn shows(&self, lang: &str) -> bool {
        self.lang.is_none_or(|l| l.code() == lang)
    }
}

/// What an error page says, in Thai and in English.
struct Words {
    title_th: &'static str,
    title_en: &'static str,
    text_th: &'static str,
    text_en: &'static str,
}

/// The failure an error response stands for, kept on the response so that the page context
/// can answer in the reader's language, or in JSON under `/api/`.
#[derive(Debug, Clone)]
pub struct Failure {
    pub status: StatusCode,
    pub reference: Option<String>,
}

pub fn reference_id() -> String {
    format!("{:08x}", rand::random::<u32>())
}

fn words(status: StatusCode) -> Words {
    let (title_th, title_en, text_th, text_en) = match status.as_u16() {
        404 => (
            "ไม่พบหน้าที่ต้องการ",
            "Page not found",
            "หน้านี้ไม่มีอยู่ หรือคุณไม่มีสิทธิ์เห็นข้อมูลนี้",
            "This page does not exist, or you may not see it.",
        ),
        403 => (
            "ไม่มีสิทธิ์เข้าถึง",
            "Not allowed",
            "บัญชีของคุณไม่มีสิทธิ์ทำรายการนี้ หากคิดว่าควรมีสิทธิ์ กรุณาติดต่อฝ่ายเลขานุการจังหวัด",
            "Your account may not do this. Ask your provincial secretariat if you think it should.",
        ),
        405 => (
            "ใช้วิธีนี้กับหน้านี้ไม่ได้",
            "Method not allowed",
            "ที่อยู่นี้รับเฉพาะการเปิดดูหรือการส่งแบบฟอร์ม",
            "This address only answers reading (GET) and forms (POST).",
        ),
        429 => (
            "มีการเรียกใช้บ่อยเกินไป",
            "Too many requests",
            "กรุณารอสักครู่แล้วลองใหม่",
            "Please wait a moment and try again.",
        ),
        409 => (
            "คำถามนี้ปิดแล้ว",
            "Question closed",
            "ผู้อำนวยการประชุมปิดรับคำตอบข้อนี้แล้ว คำตอบนี้จึงไม่ถูกบันทึก",
            "The facilitator has closed this question, so this answer was not recorded.",
        ),
        413 => (
            "ไฟล์หรือข้อมูลที่ส่งมาใหญ่เกินไป",
            "Too large",
            "ไฟล์ที่อัปโหลดต้องไม่เกิน 10 MB กรุณาลดขนาดไฟล์แล้วลองใหม่",
            "Uploads are limited to 10 MB. Make the file smaller and try again.",
        ),
        503 => (
            "ระบบมีผู้ใช้งานมากในขณะนี้",
            "The system is busy",
            "คำขอนี้ยังไม่ถูกบันทึก กรุณาลองใหม่ในอีกสักครู่",
            "This was not saved yet. Please try again in a moment.",
        ),
        400 | 415 | 422 => (
            "คำขอไม่ถูกต้อง",
            "Bad request",
            "ระบบอ่านคำขอนี้ไม่ได้ กรุณากลับไปหน้าก่อนแล้วลองใหม่",
            "The request could not be read. Go back and try again.",
        ),
        _ => (
            "ระบบขัดข้องชั่วคราว",
            "Something went wrong",
            "ขออภัย ระบบไม่สามารถทำรายการนี้ได้ในขณะนี้ ข้อมูลของคุณไม่ถูกบันทึกครึ่งทาง กรุณาลองใหม่ หากยังพบปัญหา แจ้งผู้ดูแลระบบพร้อมรหัสอ้างอิง",
            "Sorry, this could not be done right now and nothing was half-saved. Try again; if it keeps happening, tell the administrator the reference below.",
        ),
    };
    Words {
        title_th,
        title_en,
        text_th,
        text_en,
    }
}

/// The error page in both languages, for answers made before the reader's language is known;
/// the page context renders it again in one language (see [`in_language`]).
pub fn error_page(status: StatusCode, reference: Option<String>) -> Response {
    let mut response = render_page(status, None, reference.clone());
    response
        .extensions_mut()
        .insert(Failure { status, reference });
    response
}

fn render_page(status: StatusCode, lang: Option<Lang>, reference: Option<String>) -> Response {
    let words = words(status);
    let page = ErrorPage {
        status: status.as_u16(),
        lang,
        words: &words,
        reference,
    };
    let body = page
        .render()
        .unwrap_or_else(|_| format!("{} {}", status.as_u16(), words.title_en));
    (status, Html(body)).into_response()
}

/// An error answer in the reader's language, or as JSON for the API. Headers the first answer
/// set (`Retry-After`, cookies) are kept.
pub fn in_language(failure: &Failure, lang: Lang, api: bool, original: Response) -> Response {
    let mut response = if api {
        let words = words(failure.status);
        let mut body =
            serde_json::json!({ "error": { "th": words.title_th, "en": words.title_en } });
        if let Some(r) = &failure.reference {
            body["error"]["reference"] = serde_json::Value::String(r.clone());
        }
        (failure.status, Json(body)).into_response()
    } else {
        render_page(failure.status, Some(lang), failure.reference.clone())
    };
    for (name, value) in original.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            response.headers_mut().append(name, value.clone());
        }
    }
    response
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match self {
            AppError::NotFound => error_page(StatusCode::NOT_FOUND, None),
            AppError::Forbidden => error_page(StatusCode::FORBIDDEN, None),
            AppError::TooMany => error_page(StatusCode::TOO_MANY_REQUESTS, None),
            AppError::Closed => error_page(StatusCode::CONFLICT, None),
            AppError::Busy(cause) => busy(&cause),
            AppError::BadRequest(why) => {
                tracing::info!(%why, "bad request");
                error_page(StatusCode::BAD_REQUEST, None)
            }
            AppError::SignIn { next } => {
                let next = serde_urlencoded::to_string([("next", next)]).unwrap_or_default();
                Redirect::to(&format!("/login?{next}")).into_response()
            }
            AppError::Internal(cause) => {
                let reference = reference_id();
                tracing::error!(%reference, %cause, "request failed");
                error_page(StatusCode::INTERNAL_SERVER_ERROR, Some(reference))
            }
        }
    }
}

/// Seconds a client should wait before retrying an overloaded request.
pub const RETRY_AFTER_SECONDS: u32 = 2;

/// 503 with `Retry-After`, logged as what it is: overload, not a failure of the request.
pub fn busy(cause: &str) -> Response {
    tracing::warn!(%cause, "database overloaded; asked the client to retry");
    let mut response = error_page(StatusCode::SERVICE_UNAVAILABLE, None);
    response.headers_mut().insert(
        header::RETRY_AFTER,
        axum::http::HeaderValue::from(RETRY_AFTER_SECONDS),
    );
    response
}

pub async fn not_found() -> Response {
    error_page(StatusCode::NOT_FOUND, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_overloaded_database_is_503_with_retry_after_not_the_users_fault() {
        let response =
            AppError::from(StoreError::Database(sqlx::Error::PoolTimedOut)).into_response();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.headers()[header::RETRY_AFTER], "2");
        let other = AppError::from(StoreError::Unusable("x".into())).into_response();
        assert_eq!(other.status(), StatusCode::INTERNAL_SERVER_ERROR);
    }
}
