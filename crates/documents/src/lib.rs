//! Spreadsheet import (.xlsx, .csv) and export for Sermphalang.

pub mod archive;
pub mod export;
pub mod sheet;

pub use archive::write_zip;
pub use export::{Cell, ExportError, Table, defuse_formula, write_csv, write_workbook, write_xlsx};
pub use sheet::{
    MAX_COLUMNS, MAX_COMPRESSION_RATIO, MAX_FILE_BYTES, MAX_ROWS, MAX_UNPACKED_BYTES, ReadError,
    Sheet, read_sheet,
};
