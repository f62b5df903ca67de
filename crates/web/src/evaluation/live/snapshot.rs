//! Everything the room's screens show about a cycle at one moment, read in one go so that a
//! vote needs no reads of its own for the projector.

use serde::Serialize;
use sermphalang_domain::evaluation::live::QuestionState;
use sermphalang_domain::evaluation::{RatingStats, Step};
use sermphalang_store::evaluation::live::votes;
use sermphalang_store::evaluation::live::votes::Phrase;
use sermphalang_store::evaluation::live::workshop::{self, Counts, LiveSession, Question};
use sermphalang_store::evaluation::{Activity, Cycle, activity, cycle, results};
use sermphalang_store::registry::geo::Geo;
use sermphalang_store::{Db, Result};
use std::collections::HashMap;

/// How many words the cloud shows.
const CLOUD_WORDS: usize = 40;

#[derive(Debug, Clone, Serialize)]
pub struct Snapshot {
    pub cycle: Cycle,
    /// Milliseconds since the epoch when reading began: every vote acknowledged before this
    /// moment is in the snapshot.
    pub as_of: f64,
    pub session: Option<LiveSession>,
    pub questions: Vec<Question>,
    pub phrases: Vec<Phrase>,
    pub words: Vec<CloudWord>,
    pub activities: Vec<Activity>,
    pub stats: HashMap<i64, RatingStats>,
    pub counts: Counts,
}

#[derive(Debug, Clone, Serialize)]
pub struct CloudWord {
    pub word: String,
    pub count: usize,
    /// 1 (smallest) to 6 (largest), for a CSS class: the page's policy allows no inline styles.
    pub size: u8,
}

pub fn now_ms() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64() * 1000.0)
        .unwrap_or_default()
}

impl Snapshot {
    /// The cycle as it stands; `geo` gives the province's district names, which the word
    /// cloud keeps whole, from memory rather than a query on every read.
    pub async fn read(db: &Db, geo: &Geo, cycle_id: i64) -> Result<Snapshot> {
        let as_of = now_ms();
        let cycle = cycle::find_any(db, cycle_id).await?;
        let phrases = votes::phrases(db, cycle_id).await?;
        let districts: Vec<&str> = geo
            .districts_of(cycle.province_code)
            .map(|d| d.name_th.as_str())
            .collect();
        let words = cloud(
            phrases
                .iter()
                .filter(|p| !p.hidden)
                .map(|p| p.text.as_str()),
            &districts,
        );
        Ok(Snapshot {
            as_of,
            session: workshop::current(db, cycle_id).await?,
            questions: workshop::questions(db, cycle_id).await?,
            activities: activity::list(db, cycle_id).await?,
            stats: results::rating_stats(db, cycle_id).await?,
            counts: workshop::counts(db, cycle_id).await?,
            phrases,
            words,
            cycle,
        })
    }

    /// Questions of the cycle's current step.
    pub fn current(&self) -> Vec<&Question> {
        self.questions
            .iter()
            .filter(|q| q.step == self.cycle.step)
            .collect()
    }

    pub fn activity(&self, id: &Option<i64>) -> Option<&Activity> {
        id.and_then(|id| self.activities.iter().find(|a| a.id == id))
    }

    pub fn live_activities(&self) -> Vec<&Activity> {
        self.activities
            .iter()
            .filter(|a| a.merged_into.is_none())
            .collect()
    }

    pub fn chosen(&self) -> Vec<&Activity> {
        self.activities
            .iter()
            .filter(|a| a.merged_into.is_none() && a.chosen)
            .collect()
    }

    pub fn stats_of(&self, activity: &i64) -> Option<&RatingStats> {
        self.stats.get(activity)
    }

    /// How many have answered a question.
    pub fn answered(&self, q: &Question) -> i64 {
        match q.step {
            Step::Mission => self.counts.phrase_authors,
            Step::Activities => self.counts.suggesters,
            Step::Dots => self.counts.dotters,
            Step::Rating => q
                .activity_id
                .and_then(|a| self.stats.get(&a))
                .map(|s| s.rated + s.abstained)
                .unwrap_or(0),
            Step::Planning => 0,
        }
    }

    pub fn step_revealed(&self) -> bool {
        let current = self.current();
        !current.is_empty() && current.iter().all(|q| q.revealed)
    }

    pub fn any_open(&self) -> bool {
        self.current()
            .iter()
            .any(|q| q.state == QuestionState::Open)
    }

    /// What a phone needs to know to decide whether its page is out of date.
    pub fn phone_key(&self) -> String {
        let mut key = format!(
            "{}:{}",
            self.cycle.step.code(),
            self.session.as_ref().map(|s| s.id).unwrap_or_default()
        );
        for q in self.current() {
            key.push_str(&format!(
                "|{}{}{}",
                q.id,
                q.state.code(),
                u8::from(q.revealed)
            ));
            if q.revealed {
                key.push_str(&format!("#{}", self.answered(q)));
            }
        }
        key
    }
}

fn cloud<'a>(texts: impl Iterator<Item = &'a str>, districts: &[&str]) -> Vec<CloudWord> {
    let counts = sermphalang_thai::word_counts_with(texts, districts);
    let top = counts.first().map(|(_, n)| *n).unwrap_or(1).max(1);
    let mut words: Vec<CloudWord> = counts
        .into_iter()
        .take(CLOUD_WORDS)
        .map(|(word, count)| CloudWord {
            size: (1 + (count * 5) / top).min(6) as u8,
            word,
            count,
        })
        .collect();
    words.sort_by(|a, b| sermphalang_thai::compare(&a.word, &b.word));
    words
}
