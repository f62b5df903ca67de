//! The report form as it arrives: its fields, and its photos, which go through the photo
//! pipeline one by one; a file that is not a usable photo is named and left out.

use crate::error::AppError;
use axum::extract::Multipart;
use sermphalang_documents::photo::{self, Photo};
use sermphalang_domain::FieldError;
use sermphalang_domain::report::ReportForm;
use sermphalang_store::audit::Write;
use sermphalang_store::report::photos::{self, Arranged, NewPhoto, Size};

/// A report's form with at most this many photos at once.
pub const MAX_PHOTOS: usize = 20;

pub struct Upload {
    pub form: ReportForm,
    /// File name and bytes.
    pub photos: Vec<(String, Vec<u8>)>,
    pub caption: String,
    /// Captions and places of the photos already on the report.
    pub arranged: Vec<Arranged>,
    pub consent: bool,
    /// Whether the reporter asked to send the report as well as save it.
    pub submit: bool,
}

pub async fn read_upload(mut multipart: Multipart) -> Result<Upload, AppError> {
    let mut up = Upload {
        form: ReportForm::default(),
        photos: Vec::new(),
        caption: String::new(),
        arranged: Vec::new(),
        consent: false,
        submit: false,
    };
    let bad = |e: axum::extract::multipart::MultipartError| AppError::BadRequest(e.to_string());
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or_default().to_string();
        if name == "photos" {
            let file = field.file_name().unwrap_or("photo").to_string();
            let data = field.bytes().await.map_err(bad)?;
            if !data.is_empty() && up.photos.len() < MAX_PHOTOS {
                up.photos.push((file, data.to_vec()));
            }
            continue;
        }
        let text = field.text().await.map_err(bad)?;
        let f = &mut up.form;
        match name.as_str() {
            "title" => f.title = text,
            "entry" => f.entry = text,
            "held_on" => f.held_on = text,
            "district" => f.district = text,
            "venue" => f.venue = text,
            "network" => f.network = text,
            "organizations" => f.organizations.push(text),
            "virtues" => f.virtues.push(text),
            "male" => f.male = text,
            "female" => f.female = text,
            "gender_unstated" => f.gender_unstated = text,
            "youth" => f.youth = text,
            "adults" => f.adults = text,
            "elders" => f.elders = text,
            "narrative" => f.narrative = text,
            "indicator" => f.indicator.push(text),
            "contribution" => f.contribution.push(text),
            "confirm_large" => f.confirm_large = text,
            "client_key" => f.client_key = text,
            "photo_caption" => up.caption = text,
            "photo_consent" => up.consent = !text.is_empty(),
            "submit" => up.submit = text == "1",
            other => arrange_field(&mut up.arranged, other, text),
        }
    }
    Ok(up)
}

/// Reads a `photo_caption_{id}` or `photo_place_{id}` field into the photo's arrangement.
fn arrange_field(arranged: &mut Vec<Arranged>, name: &str, text: String) {
    let (caption, id) = match (
        name.strip_prefix("photo_caption_"),
        name.strip_prefix("photo_place_"),
    ) {
        (Some(id), _) => (true, id),
        (_, Some(id)) => (false, id),
        _ => return,
    };
    let Ok(id) = id.parse::<i64>() else {
        return;
    };
    let at = match arranged.iter().position(|a| a.id == id) {
        Some(at) => at,
        None => {
            arranged.push(Arranged {
                id,
                caption: String::new(),
                place: i64::MAX,
            });
            arranged.len() - 1
        }
    };
    if caption {
        arranged[at].caption = text;
    } else {
        let digits = sermphalang_thai::to_arabic_digits(text.trim());
        arranged[at].place = digits.parse().unwrap_or(i64::MAX);
    }
}

/// Runs each photo through the pipeline off the async threads; returns the photos made and,
/// for each file refused, a message naming it.
pub async fn process_photos(files: Vec<(String, Vec<u8>)>) -> (Vec<Photo>, Vec<FieldError>) {
    let mut made = Vec::new();
    let mut refused = Vec::new();
    for (name, bytes) in files {
        let result = tokio::task::spawn_blocking(move || photo::process(&bytes)).await;
        match result {
            Ok(Ok(p)) => made.push(p),
            Ok(Err(e)) => refused.push(FieldError::new(
                "photos",
                format!("ภาพ \"{name}\" ใช้ไม่ได้: {}", e.th()),
                format!("The photo \"{name}\" was not kept: {}", e.en()),
            )),
            Err(_) => refused.push(FieldError::new(
                "photos",
                format!("ภาพ \"{name}\" อ่านไม่ได้"),
                format!("The photo \"{name}\" could not be read"),
            )),
        }
    }
    (made, refused)
}

fn size(r: &photo::Rendition) -> Size<'_> {
    Size {
        width: r.width,
        height: r.height,
        jpeg: &r.jpeg,
    }
}

/// A photo the pipeline made, as the store takes it.
pub fn new_photo<'a>(p: &'a Photo, caption: &'a str, consent: bool) -> NewPhoto<'a> {
    NewPhoto {
        original: size(&p.original),
        display: size(&p.display),
        thumbnail: size(&p.thumbnail),
        caption,
        consent,
    }
}

pub async fn store_photos(
    tx: &mut Write<'_>,
    province: i64,
    report: i64,
    made: &[Photo],
    caption: &str,
    consent: bool,
) -> Result<(), AppError> {
    let caption: String = caption.trim().chars().take(300).collect();
    for p in made {
        photos::add(tx, province, report, &new_photo(p, &caption, consent)).await?;
    }
    Ok(())
}
