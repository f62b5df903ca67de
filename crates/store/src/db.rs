use crate::file_store::FileStore;
use crate::{Result, StoreError};
use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, Executor};
use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Kept values (list totals, page anchors and rows, sessions) last this long at most; a write
/// through this process drops them at once, so only another instance's writes can be this late.
const COUNT_TTL: Duration = Duration::from_secs(3);
const COUNT_CACHE_MAX: usize = 2000;

type Entries<T> = Mutex<HashMap<String, Kept<T>>>;

/// A value read under a write generation, and when.
#[derive(Debug)]
struct Kept<T> {
    generation: u64,
    at: Instant,
    value: T,
}

#[derive(Debug, Default)]
struct CountCache {
    generation: AtomicU64,
    entries: Entries<i64>,
    anchors: Entries<Arc<Vec<Anchor>>>,
    pages: Entries<Option<Arc<str>>>,
    sessions: Entries<Option<sermphalang_domain::access::Account>>,
    /// One reader at a time per key when there is nothing usable to hand out.
    gates: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
}

/// Where a page of a long list starts: its first row's sort key, and how many rows with that
/// same key come before it; and where it ends. A deep page then reads from the index at that key instead of
/// stepping over every row before it (OFFSET).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Anchor {
    pub sort_key: Vec<u8>,
    pub skip: i64,
    /// The sort key of the page's last row.
    pub last_key: Vec<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The database: a pool for reads and one for writes. On SQLite the write pool holds a single
/// connection, so writers queue in the application instead of failing with SQLITE_BUSY.
#[derive(Debug, Clone)]
pub struct Db {
    pub backend: Backend,
    read: AnyPool,
    write: AnyPool,
    counts: Arc<CountCache>,
    url: Arc<str>,
    files: Option<FileStore>,
}

impl Db {
    /// Opens the database named by `url`, or SQLite inside `data_dir` when `url` is `None`,
    /// and runs the embedded migrations.
    pub async fn open(url: Option<&str>, data_dir: &Path) -> Result<Db> {
        let url = match url {
            Some(u) if !u.trim().is_empty() => u.trim().to_string(),
            _ => {
                std::fs::create_dir_all(data_dir).map_err(|e| {
                    StoreError::Unusable(format!(
                        "cannot create the data folder {}: {e}",
                        data_dir.display()
                    ))
                })?;
                format!(
                    "sqlite://{}?mode=rwc",
                    data_dir.join("sermphalang.sqlite").display()
                )
            }
        };
        let mut db = Db::connect(&url).await?;
        if let Some(s3) = crate::file_store::S3Config::from_env()? {
            db.files = Some(FileStore::s3(&s3)?);
        } else if db.backend == Backend::Sqlite {
            db.files = Some(FileStore::folder(&data_dir.join("files"))?);
        }
        db.migrate().await?;
        crate::files::move_to_store(&db).await?;
        Ok(db)
    }

    /// Where uploaded files' bytes are kept: the S3-compatible bucket `SERMPHALANG_S3_*` names,
    /// else with SQLite the data folder's `files`. Several instances on PostgreSQL share no
    /// folder, so without a bucket the bytes stay in the database.
    pub fn files(&self) -> Option<&FileStore> {
        self.files.as_ref()
    }

    /// The database with `files` as its file store; [`crate::files::move_to_store`] moves the
    /// files still held in the database.
    pub fn with_files(mut self, files: FileStore) -> Db {
        self.files = Some(files);
        self
    }

    /// Connects without migrating. Explains in a sentence why a URL cannot be served.
    pub async fn connect(url: &str) -> Result<Db> {
        install_default_drivers();
        let backend = backend_of(url)?;
        let db = match backend {
            Backend::Sqlite => {
                let read = pool_options(backend, 8).connect(url).await;
                let read = read.map_err(|e| unusable(url, e))?;
                let write = pool_options(backend, 1).connect(url).await;
                let write = write.map_err(|e| unusable(url, e))?;
                Db {
                    backend,
                    read,
                    write,
                    counts: Arc::default(),
                    url: Arc::from(url),
                    files: None,
                }
            }
            Backend::Postgres => {
                let pool = pool_options(backend, 16).connect(url).await;
                let pool = pool.map_err(|e| unusable(url, e))?;
                Db {
                    backend,
                    read: pool.clone(),
                    write: pool,
                    counts: Arc::default(),
                    url: Arc::from(url),
                    files: None,
                }
            }
        };
        Ok(db)
    }

    pub async fn migrate(&self) -> Result<()> {
        match self.backend {
            Backend::Sqlite => {
                sqlx::migrate!("./migrations/sqlite")
                    .run(&self.write)
                    .await?
            }
            Backend::Postgres => {
                sqlx::migrate!("./migrations/postgres")
                    .run(&self.write)
                    .await?
            }
        }
        crate::registry::geo::seed(self).await?;
        crate::plan::references::seed(self).await?;
        crate::assessment::templates::seed(self).await?;
        crate::dashboard::tallies::fill_if_missing(self).await?;
        crate::search::fill_if_stale(self).await
    }

    /// The newest migration this binary knows.
    pub fn code_schema_version(&self) -> i64 {
        let migrator = match self.backend {
            Backend::Sqlite => sqlx::migrate!("./migrations/sqlite"),
            Backend::Postgres => sqlx::migrate!("./migrations/postgres"),
        };
        migrator.iter().map(|m| m.version).max().unwrap_or(0)
    }

    /// The newest migration applied to the database.
    pub async fn schema_version(&self) -> Result<i64> {
        let v: Option<i64> = sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations")
            .fetch_one(&self.read)
            .await?;
        Ok(v.unwrap_or(0))
    }

    pub fn read(&self) -> &AnyPool {
        &self.read
    }

    /// How many times this process took the write pool: a figure read before the number
    /// changed may be stale.
    pub fn generation(&self) -> u64 {
        self.counts.generation.load(Ordering::SeqCst)
    }

    /// The pool for changes. Taking it marks cached list totals as stale.
    pub fn write(&self) -> &AnyPool {
        self.counts.generation.fetch_add(1, Ordering::SeqCst);
        &self.write
    }

    /// A write transaction. On SQLite it takes the writer lock at once (`BEGIN IMMEDIATE`): a
    /// transaction that reads first and writes later would otherwise fail at once with
    /// "database is locked" whenever another process wrote in between, whatever the busy
    /// timeout; this way it waits for the other writer within the timeout instead.
    pub async fn begin(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>> {
        let pool = self.write();
        Ok(match self.backend {
            Backend::Sqlite => pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => pool.begin().await?,
        })
    }

    /// A list total from the cache, or from `count` when missing, stale or older than a write.
    pub(crate) async fn cached_count<F>(&self, key: String, count: F) -> Result<i64>
    where
        F: Future<Output = std::result::Result<i64, sqlx::Error>>,
    {
        self.cached(&self.counts.entries, key, count).await
    }

    /// The page anchors of a list, cached like its total.
    pub(crate) async fn cached_anchors<F>(&self, key: String, read: F) -> Result<Arc<Vec<Anchor>>>
    where
        F: Future<Output = std::result::Result<Vec<Anchor>, sqlx::Error>>,
    {
        self.cached(&self.counts.anchors, key, async {
            read.await.map(Arc::new)
        })
        .await
    }

    /// A list page's rows as read (one JSON value), kept like its total.
    pub(crate) async fn cached_page<F>(&self, key: String, read: F) -> Result<Option<Arc<str>>>
    where
        F: Future<Output = std::result::Result<Option<String>, sqlx::Error>>,
    {
        self.cached(&self.counts.pages, key, async {
            read.await.map(|json| json.map(Arc::from))
        })
        .await
    }

    /// The account behind a session token (by its hash), kept like a total: signing in or
    /// out, disabling an account and changing a role are writes, so they show at once here,
    /// and within a few seconds from another instance.
    pub(crate) async fn cached_session<F>(
        &self,
        key: String,
        read: F,
    ) -> Result<Option<sermphalang_domain::access::Account>>
    where
        F: Future<
            Output = std::result::Result<Option<sermphalang_domain::access::Account>, sqlx::Error>,
        >,
    {
        self.cached(&self.counts.sessions, key, read).await
    }

    /// When a value has only aged (no write since), one request reads it again while the
    /// others keep using it; when there is none (or a write came since), one request reads it
    /// and the others wait for that value. 32 busy readers would otherwise all run a 30 ms
    /// count at once every few seconds. After a write nobody gets the old value.
    async fn cached<T, F>(&self, map: &Entries<T>, key: String, read: F) -> Result<T>
    where
        T: Clone,
        F: Future<Output = std::result::Result<T, sqlx::Error>>,
    {
        let generation = self.counts.generation.load(Ordering::SeqCst);
        let kept = |fresh_only: bool| -> Option<T> {
            let entries = map.lock().unwrap_or_else(|e| e.into_inner());
            entries
                .get(&key)
                .filter(|e| e.generation == generation)
                .filter(|e| !fresh_only || e.at.elapsed() < COUNT_TTL)
                .map(|e| e.value.clone())
        };
        if let Some(v) = kept(true) {
            return Ok(v);
        }
        let gate = self.gate(&key);
        // The guard is dropped with this future: a reader that goes away frees the gate.
        let _turn = match kept(false) {
            Some(aged) => match gate.try_lock() {
                Ok(turn) => turn,
                Err(_) => return Ok(aged),
            },
            None => {
                let turn = gate.lock().await;
                if let Some(v) = kept(true) {
                    return Ok(v);
                }
                turn
            }
        };
        let value = read.await?;
        let mut entries = map.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= COUNT_CACHE_MAX {
            entries.clear();
        }
        entries.insert(
            key,
            Kept {
                generation,
                at: Instant::now(),
                value: value.clone(),
            },
        );
        Ok(value)
    }

    fn gate(&self, key: &str) -> Arc<tokio::sync::Mutex<()>> {
        let mut gates = self.counts.gates.lock().unwrap_or_else(|e| e.into_inner());
        if gates.len() >= COUNT_CACHE_MAX * 4 {
            gates.retain(|_, gate| Arc::strong_count(gate) > 1);
        }
        gates.entry(key.to_string()).or_default().clone()
    }

    pub(crate) fn url(&self) -> &str {
        &self.url
    }

    pub async fn ping(&self) -> bool {
        self.read.execute("SELECT 1").await.is_ok()
    }

    pub async fn close(&self) {
        self.write.close().await;
        self.read.close().await;
    }
}

fn backend_of(url: &str) -> Result<Backend> {
    if url.starts_with("sqlite:") {
        Ok(Backend::Sqlite)
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Backend::Postgres)
    } else {
        let scheme = url.split(':').next().unwrap_or_default();
        Err(StoreError::Unusable(format!(
            "DATABASE_URL uses the scheme \"{scheme}\", which Sermphalang cannot serve: \
             use postgres://user:password@host/database, or leave DATABASE_URL unset for SQLite \
             in the data folder."
        )))
    }
}

fn unusable(url: &str, e: sqlx::Error) -> StoreError {
    StoreError::Unusable(format!(
        "cannot connect to the database at {}: {e}",
        redact(url)
    ))
}

/// The URL without its password, for messages and logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            let user = creds.split(':').next().unwrap_or_default();
            format!("{}://{user}:***@{}", &url[..s], &url[at + 1..])
        }
        _ => url.to_string(),
    }
}

fn pool_options(backend: Backend, max: u32) -> AnyPoolOptions {
    AnyPoolOptions::new()
        .max_connections(max)
        .min_connections(0)
        .acquire_timeout(Duration::from_secs(10))
        // A SQLite connection is a file handle that cannot go stale; testing it before each
        // use costs a round trip to its worker thread on every query. sqlx still pings it
        // when it goes back to the pool.
        .test_before_acquire(backend == Backend::Postgres)
        .after_connect(move |conn, _meta| {
            Box::pin(async move {
                if backend == Backend::Sqlite {
                    conn.execute(
                        "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; \
                         PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; \
                         PRAGMA mmap_size = 268435456;",
                    )
                    .await?;
                }
                Ok(())
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_schemes_are_explained() {
        let err = backend_of("mysql://x@y/z").unwrap_err().to_string();
        assert!(err.contains("\"mysql\""), "{err}");
        assert!(err.contains("postgres://"), "{err}");
    }

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            redact("postgres://app:s3cret@db.local/sp"),
            "postgres://app:***@db.local/sp"
        );
        assert_eq!(redact("sqlite://data/x.sqlite"), "sqlite://data/x.sqlite");
    }

    #[test]
    fn sqlite_migrations_mirror_postgres() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
        let mut names: Vec<_> = std::fs::read_dir(dir.join("postgres"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        assert!(!names.is_empty());
        for name in names {
            let pg = std::fs::read_to_string(dir.join("postgres").join(&name)).unwrap();
            let lite = std::fs::read_to_string(dir.join("sqlite").join(&name)).unwrap();
            let expected = pg
                .lines()
                .filter(|l| !l.ends_with("-- postgres only"))
                .map(|l| format!("{l}\n"))
                .collect::<String>()
                .replace(
                    "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
                    "INTEGER PRIMARY KEY",
                )
                .replace("BYTEA", "BLOB")
                .replace(") /* clustered */;", ") WITHOUT ROWID;");
            assert_eq!(lite, expected, "{name:?} differs beyond the dialect words");
        }
    }

    #[tokio::test]
    async fn many_readers_of_a_missing_total_run_one_count_and_share_it() {
        let t = crate::testing::sqlite().await;
        let counted = Arc::new(AtomicU64::new(0));
        let readers: Vec<_> = (0..16)
            .map(|_| {
                let (db, counted) = (t.db.clone(), counted.clone());
                tokio::spawn(async move {
                    db.cached_count("orgs".into(), async move {
                        counted.fetch_add(1, Ordering::SeqCst);
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        Ok(7)
                    })
                    .await
                    .unwrap()
                })
            })
            .collect();
        for r in readers {
            assert_eq!(r.await.unwrap(), 7);
        }
        assert_eq!(
            counted.load(Ordering::SeqCst),
            1,
            "one count for all sixteen"
        );
        t.db.write();
        let again = t.db.cached_count("orgs".into(), async { Ok(8) }).await;
        assert_eq!(
            again.unwrap(),
            8,
            "a write makes the next reader count again"
        );
    }
}
