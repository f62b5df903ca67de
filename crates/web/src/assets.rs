//! Static files embedded in the binary: the stylesheet, the Sarabun fonts (OFL) and the
//! features' scripts (kept in their feature folders, served under one flat /static/ path).

use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::sync::LazyLock;

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

/// A file as served: its bytes (the stylesheet names the fonts by their hashed paths) and its
/// path with a hash of those bytes in the name, so browsers may keep it for a year.
struct Asset {
    name: &'static str,
    content_type: &'static str,
    bytes: Vec<u8>,
    path: String,
}

static ASSETS: LazyLock<Vec<Asset>> = LazyLock::new(|| {
    let mut assets: Vec<Asset> = Vec::new();
    // The stylesheet comes first in FILES but names the fonts: hash everything else first.
    let (css, others): (Vec<_>, Vec<_>) = FILES.iter().partition(|(n, _, _)| *n == "app.css");
    for (name, content_type, bytes) in others.into_iter().chain(css) {
        let mut bytes = bytes.to_vec();
        if name.ends_with(".css") {
            let mut text = String::from_utf8_lossy(&bytes).into_owned();
            for a in &assets {
                text = text.replace(&format!("/static/{}\"", a.name), &format!("{}\"", a.path));
            }
            bytes = text.into_bytes();
        }
        let path = hashed_path(name, &bytes);
        assets.push(Asset {
            name,
            content_type,
            bytes,
            path,
        });
    }
    assets
});

fn hashed_path(name: &str, bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hash: String = digest[..5].iter().map(|b| format!("{b:02x}")).collect();
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("/static/{stem}.{hash}.{ext}"),
        None => format!("/static/{name}.{hash}"),
    }
}

/// The path to link `name` by in pages: it changes whenever the file does.
pub fn url(name: &str) -> &'static str {
    ASSETS
        .iter()
        .find(|a| a.name == name)
        .map_or("/static/missing", |a| a.path.as_str())
}

/// A hashed path is kept by browsers for a year (its content never changes); the plain name,
/// or the hash of an earlier version from a page cached before an upgrade, gets the current
/// file for five minutes.
pub async fn file(Path(name): Path<String>) -> Response {
    let requested = format!("/static/{name}");
    let (asset, cache) = match ASSETS.iter().find(|a| a.path == requested) {
        Some(a) => (Some(a), "public, max-age=31536000, immutable"),
        None => (
            ASSETS
                .iter()
                .find(|a| a.name == name || unhashed(&name) == a.name),
            "public, max-age=300",
        ),
    };
    match asset {
        Some(a) => (
            [
                (header::CONTENT_TYPE, a.content_type),
                (header::CACHE_CONTROL, cache),
            ],
            a.bytes.clone(),
        )
            .into_response(),
        None => crate::error::error_page(axum::http::StatusCode::NOT_FOUND, None),
    }
}

/// `app.0123456789.css` → `app.css`.
fn unhashed(name: &str) -> String {
    let parts: Vec<&str> = name.split('.').collect();
    match parts.as_slice() {
        [stem, hash, ext] if hash.len() == 10 => format!("{stem}.{ext}"),
        _ => name.to_string(),
    }
}
