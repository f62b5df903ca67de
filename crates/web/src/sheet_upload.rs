//! A spreadsheet sent with an import form: the form's fields and its file read whole, then the
//! file parsed off the async threads, with a message naming what was wrong.

use crate::error::AppError;
use axum::extract::Multipart;
use sermphalang_documents::{ReadError, Sheet};
use sermphalang_domain::FieldError;
use sermphalang_store::registry::imports::Table;

/// The chosen file's name and what was read from it; or its name (empty when no file was
/// chosen) and what is wrong with it.
pub type Read<T> = Result<(String, T), (String, FieldError)>;

/// What an import form sent: its text fields and the chosen file.
#[derive(Default)]
pub struct Sent {
    fields: Vec<(String, String)>,
    file: Option<(String, Vec<u8>)>,
}

impl Sent {
    pub async fn receive(mut multipart: Multipart) -> Result<Sent, AppError> {
        let bad = |e: axum::extract::multipart::MultipartError| AppError::BadRequest(e.to_string());
        let mut sent = Sent::default();
        while let Some(field) = multipart.next_field().await.map_err(bad)? {
            let name = field.name().unwrap_or_default().to_string();
            if name == "file" {
                let file_name = field.file_name().unwrap_or("file").to_string();
                let bytes = field.bytes().await.map_err(bad)?;
                sent.file = Some((file_name, bytes.to_vec()));
            } else {
                let text = field.text().await.map_err(bad)?;
                sent.fields.push((name, text));
            }
        }
        Ok(sent)
    }

    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Reads the file with `read` on a blocking thread: a workbook is parsed in one go.
    pub async fn parse<T: Send + 'static>(
        self,
        read: fn(&str, &[u8]) -> Result<T, ReadError>,
    ) -> Result<Read<T>, AppError> {
        let Some((name, bytes)) = self.file.filter(|(_, b)| !b.is_empty()) else {
            let e = FieldError::new("file", "กรุณาเลือกไฟล์", "Choose a file");
            return Ok(Err((String::new(), e)));
        };
        let parse_name = name.clone();
        let read = tokio::task::spawn_blocking(move || read(&parse_name, &bytes))
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?;
        Ok(match read {
            Ok(read) => Ok((name, read)),
            Err(e) => Err((name, FieldError::new("file", e.message_th(), e.to_string()))),
        })
    }
}

/// A read sheet as the store's imports take it.
pub fn table(sheet: Sheet) -> Table {
    Table {
        headers: sheet.headers,
        rows: sheet.rows,
        lines: sheet.lines,
    }
}
