//! Trainings and workshops: the staff pages, the public event page with registration, the
//! personal ticket, the door's check-in page and JSON API, certificates and their public
//! verification, and the words of all of these.

pub mod api;
pub mod certificate_manage;
pub mod certificates;
pub mod certify;
pub mod checkin;
pub mod events;
mod images;
pub mod people;
pub mod public;
pub mod template;
pub mod verify;
pub mod words;

use crate::ctx::Ctx;
use sermphalang_domain::training::event::EventKind;
use sermphalang_domain::training::registration::RegistrationStatus;
use sermphalang_store::training::certificate::Standing;
use sermphalang_store::training::event::{Event, Session};

/// A QR code as inline SVG; empty when the text cannot be encoded.
pub fn qr_svg(text: &str, size: u32) -> String {
    qrcode::QrCode::new(text.as_bytes())
        .map(|q| {
            q.render::<qrcode::render::svg::Color>()
                .min_dimensions(size, size)
                .quiet_zone(true)
                .build()
        })
        .unwrap_or_default()
}

impl Ctx {
    pub fn event_kind(&self, kind: &EventKind) -> &'static str {
        if self.is_en() {
            kind.label_en()
        } else {
            kind.label_th()
        }
    }

    pub fn registration_status(&self, status: &RegistrationStatus) -> &'static str {
        if self.is_en() {
            status.label_en()
        } else {
            status.label_th()
        }
    }

    /// "18 ก.พ. 2565 09:00-12:00 ภาคเช้า"
    pub fn session(&self, s: &Session) -> String {
        let times = format!("{}-{}", s.starts.format("%H:%M"), s.ends.format("%H:%M"));
        let title = if s.title.is_empty() {
            String::new()
        } else {
            format!(" {}", s.title)
        };
        format!("{} {times}{title}", self.date(s.held_on))
    }

    /// Why a participant has not completed, every reason in the page's language.
    pub fn unmet(&self, standing: &Standing) -> String {
        let reasons: Vec<String> = standing
            .unmet
            .iter()
            .map(|u| if self.is_en() { u.en() } else { u.th() })
            .collect();
        reasons.join("; ")
    }

    /// The event's days: one date, or the first and last.
    pub fn event_days(&self, e: &Event) -> String {
        if e.starts_on == e.ends_on {
            self.date_long(e.starts_on)
        } else {
            format!(
                "{} – {}",
                self.date_long(e.starts_on),
                self.date_long(e.ends_on)
            )
        }
    }
}
