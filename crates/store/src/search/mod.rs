//! Word-aware Thai search over what the product holds: one index in the database, kept in the
//! transaction of each change, read with the same SQL on SQLite and PostgreSQL.

mod find;
mod index;
mod sources;

pub(crate) use find::matching_refs;
pub use find::{CANDIDATES, Found, Hit, Query, find};
pub use index::{VERSION, fill_if_stale, rebuild, refresh};

use serde::Serialize;

/// What a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Organization,
    Person,
    Event,
    PlanEntry,
    Report,
    News,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Organization,
        Kind::Person,
        Kind::Event,
        Kind::PlanEntry,
        Kind::Report,
        Kind::News,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Kind::Organization => "organization",
            Kind::Person => "person",
            Kind::Event => "event",
            Kind::PlanEntry => "plan_entry",
            Kind::Report => "report",
            Kind::News => "news",
        }
    }

    pub fn parse(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }

    fn digit(self) -> i64 {
        match self {
            Kind::Organization => 1,
            Kind::Person => 2,
            Kind::Event => 3,
            Kind::PlanEntry => 4,
            Kind::Report => 5,
            Kind::News => 6,
        }
    }

    fn from_digit(digit: i64) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.digit() == digit)
    }
}

/// Who may find a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// Anyone, signed in or not.
    Public,
    /// Signed-in accounts that see the document's province.
    Members,
    /// Those who may change that kind of record: drafts.
    Editors,
}

impl Audience {
    pub fn code(self) -> &'static str {
        match self {
            Audience::Public => "public",
            Audience::Members => "members",
            Audience::Editors => "editors",
        }
    }

    fn parse(code: &str) -> Audience {
        match code {
            "public" => Audience::Public,
            "editors" => Audience::Editors,
            _ => Audience::Members,
        }
    }
}

/// The last digit of a partition: who may read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shelf {
    Public = 1,
    Members = 2,
    Editors = 3,
    /// Archived records, which only a registry list of the archive searches.
    Archived = 4,
    /// Province 0's copy of every province's public records: the open search of everywhere.
    Everywhere = 5,
}

impl From<Audience> for Shelf {
    fn from(audience: Audience) -> Shelf {
        match audience {
            Audience::Public => Shelf::Public,
            Audience::Members => Shelf::Members,
            Audience::Editors => Shelf::Editors,
        }
    }
}

/// A partition of the index: province (0 for national records) × 100 + kind × 10 + shelf. A
/// search reads the partitions its searcher may see, each one range of the postings' key.
fn partition(province: Option<i64>, kind: Kind, shelf: Shelf) -> i64 {
    province.unwrap_or(0) * 100 + kind.digit() * 10 + shelf as i64
}

/// The kind a partition holds.
fn kind_of(partition: i64) -> Option<Kind> {
    Kind::from_digit(partition / 10 % 10)
}
