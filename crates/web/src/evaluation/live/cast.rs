//! A participant's answer, the same whether it arrives by a phone's form post or by the JSON
//! API: checked, written in one transaction, then announced to the room's screens.

use crate::AppState;
use serde::Deserialize;
use sermphalang_domain::evaluation::{Rating, activity_title, phrase};
use sermphalang_domain::{FieldError, Invalid};
use sermphalang_store::StoreError;
use sermphalang_store::evaluation::cycle;
use sermphalang_store::evaluation::live::votes;
use sermphalang_store::evaluation::live::workshop::{
    CodeLookup, LiveSession, Participant, by_code, participant,
};
use std::net::IpAddr;
use utoipa::ToSchema;

/// One answer to one question. Exactly the fields of its kind are read.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct Answer {
    pub question: i64,
    /// `phrase`, `like`, `unlike`, `activity`, `dots` or `rating`.
    pub kind: String,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub phrase: Option<i64>,
    #[serde(default)]
    pub activity: Option<i64>,
    #[serde(default)]
    pub dots: Option<u32>,
    /// 1 to 10, or "abstain".
    #[serde(default)]
    pub rating: Option<String>,
    /// Any string of up to 64 letters, digits, `-` or `_` that the phone makes up for this
    /// answer and sends again when it retries: the answer is kept once. (The API also takes
    /// it as the `Idempotency-Key` header.) Ratings, dots and likes are kept once anyway.
    #[serde(default)]
    pub key: Option<String>,
}

#[derive(Debug)]
pub enum Refusal {
    Invalid(Invalid),
    Closed,
    NotFound,
    TooMany,
    Expired,
    NotJoined,
    /// The database is overloaded; the phone retries after a moment.
    Busy,
}

impl From<StoreError> for Refusal {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Invalid(i) => Refusal::Invalid(i),
            StoreError::Closed => Refusal::Closed,
            StoreError::NotFound => Refusal::NotFound,
            other if other.is_overload() => {
                tracing::warn!(cause = %other, "database overloaded; the phone will retry");
                Refusal::Busy
            }
            other => {
                tracing::error!(error = %other, "a live workshop write failed");
                Refusal::Invalid(Invalid(vec![FieldError::new(
                    "vote",
                    "ระบบบันทึกคำตอบไม่ได้ในขณะนี้ กรุณาลองใหม่",
                    "The answer could not be saved right now; please try again",
                )]))
            }
        }
    }
}

fn invalid(e: FieldError) -> Refusal {
    Refusal::Invalid(Invalid(vec![e]))
}

/// The running session a join code opens. Wrong codes are counted per address: after a few
/// misses in a short time an address is refused (429) before any lookup, so a six-digit
/// code cannot be found by trying, while a room of phones behind one router joins freely.
pub async fn session(state: &AppState, code: &str, from: IpAddr) -> Result<LiveSession, Refusal> {
    if !state.code_misses.has_room(from) {
        return Err(Refusal::TooMany);
    }
    let missed = match by_code(&state.db, code).await? {
        CodeLookup::Active(s) => {
            state.recent.remember_session(code, &s);
            return Ok(s);
        }
        CodeLookup::Expired => Refusal::Expired,
        CodeLookup::Unknown => Refusal::NotFound,
    };
    state.code_misses.allow(from);
    Err(missed)
}

/// The session an answer is for, remembered for a second: answers are a room's busiest
/// requests, and their writes check for themselves that the session is still running.
pub async fn session_for_answer(
    state: &AppState,
    code: &str,
    from: IpAddr,
) -> Result<LiveSession, Refusal> {
    match state.recent.session(code) {
        Some(s) if state.code_misses.has_room(from) => Ok(s),
        _ => session(state, code, from).await,
    }
}

/// The participant a token stands for, if they joined this session's cycle.
pub async fn member(
    state: &AppState,
    session: &LiveSession,
    token: Option<&str>,
) -> Result<Participant, Refusal> {
    let token = token.ok_or(Refusal::NotJoined)?;
    let found = match state.recent.participant(token) {
        Some(p) => Some(p),
        None => {
            let p = participant(&state.db, token).await?;
            if let Some(p) = &p {
                state.recent.remember_participant(token, p);
            }
            p
        }
    };
    match found {
        Some(p) if p.cycle_id == session.cycle_id => Ok(p),
        _ => Err(Refusal::NotJoined),
    }
}

/// Records the answer; returns the dots left for a dot vote.
pub async fn answer(
    state: &AppState,
    session: &LiveSession,
    who: &Participant,
    a: &Answer,
) -> Result<Option<u32>, Refusal> {
    if !state.votes.allow(who.id) {
        return Err(Refusal::TooMany);
    }
    let db = &state.db;
    let cycle = session.cycle_id;
    let mut left = None;
    match a.kind.as_str() {
        "phrase" => {
            let text = phrase(&a.text).map_err(invalid)?;
            votes::add_phrase(db, cycle, a.question, who.id, &text, key(a)?).await?;
        }
        "like" | "unlike" => {
            let phrase = a.phrase.ok_or(Refusal::NotFound)?;
            votes::like_phrase(db, cycle, a.question, who.id, phrase, a.kind == "like").await?;
        }
        "activity" => {
            let title = activity_title(&a.text).map_err(invalid)?;
            votes::suggest_activity(db, cycle, a.question, who.id, &title, key(a)?).await?;
        }
        "dots" => {
            let activity = a.activity.ok_or(Refusal::NotFound)?;
            let c = cycle::find_any(db, cycle).await?;
            let count = a.dots.unwrap_or(0);
            left = Some(votes::set_dots(db, &c, a.question, who.id, activity, count).await?);
        }
        "rating" => {
            let rating = Rating::parse(a.rating.as_deref().unwrap_or_default()).map_err(invalid)?;
            let vote = votes::RatingVote {
                cycle,
                question: a.question,
                participant: who.id,
                rating,
            };
            state.ratings.write(vote).await?;
        }
        _ => {
            return Err(invalid(FieldError::new(
                "kind",
                "ไม่รู้จักชนิดคำตอบ",
                "Unknown kind of answer",
            )));
        }
    }
    state.live.changed(cycle).await;
    Ok(left)
}

fn key(a: &Answer) -> Result<Option<&str>, Refusal> {
    match a.key.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(k)
            if k.len() <= 64
                && k.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') =>
        {
            Ok(Some(k))
        }
        Some(_) => Err(invalid(FieldError::new(
            "key",
            "รหัสคำตอบต้องเป็นตัวอักษรอังกฤษ ตัวเลข - หรือ _ ไม่เกิน 64 ตัว",
            "The answer key must be up to 64 letters, digits, - or _",
        ))),
    }
}
