//! The file store's suite: the same checks on memory, on a folder, and on a real
//! S3-compatible service when `TEST_S3_ENDPOINT` names one (`.ci/run` starts one on loopback
//! and sets `REQUIRE_S3=1`, so that a missing service fails instead of being skipped).

use sermphalang_store::StoreError;
use sermphalang_store::audit::Actor;
use sermphalang_store::file_store::{FileStore, S3Config};
use sermphalang_store::testing::backends;
use sermphalang_store::{backup, files};

fn s3() -> Option<FileStore> {
    let endpoint = std::env::var("TEST_S3_ENDPOINT").ok();
    if endpoint.is_none() {
        assert!(
            std::env::var("REQUIRE_S3").is_err(),
            "REQUIRE_S3 is set but TEST_S3_ENDPOINT names no S3-compatible service"
        );
        eprintln!("TEST_S3_ENDPOINT is not set: the S3 part of the file-store suite did not run");
        return None;
    }
    let config = S3Config {
        bucket: std::env::var("TEST_S3_BUCKET").unwrap_or_else(|_| "sermphalang-test".into()),
        region: "us-east-1".into(),
        endpoint,
        access_key: std::env::var("TEST_S3_ACCESS_KEY").unwrap_or_else(|_| "testing".into()),
        secret_key: std::env::var("TEST_S3_SECRET_KEY").unwrap_or_else(|_| "testing".into()),
    };
    Some(FileStore::s3(&config).expect("the test bucket's configuration"))
}

fn stores() -> Vec<(&'static str, FileStore, Option<tempdir::Dir>)> {
    let folder = tempdir::Dir::new();
    let mut out = vec![
        ("memory", FileStore::memory(), None),
        (
            "folder",
            FileStore::folder(folder.path()).unwrap(),
            Some(folder),
        ),
    ];
    if let Some(s3) = s3() {
        out.push(("s3", s3, None));
    }
    out
}

/// A folder removed when dropped, without another dependency.
mod tempdir {
    pub struct Dir(std::path::PathBuf);

    impl Dir {
        pub fn new() -> Dir {
            let path = std::env::temp_dir().join(format!(
                "sp-files-{}-{}",
                std::process::id(),
                rand::random::<u64>()
            ));
            Dir(path)
        }

        pub fn path(&self) -> &std::path::Path {
            &self.0
        }
    }

    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

#[tokio::test]
async fn every_store_keeps_bytes_under_server_made_names() {
    for (kind, store, _dir) in stores() {
        let photo = b"\xFF\xD8 a photo \xFF\xD9".to_vec();
        let a = store.put(41, 2026, photo.clone()).await.unwrap();
        let b = store.put(41, 2026, photo.clone()).await.unwrap();
        assert_ne!(a, b, "{kind}: every file gets a new name");
        assert!(
            a.starts_with("41/2026/") && a.len() == "41/2026/".len() + 32,
            "{kind}: {a}"
        );
        assert_eq!(store.get(&a).await.unwrap(), photo, "{kind}");
        store.delete(&a).await.unwrap();
        assert!(
            matches!(store.get(&a).await, Err(StoreError::NotFound)),
            "{kind}: a deleted file is gone"
        );
        store.delete(&a).await.unwrap();
        assert_eq!(store.get(&b).await.unwrap(), photo, "{kind}");
        let large = vec![7u8; 6 * 1024 * 1024];
        let c = store.put(41, 2026, large.clone()).await.unwrap();
        assert_eq!(store.get(&c).await.unwrap().len(), large.len(), "{kind}");
    }
}

#[tokio::test]
async fn uploads_go_to_the_bucket_and_come_back_in_backups() {
    let Some(bucket) = s3() else {
        return;
    };
    for t in backends("files_in_s3").await {
        let db = t.db.clone().with_files(bucket.clone());
        let actor = Actor::system();
        let mut tx = db.audited(&actor, Some(41)).await.unwrap();
        let id = files::insert(
            &mut tx,
            41,
            None,
            "order.pdf",
            "application/pdf",
            b"%PDF-1.7 s3",
        )
        .await
        .unwrap();
        tx.commit_recorded().await.unwrap();
        let key: Option<String> = sqlx::query_scalar("SELECT storage_key FROM files WHERE id = $1")
            .bind(id)
            .fetch_one(db.read())
            .await
            .unwrap();
        let key = key.expect("the row names the object in the bucket");
        assert_eq!(bucket.get(&key).await.unwrap(), b"%PDF-1.7 s3");
        assert_eq!(files::find(&db, 41, id).await.unwrap().data, b"%PDF-1.7 s3");
        let saved = backup::export(&db).await.unwrap();
        assert!(saved.to_string().contains(&hex::encode(b"%PDF-1.7 s3")));
    }
}
