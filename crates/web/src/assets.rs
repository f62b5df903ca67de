//! Static files embedded in the binary: the stylesheet, the Sarabun fonts (OFL) and the
//! features' scripts (kept in their feature folders, served under one flat /static/ path).

use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};

const FILES: &[(&str, &str, &[u8])] = &[
    (
        "app.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/app.css"),
    ),
    (
        "favicon.svg",
        "image/svg+xml",
        include_bytes!("../assets/favicon.svg"),
    ),
    (
        "live.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/evaluation/live/live.js"),
    ),
    (
        "checkin.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/training/checkin.js"),
    ),
    (
        "picker.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/training/picker.js"),
    ),
    (
        "report.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/report/report.js"),
    ),
    (
        "assessment.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/assessment/assessment.js"),
    ),
    (
        "gallery.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/news/gallery.js"),
    ),
    (
        "sarabun-400.ttf",
        "font/ttf",
        include_bytes!("../assets/fonts/Sarabun_400Regular.ttf"),
    ),
    (
        "sarabun-700.ttf",
        "font/ttf",
        include_bytes!("../assets/fonts/Sarabun_700Bold.ttf"),
    ),
    (
        "OFL.txt",
        "text/plain; charset=utf-8",
        include_bytes!("../assets/fonts/OFL.txt"),
    ),
];

pub async fn file(Path(name): Path<String>) -> Response {
    match FILES.iter().find(|(n, _, _)| *n == name) {
        Some((_, content_type, bytes)) => (
            [
                (header::CONTENT_TYPE, *content_type),
                (header::CACHE_CONTROL, "public, max-age=86400"),
            ],
            *bytes,
        )
            .into_response(),
        None => crate::error::error_page(axum::http::StatusCode::NOT_FOUND, None),
    }
}
