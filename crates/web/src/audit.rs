use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{ListLinks, render};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Deserialize;
use sermphalang_store::audit::{self, AuditFilter, Entry};
use sermphalang_store::{Page, PageRequest};

/// Entries carry their changes field by field: 25 keep a page within its 60 KB budget.
const AUDIT_PER_PAGE: i64 = 25;

#[derive(Deserialize, Default)]
pub struct AuditQuery {
    page: Option<i64>,
    #[serde(default)]
    who: String,
    #[serde(default)]
    kind: String,
    /// Days as typed, B.E. (18/2/2565).
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

/// The kinds of record the log can be narrowed to.
const KINDS: [&str; 7] = [
    "organization",
    "person",
    "working_group",
    "cycle",
    "event",
    "registration",
    "user",
];

/// One field an entry changed, as words: its label, before and after.
pub struct FieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    page: Page<Entry>,
    links: ListLinks,
    query: AuditQuery,
    actors: Vec<String>,
    kinds: [&'static str; 7],
    /// A date filter that could not be read.
    bad_date: bool,
}

impl AuditPage {
    fn link(&self, e: &Entry) -> Option<String> {
        let section = match e.entity.as_str() {
            "organization" => "orgs",
            "person" => "people",
            "working_group" => "groups",
            "cycle" => "cycles",
            "event" => "events",
            _ => return None,
        };
        Some(format!("/p/{}/{section}/{}", self.province, e.entity_id?))
    }

    fn is_kind(&self, kind: &str) -> bool {
        self.query.kind == kind
    }

    /// The fields an entry changed, with readable values; only those that differ.
    fn changes(&self, e: &Entry) -> Vec<FieldChange> {
        let parse = |j: &Option<String>| {
            j.as_deref()
                .and_then(|t| serde_json::from_str::<serde_json::Value>(t).ok())
                .and_then(|v| v.as_object().cloned())
                .unwrap_or_default()
        };
        let (before, after) = (parse(&e.before_json), parse(&e.after_json));
        let mut fields: Vec<&String> = before.keys().chain(after.keys()).collect();
        fields.sort();
        fields.dedup();
        fields
            .into_iter()
            .filter(|f| before.get(*f) != after.get(*f))
            .map(|f| FieldChange {
                field: self.field_label(f),
                before: readable(before.get(f)),
                after: readable(after.get(f)),
            })
            .collect()
    }

    fn field_label(&self, field: &str) -> String {
        self.ctx
            .word(&format!("field_{field}"))
            .or_else(|| self.ctx.word(field))
            .map(str::to_string)
            .unwrap_or_else(|| field.replace('_', " "))
    }
}

fn readable(v: Option<&serde_json::Value>) -> String {
    use serde_json::Value;
    match v {
        None | Some(Value::Null) => "–".into(),
        Some(Value::String(s)) if s.is_empty() => "–".into(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(true)) => "✓".into(),
        Some(Value::Bool(false)) => "✗".into(),
        Some(Value::Array(items)) => {
            let parts: Vec<String> = items.iter().map(|i| readable(Some(i))).collect();
            if parts.is_empty() {
                "–".into()
            } else {
                parts.join(", ")
            }
        }
        Some(other) => other.to_string(),
    }
}

fn day(raw: &str, bad: &mut bool) -> Option<chrono::NaiveDate> {
    if raw.trim().is_empty() {
        return None;
    }
    let parsed = sermphalang_thai::parse_be_date(raw).ok();
    *bad |= parsed.is_none();
    parsed
}

pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(province): Path<i64>,
    Query(q): Query<AuditQuery>,
) -> Result<Response, AppError> {
    let mut bad_date = false;
    let filter = AuditFilter {
        who: Some(q.who.clone()),
        entity: KINDS.contains(&q.kind.as_str()).then(|| q.kind.clone()),
        from: day(&q.from, &mut bad_date),
        to: day(&q.to, &mut bad_date),
    };
    let mut request = PageRequest::new(q.page);
    request.per_page = AUDIT_PER_PAGE;
    let page = audit::search(&state.db, Some(province), &filter, request).await?;
    let base = format!("/p/{province}/audit");
    let kept = [
        ("who", q.who.clone()),
        ("kind", q.kind.clone()),
        ("from", q.from.clone()),
        ("to", q.to.clone()),
    ];
    render(AuditPage {
        actors: audit::actors(&state.db, province).await?,
        kinds: KINDS,
        bad_date,
        ctx,
        prov: Some(province),
        province,
        links: ListLinks::new(&base, &kept, page.page),
        page,
        query: q,
    })
}
