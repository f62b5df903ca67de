//! Turning a registration into a certificate: the data the template reads, rendering off the
//! async threads, and storing it under the next number (retrying if another issue took it).

use crate::AppState;
use crate::error::AppError;
use sermphalang_domain::training::codes;
use sermphalang_pdf::certificate::{Artwork, Certificate, Signatory, TemplateError, Typesetter};
use sermphalang_store::audit::Actor;
use sermphalang_store::training::event::{self, Event};
use sermphalang_store::training::registration::Registration;
use sermphalang_store::training::{artwork, certificate, registration, runs};
use sermphalang_store::{StoreError, files};
use std::sync::Arc;

/// Everything that stays the same for an event's certificates.
pub struct Sheet {
    /// The province's template with the event's artwork.
    pub typesetter: Typesetter,
    pub base: Certificate,
    pub verify_base: String,
}

/// The province's template, or the default one, with the event's artwork.
async fn typesetter(state: &AppState, e: &Event) -> Result<Typesetter, AppError> {
    let source = artwork::template(&state.db, e.province_code).await?;
    let artwork = load_artwork(state, e).await?;
    Typesetter::new(
        source.as_deref(),
        artwork,
        state.certificate_worker.as_ref(),
    )
    .map_err(|e| AppError::Internal(e.to_string()))
}

pub async fn load_artwork(state: &AppState, e: &Event) -> Result<Artwork, AppError> {
    let mut logos = Vec::new();
    for id in artwork::logos(&state.db, e.id).await? {
        logos.push(files::find(&state.db, e.province_code, id).await?.data);
    }
    let mut signatories = Vec::new();
    for s in artwork::signatories(&state.db, e.id).await? {
        let signature = match s.signature_file_id {
            Some(id) => Some(files::find(&state.db, e.province_code, id).await?.data),
            None => None,
        };
        signatories.push(Signatory {
            name: s.name,
            position: s.title,
            signature,
        });
    }
    Ok(Artwork { logos, signatories })
}

fn days(e: &Event) -> String {
    use sermphalang_thai::format_long;
    if e.starts_on == e.ends_on {
        format_long(e.starts_on)
    } else {
        format!("{} – {}", format_long(e.starts_on), format_long(e.ends_on))
    }
}

pub async fn sheet(state: &AppState, e: &Event, verify_base: &str) -> Result<Sheet, AppError> {
    let province = state
        .geo
        .province(e.province_code)
        .map(|p| p.name_th.clone())
        .unwrap_or_default();
    let organizers = event::organizers(&state.db, e.id).await?;
    let issuer = if organizers.is_empty() {
        format!("สำนักงานวัฒนธรรมจังหวัด{province}")
    } else {
        organizers
            .iter()
            .map(|o| o.name.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    Ok(Sheet {
        typesetter: typesetter(state, e).await?,
        base: Certificate {
            event: e.title.clone(),
            event_kind: if e.kind.begins(&e.title) {
                String::new()
            } else {
                e.kind.label_th().into()
            },
            held_on: days(e),
            venue: e.venue.clone(),
            issued_on: sermphalang_thai::format_long(e.certificate_day()),
            issuer,
            province,
            ..Certificate::default()
        },
        verify_base: verify_base.to_string(),
    })
}

impl Sheet {
    pub fn certificate(&self, e: &Event, name: String, number: i64, code: &str) -> Certificate {
        Certificate {
            name,
            number: codes::certificate_number(number, e.certificate_day()),
            code: codes::display(code),
            verify_url: format!("{}/verify/{code}", self.verify_base),
            ..self.base.clone()
        }
    }
}

/// Why a certificate was not issued, as the page shows it.
pub enum Refused {
    Invalid(sermphalang_domain::Invalid),
    Template(TemplateError),
}

async fn render(sheet: &Arc<Sheet>, certificate: Certificate) -> Result<Vec<u8>, Refused> {
    let sheet = sheet.clone();
    let rendered = tokio::task::spawn_blocking(move || sheet.typesetter.render(&certificate))
        .await
        .map_err(|_| Refused::Template(TemplateError::default()))?;
    rendered.map(|r| r.pdf).map_err(Refused::Template)
}

/// Issues one certificate, retrying with a fresh number when a concurrent issue took it.
pub async fn issue(
    state: &AppState,
    actor: &Actor,
    sheet: &Arc<Sheet>,
    e: &Event,
    r: &Registration,
) -> Result<Result<i64, Refused>, AppError> {
    for _ in 0..5 {
        let (number, code) = certificate::next(&state.db, e.id).await?;
        let pdf = match render(sheet, sheet.certificate(e, r.full_name(), number, &code)).await {
            Ok(pdf) => pdf,
            Err(refused) => return Ok(Err(refused)),
        };
        match certificate::issue(&state.db, actor, e, r, number, &code, &pdf).await {
            Ok(id) => return Ok(Ok(id)),
            Err(StoreError::Invalid(invalid)) => return Ok(Err(Refused::Invalid(invalid))),
            Err(err) if certificate::is_taken_number(&err) => continue,
            Err(err) => return Err(err.into()),
        }
    }
    Err(AppError::Internal(
        "certificate numbers kept being taken".into(),
    ))
}

/// Re-renders an issued certificate under its number and code with the registration's current
/// name.
pub async fn reissue(
    state: &AppState,
    actor: &Actor,
    sheet: &Arc<Sheet>,
    e: &Event,
    c: &certificate::Certificate,
    name: String,
    reason: &str,
) -> Result<Result<(), Refused>, AppError> {
    let pdf = match render(sheet, sheet.certificate(e, name.clone(), c.number, &c.code)).await {
        Ok(pdf) => pdf,
        Err(refused) => return Ok(Err(refused)),
    };
    match certificate::reissue(&state.db, actor, e, c, &name, reason, &pdf).await {
        Ok(()) => Ok(Ok(())),
        Err(StoreError::Invalid(invalid)) => Ok(Err(Refused::Invalid(invalid))),
        Err(err) => Err(err.into()),
    }
}

/// Registrations that completed and have no certificate yet.
pub async fn pending(state: &AppState, e: &Event) -> Result<Vec<Registration>, AppError> {
    let standings = certificate::standings(&state.db, e).await?;
    let issued = certificate::list(&state.db, e.id).await?;
    let due = |id: i64| {
        standings
            .iter()
            .any(|s| s.registration_id == id && s.completed())
            && issued.iter().all(|c| c.registration_id != id)
    };
    let mut registrations = registration::list(&state.db, e.id).await?;
    registrations.retain(|r| due(r.id));
    registrations.sort_by_key(|r| r.id);
    Ok(registrations)
}

/// Issues every pending certificate in the background, counting progress in the run.
pub async fn run_all(
    state: AppState,
    actor: Actor,
    sheet: Arc<Sheet>,
    e: Event,
) -> Result<i64, AppError> {
    let due = pending(&state, &e).await?;
    let run = runs::start(&state.db, e.id, due.len() as i64, actor.user_id).await?;
    tokio::spawn(async move {
        let mut issued = Vec::with_capacity(due.len());
        for batch in due.chunks(BATCH) {
            issued.extend(issue_batch(&state, &actor, &sheet, &e, batch).await);
        }
        for (r, outcome) in due.iter().zip(issued) {
            let failure = match outcome {
                Ok(Ok(_)) => None,
                Ok(Err(Refused::Invalid(invalid))) => {
                    Some(format!("{}: {}", r.full_name(), invalid.summary_th()))
                }
                Ok(Err(Refused::Template(err))) => {
                    let (th, _) = super::template::explain(&err);
                    Some(format!("{}: {th}", r.full_name()))
                }
                Err(err) => Some(format!("{}: {err}", r.full_name())),
            };
            if let Err(err) = runs::step(&state.db, run, failure.as_deref()).await {
                tracing::error!(%err, run, "could not count a certificate run's progress");
            }
        }
        if let Err(err) = runs::finish(&state.db, run).await {
            tracing::error!(%err, run, "could not finish a certificate run");
        }
    });
    Ok(run)
}

/// Issues, in order and before returning, every pending certificate of the demo workshop;
/// the QR codes point at `base`. Returns how many were issued.
pub async fn issue_demo(state: &AppState, base: &str) -> Result<usize, AppError> {
    let province = sermphalang_store::demo::UDON_THANI;
    let Some(e) = event::list(&state.db, province)
        .await?
        .into_iter()
        .find(|e| e.title == sermphalang_store::demo::WORKSHOP_TITLE)
    else {
        return Ok(0);
    };
    let sheet = Arc::new(sheet(state, &e, base).await?);
    let mut issued = 0;
    for batch in pending(state, &e).await?.chunks(BATCH) {
        for outcome in issue_batch(state, &Actor::system(), &sheet, &e, batch).await {
            if outcome?.is_ok() {
                issued += 1;
            }
        }
    }
    Ok(issued)
}

/// Certificates typeset together: the typesetter shares its fonts and images among them.
const BATCH: usize = 50;

/// Issues `due` under consecutive numbers from the next free one, rendered together. One whose
/// number another issue took meanwhile is issued again on its own, under a fresh number.
async fn issue_batch(
    state: &AppState,
    actor: &Actor,
    sheet: &Arc<Sheet>,
    e: &Event,
    due: &[Registration],
) -> Vec<Result<Result<i64, Refused>, AppError>> {
    let mut outcomes = Vec::with_capacity(due.len());
    let Ok((first, _)) = certificate::next(&state.db, e.id).await else {
        // One at a time, each says what went wrong.
        for r in due {
            outcomes.push(issue(state, actor, sheet, e, r).await);
        }
        return outcomes;
    };
    let numbered: Vec<(i64, String)> = (first..)
        .zip(due)
        .map(|(number, _)| (number, codes::generate(&mut rand::rng())))
        .collect();
    let certificates: Vec<Certificate> = due
        .iter()
        .zip(&numbered)
        .map(|(r, (number, code))| sheet.certificate(e, r.full_name(), *number, code))
        .collect();
    let shared = sheet.clone();
    let rendered = tokio::task::spawn_blocking(move || shared.typesetter.render_all(&certificates))
        .await
        .unwrap_or_default();
    for (i, (r, (number, code))) in due.iter().zip(&numbered).enumerate() {
        let outcome = match rendered.get(i) {
            Some(Ok(rendered)) => {
                match certificate::issue(&state.db, actor, e, r, *number, code, &rendered.pdf).await
                {
                    Ok(id) => Ok(Ok(id)),
                    Err(StoreError::Invalid(invalid)) => Ok(Err(Refused::Invalid(invalid))),
                    Err(err) if certificate::is_taken_number(&err) => {
                        issue(state, actor, sheet, e, r).await
                    }
                    Err(err) => Err(err.into()),
                }
            }
            Some(Err(err)) => Ok(Err(Refused::Template(err.clone()))),
            None => issue(state, actor, sheet, e, r).await,
        };
        outcomes.push(outcome);
    }
    outcomes
}
