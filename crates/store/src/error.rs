use sermphalang_domain::Invalid;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    #[error("invalid input: {0}")]
    Invalid(#[from] Invalid),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("{0}")]
    Unusable(String),
    /// The question a vote was meant for is not open.
    #[error("question closed")]
    Closed,
    /// Someone else took the number or code being written; ask for a new one and retry.
    #[error("taken by a concurrent change")]
    Conflict,
}

impl StoreError {
    /// Whether the database is overloaded rather than the input wrong: no connection became
    /// free in time, or SQLite stayed locked past its busy timeout. Worth retrying shortly.
    pub fn is_overload(&self) -> bool {
        match self {
            StoreError::Database(sqlx::Error::PoolTimedOut) => true,
            StoreError::Database(sqlx::Error::Database(e)) => {
                matches!(
                    e.code().as_deref(),
                    Some("5" | "6" | "SQLITE_BUSY" | "SQLITE_LOCKED")
                ) || e.message().contains("database is locked")
            }
            _ => false,
        }
    }

    /// A write that could not get its turn at the database in time; worth retrying shortly.
    pub fn overloaded() -> Self {
        StoreError::Database(sqlx::Error::PoolTimedOut)
    }

    /// Whether the error is a unique-constraint violation, so callers can name the field.
    pub fn is_unique_violation(&self) -> bool {
        matches!(self, StoreError::Database(sqlx::Error::Database(e)) if e.is_unique_violation())
    }
}
