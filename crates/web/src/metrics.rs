//! `/healthz` and `/metrics` (Prometheus text format): requests by route and status class,
//! and their durations; the live workshop's batched writes, their sizes and durations.

use crate::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;
use std::time::Instant;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RequestLabels {
    method: &'static str,
    route: String,
    status: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RouteLabels {
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct BatchLabels {
    pub kind: &'static str,
}

pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    durations: Family<RouteLabels, Histogram>,
    /// Writes committed together by the live workshop's batchers, per batch.
    pub batch_sizes: Family<BatchLabels, Histogram>,
    pub batch_seconds: Family<BatchLabels, Histogram>,
    /// Kept public pages answered before routing, which `track` never sees.
    front_hits: Counter,
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("sermphalang");
        let requests = Family::<RequestLabels, Counter>::default();
        let durations = Family::<RouteLabels, Histogram>::new_with_constructor(|| {
            Histogram::new(exponential_buckets(0.0005, 2.0, 14))
        });
        registry.register("http_requests", "HTTP requests answered", requests.clone());
        registry.register(
            "http_request_duration_seconds",
            "Time to answer HTTP requests",
            durations.clone(),
        );
        let batch_sizes = Family::<BatchLabels, Histogram>::new_with_constructor(|| {
            Histogram::new(exponential_buckets(1.0, 2.0, 10))
        });
        let batch_seconds = Family::<BatchLabels, Histogram>::new_with_constructor(|| {
            Histogram::new(exponential_buckets(0.0005, 2.0, 14))
        });
        registry.register(
            "live_write_batch_size",
            "Phones' writes committed in one transaction",
            batch_sizes.clone(),
        );
        registry.register(
            "live_write_batch_duration_seconds",
            "Time to write and commit one batch of phones' writes",
            batch_seconds.clone(),
        );
        let front_hits = requests
            .get_or_create(&RequestLabels {
                method: "GET",
                route: "(kept page)".into(),
                status: "2xx",
            })
            .clone();
        Metrics {
            front_hits,
            registry,
            requests,
            durations,
            batch_sizes,
            batch_seconds,
        }
    }
}

impl Metrics {
    pub fn count_front_hit(&self) {
        self.front_hits.inc();
    }
}

pub async fn track(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "unmatched".into());
    let method = method_label(req.method());
    let started = Instant::now();
    let response = next.run(req).await;
    let status = match response.status().as_u16() / 100 {
        1 => "1xx",
        2 => "2xx",
        3 => "3xx",
        4 => "4xx",
        _ => "5xx",
    };
    let labels = RequestLabels {
        method,
        route,
        status,
    };
    state.metrics.requests.get_or_create(&labels).inc();
    state
        .metrics
        .durations
        .get_or_create(&RouteLabels {
            route: labels.route,
        })
        .observe(started.elapsed().as_secs_f64());
    response
}

/// Every route is GET or POST; anything else is counted together (and refused).
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

pub async fn healthz(State(state): State<AppState>) -> Response {
    if state.db.ping().await {
        (StatusCode::OK, "ok").into_response()
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
    }
}

/// 200 once the server answers with all its data, 503 while a background load still writes
/// (the demo's reports, assessments and news): what a script should wait for before it reads
/// the demo's data or writes beside it.
pub async fn readyz(State(state): State<AppState>) -> Response {
    // JSON, not plain text: a plain-text error would be replaced by the calm page for people.
    let (status, why) = if !state.ready.load(std::sync::atomic::Ordering::SeqCst) {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            Some("loading: the demo's data is still being written"),
        )
    } else if state.db.ping().await {
        (StatusCode::OK, None)
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            Some("database unavailable"),
        )
    };
    let body = serde_json::json!({ "ready": why.is_none(), "why": why });
    (status, axum::Json(body)).into_response()
}

pub async fn prometheus(State(state): State<AppState>) -> Response {
    let mut text = String::new();
    if prometheus_client::encoding::text::encode(&mut text, &state.metrics.registry).is_err() {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    (
        [(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        text,
    )
        .into_response()
}
