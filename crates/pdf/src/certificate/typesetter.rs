//! One event's certificates, typeset where it is safe: the shipped template in this process,
//! a province's own template in a worker with limits.

use std::sync::Mutex;

use super::{
    Artwork, Certificate, CertificateTemplate, Rendered, TemplateError, Worker, WorkerCommand,
};

pub enum Typesetter {
    InProcess {
        template: Box<CertificateTemplate>,
        artwork: Artwork,
    },
    /// Started on first use, and again after a certificate stopped it.
    Worker {
        command: WorkerCommand,
        source: String,
        artwork: Artwork,
        running: Mutex<Option<Worker>>,
    },
}

impl Typesetter {
    /// `source` is the province's template, `None` for the shipped one. Without a worker
    /// command (tests, tools) a province's template is typeset in this process, unbounded.
    pub fn new(
        source: Option<&str>,
        artwork: Artwork,
        worker: Option<&WorkerCommand>,
    ) -> Result<Self, TemplateError> {
        match (source, worker) {
            (None, _) => Ok(Self::InProcess {
                template: Box::new(CertificateTemplate::default_template()),
                artwork,
            }),
            (Some(source), None) => Ok(Self::InProcess {
                template: Box::new(CertificateTemplate::new(source)?),
                artwork,
            }),
            (Some(source), Some(command)) => {
                CertificateTemplate::check_length(source)?;
                Ok(Self::Worker {
                    command: command.clone(),
                    source: source.to_owned(),
                    artwork,
                    running: Mutex::new(None),
                })
            }
        }
    }

    pub fn render(&self, certificate: &Certificate) -> Result<Rendered, TemplateError> {
        match self {
            Self::InProcess { template, artwork } => template.render(artwork, certificate),
            Self::Worker {
                command,
                source,
                artwork,
                running,
            } => {
                let mut running = running.lock().unwrap_or_else(|e| e.into_inner());
                let alive = running.take().and_then(|mut w| w.is_alive().then_some(w));
                let worker = match alive {
                    Some(worker) => worker,
                    None => Worker::start(command, source, artwork)?,
                };
                running.insert(worker).render(certificate)
            }
        }
    }

    /// Renders an event's certificates in order, together where the template runs in this
    /// process; each result stands alone.
    pub fn render_all(&self, certificates: &[Certificate]) -> Vec<Result<Rendered, TemplateError>> {
        match self {
            Self::InProcess { template, artwork } => template.render_all(artwork, certificates),
            Self::Worker { .. } => certificates.iter().map(|c| self.render(c)).collect(),
        }
    }
}
