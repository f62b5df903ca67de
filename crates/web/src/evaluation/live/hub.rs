//! Live fan-out: one room per cycle being watched. A vote marks its room dirty; the room reads
//! a fresh snapshot at most a few times a second and hands it to every open stream. With
//! PostgreSQL, changes made through other instances arrive by LISTEN/NOTIFY.

use super::snapshot::Snapshot;
use sermphalang_store::Db;
use sermphalang_store::evaluation::live::notify;
use sermphalang_store::registry::geo::Geo;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::{Notify, watch};

/// The shortest time between two snapshots of one room.
const THROTTLE: Duration = Duration::from_millis(150);
/// A room nobody watches is closed after this long.
const IDLE: Duration = Duration::from_secs(30);
/// The shortest time between two notifications of one cycle to other instances.
const NOTIFY_EVERY: Duration = Duration::from_millis(50);

#[derive(Clone, Copy)]
enum Publish {
    At(Instant),
    Pending,
}

pub type Shared = Option<Arc<Snapshot>>;

struct Room {
    snapshot: watch::Sender<Shared>,
    dirty: Notify,
}

#[derive(Clone)]
pub struct Hub {
    db: Db,
    geo: Arc<Geo>,
    rooms: Arc<Mutex<HashMap<i64, Arc<Room>>>>,
    published: Arc<Mutex<HashMap<i64, Publish>>>,
}

impl Hub {
    pub fn new(db: Db, geo: Arc<Geo>) -> Hub {
        let hub = Hub {
            db,
            geo,
            rooms: Arc::default(),
            published: Arc::default(),
        };
        tokio::spawn(hub.clone().listen());
        hub
    }

    /// Says that a cycle changed, here and on every other instance. Other instances hear at
    /// most one notification per cycle every [`NOTIFY_EVERY`]; the last change of a burst is
    /// always sent, after the interval.
    pub async fn changed(&self, cycle: i64) {
        self.touch(cycle);
        if self.db.backend != sermphalang_store::Backend::Postgres {
            return;
        }
        let now = Instant::now();
        let wait = {
            let Ok(mut sent) = self.published.lock() else {
                return;
            };
            match sent.get(&cycle).copied() {
                Some(Publish::Pending) => return,
                Some(Publish::At(at)) if now.duration_since(at) < NOTIFY_EVERY => {
                    sent.insert(cycle, Publish::Pending);
                    Some(NOTIFY_EVERY - now.duration_since(at))
                }
                _ => {
                    sent.insert(cycle, Publish::At(now));
                    None
                }
            }
        };
        match wait {
            None => self.publish(cycle).await,
            Some(delay) => {
                let hub = self.clone();
                tokio::spawn(async move {
                    tokio::time::sleep(delay).await;
                    if let Ok(mut sent) = hub.published.lock() {
                        sent.insert(cycle, Publish::At(Instant::now()));
                    }
                    hub.publish(cycle).await;
                });
            }
        }
    }

    async fn publish(&self, cycle: i64) {
        if let Err(e) = notify::publish(&self.db, cycle).await {
            tracing::warn!(error = %e, cycle, "could not notify other instances");
        }
    }

    fn touch(&self, cycle: i64) {
        let room = self.rooms.lock().ok().and_then(|r| r.get(&cycle).cloned());
        if let Some(room) = room {
            room.dirty.notify_one();
        }
    }

    fn touch_all(&self) {
        let rooms: Vec<Arc<Room>> = self
            .rooms
            .lock()
            .map(|r| r.values().cloned().collect())
            .unwrap_or_default();
        for room in rooms {
            room.dirty.notify_one();
        }
    }

    /// A stream of the cycle's snapshots, starting with one read now so a reconnecting page
    /// catches up at once.
    pub async fn subscribe(
        &self,
        cycle: i64,
    ) -> sermphalang_store::Result<watch::Receiver<Shared>> {
        let first = Snapshot::read(&self.db, &self.geo, cycle).await?;
        let room = {
            let mut rooms = self.rooms.lock().map_err(|_| {
                sermphalang_store::StoreError::Unusable("live rooms poisoned".into())
            })?;
            rooms
                .entry(cycle)
                .or_insert_with(|| {
                    let (snapshot, _) = watch::channel(None);
                    let room = Arc::new(Room {
                        snapshot,
                        dirty: Notify::new(),
                    });
                    tokio::spawn(self.clone().run(cycle, room.clone()));
                    room
                })
                .clone()
        };
        let rx = room.snapshot.subscribe();
        let newer = room
            .snapshot
            .borrow()
            .as_ref()
            .is_some_and(|s| s.as_of > first.as_of);
        if !newer {
            room.snapshot.send_replace(Some(Arc::new(first)));
        }
        Ok(rx)
    }

    async fn run(self, cycle: i64, room: Arc<Room>) {
        loop {
            let woken = tokio::time::timeout(IDLE, room.dirty.notified()).await;
            if woken.is_err() {
                if room.snapshot.receiver_count() == 0 {
                    if let Ok(mut rooms) = self.rooms.lock() {
                        rooms.remove(&cycle);
                    }
                    return;
                }
                continue;
            }
            match Snapshot::read(&self.db, &self.geo, cycle).await {
                Ok(s) => {
                    room.snapshot.send_replace(Some(Arc::new(s)));
                }
                Err(e) => tracing::warn!(error = %e, cycle, "live snapshot failed"),
            }
            tokio::time::sleep(THROTTLE).await;
        }
    }

    async fn listen(self) {
        loop {
            let listener = match notify::listen(&self.db).await {
                Ok(Some(l)) => l,
                Ok(None) => return,
                Err(e) => {
                    tracing::warn!(error = %e, "cannot listen for live changes; retrying");
                    tokio::time::sleep(Duration::from_secs(2)).await;
                    continue;
                }
            };
            let mut listener = listener;
            loop {
                match listener.next().await {
                    Ok(Some(cycle)) => self.touch(cycle),
                    Ok(None) => {}
                    Err(e) => {
                        tracing::warn!(error = %e, "live notification lost; refreshing all rooms");
                        self.touch_all();
                    }
                }
            }
        }
    }
}
