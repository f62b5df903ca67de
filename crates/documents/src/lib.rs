//! Documents in and out for Sermphalang: spreadsheet import (.xlsx, .csv) and export, ZIP
//! archives, checks on uploaded PDFs, and photos made safe to store and serve.

pub mod archive;
pub mod export;
pub mod joomla;
pub mod pdf;
pub mod photo;
pub mod sample_photo;
pub mod sheet;

pub use archive::write_zip;
pub use export::{Cell, ExportError, Table, defuse_formula, write_csv, write_workbook, write_xlsx};
pub use sheet::{
    MAX_COLUMNS, MAX_COMPRESSION_RATIO, MAX_FILE_BYTES, MAX_ROWS, MAX_UNPACKED_BYTES, ReadError,
    Sheet, read_sheet, read_workbook,
};
