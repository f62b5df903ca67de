//! Live fan-out: one room per cycle being watched. A vote marks its room dirty; the room reads
//! a fresh snapshot at most a few times a second and hands it to every open stream, which
//! are the only reads: a stream never reads for itself. With
//! PostgreSQL, changes made through other instances arrive by LISTEN/NOTIFY.

use super::snapshot::Snapshot;
use sermphalang_store::Db;
use sermphalang_store::evaluation::live::notify;
use sermphalang_store::registry::geo::Geo;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
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
    /// The phones' event, `{"key": …}`, changed only when the phone key changes.
    phone: watch::Sender<Option<Arc<str>>>,
    dirty: Notify,
}

#[derive(Clone)]
pub struct Hub {
    db: Db,
    geo: Arc<Geo>,
    rooms: Arc<Mutex<HashMap<i64, Arc<Room>>>>,
    published: Arc<Mutex<HashMap<i64, Publish>>>,
    reads: Arc<AtomicU64>,
}

impl Hub {
    pub fn new(db: Db, geo: Arc<Geo>) -> Hub {
        let hub = Hub {
            db,
            geo,
            rooms: Arc::default(),
            published: Arc::default(),
            reads: Arc::default(),
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

    /// A stream of the cycle's snapshots. A room already watched hands a new stream the
    /// snapshot it holds, which is at most one throttle interval behind every change: joining
    /// costs no read and wakes no other stream, so a wave of joins costs O(N). A new room
    /// reads its first snapshot once for everyone who arrives meanwhile.
    pub fn subscribe(&self, cycle: i64) -> sermphalang_store::Result<watch::Receiver<Shared>> {
        Ok(self.room(cycle)?.snapshot.subscribe())
    }

    /// The phones' stream of the cycle: its phone key, as an event's data.
    pub fn subscribe_phone(
        &self,
        cycle: i64,
    ) -> sermphalang_store::Result<watch::Receiver<Option<Arc<str>>>> {
        Ok(self.room(cycle)?.phone.subscribe())
    }

    fn room(&self, cycle: i64) -> sermphalang_store::Result<Arc<Room>> {
        let mut rooms = self
            .rooms
            .lock()
            .map_err(|_| sermphalang_store::StoreError::Unusable("live rooms poisoned".into()))?;
        let room = rooms.entry(cycle).or_insert_with(|| {
            let room = Arc::new(Room {
                snapshot: watch::channel(None).0,
                phone: watch::channel(None).0,
                dirty: Notify::new(),
            });
            room.dirty.notify_one();
            tokio::spawn(self.clone().run(cycle, room.clone()));
            room
        });
        Ok(room.clone())
    }

    /// The snapshot a watched room holds, at most one throttle interval behind every change.
    pub fn latest(&self, cycle: i64) -> Option<Arc<Snapshot>> {
        let rooms = self.rooms.lock().ok()?;
        rooms.get(&cycle)?.snapshot.borrow().clone()
    }

    /// How many snapshots all rooms have read since start.
    pub fn snapshot_reads(&self) -> u64 {
        self.reads.load(Ordering::Relaxed)
    }

    async fn run(self, cycle: i64, room: Arc<Room>) {
        loop {
            let woken = tokio::time::timeout(IDLE, room.dirty.notified()).await;
            if woken.is_err() {
                // Checked under the lock that `subscribe` takes, so no stream joins a room
                // that is closing.
                if let Ok(mut rooms) = self.rooms.lock()
                    && room.snapshot.receiver_count() == 0
                    && room.phone.receiver_count() == 0
                {
                    rooms.remove(&cycle);
                    return;
                }
                continue;
            }
            self.reads.fetch_add(1, Ordering::Relaxed);
            let began = Instant::now();
            match Snapshot::read(&self.db, &self.geo, cycle).await {
                Ok(s) => {
                    let key = serde_json::json!({ "key": s.phone_key() }).to_string();
                    room.phone.send_if_modified(|current| {
                        let changed = current.as_deref() != Some(key.as_str());
                        if changed {
                            *current = Some(Arc::from(key));
                        }
                        changed
                    });
                    room.snapshot.send_replace(Some(Arc::new(s)));
                }
                Err(e) => {
                    // Streams waiting for the room's first snapshot must not wait forever.
                    tracing::warn!(error = %e, cycle, "live snapshot failed; retrying");
                    room.dirty.notify_one();
                }
            }
            // A big room's snapshot takes longer to read: reading at most a third of the time
            // leaves the rest for the votes.
            tokio::time::sleep(THROTTLE.max(began.elapsed() * 2)).await;
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
