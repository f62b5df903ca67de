//! One error type for handlers. People see a calm page in Thai and English with a reference
//! id; the cause goes to the log under the same id.

use askama::Template;
use axum::http::StatusCode;
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
    title_th: &'a str,
    title_en: &'a str,
    text_th: &'a str,
    text_en: &'a str,
    reference: Option<String>,
}

pub fn reference_id() -> String {
    format!("{:08x}", rand::random::<u32>())
}

pub fn error_page(status: StatusCode, reference: Option<String>) -> Response {
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
    let page = ErrorPage {
        status: status.as_u16(),
        title_th,
        title_en,
        text_th,
        text_en,
        reference,
    };
    let body = page
        .render()
        .unwrap_or_else(|_| format!("{} {}", status.as_u16(), title_en));
    (status, Html(body)).into_response()
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match self {
            AppError::NotFound => error_page(StatusCode::NOT_FOUND, None),
            AppError::Forbidden => error_page(StatusCode::FORBIDDEN, None),
            AppError::TooMany => error_page(StatusCode::TOO_MANY_REQUESTS, None),
            AppError::Closed => error_page(StatusCode::CONFLICT, None),
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

pub async fn not_found() -> Response {
    error_page(StatusCode::NOT_FOUND, None)
}
