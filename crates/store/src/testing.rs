//! Fresh databases for tests: SQLite always, PostgreSQL when `TEST_DATABASE_URL` is set.
//! Every PostgreSQL run appends a line to `$PG_TEST_LOG`, so CI can fail a run that executed
//! no PostgreSQL test at all.

use crate::{Backend, Db};
use std::io::Write;
use std::path::PathBuf;

/// A database that lives as long as the value; its folder (the SQLite file, the stored
/// files) is removed on drop.
pub struct TestDb {
    pub db: Db,
    dir: Option<PathBuf>,
    files: Option<PathBuf>,
}

impl TestDb {
    /// The SQLite database's folder, for a second handle on the same file.
    pub fn dir(&self) -> Option<&std::path::Path> {
        self.dir.as_deref()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        for dir in self.dir.iter().chain(&self.files) {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

fn unique_name() -> String {
    format!(
        "sp_test_{}_{}",
        std::process::id(),
        rand::random::<u64>() % 1_000_000_000_000
    )
}

pub async fn sqlite() -> TestDb {
    let dir = std::env::temp_dir().join(unique_name());
    let db = Db::open(None, &dir)
        .await
        .expect("open a SQLite test database");
    TestDb {
        db,
        dir: Some(dir),
        files: None,
    }
}

/// A fresh PostgreSQL database, or `None` when `TEST_DATABASE_URL` is unset. With
/// `REQUIRE_POSTGRES=1` an unset URL fails the test instead of passing quietly.
pub async fn postgres(test: &str) -> Option<TestDb> {
    let Ok(admin_url) = std::env::var("TEST_DATABASE_URL") else {
        assert!(
            std::env::var("REQUIRE_POSTGRES").is_err(),
            "REQUIRE_POSTGRES is set but TEST_DATABASE_URL is not"
        );
        return None;
    };
    let name = unique_name();
    let admin = Db::connect(&admin_url)
        .await
        .expect("connect to TEST_DATABASE_URL");
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(admin.write())
        .await
        .expect("create a PostgreSQL test database");
    admin.close().await;
    let (base, _) = admin_url
        .rsplit_once('/')
        .expect("a database URL with a path");
    let url = format!("{base}/{name}");
    let files = std::env::temp_dir().join(format!("sp-test-{name}"));
    let db = Db::open(Some(&url), &files).await.expect("migrate");
    assert_eq!(db.backend, Backend::Postgres);
    if let Ok(log) = std::env::var("PG_TEST_LOG")
        && let Ok(mut f) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
    {
        let _ = writeln!(f, "{test}");
    }
    Some(TestDb {
        db,
        dir: None,
        files: Some(files),
    })
}

/// The backends a store test runs on here.
pub async fn backends(test: &str) -> Vec<TestDb> {
    let mut all = vec![sqlite().await];
    all.extend(postgres(test).await);
    all
}
