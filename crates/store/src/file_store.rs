//! Where uploaded files' bytes live: a folder inside the data folder by default, behind the
//! `object_store` interface that S3-compatible services also serve. Names are made by the
//! server (province, year, random), never taken from an upload.

use std::path::Path as DiskPath;
use std::sync::Arc;

use object_store::local::LocalFileSystem;
use object_store::memory::InMemory;
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};
use rand::Rng;

use crate::{Result, StoreError};

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
