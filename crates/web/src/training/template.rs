//! The province's certificate template: Typst markup the secretariat edits, checked against
//! sample data before it is saved, with errors shown at their line.

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{Errors, actor, download, render, render_invalid};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use sermphalang_domain::FieldError;
use sermphalang_pdf::certificate::{
    CertificateTemplate, Exceeded, Rendered, TemplateError, Typesetter, sample,
};
use sermphalang_store::training::artwork;

#[derive(Template)]
#[template(path = "training/certificate_template.html")]
struct EditorPage {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    source: String,
    custom: bool,
    prelude: &'static str,
    errors: Errors,
    warnings: Vec<String>,
    saved: bool,
}

async fn editor(
    state: &AppState,
    ctx: Ctx,
    province: i64,
    source: Option<String>,
    errors: Errors,
    warnings: Vec<String>,
) -> Result<EditorPage, AppError> {
    let stored = artwork::template(&state.db, province).await?;
    Ok(EditorPage {
        ctx,
        prov: Some(province),
        province,
        custom: stored.is_some(),
        source: source
            .or(stored)
            .unwrap_or_else(|| CertificateTemplate::default_source().to_string()),
        prelude: CertificateTemplate::prelude_source(),
        errors,
        warnings,
        saved: false,
    })
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(province): Path<i64>,
) -> Result<Response, AppError> {
    render(editor(&state, ctx, province, None, Errors::default(), Vec::new()).await?)
}

#[derive(Deserialize)]
pub struct TemplateForm {
    #[serde(default)]
    source: String,
    /// "save", "preview" or "reset".
    #[serde(default)]
    action: String,
}

/// Renders the sample certificate with `source` in the worker, off the async threads.
async fn try_render(state: &AppState, source: String) -> Result<Rendered, TemplateError> {
    let worker = state.certificate_worker.clone();
    tokio::task::spawn_blocking(move || {
        let (artwork, certificate) = sample();
        Typesetter::new(Some(&source), artwork, worker.as_ref())?.render(&certificate)
    })
    .await
    .unwrap_or_else(|_| Err(TemplateError::default()))
}

/// What is wrong with a template, in Thai and in English, in the secretariat's words.
pub fn explain(err: &TemplateError) -> (String, String) {
    match (err.exceeded, err.line) {
        (Some(Exceeded::Time { seconds }), _) => (
            format!(
                "แม่แบบใช้เวลาสร้างเกียรติบัตรหนึ่งฉบับเกิน {seconds} วินาที ระบบจึงหยุดไว้ \
                 โปรดตรวจคำสั่งวนซ้ำ (#for, #while) และจำนวนหน้า"
            ),
            format!(
                "The template took longer than {seconds} seconds for one certificate and was \
                 stopped; check its loops (#for, #while) and how many pages it makes"
            ),
        ),
        (Some(Exceeded::Memory { megabytes }), _) => (
            format!(
                "แม่แบบใช้หน่วยความจำเกิน {megabytes} MB ระบบจึงหยุดไว้ \
                 โปรดตรวจคำสั่งวนซ้ำและข้อมูลขนาดใหญ่ในแม่แบบ"
            ),
            format!(
                "The template needed more than {megabytes} MB of memory and was stopped; \
                 check its loops and any large data in it"
            ),
        ),
        (None, Some(line)) => (
            format!("แม่แบบผิดพลาดที่บรรทัด {line}: {}", err.message),
            format!("Template error on line {line}: {}", err.message),
        ),
        (None, None) if err.message.is_empty() => (
            "ระบบจัดหน้าหยุดทำงานกะทันหัน โปรดลองอีกครั้ง".into(),
            "The typesetter stopped unexpectedly; please try again".into(),
        ),
        (None, None) => (
            format!("แม่แบบผิดพลาด: {}", err.message),
            format!("Template error: {}", err.message),
        ),
    }
}

fn template_error(err: &TemplateError) -> Errors {
    let (th, en) = explain(err);
    Errors(vec![FieldError::new("source", th, en)])
}

pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(province): Path<i64>,
    Form(form): Form<TemplateForm>,
) -> Result<Response, AppError> {
    let who = actor(&ctx);
    if form.action == "reset" {
        artwork::set_template(&state.db, &who, province, None).await?;
        return Ok(Redirect::to(&format!("/p/{province}/certificate-template")).into_response());
    }
    // Browsers send textarea lines with CR LF; Typst counts lines either way.
    let source = form.source.replace("\r\n", "\n");
    if source.trim().is_empty() {
        let empty = Errors(vec![FieldError::new(
            "source",
            "แม่แบบว่างเปล่า",
            "The template is empty",
        )]);
        return render_invalid(
            editor(&state, ctx, province, Some(source), empty, Vec::new()).await?,
        );
    }
    match try_render(&state, source.clone()).await {
        Err(err) => render_invalid(
            editor(
                &state,
                ctx,
                province,
                Some(source),
                template_error(&err),
                Vec::new(),
            )
            .await?,
        ),
        Ok(rendered) if form.action == "preview" => Ok(download(
            rendered.pdf,
            "application/pdf",
            "certificate-template-preview.pdf",
        )),
        Ok(rendered) => {
            artwork::set_template(&state.db, &who, province, Some(&source)).await?;
            // The sample has no signature images on purpose; only the template's own warnings.
            let warnings = rendered
                .warnings
                .iter()
                .filter(|w| {
                    !matches!(
                        w,
                        sermphalang_pdf::certificate::Warning::MissingSignature { .. }
                    )
                })
                .map(|w| super::certificates::warning_text(&ctx, w))
                .collect();
            let mut page = editor(&state, ctx, province, None, Errors::default(), warnings).await?;
            page.saved = true;
            render(page)
        }
    }
}
