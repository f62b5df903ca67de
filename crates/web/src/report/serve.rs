//! Photos as the browser gets them: one stored size at a time, never with metadata (the
//! pipeline removed it), cached for as long as the photo lives (its sizes never change).

use crate::AppState;
use crate::error::AppError;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use sermphalang_store::report::photos::{self, Which};

pub async fn photo(
    State(state): State<AppState>,
    Path((province, id, size)): Path<(i64, i64, String)>,
) -> Result<Response, AppError> {
    let which = Which::parse(size.trim_end_matches(".jpg")).ok_or(AppError::NotFound)?;
    let bytes = photos::bytes(&state.db, province, id, which).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/jpeg"),
            (
                header::CACHE_CONTROL,
                "private, max-age=31536000, immutable",
            ),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        bytes,
    )
        .into_response())
}
