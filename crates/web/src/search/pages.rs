//! The search pages: a province's, for its signed-in members, and the open one, for anyone.

use super::snippet::{Piece, marked, snippet};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{ListLinks, render};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use chrono::NaiveDate;
use serde::Deserialize;
use sermphalang_store::search::{self, Audience, Hit, Kind};
use sermphalang_store::{Page, PageRequest};
use sermphalang_thai::search::MAX_QUERY_CHARS;

/// Results on one page: enough to choose from, few enough to read on a phone.
const PER_PAGE: i64 = 20;

#[derive(Debug, Default, Deserialize)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    province: String,
    page: Option<i64>,
}

impl SearchQuery {
    fn pairs(&self, kind: &str) -> Vec<(&'static str, String)> {
        vec![
            ("q", self.q.clone()),
            ("kind", kind.to_string()),
            ("province", self.province.clone()),
        ]
    }
}

/// One result as the page shows it.
struct Found {
    kind: &'static str,
    href: String,
    title: Vec<Piece>,
    snippet: Vec<Piece>,
    dated: String,
    province: Option<String>,
}

struct KindTab {
    label: &'static str,
    /// "1,000+" when the count is a lower bound.
    count: String,
    href: String,
    current: bool,
}

#[derive(Template)]
#[template(path = "search/results.html")]
struct ResultsPage {
    ctx: Ctx,
    prov: Option<i64>,
    action: String,
    scope: String,
    query: SearchQuery,
    asked: bool,
    no_words: bool,
    cut: bool,
    results: Vec<Found>,
    tabs: Vec<KindTab>,
    page: Page<Hit>,
    links: ListLinks,
}

/// Where the searcher looks, and for what.
struct Scope {
    province: Option<i64>,
    audiences: Vec<Audience>,
    /// Public events link to their public page.
    open: bool,
    action: String,
}

/// A province's search: everything its members may see there.
pub async fn province(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(province): Path<i64>,
    Query(query): Query<SearchQuery>,
) -> Result<Response, AppError> {
    let mut audiences = vec![Audience::Public, Audience::Members];
    if ctx.can("news_write") {
        audiences.push(Audience::Editors);
    }
    let scope = Scope {
        province: Some(province),
        audiences,
        open: false,
        action: format!("/p/{province}/search"),
    };
    let note = format!(
        "{} {}",
        ctx.t("search_scope_province"),
        ctx.province_name(province)
    );
    answer(state, ctx, Some(province), scope, note, query).await
}

/// The open search: what is published, in every province or in one. National staff, who see
/// every province, also find what members see.
pub async fn open(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(query): Query<SearchQuery>,
) -> Result<Response, AppError> {
    let province = query.province.parse::<i64>().ok();
    let national = ctx
        .account
        .as_ref()
        .is_some_and(|a| !a.role.is_provincial());
    let audiences = if national {
        vec![Audience::Public, Audience::Members]
    } else {
        vec![Audience::Public]
    };
    let note = match (national, province) {
        (true, _) => ctx.t("search_scope_national").to_string(),
        (false, Some(p)) => format!("{} {}", ctx.t("search_scope_open_in"), ctx.province_name(p)),
        (false, None) => ctx.t("search_scope_open").to_string(),
    };
    let scope = Scope {
        province,
        audiences,
        open: !national,
        action: "/search".into(),
    };
    answer(state, ctx, None, scope, note, query).await
}

async fn answer(
    state: AppState,
    ctx: Ctx,
    prov: Option<i64>,
    scope: Scope,
    note: String,
    query: SearchQuery,
) -> Result<Response, AppError> {
    let kind = Kind::parse(&query.kind);
    let asked = !query.q.trim().is_empty();
    let page = PageRequest {
        page: query.page.unwrap_or(1).clamp(1, 500),
        per_page: PER_PAGE,
    };
    let found = if asked {
        search::find(
            &state.db,
            &search::Query {
                text: query.q.clone(),
                province: scope.province,
                audiences: scope.audiences.clone(),
                kinds: kind.into_iter().collect(),
                page,
            },
        )
        .await?
    } else {
        search::Found {
            terms: Vec::new(),
            hits: Page {
                items: Vec::new(),
                total: 0,
                page: 1,
                per_page: PER_PAGE,
            },
            by_kind: Vec::new(),
            at_least: false,
        }
    };
    let results = found
        .hits
        .items
        .iter()
        .map(|hit| Found {
            kind: ctx.t(&format!("search_kind_{}", hit.kind.code())),
            href: href(hit, scope.open),
            title: marked(&hit.title, &found.terms),
            snippet: snippet(&hit.body, &found.terms),
            dated: dated(&ctx, &hit.dated),
            province: (prov.is_none())
                .then_some(hit.province)
                .flatten()
                .map(|p| ctx.province_name(p)),
        })
        .collect();
    let link = |kind: &str| {
        let pairs: Vec<(&str, String)> = query
            .pairs(kind)
            .into_iter()
            .filter(|(_, v)| !v.is_empty())
            .collect();
        format!(
            "{}?{}",
            scope.action,
            serde_urlencoded::to_string(pairs).unwrap_or_default()
        )
    };
    let plus = if found.at_least { "+" } else { "" };
    let count = |n: i64| format!("{}{plus}", ctx.count(n));
    let mut tabs = vec![KindTab {
        label: ctx.t("search_every_kind"),
        count: count(found.by_kind.iter().map(|(_, n)| n).sum()),
        href: link(""),
        current: kind.is_none(),
    }];
    tabs.extend(found.by_kind.iter().map(|(k, n)| KindTab {
        label: ctx.t(&format!("search_kinds_{}", k.code())),
        count: count(*n),
        href: link(k.code()),
        current: kind == Some(*k),
    }));
    let links = ListLinks::new(&scope.action, &query.pairs(&query.kind), found.hits.page);
    render(ResultsPage {
        prov,
        action: scope.action,
        scope: note,
        asked,
        no_words: asked && found.terms.is_empty(),
        cut: query.q.chars().count() > MAX_QUERY_CHARS,
        results,
        tabs,
        page: found.hits,
        links,
        query,
        ctx,
    })
}

/// Where a result leads: the record's page in its province, or a public event's open page.
fn href(hit: &Hit, open: bool) -> String {
    let p = hit.province.unwrap_or_default();
    let id = hit.ref_id;
    match hit.kind {
        Kind::Organization => format!("/p/{p}/orgs/{id}"),
        Kind::Person => format!("/p/{p}/people/{id}"),
        Kind::Event if open => format!("/events/{id}"),
        Kind::Event => format!("/p/{p}/events/{id}"),
        Kind::PlanEntry => format!(
            "/p/{p}/plans/{}/entries/{id}",
            hit.parent.unwrap_or_default()
        ),
        Kind::Report => format!("/p/{p}/reports/{id}"),
        Kind::News if open => format!("/news/{id}"),
        Kind::News if hit.province.is_some() => format!("/p/{p}/news/{id}"),
        Kind::News => format!("/nation/news/{id}"),
    }
}

/// A document's date (a day, or the day of a timestamp) as the page's language writes it.
fn dated(ctx: &Ctx, text: &str) -> String {
    text.get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .map(|d| ctx.date(d))
        .unwrap_or_default()
}
