//! The columns of a sheet people fill in a spreadsheet program: a column's key, its header in
//! Thai and English, and the other headers offices write for it.

/// A column of an imported sheet: its key, its header in Thai and English, and other headers
/// offices write for it.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub key: &'static str,
    pub th: &'static str,
    pub en: &'static str,
    pub aliases: &'static [&'static str],
}

pub(crate) const fn column(
    key: &'static str,
    th: &'static str,
    en: &'static str,
    aliases: &'static [&'static str],
) -> Column {
    Column {
        key,
        th,
        en,
        aliases,
    }
}

pub(crate) fn folded(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The column a header names, by its Thai or English header or an alias.
pub fn column_of(columns: &[Column], header: &str) -> Option<Column> {
    let wanted = folded(header);
    columns.iter().copied().find(|c| {
        std::iter::once(c.th)
            .chain(std::iter::once(c.en))
            .chain(c.aliases.iter().copied())
            .any(|h| folded(h) == wanted)
    })
}
