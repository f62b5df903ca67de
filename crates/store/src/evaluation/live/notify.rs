//! Tells other app instances that a cycle changed, through PostgreSQL's LISTEN/NOTIFY. With
//! SQLite there is one instance and nothing to tell.

use crate::{Backend, Db, Result};
use sqlx::postgres::PgListener;

const CHANNEL: &str = "sermphalang_live";

/// Announces a change of the cycle to every instance, this one included.
pub async fn publish(db: &Db, cycle: i64) -> Result<()> {
    if db.backend == Backend::Postgres {
        sqlx::query("SELECT pg_notify($1, $2)")
            .bind(CHANNEL)
            .bind(cycle.to_string())
            .execute(db.read())
            .await?;
    }
    Ok(())
}

/// A connection listening for changed cycles; none on SQLite.
pub async fn listen(db: &Db) -> Result<Option<Listener>> {
    if db.backend != Backend::Postgres {
        return Ok(None);
    }
    let mut listener = PgListener::connect(db.url()).await?;
    listener.listen(CHANNEL).await?;
    Ok(Some(Listener(listener)))
}

pub struct Listener(PgListener);

impl Listener {
    /// The next changed cycle; a lost connection is re-established by sqlx, and notifications
    /// sent meanwhile are lost, so callers refresh everything after an error.
    pub async fn next(&mut self) -> Result<Option<i64>> {
        let n = self.0.recv().await?;
        Ok(n.payload().parse().ok())
    }
}
