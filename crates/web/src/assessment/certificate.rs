//! An awarded level's certificate: the province's certificate template (the one its trainings
//! use), saying that the unit passed the assessment at its level for the fiscal year, with a
//! code that `/verify` reads.

use crate::AppState;
use crate::error::AppError;
use sermphalang_domain::assessment::Level;
use sermphalang_domain::training::codes;
use sermphalang_pdf::certificate::{Artwork, Certificate, Typesetter};
use sermphalang_store::assessment::assessments::Assessment;
use sermphalang_store::training::artwork;
use sermphalang_thai::{format_long, today_in_thailand};

pub async fn render(
    state: &AppState,
    a: &Assessment,
    level: Level,
    code: &str,
    verify_base: &str,
) -> Result<Vec<u8>, AppError> {
    let province = state
        .geo
        .province(a.province_code)
        .map(|p| p.name_th.clone())
        .unwrap_or_default();
    let source = artwork::template(&state.db, a.province_code).await?;
    // No signatory: the office signs the printed certificate by hand if it wants to.
    let artwork = Artwork::default();
    let typesetter = Typesetter::new(
        source.as_deref(),
        artwork,
        state.certificate_worker.as_ref(),
    )
    .map_err(|e| AppError::Internal(e.to_string()))?;
    let today = today_in_thailand();
    let certificate = Certificate {
        name: a.unit_name.clone(),
        event: format!(
            "{} ประจำปีงบประมาณ พ.ศ. {}",
            level.title_th(a.subject),
            a.fiscal_year
        ),
        event_kind: "การประเมิน".into(),
        held_on: format_long(today),
        venue: String::new(),
        issued_on: format_long(today),
        issuer: format!("สำนักงานวัฒนธรรมจังหวัด{province}"),
        province,
        number: codes::certificate_number(a.id, today),
        code: codes::display(code),
        verify_url: format!("{verify_base}/verify/{code}"),
    };
    let rendered = tokio::task::spawn_blocking(move || typesetter.render(&certificate))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(rendered.pdf)
}
