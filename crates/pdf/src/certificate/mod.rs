//! Certificates: one A4 landscape page per person, typeset from a template the secretariat can
//! edit. The template is Typst markup; `sermphalang.typ` gives it the variables and helpers.

mod batch;
mod image;
mod inputs;
mod split;
mod template;
mod typesetter;
mod worker;
mod world;

use serde::{Deserialize, Serialize};

pub use image::{MAX_IMAGE_BYTES, check_image, image_kind};
pub use template::{CertificateTemplate, MAX_TEMPLATE_BYTES, TemplateError};
pub use typesetter::Typesetter;
pub use worker::{CPU_BACKSTOP_SECONDS, Exceeded, Limits, Worker, WorkerCommand, serve};

/// What differs from one certificate to the next. Text arrives formatted (B.E. dates).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Certificate {
    /// The name with its title prefix, e.g. "นางสาวฤทัย ศรีสุข".
    pub name: String,
    pub event: String,
    /// "การอบรม", "การประชุมเชิงปฏิบัติการ" or "การประชุมสมัชชา".
    pub event_kind: String,
    pub held_on: String,
    pub venue: String,
    pub issued_on: String,
    /// The organizing organizations, joined for one line.
    pub issuer: String,
    pub province: String,
    /// The running number within the event, e.g. "0007/2565".
    pub number: String,
    pub code: String,
    /// The address the QR code opens: `{public url}/verify/{code}`.
    pub verify_url: String,
}

/// What every certificate of one event shares: logos and signatories.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Artwork {
    /// PNG, JPEG or SVG images, already validated on upload.
    pub logos: Vec<Vec<u8>>,
    pub signatories: Vec<Signatory>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Signatory {
    pub name: String,
    pub position: String,
    /// A PNG or JPEG image; without it the certificate shows a dotted line to sign on.
    pub signature: Option<Vec<u8>>,
}

/// Something worth fixing that did not stop the certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Warning {
    /// A signatory without a signature image; the certificate shows a line to sign on.
    MissingSignature { signatory: String },
    /// The certificate came out longer than one page.
    Pages { count: usize },
    /// A warning from the typesetter, with the template line where it knows it.
    Template {
        line: Option<usize>,
        message: String,
    },
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Rendered {
    pub pdf: Vec<u8>,
    /// A certificate is one page; more means the template or the data overflowed.
    pub pages: usize,
    pub warnings: Vec<Warning>,
}

impl Artwork {
    pub fn warnings(&self) -> Vec<Warning> {
        self.signatories
            .iter()
            .filter(|s| s.signature.is_none())
            .map(|s| Warning::MissingSignature {
                signatory: s.name.clone(),
            })
            .collect()
    }
}

/// Data for the template preview: a long name with the marks that are hard to get right.
pub fn sample() -> (Artwork, Certificate) {
    let artwork = Artwork {
        logos: Vec::new(),
        signatories: vec![
            Signatory {
                name: "นายสมศักดิ์ ใจดี".into(),
                position: "ผู้ว่าราชการจังหวัดอุดรธานี".into(),
                signature: None,
            },
            Signatory {
                name: "นางกิ๊บ ฤทธิ์เดช".into(),
                position: "วัฒนธรรมจังหวัดอุดรธานี".into(),
                signature: None,
            },
        ],
    };
    let certificate = Certificate {
        name: "นางสาวฤทัย ก๋วยเตี๋ยวน้ำใส".into(),
        event: "การประชุมเชิงปฏิบัติการประเมินผลแบบเสริมพลัง จังหวัดคุณธรรม ครั้งที่ 1".into(),
        event_kind: "การประชุมเชิงปฏิบัติการ".into(),
        held_on: "18 กุมภาพันธ์ 2565".into(),
        venue: "โรงแรมเซ็นทารา อุดรธานี".into(),
        issued_on: "18 กุมภาพันธ์ 2565".into(),
        issuer: "สำนักงานวัฒนธรรมจังหวัดอุดรธานี".into(),
        province: "อุดรธานี".into(),
        number: "0001/2565".into(),
        code: "SAMPLE-0000-0000".into(),
        verify_url: "https://example.org/verify/SAMPLE-0000-0000".into(),
    };
    (artwork, certificate)
}
