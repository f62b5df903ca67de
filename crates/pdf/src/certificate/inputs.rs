//! The dictionary that becomes `sys.inputs` for one certificate.

use typst::foundations::{Bytes, Dict, IntoValue, Value};

use super::{Artwork, Certificate};

/// The parts of the inputs that stay the same for every certificate of an event, converted once.
#[derive(Debug, Clone)]
pub(crate) struct Shared {
    logos: Value,
    signatories: Value,
}

impl Shared {
    pub(crate) fn new(artwork: &Artwork) -> Self {
        let logos: Vec<Value> = artwork
            .logos
            .iter()
            .map(|logo| Value::Bytes(Bytes::new(logo.clone())))
            .collect();
        let signatories: Vec<Value> = artwork
            .signatories
            .iter()
            .map(|s| {
                let mut person = Dict::new();
                person.insert("name".into(), s.name.as_str().into_value());
                person.insert("position".into(), s.position.as_str().into_value());
                let signature = match &s.signature {
                    Some(image) => Value::Bytes(Bytes::new(image.clone())),
                    None => Value::None,
                };
                person.insert("signature".into(), signature);
                Value::Dict(person)
            })
            .collect();
        Self {
            logos: logos.into_value(),
            signatories: signatories.into_value(),
        }
    }
}

pub(crate) fn inputs(shared: &Shared, certificate: &Certificate) -> Dict {
    let c = certificate;
    let mut dict = Dict::new();
    for (key, value) in [
        ("name", &c.name),
        ("event", &c.event),
        ("event_kind", &c.event_kind),
        ("held_on", &c.held_on),
        ("venue", &c.venue),
        ("issued_on", &c.issued_on),
        ("issuer", &c.issuer),
        ("province", &c.province),
        ("number", &c.number),
        ("code", &c.code),
        ("verify_url", &c.verify_url),
    ] {
        dict.insert(key.into(), value.as_str().into_value());
    }
    dict.insert("qr".into(), Value::Bytes(Bytes::new(qr_svg(&c.verify_url))));
    dict.insert("logos".into(), shared.logos.clone());
    dict.insert("signatories".into(), shared.signatories.clone());
    dict
}

/// The QR code as SVG; an address too long for a QR code gives an empty square.
fn qr_svg(url: &str) -> Vec<u8> {
    let svg = qrcode::QrCode::with_error_correction_level(url.as_bytes(), qrcode::EcLevel::M)
        .map(|q| {
            q.render::<qrcode::render::svg::Color>()
                .min_dimensions(200, 200)
                .quiet_zone(true)
                .build()
        })
        .unwrap_or_else(|_| {
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"></svg>"#.to_owned()
        });
    svg.into_bytes()
}
