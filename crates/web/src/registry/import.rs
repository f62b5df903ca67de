use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{actor, render, render_invalid};
use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use sermphalang_domain::FieldError;
use sermphalang_domain::registry::import::{ImportKind, ORG_COLUMNS, PERSON_COLUMNS};
use sermphalang_store::StoreError;
use sermphalang_store::registry::imports::{self, Preview, Table};

#[derive(Template)]
#[template(path = "registry/import.html")]
struct ImportPage {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    preview: Option<Preview>,
    org_columns: Vec<&'static str>,
    person_columns: Vec<&'static str>,
    imported: Option<usize>,
}

impl ImportPage {
    fn new(ctx: Ctx, province: i64, preview: Option<Preview>, imported: Option<usize>) -> Self {
        ImportPage {
            ctx,
            prov: Some(province),
            province,
            preview,
            org_columns: ORG_COLUMNS.iter().map(|c| c.th).collect(),
            person_columns: PERSON_COLUMNS.iter().map(|c| c.th).collect(),
            imported,
        }
    }

    fn message(&self, e: &FieldError) -> String {
        if self.ctx.is_en() {
            e.en.clone()
        } else {
            e.th.clone()
        }
    }
}

#[derive(serde::Deserialize)]
pub struct Done {
    imported: Option<usize>,
}

pub async fn form(
    ctx: Ctx,
    Path(province): Path<i64>,
    axum::extract::Query(done): axum::extract::Query<Done>,
) -> Result<Response, AppError> {
    render(ImportPage::new(ctx, province, None, done.imported))
}

fn file_error(kind: ImportKind, file_name: String, error: FieldError) -> Preview {
    Preview {
        kind,
        file_name,
        rows: Vec::new(),
        file_error: Some(error),
        columns: Vec::new(),
        batch: None,
    }
}

pub async fn check(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(province): Path<i64>,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let mut kind = ImportKind::Organizations;
    let mut file: Option<(String, Vec<u8>)> = None;
    let bad = |e: axum::extract::multipart::MultipartError| AppError::BadRequest(e.to_string());
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        match field.name().unwrap_or_default() {
            "kind" => {
                kind = ImportKind::parse(&field.text().await.map_err(bad)?)
                    .unwrap_or(ImportKind::Organizations)
            }
            "file" => {
                let name = field.file_name().unwrap_or("file").to_string();
                let bytes = field.bytes().await.map_err(bad)?;
                file = Some((name, bytes.to_vec()));
            }
            _ => {}
        }
    }
    let Some((name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        let e = FieldError::new("file", "กรุณาเลือกไฟล์", "Choose a file");
        return render_invalid(ImportPage::new(
            ctx,
            province,
            Some(file_error(kind, String::new(), e)),
            None,
        ));
    };
    let parse_name = name.clone();
    let sheet =
        tokio::task::spawn_blocking(move || sermphalang_documents::read_sheet(&parse_name, &bytes))
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?;
    let sheet = match sheet {
        Ok(s) => s,
        Err(e) => {
            let fe = FieldError::new("file", e.message_th(), e.to_string());
            return render_invalid(ImportPage::new(
                ctx,
                province,
                Some(file_error(kind, name, fe)),
                None,
            ));
        }
    };
    let table = Table {
        headers: sheet.headers,
        rows: sheet.rows,
        lines: sheet.lines,
    };
    let preview = imports::prepare(
        &state.db,
        &state.geo,
        &actor(&ctx),
        province,
        kind,
        &name,
        &table,
    )
    .await?;
    if preview.batch.is_some() {
        render(ImportPage::new(ctx, province, Some(preview), None))
    } else {
        render_invalid(ImportPage::new(ctx, province, Some(preview), None))
    }
}

pub async fn confirm(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, batch)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    match imports::confirm(&state.db, &actor(&ctx), province, batch).await {
        Ok(n) => Ok(Redirect::to(&format!("/p/{province}/import?imported={n}")).into_response()),
        Err(StoreError::Invalid(i)) => Err(AppError::BadRequest(i.summary_en())),
        Err(e) => Err(e.into()),
    }
}
