//! A short memory of join codes and participant tokens. A room of thousands answers a
//! thousand times a second, and each answer would otherwise read its session and its
//! participant again. A session is remembered for a second, so one that ends stops taking
//! answers within a second; the answer's own write checks that its question is open.

use sermphalang_store::evaluation::live::workshop::{LiveSession, Participant};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

const SESSION_FOR: Duration = Duration::from_secs(1);
const PARTICIPANT_FOR: Duration = Duration::from_secs(60);
/// Past this many entries a map is emptied rather than grown.
const MOST: usize = 50_000;

struct Remembered<T> {
    entries: Mutex<HashMap<String, (Instant, T)>>,
    lasts: Duration,
}

impl<T: Clone> Remembered<T> {
    fn new(lasts: Duration) -> Self {
        Remembered {
            entries: Mutex::default(),
            lasts,
        }
    }

    fn get(&self, key: &str) -> Option<T> {
        let entries = self.entries.lock().ok()?;
        let (at, value) = entries.get(key)?;
        (at.elapsed() < self.lasts).then(|| value.clone())
    }

    fn put(&self, key: &str, value: &T) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= MOST {
                entries.clear();
            }
            entries.insert(key.to_string(), (Instant::now(), value.clone()));
        }
    }
}

pub struct Recent {
    sessions: Remembered<LiveSession>,
    participants: Remembered<Participant>,
}

impl Default for Recent {
    fn default() -> Self {
        Recent {
            sessions: Remembered::new(SESSION_FOR),
            participants: Remembered::new(PARTICIPANT_FOR),
        }
    }
}

impl Recent {
    pub fn session(&self, code: &str) -> Option<LiveSession> {
        self.sessions.get(code)
    }

    pub fn remember_session(&self, code: &str, session: &LiveSession) {
        self.sessions.put(code, session);
    }

    /// Forgets every session: one was started or ended here.
    pub fn forget_sessions(&self) {
        if let Ok(mut entries) = self.sessions.entries.lock() {
            entries.clear();
        }
    }

    pub fn participant(&self, token: &str) -> Option<Participant> {
        self.participants.get(token)
    }

    pub fn remember_participant(&self, token: &str, p: &Participant) {
        self.participants.put(token, p);
    }
}
