//! Typesetting a province's own template in a separate process that can be abandoned.
//!
//! A template is a program: a loop of 100,000 pages runs for minutes and can take all memory,
//! and a thread cannot be stopped from outside. The worker is this same binary started with a
//! hidden command; it limits its own address space and CPU time, reads the template and the
//! artwork once, then answers one certificate per line. The server waits a bounded time for
//! each answer and kills the worker when it is late.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::{Artwork, Certificate, CertificateTemplate, Rendered, TemplateError};

/// What one worker may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// Wall-clock seconds for one certificate.
    pub seconds: u64,
    /// The worker's whole address space, in MiB.
    pub megabytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            seconds: 10,
            megabytes: 1024,
        }
    }
}

/// Which limit a template went over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Exceeded {
    Time { seconds: u64 },
    Memory { megabytes: u64 },
}

/// How to start a worker: normally this binary with its hidden `typeset` command.
#[derive(Debug, Clone)]
pub struct WorkerCommand {
    pub program: PathBuf,
    pub args: Vec<String>,
    pub limits: Limits,
}

#[derive(Serialize, Deserialize)]
struct Job {
    source: String,
    artwork: Artwork,
}

#[derive(Serialize, Deserialize)]
enum Answer {
    Ready,
    Rendered(Rendered),
    Refused(TemplateError),
}

/// CPU seconds a worker may spend in all: a backstop for a worker whose server died.
pub const CPU_BACKSTOP_SECONDS: u64 = 600;

/// The worker's side, after it limited itself: the job on the first line, then one
/// certificate a line, each answered with one line.
pub fn serve(input: impl Read, mut output: impl Write) -> io::Result<()> {
    let mut lines = BufReader::new(input).lines();
    let Some(first) = lines.next() else {
        return Ok(());
    };
    let job: Job = serde_json::from_str(&first?).map_err(io::Error::other)?;
    let template = match CertificateTemplate::new(&job.source) {
        Ok(template) => {
            answer(&mut output, &Answer::Ready)?;
            template
        }
        Err(err) => return answer(&mut output, &Answer::Refused(err)),
    };
    for line in lines {
        let certificate: Certificate = serde_json::from_str(&line?).map_err(io::Error::other)?;
        let answered = match template.render(&job.artwork, &certificate) {
            Ok(rendered) => Answer::Rendered(rendered),
            Err(err) => Answer::Refused(err),
        };
        answer(&mut output, &answered)?;
    }
    Ok(())
}

fn answer(output: &mut impl Write, answer: &Answer) -> io::Result<()> {
    serde_json::to_writer(&mut *output, answer).map_err(io::Error::other)?;
    output.write_all(b"\n")?;
    output.flush()
}

/// A running worker with one template and its artwork loaded.
pub struct Worker {
    child: Child,
    stdin: Option<ChildStdin>,
    answers: Receiver<io::Result<String>>,
    stderr: Option<JoinHandle<String>>,
    limits: Limits,
}

impl Worker {
    pub fn start(
        command: &WorkerCommand,
        source: &str,
        artwork: &Artwork,
    ) -> Result<Self, TemplateError> {
        let limits = command.limits;
        let mut child = Command::new(&command.program)
            .args(&command.args)
            .arg("--seconds")
            .arg(CPU_BACKSTOP_SECONDS.to_string())
            .arg("--megabytes")
            .arg(limits.megabytes.to_string())
            // The address space is limited: mimalloc (the server's allocator) must not reserve
            // its usual 1 GiB at a time ahead of use, or the worker could not allocate at all.
            .env("MIMALLOC_ARENA_RESERVE", "64MiB")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| stopped(&format!("the typesetter could not start: {e}")))?;
        let answers = read_lines(child.stdout.take());
        let stderr = Some(keep_tail(child.stderr.take()));
        let mut worker = Self {
            stdin: child.stdin.take(),
            child,
            answers,
            stderr,
            limits,
        };
        let job = Job {
            source: source.to_owned(),
            artwork: artwork.clone(),
        };
        match worker.ask(&job)? {
            Answer::Ready => Ok(worker),
            Answer::Refused(err) => Err(err),
            Answer::Rendered(_) => Err(stopped("the typesetter answered out of turn")),
        }
    }

    pub fn render(&mut self, certificate: &Certificate) -> Result<Rendered, TemplateError> {
        match self.ask(certificate)? {
            Answer::Rendered(rendered) => Ok(rendered),
            Answer::Refused(err) => Err(err),
            Answer::Ready => Err(stopped("the typesetter answered out of turn")),
        }
    }

    /// Whether the worker can take another certificate.
    pub fn is_alive(&mut self) -> bool {
        self.stdin.is_some() && matches!(self.child.try_wait(), Ok(None))
    }

    fn ask(&mut self, question: &impl Serialize) -> Result<Answer, TemplateError> {
        let mut line = serde_json::to_vec(question).map_err(|e| stopped(&e.to_string()))?;
        line.push(b'\n');
        let sent = match self.stdin.as_mut() {
            Some(stdin) => stdin.write_all(&line).and_then(|()| stdin.flush()),
            None => Err(io::Error::from(io::ErrorKind::BrokenPipe)),
        };
        let deadline = Duration::from_secs(self.limits.seconds);
        match (sent, self.answers.recv_timeout(deadline)) {
            (Ok(()), Ok(Ok(text))) => serde_json::from_str(&text)
                .map_err(|_| stopped("the typesetter gave an answer that could not be read")),
            (_, Err(RecvTimeoutError::Timeout)) => {
                self.stop();
                Err(over(Exceeded::Time {
                    seconds: self.limits.seconds,
                }))
            }
            _ => Err(self.died()),
        }
    }

    fn stop(&mut self) {
        self.stdin = None;
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Why the worker ended without answering.
    fn died(&mut self) -> TemplateError {
        self.stdin = None;
        let status = self.child.wait().ok();
        // The pipe closed with the worker, so the reader has finished.
        let stderr = self
            .stderr
            .take()
            .and_then(|t| t.join().ok())
            .unwrap_or_default();
        if stderr.contains("memory allocation") {
            return over(Exceeded::Memory {
                megabytes: self.limits.megabytes,
            });
        }
        if status.is_some_and(killed_for_cpu) {
            return over(Exceeded::Time {
                seconds: self.limits.seconds,
            });
        }
        stopped("the typesetter stopped unexpectedly")
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.stop();
    }
}

#[cfg(unix)]
fn killed_for_cpu(status: ExitStatus) -> bool {
    use std::os::unix::process::ExitStatusExt;
    // SIGXCPU at the soft limit, SIGKILL at the hard one.
    matches!(status.signal(), Some(24 | 9))
}

#[cfg(not(unix))]
fn killed_for_cpu(_: ExitStatus) -> bool {
    false
}

fn stopped(message: &str) -> TemplateError {
    TemplateError {
        message: message.to_owned(),
        ..TemplateError::default()
    }
}

fn over(exceeded: Exceeded) -> TemplateError {
    let message = match exceeded {
        Exceeded::Time { seconds } => format!("took longer than {seconds} seconds"),
        Exceeded::Memory { megabytes } => format!("needed more than {megabytes} MB of memory"),
    };
    TemplateError {
        message,
        exceeded: Some(exceeded),
        ..TemplateError::default()
    }
}

fn read_lines(stdout: Option<impl Read + Send + 'static>) -> Receiver<io::Result<String>> {
    let (sender, receiver) = mpsc::channel();
    if let Some(stdout) = stdout {
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
    }
    receiver
}

/// The last few KB of the worker's error output, to tell an allocation failure from a crash.
fn keep_tail(stderr: Option<impl Read + Send + 'static>) -> JoinHandle<String> {
    const KEEP: usize = 4096;
    std::thread::spawn(move || {
        let mut tail = String::new();
        let Some(stderr) = stderr else { return tail };
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            tail.push_str(&line);
            tail.push('\n');
            if tail.len() > 2 * KEEP {
                let cut = (tail.len() - KEEP..tail.len())
                    .find(|&i| tail.is_char_boundary(i))
                    .unwrap_or(0);
                tail.drain(..cut);
            }
        }
        tail
    })
}
