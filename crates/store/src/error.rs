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
    /// Whether the error is a unique-constraint violation, so callers can name the field.
    pub fn is_unique_violation(&self) -> bool {
        matches!(self, StoreError::Database(sqlx::Error::Database(e)) if e.is_unique_violation())
    }
}
