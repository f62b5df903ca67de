//! Where uploaded files' bytes live: a folder inside the data folder by default, behind the
//! `object_store` interface that S3-compatible services also serve. Names are made by the
//! server (province, year, random), never taken from an upload.

use std::path::Path as DiskPath;
use std::sync::Arc;

use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::memory::InMemory;
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};
use rand::Rng;

use crate::{Result, StoreError};

/// Where an S3-compatible bucket is, from `SERMPHALANG_S3_*` in the environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct S3Config {
    pub bucket: String,
    pub region: String,
    pub endpoint: Option<String>,
    pub access_key: String,
    pub secret_key: String,
}

impl S3Config {
    /// The bucket named by `SERMPHALANG_S3_BUCKET`, with `SERMPHALANG_S3_ENDPOINT`,
    /// `SERMPHALANG_S3_REGION` (default `us-east-1`), `SERMPHALANG_S3_ACCESS_KEY` and
    /// `SERMPHALANG_S3_SECRET_KEY`; `None` when no bucket is named.
    pub fn from_env() -> Result<Option<S3Config>> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let Some(bucket) = var("SERMPHALANG_S3_BUCKET") else {
            return Ok(None);
        };
        let key = |name: &str| {
            var(name).ok_or_else(|| {
                StoreError::Unusable(format!(
                    "SERMPHALANG_S3_BUCKET is set, so {name} must be set too"
                ))
            })
        };
        Ok(Some(S3Config {
            bucket,
            region: var("SERMPHALANG_S3_REGION").unwrap_or_else(|| "us-east-1".into()),
            endpoint: var("SERMPHALANG_S3_ENDPOINT"),
            access_key: key("SERMPHALANG_S3_ACCESS_KEY")?,
            secret_key: key("SERMPHALANG_S3_SECRET_KEY")?,
        }))
    }
}

#[derive(Debug, Clone)]
pub struct FileStore {
    objects: Arc<dyn ObjectStore>,
}

impl FileStore {
    /// A store in `folder`, created when missing.
    pub fn folder(folder: &DiskPath) -> Result<Self> {
        std::fs::create_dir_all(folder).map_err(|e| {
            StoreError::Unusable(format!(
                "cannot create the file folder {}: {e}",
                folder.display()
            ))
        })?;
        let local = LocalFileSystem::new_with_prefix(folder).map_err(|e| {
            StoreError::Unusable(format!(
                "cannot use the file folder {}: {e}",
                folder.display()
            ))
        })?;
        Ok(Self {
            objects: Arc::new(local),
        })
    }

    /// A bucket of an S3-compatible service. `endpoint` is the service's address (for a
    /// service other than Amazon's); plain HTTP is allowed only on loopback.
    pub fn s3(config: &S3Config) -> Result<Self> {
        let mut builder = AmazonS3Builder::new()
            .with_bucket_name(&config.bucket)
            .with_region(&config.region)
            .with_access_key_id(&config.access_key)
            .with_secret_access_key(&config.secret_key);
        if let Some(endpoint) = &config.endpoint {
            let loopback = ["http://127.0.0.1", "http://localhost", "http://[::1]"]
                .iter()
                .any(|p| endpoint.starts_with(p));
            builder = builder
                .with_endpoint(endpoint)
                .with_virtual_hosted_style_request(false)
                .with_allow_http(loopback);
        }
        let s3 = builder.build().map_err(|e| {
            StoreError::Unusable(format!("cannot use the S3 bucket {}: {e}", config.bucket))
        })?;
        Ok(Self {
            objects: Arc::new(s3),
        })
    }

    /// A store that lives as long as the process, for tests and tools.
    pub fn memory() -> Self {
        Self {
            objects: Arc::new(InMemory::new()),
        }
    }

    /// Stores `bytes` under a new name for `province` and returns the name.
    pub async fn put(&self, province: i64, year: i32, bytes: Vec<u8>) -> Result<String> {
        let name: u128 = rand::rng().random();
        let key = format!("{province}/{year}/{name:032x}");
        self.objects
            .put(&Path::from(key.as_str()), PutPayload::from(bytes))
            .await
            .map_err(unavailable)?;
        Ok(key)
    }

    pub async fn get(&self, key: &str) -> Result<Vec<u8>> {
        let found = self.objects.get(&Path::from(key)).await;
        match found {
            Ok(object) => Ok(object.bytes().await.map_err(unavailable)?.to_vec()),
            Err(object_store::Error::NotFound { .. }) => Err(StoreError::NotFound),
            Err(e) => Err(unavailable(e)),
        }
    }

    /// Removes a file; one already gone is not an error.
    pub async fn delete(&self, key: &str) -> Result<()> {
        match self.objects.delete(&Path::from(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(unavailable(e)),
        }
    }
}

fn unavailable(e: object_store::Error) -> StoreError {
    StoreError::Unusable(format!("the file store failed: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn round_trip(store: &FileStore) {
        let key = store
            .put(41, 2567, b"%PDF-1.7 order".to_vec())
            .await
            .unwrap();
        assert!(key.starts_with("41/2567/"), "{key}");
        assert_eq!(key.len(), "41/2567/".len() + 32);
        let other = store.put(41, 2567, b"second".to_vec()).await.unwrap();
        assert_ne!(key, other, "every file gets its own name");
        assert_eq!(store.get(&key).await.unwrap(), b"%PDF-1.7 order");
        store.delete(&key).await.unwrap();
        assert!(matches!(store.get(&key).await, Err(StoreError::NotFound)));
        store.delete(&key).await.unwrap();
        assert_eq!(store.get(&other).await.unwrap(), b"second");
    }

    #[tokio::test]
    async fn files_in_a_folder_and_in_memory() {
        let folder = std::env::temp_dir().join(format!("sp-files-{}", std::process::id()));
        let store = FileStore::folder(&folder).unwrap();
        round_trip(&store).await;
        let on_disk = walk(&folder);
        assert_eq!(on_disk.len(), 1, "{on_disk:?}");
        let _ = std::fs::remove_dir_all(&folder);
        round_trip(&FileStore::memory()).await;
    }

    fn walk(folder: &DiskPath) -> Vec<std::path::PathBuf> {
        let mut files = Vec::new();
        for entry in std::fs::read_dir(folder).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                files.extend(walk(&path));
            } else {
                files.push(path);
            }
        }
        files
    }
}
