//! What a template reads: the event's artwork as `sys.inputs`, and one certificate's data as
//! files (see `world`).

use fast_qr::{ECL, QRBuilder};
use typst::Library;
use typst::foundations::{Bytes, Dict, IntoValue, Value};
use typst::utils::LazyHash;

use super::world::library;
use super::{Artwork, Certificate};

/// What stays the same for every certificate of an event, converted once.
pub(crate) struct Shared {
    pub(crate) library: LazyHash<Library>,
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
        let mut inputs = Dict::new();
        inputs.insert("logos".into(), logos.into_value());
        inputs.insert("signatories".into(), signatories.into_value());
        Self {
            library: library(inputs),
        }
    }
}

/// The certificate's text fields as `/certificate.json`, under the names the prelude reads,
/// and the QR code's side in modules.
pub(crate) fn data(certificate: &Certificate, qr: &Qr) -> Bytes {
    let mut fields = serde_json::to_value(certificate).unwrap_or_default();
    if let Some(fields) = fields.as_object_mut() {
        fields.insert("qr_side".into(), qr.side.into());
    }
    Bytes::new(serde_json::to_vec(&fields).unwrap_or_default())
}

/// The QR code as raw 8-bit grey pixels, one a module, with a quiet zone of four.
///
/// Pixels, not SVG: a QR code's hundreds of small squares cost more to parse and draw than the
/// rest of the certificate, and a pixelated image prints as sharp.
pub(crate) struct Qr {
    pub(crate) side: usize,
    pub(crate) pixels: Bytes,
}

/// An address too long for a QR code gives a white square.
pub(crate) fn qr_code(url: &str) -> Qr {
    const QUIET: usize = 4;
    const WHITE: u8 = 255;
    let Ok(code) = QRBuilder::new(url).ecl(ECL::M).build() else {
        return Qr {
            side: 1,
            pixels: Bytes::new([WHITE]),
        };
    };
    let size = code.size;
    let side = size + 2 * QUIET;
    let mut pixels = vec![WHITE; side * side];
    for y in 0..size {
        for x in 0..size {
            if code.data[y * size + x].value() {
                pixels[(y + QUIET) * side + x + QUIET] = 0;
            }
        }
    }
    Qr {
        side,
        pixels: Bytes::new(pixels),
    }
}
