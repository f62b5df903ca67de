//! RSS 2.0 and Atom feeds of the published news, all of it or a province's or a tag's.

use super::public::description;
use crate::AppState;
use crate::error::AppError;
use crate::pages::public_base;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, FixedOffset, NaiveDateTime};
use serde::Deserialize;
use sermphalang_store::PageRequest;
use sermphalang_store::news::posts::{self, Post, Scope};

/// Items in a feed: readers poll often and want the latest.
const ITEMS: i64 = 30;

#[derive(Debug, Default, Deserialize)]
pub struct FeedQuery {
    #[serde(default)]
    province: String,
    #[serde(default)]
    tag: String,
}

/// A Thai wall-clock time with its offset (UTC+7; Thailand keeps no daylight saving).
fn thai_time(at: NaiveDateTime) -> DateTime<FixedOffset> {
    let seven_hours = chrono::Duration::hours(7);
    match FixedOffset::east_opt(7 * 3600) {
        Some(offset) => DateTime::from_naive_utc_and_offset(at - seven_hours, offset),
        None => at.and_utc().fixed_offset(),
    }
}

async fn latest(state: &AppState, query: &FeedQuery) -> Result<Vec<Post>, AppError> {
    let scope = match query.province.as_str() {
        "" => Scope::Everyone,
        "national" => Scope::National,
        p => p.parse().map_or(Scope::Everyone, Scope::Province),
    };
    let tag = (!query.tag.is_empty()).then_some(query.tag.as_str());
    let page = PageRequest {
        page: 1,
        per_page: ITEMS,
    };
    Ok(posts::public_list(&state.db, scope, tag, page).await?.items)
}

const TITLE: &str = "ข่าวจังหวัดคุณธรรม · Moral Province news";

pub async fn rss(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<FeedQuery>,
) -> Result<Response, AppError> {
    let base = public_base(&state, &headers);
    let items: Vec<rss::Item> = latest(&state, &query)
        .await?
        .iter()
        .map(|p| {
            let url = format!("{base}/news/{}", p.id);
            rss::ItemBuilder::default()
                .title(Some(p.title.clone()))
                .link(Some(url.clone()))
                .description(Some(description(p)))
                .pub_date(Some(thai_time(p.publish_at).to_rfc2822()))
                .guid(Some(
                    rss::GuidBuilder::default()
                        .value(url)
                        .permalink(true)
                        .build(),
                ))
                .categories(
                    p.tags
                        .iter()
                        .map(|t| rss::CategoryBuilder::default().name(t.clone()).build())
                        .collect::<Vec<_>>(),
                )
                .build()
        })
        .collect();
    let channel = rss::ChannelBuilder::default()
        .title(TITLE)
        .link(format!("{base}/news"))
        .description("ข่าวสารจากศูนย์คุณธรรมและจังหวัดคุณธรรม")
        .language(Some("th".to_string()))
        .items(items)
        .build();
    Ok((
        [(header::CONTENT_TYPE, "application/rss+xml; charset=utf-8")],
        channel.to_string(),
    )
        .into_response())
}

pub async fn atom(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<FeedQuery>,
) -> Result<Response, AppError> {
    use atom_syndication::{EntryBuilder, FeedBuilder, LinkBuilder, Text};
    let base = public_base(&state, &headers);
    let posts = latest(&state, &query).await?;
    let updated = posts
        .first()
        .map(|p| thai_time(p.publish_at))
        .unwrap_or_else(|| thai_time(sermphalang_thai::now_in_thailand()));
    let entries: Vec<atom_syndication::Entry> = posts
        .iter()
        .map(|p| {
            let url = format!("{base}/news/{}", p.id);
            EntryBuilder::default()
                .title(p.title.clone())
                .id(url.clone())
                .updated(thai_time(p.publish_at))
                .published(Some(thai_time(p.publish_at)))
                .links(vec![LinkBuilder::default().href(url).build()])
                .summary(Some(Text::plain(description(p))))
                .build()
        })
        .collect();
    let feed = FeedBuilder::default()
        .title(TITLE)
        .id(format!("{base}/news"))
        .updated(updated)
        .lang(Some("th".to_string()))
        .links(vec![
            LinkBuilder::default().href(format!("{base}/news")).build(),
            LinkBuilder::default()
                .href(format!("{base}/news/feed.atom"))
                .rel("self")
                .build(),
        ])
        .entries(entries)
        .build();
    Ok((
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        feed.to_string(),
    )
        .into_response())
}
