//! Reading an uploaded spreadsheet (.xlsx or .csv) into rows of text.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::panic::{self, AssertUnwindSafe};

use calamine::{DataRef, ExcelDateTime, Reader, Xlsx, XlsxError};
use zip::ZipArchive;

/// Largest upload accepted, checked before anything else.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;
/// Largest number of data rows (the header row not counted).
pub const MAX_ROWS: usize = 20_000;
/// Largest number of columns.
pub const MAX_COLUMNS: usize = 100;
/// Largest total uncompressed size of the entries of an .xlsx file.
pub const MAX_UNPACKED_BYTES: u64 = 100 * 1024 * 1024;
/// Largest uncompressed/compressed ratio of a large .xlsx entry; plain XML
/// rarely goes past 50, deflate bombs reach about 1000.
pub const MAX_COMPRESSION_RATIO: u64 = 200;
/// Entries below this size are too small to hurt, whatever their ratio.
const RATIO_CHECK_MIN_BYTES: u64 = 1024 * 1024;
const MAX_ZIP_ENTRIES: usize = 10_000;
/// Cap on the text taken out of a workbook: one long shared string can be
/// referenced by every cell, so the cell count alone does not bound memory.
const MAX_TEXT_BYTES: u64 = 64 * 1024 * 1024;
/// calamine reserves `uniqueCount` shared strings up front, so an absurd
/// count must be refused before calamine sees it.
const MAX_SHARED_STRINGS: u64 = 5_000_000;
const SST_SCAN_BYTES: u64 = 64 * 1024;

/// A table read from a file: the header row and the data rows, all as text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sheet {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Each data row's number as the spreadsheet program shows it, blank rows counted, so
    /// that a message about a row points at the row a person sees.
    pub lines: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("the file is too large ({bytes} bytes, the limit is {max} bytes)")]
    TooLarge { bytes: u64, max: u64 },
    #[error("the file is not a spreadsheet (.xlsx or .csv)")]
    NotASpreadsheet,
    #[error("old binary .xls files are not supported; save the file as .xlsx or .csv")]
    OldExcelFormat,
    #[error("the workbook is password-protected; save a copy without a password")]
    PasswordProtected,
    #[error("the file cannot be read: {0}")]
    Unreadable(String),
    #[error("the file is empty")]
    Empty,
    #[error("the file has {rows} data rows, the limit is {max}")]
    TooManyRows { rows: usize, max: usize },
    #[error("the file has {columns} columns, the limit is {max}")]
    TooManyColumns { columns: usize, max: usize },
}

impl ReadError {
    /// The error for the person who uploaded the file: what is wrong and what to do.
    pub fn message_th(&self) -> String {
        match self {
            Self::TooLarge { max, .. } => format!(
                "ไฟล์ใหญ่เกิน {} MB กรุณาแบ่งข้อมูลเป็นหลายไฟล์แล้วลองใหม่",
                max.div_ceil(1024 * 1024)
            ),
            Self::NotASpreadsheet => {
                "ไฟล์นี้ไม่ใช่ไฟล์ตาราง (.xlsx หรือ .csv) กรุณาเลือกไฟล์ตารางแล้วลองใหม่".to_string()
            }
            Self::OldExcelFormat => {
                "ไฟล์ .xls รุ่นเก่า กรุณาบันทึกเป็น .xlsx หรือ .csv แล้วลองใหม่".to_string()
            }
            Self::PasswordProtected => {
                "ไฟล์นี้ตั้งรหัสผ่านไว้ ระบบจึงเปิดอ่านไม่ได้ กรุณาเปิดไฟล์ใน Excel แล้วบันทึกสำเนาที่ไม่มีรหัสผ่าน (ไฟล์ > ข้อมูล > ป้องกันเวิร์กบุ๊ก > เข้ารหัสด้วยรหัสผ่าน แล้วลบรหัส) จากนั้นลองใหม่"
                    .to_string()
            }
            Self::Unreadable(_) => {
                "อ่านไฟล์ไม่ได้ ไฟล์อาจเสียหาย กรุณาเปิดไฟล์แล้วบันทึกเป็น .xlsx หรือ .csv ใหม่แล้วลองอีกครั้ง"
                    .to_string()
            }
            Self::Empty => "ไฟล์ว่างเปล่า ไม่มีข้อมูล กรุณาตรวจสอบไฟล์แล้วลองใหม่".to_string(),
            Self::TooManyRows { rows, max } => {
                format!("ไฟล์มีข้อมูล {rows} แถว เกินกำหนด {max} แถว กรุณาแบ่งเป็นหลายไฟล์แล้วลองใหม่")
            }
            Self::TooManyColumns { columns, max } => {
                format!("ไฟล์มี {columns} คอลัมน์ เกินกำหนด {max} คอลัมน์ กรุณาลบคอลัมน์ที่ไม่ใช้แล้วลองใหม่")
            }
        }
    }
}

/// Reads the first worksheet of an .xlsx file or a CSV file. The format is
/// taken from the content; the name only helps to accept odd-looking CSV.
///
/// This is CPU-bound; call it off the async request path (`spawn_blocking`).
pub fn read_sheet(file_name: &str, bytes: &[u8]) -> Result<Sheet, ReadError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge {
            bytes: bytes.len() as u64,
            max: MAX_FILE_BYTES as u64,
        });
    }
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return read_xlsx(bytes);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(if is_encrypted_workbook(bytes) {
            ReadError::PasswordProtected
        } else {
            ReadError::OldExcelFormat
        });
    }
    let (text, clean) = match decode_utf16(bytes) {
        Some(decoded) => decoded,
        None if is_known_binary(bytes) || bytes.contains(&0) => {
            return Err(ReadError::NotASpreadsheet);
        }
        None => decode_text(bytes),
    };
    let name = file_name.trim().to_lowercase();
    if looks_like_markup(&text) {
        // Some systems export HTML or XML Spreadsheet 2003 with an .xls name.
        return Err(if name.ends_with(".xls") || name.ends_with(".xml") {
            ReadError::OldExcelFormat
        } else {
            ReadError::NotASpreadsheet
        });
    }
    let text_name = [".csv", ".tsv", ".txt"].iter().any(|e| name.ends_with(e));
    if !(text_name || (clean && is_mostly_printable(&text))) {
        return Err(ReadError::NotASpreadsheet);
    }
    read_csv_text(&text)
}

/// Excel saves a password-protected .xlsx inside the old compound-file container, with the
/// workbook in a stream named `EncryptedPackage` (stream names are UTF-16).
fn is_encrypted_workbook(bytes: &[u8]) -> bool {
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    bytes.windows(name.len()).any(|w| w == name.as_slice())
}

fn is_known_binary(bytes: &[u8]) -> bool {
    const MAGICS: &[&[u8]] = &[
        b"%PDF-",
        b"\x89PNG",
        b"\xFF\xD8\xFF",
        b"GIF87a",
        b"GIF89a",
        b"RIFF",
        b"\x1F\x8B",
        b"Rar!",
        b"7z\xBC\xAF",
        b"PK\x05\x06",
        b"PK\x07\x08",
    ];
    MAGICS.iter().any(|m| bytes.starts_with(m))
}

/// Returns the text and whether it decoded without errors.
fn decode_utf16(bytes: &[u8]) -> Option<(String, bool)> {
    // Excel's "Unicode text" export is UTF-16 with a BOM.
    let encoding = if bytes.starts_with(&[0xFF, 0xFE]) {
        encoding_rs::UTF_16LE
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        encoding_rs::UTF_16BE
    } else {
        return None;
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[2..]);
    Some((text.into_owned(), !had_errors))
}

/// Returns the text and whether it decoded without errors.
fn decode_text(bytes: &[u8]) -> (String, bool) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(s) => (s.to_string(), true),
            Err(_) => (String::from_utf8_lossy(rest).into_owned(), false),
        };
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return (s.to_string(), true);
    }
    // Thai offices still export TIS-620; Windows-874 is its superset.
    let (text, had_errors) = encoding_rs::WINDOWS_874.decode_without_bom_handling(bytes);
    (text.into_owned(), !had_errors)
}

fn is_mostly_printable(text: &str) -> bool {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars() {
        total += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0C') {
            control += 1;
        }
    }
    control * 200 <= total
}

fn looks_like_markup(text: &str) -> bool {
    let start = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    let head: String = start.chars().take(512).collect::<String>().to_lowercase();
    head.starts_with('<')
        && ["<?xml", "<!doctype", "<html", "<table", "<workbook"]
            .iter()
            .any(|tag| head.contains(tag))
}

fn clean_cell(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}')
}

fn read_csv_text(text: &str) -> Result<Sheet, ReadError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let hint = split_sep_hint(text);
    let skipped_lines = usize::from(hint.is_some());
    let (delimiter, body) = hint.unwrap_or_else(|| (detect_delimiter(text), text));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(body.as_bytes());

    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let mut lines = Vec::new();
    let mut data_rows = 0usize;
    for record in reader.records() {
        let record = record.map_err(|e| ReadError::Unreadable(e.to_string()))?;
        // Counted from the bytes: the reader's position can point at blank lines before the
        // record, and its own line count misses them.
        let bytes = body.as_bytes();
        let mut start = record
            .position()
            .map_or(0, |p| p.byte() as usize)
            .min(bytes.len());
        while start < bytes.len() && matches!(bytes[start], b'\n' | b'\r') {
            start += 1;
        }
        let line = bytes[..start].iter().filter(|b| **b == b'\n').count() + 1 + skipped_lines;
        let mut cells: Vec<String> = record.iter().map(|c| clean_cell(c).to_string()).collect();
        while cells.last().is_some_and(String::is_empty) {
            cells.pop();
        }
        if cells.is_empty() {
            continue;
        }
        if cells.len() > MAX_COLUMNS {
            return Err(ReadError::TooManyColumns {
                columns: cells.len(),
                max: MAX_COLUMNS,
            });
        }
        if headers.is_none() {
            headers = Some(cells);
            continue;
        }
        data_rows += 1;
        // Keep counting past the limit so the message can say how many rows there are.
        if data_rows <= MAX_ROWS {
            rows.push(cells);
            lines.push(line);
        }
    }
    if data_rows > MAX_ROWS {
        return Err(ReadError::TooManyRows {
            rows: data_rows,
            max: MAX_ROWS,
        });
    }
    let headers = headers.ok_or(ReadError::Empty)?;
    Ok(Sheet {
        headers,
        rows,
        lines,
    })
}

/// Excel writes a first line `sep=;` when asked to; honour it.
fn split_sep_hint(text: &str) -> Option<(u8, &str)> {
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    let hint = first.trim_end_matches('\r').strip_prefix("sep=")?;
    match hint.as_bytes() {
        [d @ (b',' | b';' | b'\t' | b'|')] => Some((*d, rest)),
        _ => None,
    }
}

fn detect_delimiter(text: &str) -> u8 {
    const DELIMITERS: [char; 3] = [',', ';', '\t'];
    // Lines of only separators are skipped by the reader too, so skip them here.
    let mut lines = text.lines().filter(|line| {
        line.chars()
            .any(|c| !c.is_whitespace() && !matches!(c, ',' | ';' | '"'))
    });
    let header = counts_outside_quotes(lines.next().unwrap_or(""), DELIMITERS);
    let next = counts_outside_quotes(lines.next().unwrap_or(""), DELIMITERS);
    // Most separators in the header wins; on a tie, the one the next line agrees with.
    let score = |i: usize| (header[i], header[i] == next[i]);
    let best =
        (0..DELIMITERS.len()).fold(0, |best, i| if score(i) > score(best) { i } else { best });
    DELIMITERS[best] as u8
}

fn counts_outside_quotes<const N: usize>(line: &str, delimiters: [char; N]) -> [usize; N] {
    let mut counts = [0; N];
    let mut quoted = false;
    for c in line.chars() {
        if c == '"' {
            quoted = !quoted;
        } else if !quoted && let Some(i) = delimiters.iter().position(|&d| d == c) {
            counts[i] += 1;
        }
    }
    counts
}

fn unreadable(e: impl std::fmt::Display) -> ReadError {
    ReadError::Unreadable(e.to_string())
}

fn read_xlsx(bytes: &[u8]) -> Result<Sheet, ReadError> {
    read_xlsx_sheets(bytes, false)?
        .into_iter()
        .next()
        .map(|(_, sheet)| sheet)
        .ok_or(ReadError::Empty)
}

fn read_xlsx_sheets(bytes: &[u8], all: bool) -> Result<Vec<(String, Sheet)>, ReadError> {
    // calamine (and the zip reader) have known panics on malformed input;
    // an upload must never take the server down.
    panic::catch_unwind(AssertUnwindSafe(|| {
        check_zip(bytes)?;
        parse_xlsx(bytes, all)
    }))
    .unwrap_or_else(|_| Err(ReadError::Unreadable("the workbook parser crashed".into())))
}

/// Reads every worksheet that has data, with its name, in the workbook's order; a CSV file
/// reads as one sheet with an empty name.
///
/// This is CPU-bound; call it off the async request path (`spawn_blocking`).
pub fn read_workbook(file_name: &str, bytes: &[u8]) -> Result<Vec<(String, Sheet)>, ReadError> {
    if bytes.starts_with(b"PK\x03\x04") && bytes.len() <= MAX_FILE_BYTES {
        let sheets = read_xlsx_sheets(bytes, true)?;
        return if sheets.is_empty() {
            Err(ReadError::Empty)
        } else {
            Ok(sheets)
        };
    }
    read_sheet(file_name, bytes).map(|sheet| vec![(String::new(), sheet)])
}

/// Refuses zip bombs using the sizes in the central directory, which the zip
/// reader enforces while decompressing, before calamine inflates anything.
fn check_zip(bytes: &[u8]) -> Result<(), ReadError> {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(unreadable)?;
    if archive.len() > MAX_ZIP_ENTRIES {
        return Err(ReadError::Unreadable(format!(
            "the workbook has {} parts",
            archive.len()
        )));
    }
    let mut total = 0u64;
    let mut suspicious_ratio = false;
    let mut shared_strings = Vec::new();
    for index in 0..archive.len() {
        let entry = archive.by_index_data(index).map_err(unreadable)?;
        let size = entry.size();
        total = total.saturating_add(size);
        suspicious_ratio |= size > RATIO_CHECK_MIN_BYTES
            && size / entry.compressed_size().max(1) > MAX_COMPRESSION_RATIO;
        let name = String::from_utf8_lossy(entry.name_raw())
            .replace('\\', "/")
            .to_lowercase();
        if name.ends_with("sharedstrings.xml") {
            shared_strings.push((index, size));
        }
    }
    if total > MAX_UNPACKED_BYTES {
        return Err(ReadError::TooLarge {
            bytes: total,
            max: MAX_UNPACKED_BYTES,
        });
    }
    if suspicious_ratio {
        return Err(ReadError::Unreadable(
            "a part of the workbook is compressed suspiciously well".into(),
        ));
    }
    for (index, size) in shared_strings {
        let mut head = Vec::new();
        archive
            .by_index(index)
            .map_err(unreadable)?
            .take(SST_SCAN_BYTES)
            .read_to_end(&mut head)
            .map_err(unreadable)?;
        let declared = declared_unique_count(&head).ok_or_else(|| {
            ReadError::Unreadable("the shared strings part has no readable header".into())
        })?;
        if declared.is_some_and(|n| n > MAX_SHARED_STRINGS || n > size / 4 + 16) {
            return Err(ReadError::Unreadable(
                "the shared strings part declares an impossible number of strings".into(),
            ));
        }
    }
    Ok(())
}

/// `None` when no `sst` start tag is in `head`; otherwise its `uniqueCount`,
/// if any (saturating, so a giant number stays giant).
fn declared_unique_count(head: &[u8]) -> Option<Option<u64>> {
    let mut from = 0;
    while let Some(offset) = head[from..].iter().position(|&b| b == b'<') {
        let start = from + offset + 1;
        let name_len = head[start..]
            .iter()
            .position(|&b| b.is_ascii_whitespace() || b == b'>' || b == b'/')
            .unwrap_or(head.len() - start);
        let name = &head[start..start + name_len];
        let local = name.rsplit(|&b| b == b':').next().unwrap_or(name);
        if local == b"sst" {
            let attrs_len = head[start..].iter().position(|&b| b == b'>')?;
            let attrs = &head[start + name_len..start + attrs_len];
            return Some(attribute_number(attrs, b"uniqueCount"));
        }
        from = start;
    }
    None
}

fn attribute_number(attrs: &[u8], key: &[u8]) -> Option<u64> {
    let at = attrs.windows(key.len()).position(|w| w == key)?;
    let rest = &attrs[at + key.len()..];
    let rest = rest
        .iter()
        .position(|b| b.is_ascii_digit())
        .map(|p| &rest[p..])?;
    let mut n = 0u64;
    for d in rest.iter().take_while(|b| b.is_ascii_digit()) {
        n = n.saturating_mul(10).saturating_add(u64::from(d - b'0'));
    }
    Some(n)
}

fn parse_xlsx(bytes: &[u8], all: bool) -> Result<Vec<(String, Sheet)>, ReadError> {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(unreadable)?;
    let mut sheets = Vec::new();
    for name in workbook.sheet_names() {
        let mut reader = match workbook.worksheet_cells_reader(&name) {
            Ok(reader) => reader,
            // A chart sheet can come first; the data is on the next worksheet.
            Err(XlsxError::NotAWorksheet(_)) => continue,
            Err(e) => return Err(unreadable(e)),
        };
        let declared = reader.dimensions();
        let declared_rows = declared.end.0.saturating_sub(declared.start.0) as usize + 1;
        let declared_columns = declared.end.1.saturating_sub(declared.start.1) as usize + 1;
        if declared_rows > MAX_ROWS + 1 {
            return Err(ReadError::TooManyRows {
                rows: declared_rows - 1,
                max: MAX_ROWS,
            });
        }
        if declared_columns > MAX_COLUMNS {
            return Err(ReadError::TooManyColumns {
                columns: declared_columns,
                max: MAX_COLUMNS,
            });
        }
        // calamine's dense Range would allocate the whole rectangle up to the
        // farthest cell, so gather the cells sparsely and check as they come.
        let mut cells = Cells::default();
        while let Some(cell) = reader.next_cell().map_err(unreadable)? {
            let (row, column) = cell.get_position();
            cells.push(row, column, cell_text(cell.get_value()))?;
        }
        match cells.into_sheet() {
            Ok(sheet) => sheets.push((name.clone(), sheet)),
            Err(ReadError::Empty) if all => continue,
            Err(e) => return Err(e),
        }
        if !all {
            break;
        }
    }
    if sheets.is_empty() && !all {
        return Err(ReadError::Empty);
    }
    Ok(sheets)
}

#[derive(Default)]
struct Cells {
    rows: BTreeMap<u32, Vec<(u32, String)>>,
    min_column: u32,
    max_column: u32,
    text_bytes: u64,
    overflow_rows: usize,
    last_overflow_row: Option<u32>,
}

impl Cells {
    fn push(&mut self, row: u32, column: u32, text: String) -> Result<(), ReadError> {
        if text.is_empty() {
            return Ok(());
        }
        if !self.rows.contains_key(&row) && self.rows.len() > MAX_ROWS {
            // Past the limit only count rows (cells arrive row by row), to report how many.
            if self.last_overflow_row != Some(row) {
                self.last_overflow_row = Some(row);
                self.overflow_rows += 1;
            }
            return Ok(());
        }
        if self.rows.is_empty() {
            (self.min_column, self.max_column) = (column, column);
        } else {
            self.min_column = self.min_column.min(column);
            self.max_column = self.max_column.max(column);
        }
        let columns = (self.max_column - self.min_column) as usize + 1;
        if columns > MAX_COLUMNS {
            return Err(ReadError::TooManyColumns {
                columns,
                max: MAX_COLUMNS,
            });
        }
        self.text_bytes += text.len() as u64;
        if self.text_bytes > MAX_TEXT_BYTES {
            return Err(ReadError::TooLarge {
                bytes: self.text_bytes,
                max: MAX_TEXT_BYTES,
            });
        }
        self.rows.entry(row).or_default().push((column, text));
        Ok(())
    }

    fn into_sheet(self) -> Result<Sheet, ReadError> {
        if self.overflow_rows > 0 {
            return Err(ReadError::TooManyRows {
                rows: self.rows.len() - 1 + self.overflow_rows,
                max: MAX_ROWS,
            });
        }
        let min_column = self.min_column;
        let mut rows = self.rows.into_iter().map(|(number, mut cells)| {
            cells.sort_by_key(|(column, _)| *column);
            let width = cells.last().map_or(0, |(c, _)| c - min_column + 1) as usize;
            let mut row = vec![String::new(); width];
            for (column, text) in cells {
                row[(column - min_column) as usize] = text;
            }
            (number as usize + 1, row)
        });
        let (_, headers) = rows.next().ok_or(ReadError::Empty)?;
        let (lines, rows) = rows.unzip();
        Ok(Sheet {
            headers,
            rows,
            lines,
        })
    }
}

fn cell_text(value: &DataRef<'_>) -> String {
    let text = match value {
        DataRef::Empty => return String::new(),
        DataRef::String(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::DateTimeIso(s) => {
            let s = clean_cell(s);
            s.strip_suffix("T00:00:00").unwrap_or(s).to_string()
        }
        DataRef::SharedString(s) => s.to_string(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => format_number(*f),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        DataRef::DateTime(dt) => format_datetime(dt),
        DataRef::Error(e) => e.to_string(),
    };
    match clean_cell(&text) {
        trimmed if trimmed.len() == text.len() => text,
        trimmed => trimmed.to_string(),
    }
}

/// Whole numbers without ".0"; others at Excel's 15 significant digits, so a
/// stored 0.30000000000000004 reads as 0.3 like Excel shows it.
fn format_number(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        return format!("{}", f as i64);
    }
    let rounded: f64 = format!("{f:.14e}").parse().unwrap_or(f);
    rounded.to_string()
}

fn format_datetime(dt: &ExcelDateTime) -> String {
    let value = dt.as_f64();
    if dt.is_duration() {
        let total_seconds = (value * 86_400.0).round() as i64;
        let sign = if total_seconds < 0 { "-" } else { "" };
        let s = total_seconds.abs();
        return format!("{sign}{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
    }
    let (year, month, day, hour, minute, second, _) = dt.to_ymd_hms_milli();
    let time = if second == 0 {
        format!("{hour:02}:{minute:02}")
    } else {
        format!("{hour:02}:{minute:02}:{second:02}")
    };
    if (0.0..1.0).contains(&value) {
        time
    } else if (hour, minute, second) == (0, 0, 0) {
        format!("{year:04}-{month:02}-{day:02}")
    } else {
        format!("{year:04}-{month:02}-{day:02} {time}")
    }
}
