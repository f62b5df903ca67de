//! The secretariat's certificate page of an event: artwork, issuing (one by one or all in the
//! background with progress), the ZIP, revoking and reissuing.

use super::certify::{self, Refused, Sheet};
use super::images::{LOGO_BOX, SIGNATURE_BOX, fit};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{Errors, actor, download, public_base, render, render_invalid};
use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use sermphalang_domain::training::codes;
use sermphalang_domain::{FieldError, Invalid};
use sermphalang_pdf::certificate::{Warning, check_image};
use sermphalang_store::training::artwork::{self, Signatory, SignatoryInput};
use sermphalang_store::training::certificate::{self, Certificate, Standing};
use sermphalang_store::training::event::{self, Event};
use sermphalang_store::training::registration::{self, Registration};
use sermphalang_store::training::runs::{self, Run};
use std::sync::Arc;

/// How many signatory rows the form offers.
const SIGNATORY_ROWS: usize = 3;

pub struct Line {
    pub registration: Registration,
    pub standing: Standing,
    pub certificate: Option<Certificate>,
}

#[derive(Template)]
#[template(path = "training/event_certificates.html")]
struct Page {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    event: Event,
    lines: Vec<Line>,
    pending: usize,
    issued: usize,
    run: Option<Run>,
    signatories: Vec<Option<Signatory>>,
    logos: Vec<i64>,
    custom_template: bool,
    warnings: Vec<String>,
    errors: Errors,
}

impl Page {
    fn code(&self, c: &Certificate) -> String {
        codes::display(&c.code)
    }

    fn running(&self) -> bool {
        self.run.as_ref().is_some_and(|r| {
            r.running()
                && chrono::DateTime::parse_from_rfc3339(&r.started_at)
                    .is_ok_and(|at| chrono::Utc::now().signed_duration_since(at).num_minutes() < 30)
        })
    }
}

async fn page(
    state: &AppState,
    ctx: Ctx,
    province: i64,
    id: i64,
    errors: Errors,
) -> Result<Page, AppError> {
    let e = event::find(&state.db, province, id).await?;
    let standings = certificate::standings(&state.db, &e).await?;
    let certificates = certificate::list(&state.db, id).await?;
    let mut lines = Vec::new();
    for r in registration::list(&state.db, id).await? {
        let Some(standing) = standings
            .iter()
            .find(|s| s.registration_id == r.id)
            .cloned()
        else {
            continue;
        };
        lines.push(Line {
            certificate: certificates
                .iter()
                .find(|c| c.registration_id == r.id)
                .cloned(),
            registration: r,
            standing,
        });
    }
    let pending = lines
        .iter()
        .filter(|l| l.standing.completed() && l.certificate.is_none())
        .count();
    let stored = artwork::signatories(&state.db, id).await?;
    let signatories = (0..SIGNATORY_ROWS)
        .map(|i| stored.get(i).cloned())
        .collect();
    let warnings = stored
        .iter()
        .filter(|s| s.signature_file_id.is_none())
        .map(|s| {
            let w = Warning::MissingSignature {
                signatory: s.name.clone(),
            };
            warning_text(&ctx, &w)
        })
        .collect();
    Ok(Page {
        prov: Some(province),
        province,
        issued: certificates.len(),
        pending,
        lines,
        run: runs::latest(&state.db, id).await?,
        signatories,
        logos: artwork::logos(&state.db, id).await?,
        custom_template: artwork::template(&state.db, province).await?.is_some(),
        warnings,
        errors,
        event: e,
        ctx,
    })
}

pub fn warning_text(ctx: &Ctx, w: &Warning) -> String {
    match (w, ctx.is_en()) {
        (Warning::Pages { count }, false) => {
            format!("เกียรติบัตรยาว {count} หน้า: ควรปรับแม่แบบให้อยู่ในหน้าเดียว")
        }
        (Warning::Pages { count }, true) => {
            format!("The certificate runs to {count} pages: the template should fit one page")
        }
        (Warning::MissingSignature { signatory }, false) => {
            format!("ยังไม่มีภาพลายมือชื่อของ {signatory}: เกียรติบัตรจะมีเส้นประให้ลงนามแทน")
        }
        (Warning::MissingSignature { signatory }, true) => {
            format!(
                "No signature image for {signatory}: certificates show a dotted line to sign on"
            )
        }
        (
            Warning::Template {
                line: Some(l),
                message,
            },
            false,
        ) => format!("แม่แบบบรรทัด {l}: {message}"),
        (
            Warning::Template {
                line: Some(l),
                message,
            },
            true,
        ) => format!("Template line {l}: {message}"),
        (
            Warning::Template {
                line: None,
                message,
            },
            _,
        ) => message.clone(),
    }
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    render(page(&state, ctx, province, id, Errors::default()).await?)
}

pub(super) fn refused(refusal: Refused) -> Errors {
    match refusal {
        Refused::Invalid(invalid) => invalid.into(),
        Refused::Template(err) => {
            let (th, en) = super::template::explain(&err);
            Errors(vec![FieldError::new(
                "template",
                format!("แม่แบบเกียรติบัตรของจังหวัด: {th}"),
                format!("The province's certificate template: {en}"),
            )])
        }
    }
}

pub(super) async fn sheet(
    state: &AppState,
    headers: &HeaderMap,
    e: &Event,
) -> Result<Arc<Sheet>, AppError> {
    Ok(Arc::new(
        certify::sheet(state, e, &public_base(state, headers)).await?,
    ))
}

pub(super) fn back(province: i64, id: i64) -> Response {
    Redirect::to(&format!("/p/{province}/events/{id}/certificates")).into_response()
}

pub async fn issue_one(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path((province, id, reg)): Path<(i64, i64, i64)>,
) -> Result<Response, AppError> {
    let e = event::find(&state.db, province, id).await?;
    let r = registration::find(&state.db, id, reg).await?;
    let sheet = sheet(&state, &headers, &e).await?;
    match certify::issue(&state, &actor(&ctx), &sheet, &e, &r).await? {
        Ok(_) => Ok(back(province, id)),
        Err(refusal) => render_invalid(page(&state, ctx, province, id, refused(refusal)).await?),
    }
}

pub async fn issue_all(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path((province, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let e = event::find(&state.db, province, id).await?;
    let sheet = sheet(&state, &headers, &e).await?;
    certify::run_all(state.clone(), actor(&ctx), sheet, e).await?;
    Ok(back(province, id))
}

pub async fn zip(
    State(state): State<AppState>,
    Path((province, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let e = event::find(&state.db, province, id).await?;
    let mut files = Vec::new();
    for c in certificate::list(&state.db, id)
        .await?
        .iter()
        .filter(|c| c.is_valid())
    {
        let pdf = certificate::pdf(&state.db, c.id).await?;
        files.push((format!("{:04} {}.pdf", c.number, c.name), pdf));
    }
    let bytes =
        sermphalang_documents::write_zip(files.iter().map(|(n, b)| (n.clone(), b.as_slice())))
            .map_err(|err| AppError::Internal(err.to_string()))?;
    Ok(download(
        bytes,
        "application/zip",
        &format!("certificates-{}.zip", e.id),
    ))
}

pub async fn pdf(
    State(state): State<AppState>,
    Path((province, id, cert)): Path<(i64, i64, i64)>,
) -> Result<Response, AppError> {
    event::find(&state.db, province, id).await?;
    let c = certificate::find(&state.db, id, cert).await?;
    let pdf = certificate::pdf(&state.db, c.id).await?;
    Ok(download(
        pdf,
        "application/pdf",
        &format!("certificate-{:04}.pdf", c.number),
    ))
}

/// A sample certificate of this event with its artwork and the province's template.
pub async fn preview(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path((province, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let e = event::find(&state.db, province, id).await?;
    let sheet = sheet(&state, &headers, &e).await?;
    let (_, sample) = sermphalang_pdf::certificate::sample();
    let certificate = sheet.certificate(&e, sample.name, 1, "SAMPLE0000000000");
    let rendered = tokio::task::spawn_blocking(move || sheet.typesetter.render(&certificate))
        .await
        .map_err(|err| AppError::Internal(err.to_string()))?;
    match rendered {
        Ok(r) => Ok(download(
            r.pdf,
            "application/pdf",
            "certificate-preview.pdf",
        )),
        Err(err) => {
            render_invalid(page(&state, ctx, province, id, refused(Refused::Template(err))).await?)
        }
    }
}

/// A logo or signature as a certificate will print it: its header checked before anything
/// decodes it, placed by Typst once, and scaled into `bounds`. The reason, in Thai and
/// English, when it cannot be used.
fn artwork_image(
    data: Vec<u8>,
    bounds: (u32, u32),
) -> Result<(&'static str, Vec<u8>), (String, String)> {
    crate::upload::inspect(&data).map_err(|r| (r.th(), r.en()))?;
    let content_type = check_image(&data).map_err(|e| (e.clone(), e))?;
    let data = fit(data, content_type, bounds).map_err(|e| (e.clone(), e))?;
    Ok((content_type, data))
}

/// The artwork form: up to three signatories with signature images, and one new logo.
pub async fn artwork(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let e = event::find(&state.db, province, id).await?;
    let bad = |e: axum::extract::multipart::MultipartError| AppError::BadRequest(e.to_string());
    let mut rows: Vec<SignatoryInput> = (0..SIGNATORY_ROWS)
        .map(|_| SignatoryInput {
            name: String::new(),
            title: String::new(),
            signature: None,
        })
        .collect();
    let mut logo = None;
    let mut errors = Invalid::default();
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or_default().to_string();
        let (kind, index) = name.split_once('_').unwrap_or((name.as_str(), ""));
        let index = index.parse::<usize>().ok().filter(|i| *i < SIGNATORY_ROWS);
        if matches!(kind, "signature" | "logo") {
            let file_name = field.file_name().unwrap_or("image").to_string();
            let data = field.bytes().await.map_err(bad)?.to_vec();
            if data.is_empty() {
                continue;
            }
            let bounds = if kind == "logo" {
                LOGO_BOX
            } else {
                SIGNATURE_BOX
            };
            match artwork_image(data, bounds) {
                Ok((content_type, data)) => match (kind, index) {
                    ("logo", _) => logo = Some((file_name, content_type, data)),
                    (_, Some(i)) => rows[i].signature = Some((file_name, content_type.to_string(), data)),
                    _ => {}
                },
                Err((th, en)) => errors.push(FieldError::new(
                    "artwork",
                    format!("ไฟล์ \"{file_name}\" ใช้ไม่ได้: ต้องเป็นภาพ PNG หรือ JPEG ไม่เกิน 2 MB ({th})"),
                    format!("\"{file_name}\" cannot be used: it must be a PNG or JPEG image up to 2 MB ({en})"),
                )),
            }
            continue;
        }
        let text = field.text().await.map_err(bad)?;
        match (kind, index) {
            ("name", Some(i)) => rows[i].name = text,
            ("title", Some(i)) => rows[i].title = text,
            _ => {}
        }
    }
    if rows
        .iter()
        .any(|r| r.name.chars().count() > 200 || r.title.chars().count() > 200)
    {
        errors.push(FieldError::new(
            "artwork",
            "ชื่อหรือตำแหน่งผู้ลงนามยาวเกิน 200 ตัวอักษร",
            "A signatory's name or position is longer than 200 characters",
        ));
    }
    if !errors.is_empty() {
        return render_invalid(page(&state, ctx, province, id, errors.into()).await?);
    }
    let who = actor(&ctx);
    artwork::set_signatories(&state.db, &who, &e, &rows).await?;
    if let Some((name, content_type, data)) = logo {
        artwork::add_logo(&state.db, &who, &e, &name, content_type, &data).await?;
    }
    Ok(back(province, id))
}

pub async fn remove_logo(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id, file)): Path<(i64, i64, i64)>,
) -> Result<Response, AppError> {
    let e = event::find(&state.db, province, id).await?;
    artwork::remove_logo(&state.db, &actor(&ctx), &e, file).await?;
    Ok(back(province, id))
}
