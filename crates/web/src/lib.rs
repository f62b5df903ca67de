//! The web application: one route table, server-rendered Thai-first pages, a JSON API,
//! health and metrics. `app` builds it; tests and the binary start it on their own listener.

// The shell, shared by every feature.
mod accounts;
mod api;
mod assets;
mod audit;
mod auth;
mod ctx;
mod error;
mod front_cache;
mod home;
mod i18n;
mod kept;
mod metrics;
mod pages;
pub mod routes;
mod security;
mod shared_pages;
mod sheet_upload;
mod upload;

// The features, one folder each.
mod assessment;
mod dashboard;
pub mod evaluation;
mod news;
mod plan;
mod registry;
mod report;
mod search;
mod training;

use sermphalang_store::Db;
use sermphalang_store::registry::geo::Geo;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;

pub use error::AppError;

/// What every handler shares. Cloned for each extraction, so it is one reference count: a
/// profile of the plan's home under load found a field-by-field clone (some twenty counts, a
/// string, a command line) among its costliest symbols.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

pub struct Shared {
    pub db: Db,
    pub geo: Arc<Geo>,
    pub metrics: Arc<metrics::Metrics>,
    pub limiter: Arc<auth::LoginLimiter>,
    pub live: evaluation::live::Hub,
    pub votes: Arc<evaluation::live::limiter::VoteLimiter>,
    pub lookups: Arc<evaluation::live::limiter::PublicLimiter>,
    pub code_misses: Arc<evaluation::live::limiter::MissLimiter>,
    pub recent: Arc<evaluation::live::recent::Recent>,
    /// Ratings and joins from phones, committed together.
    pub ratings: Arc<evaluation::live::batch::Ratings>,
    pub joins: Arc<evaluation::live::batch::Joins>,
    /// Mark cookies `Secure`: set when the site is served over TLS (behind a proxy).
    pub secure_cookies: bool,
    /// Where people reach the site, without a trailing slash; the projector's join address.
    pub public_url: Option<String>,
    /// How to start the worker that typesets provinces' own certificate templates within
    /// limits; unset, they are typeset in this process without limits (tests).
    pub certificate_worker: Option<sermphalang_pdf::certificate::WorkerCommand>,
    /// The dashboards' figures, reused for a moment (`kept.rs`).
    pub boards: kept::Kept<dashboard::board::Board>,
    pub nations: kept::Kept<dashboard::nation::Nation>,
    /// Public pages as anonymous readers get them, reused for a moment (`shared_pages`).
    pub shared_pages: kept::Kept<shared_pages::Shared>,
    /// The same pages as sent, answered before routing (`front_cache`).
    pub front_pages: kept::Kept<front_cache::FrontPage>,
    /// The photos each published article shows, for its photo requests.
    pub shown_photos: kept::Kept<Vec<i64>>,
    /// Cleared while data is still being loaded in the background (the demo), so that
    /// `/readyz` tells scripts and load balancers to wait; set again when it is done.
    pub ready: Arc<std::sync::atomic::AtomicBool>,
}

impl AppState {
    pub async fn new(
        db: Db,
        secure_cookies: bool,
    ) -> Result<AppState, sermphalang_store::StoreError> {
        let geo = Arc::new(Geo::load(&db).await?);
        let metrics = Arc::new(metrics::Metrics::default());
        Ok(AppState(Arc::new(Shared {
            live: evaluation::live::Hub::new(db.clone(), geo.clone()),
            ratings: Arc::new(evaluation::live::batch::ratings(db.clone(), &metrics)),
            joins: Arc::new(evaluation::live::batch::joins(db.clone(), &metrics)),
            db,
            geo,
            metrics,
            limiter: Arc::new(auth::LoginLimiter::default()),
            votes: Arc::default(),
            lookups: Arc::default(),
            code_misses: Arc::new(evaluation::live::limiter::code_misses()),
            recent: Arc::default(),
            secure_cookies,
            public_url: None,
            certificate_worker: None,
            boards: Default::default(),
            nations: Default::default(),
            shared_pages: Default::default(),
            front_pages: Default::default(),
            shown_photos: Default::default(),
            ready: Arc::new(std::sync::atomic::AtomicBool::new(true)),
        })))
    }

    /// The settings a command line sets before the server starts.
    ///
    /// # Panics
    /// Once the state is shared, that is, once serving began.
    pub fn settings(&mut self) -> &mut Shared {
        Arc::get_mut(&mut self.0).expect("settings change before the state is shared")
    }
}

/// Awards the demo's fully verified assessments with their certificates.
pub async fn award_demo_assessments(state: &AppState, base: &str) -> Result<usize, String> {
    assessment::verify::award_demo(state, base)
        .await
        .map_err(|e| e.to_string())
}

/// Issues the demo workshop's certificates, with QR codes pointing at `base`.
pub async fn issue_demo_certificates(state: &AppState, base: &str) -> Result<usize, String> {
    training::certify::issue_demo(state, base)
        .await
        .map_err(|e| e.to_string())
}

/// A demo photo drawn from `seed`, with a phone's EXIF block, through the photo pipeline
/// every upload takes: what the demo's activity reports show.
pub fn demo_photo(seed: u64) -> Option<sermphalang_store::report::photos::Made> {
    use sermphalang_documents::sample_photo::{drawn, with_phone_exif};
    let (w, h) = if seed.is_multiple_of(3) {
        (720, 960)
    } else {
        (960, 720)
    };
    let made = sermphalang_documents::photo::process(&with_phone_exif(&drawn(seed, w, h))).ok()?;
    let own =
        |r: sermphalang_documents::photo::Rendition| sermphalang_store::report::photos::OwnedSize {
            width: r.width,
            height: r.height,
            jpeg: r.jpeg,
        };
    Some(sermphalang_store::report::photos::Made {
        original: own(made.original),
        display: own(made.display),
        thumbnail: own(made.thumbnail),
    })
}

pub fn app(state: AppState) -> axum::Router {
    routes::router(state)
}

/// Serves until `shutdown` resolves, then lets requests in flight finish.
/// Scheduled news becomes findable within a minute of its time (readers' pages go by the
/// time itself).
async fn publish_when_due(db: sermphalang_store::Db) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(60));
    loop {
        every.tick().await;
        if let Err(e) = sermphalang_store::news::posts::publish_due(&db).await {
            tracing::warn!(error = %e, "indexing scheduled news failed");
        }
    }
}

pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    tokio::spawn(publish_when_due(state.db.clone()));
    let app = app(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}
