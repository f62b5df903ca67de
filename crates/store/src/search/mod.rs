//! Word-aware Thai search over what the product holds: one index in the database, kept in the
//! transaction of each change, read with the same SQL on SQLite and PostgreSQL.

mod find;
mod index;
mod sources;

pub(crate) use find::matching_refs;
pub use find::{Found, Hit, Query, find};
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
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Organization,
        Kind::Person,
        Kind::Event,
        Kind::PlanEntry,
        Kind::Report,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Kind::Organization => "organization",
            Kind::Person => "person",
            Kind::Event => "event",
            Kind::PlanEntry => "plan_entry",
            Kind::Report => "report",
        }
    }

    pub fn parse(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
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
}
