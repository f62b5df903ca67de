//! Writes from a room of phones, committed together. A room of thousands joins and rates in
//! bursts, and each write alone would cost the single writer a commit; one task per kind of
//! write takes whatever has arrived, writes it in one transaction and answers each phone.
//! A write that arrives alone is still written at once.

use std::future::Future;
use std::time::Instant;

use crate::metrics::{BatchLabels, Metrics};

use sermphalang_store::evaluation::live::votes::{self, RatingVote};
use sermphalang_store::evaluation::live::workshop::{self, Joining, Participant};
use sermphalang_store::{Db, StoreError};
use tokio::sync::{mpsc, oneshot};

/// Writes in one transaction at most.
const BATCH: usize = 512;
/// Writes waiting at most; past that a phone is told to retry.
const QUEUE: usize = 16_384;

type Pending<T, R> = (T, oneshot::Sender<Result<R, StoreError>>);

pub struct Batcher<T, R> {
    queue: mpsc::Sender<Pending<T, R>>,
}

impl<T: Send + 'static, R: Send + 'static> Batcher<T, R> {
    /// Starts the writing task; `write` answers each item of a batch in order. The task ends
    /// when the batcher is dropped.
    pub fn start<F, Fut>(db: Db, kind: &'static str, metrics: &Metrics, write: F) -> Self
    where
        F: Fn(Db, Vec<T>) -> Fut + Send + 'static,
        Fut: Future<Output = Vec<Result<R, StoreError>>> + Send,
    {
        let (queue, mut arrived) = mpsc::channel::<Pending<T, R>>(QUEUE);
        let labels = BatchLabels { kind };
        let sizes = metrics.batch_sizes.get_or_create(&labels).clone();
        let seconds = metrics.batch_seconds.get_or_create(&labels).clone();
        tokio::spawn(async move {
            let mut batch = Vec::with_capacity(BATCH);
            while arrived.recv_many(&mut batch, BATCH).await > 0 {
                let (items, waiting): (Vec<T>, Vec<_>) = batch.drain(..).unzip();
                sizes.observe(items.len() as f64);
                let started = Instant::now();
                let answers = write(db.clone(), items).await;
                seconds.observe(started.elapsed().as_secs_f64());
                for (phone, answer) in waiting.into_iter().zip(answers) {
                    // A phone that gave up waiting no longer listens.
                    let _ = phone.send(answer);
                }
            }
        });
        Self { queue }
    }

    pub async fn write(&self, item: T) -> Result<R, StoreError> {
        let (answer, answered) = oneshot::channel();
        if self.queue.try_send((item, answer)).is_err() {
            // Too many writes are waiting: the phone retries after a moment.
            return Err(StoreError::overloaded());
        }
        answered
            .await
            .unwrap_or_else(|_| Err(StoreError::overloaded()))
    }
}

pub type Ratings = Batcher<RatingVote, ()>;
pub type Joins = Batcher<Joining, (Participant, String)>;

pub fn ratings(db: Db, metrics: &Metrics) -> Ratings {
    Batcher::start(db, "ratings", metrics, |db, votes| async move {
        votes::rate_many(&db, &votes).await
    })
}

pub fn joins(db: Db, metrics: &Metrics) -> Joins {
    Batcher::start(db, "joins", metrics, |db, joining| async move {
        workshop::join_many(&db, &joining).await
    })
}
