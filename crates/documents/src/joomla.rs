//! Articles from a Joomla site's export: the SQL dump of its `#__content` table (what
//! phpMyAdmin's Export and `mysqldump` write; the table prefix varies). Only that table's
//! INSERT statements are parsed, with sqlparser's MySQL dialect; everything else in the dump
//! is skipped unread. Article HTML becomes Markdown; `{gallery}…{/gallery}` tags and the
//! pictures' addresses are kept for the importer to resolve.

use sqlparser::ast::{Expr, SetExpr, Statement, Value};
use sqlparser::dialect::MySqlDialect;
use sqlparser::parser::Parser;
use sqlparser::tokenizer::{Token, TokenWithSpan, Tokenizer, Whitespace};

/// A dump larger than this is refused before it is read.
pub const MAX_DUMP_BYTES: usize = 50 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    pub id: i64,
    pub title: String,
    /// The intro and the rest, as Joomla splits them at "read more".
    pub html: String,
    /// 1 published, 0 unpublished, 2 archived, -2 trashed.
    pub state: i64,
    /// When it went public ("YYYY-MM-DD HH:MM:SS"), else when it was written.
    pub published: String,
    pub author: String,
    /// The intro or full-text image Joomla keeps apart from the text, if any.
    pub image: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum JoomlaError {
    #[error("the file is not a SQL dump: {0}")]
    NotSql(String),
    #[error("the dump holds no articles (no INSERT into a table named …_content)")]
    NoArticles,
    #[error("the dump is larger than {0} MB")]
    TooLarge(usize),
}

impl JoomlaError {
    pub fn th(&self) -> String {
        match self {
            JoomlaError::NotSql(why) => format!("ไฟล์นี้ไม่ใช่ไฟล์ SQL ที่ส่งออกจาก Joomla ({why})"),
            JoomlaError::NoArticles => "ไม่พบบทความในไฟล์ (ไม่มีคำสั่ง INSERT ลงตาราง …_content)".into(),
            JoomlaError::TooLarge(mb) => format!("ไฟล์ใหญ่เกิน {mb} MB"),
        }
    }
}

/// Whether a statement's tokens begin `INSERT INTO <…_content>` (the table perhaps qualified
/// by its database).
fn inserts_content(tokens: &[TokenWithSpan]) -> bool {
    let significant: Vec<&Token> = tokens
        .iter()
        .map(|t| &t.token)
        .filter(|t| !matches!(t, Token::Whitespace(_)))
        .collect();
    let word = |t: &Token, w: &str| matches!(t, Token::Word(x) if x.value.eq_ignore_ascii_case(w));
    let starts =
        significant.len() > 2 && word(significant[0], "insert") && word(significant[1], "into");
    let table = significant
        .iter()
        .skip(2)
        .take_while(|t| !matches!(t, Token::LParen) && !word(t, "values"))
        .filter_map(|t| match t {
            Token::Word(w) => Some(w.value.to_lowercase()),
            _ => None,
        })
        .last();
    starts && table.is_some_and(|t| t.ends_with("_content"))
}

/// The picture Joomla keeps apart from an article's text: its intro image, else its full-text
/// image, without Joomla 4's `#joomlaImage://…` suffix.
fn image_of(json: &str) -> Option<String> {
    let images: serde_json::Value = serde_json::from_str(json).ok()?;
    ["image_intro", "image_fulltext"]
        .iter()
        .filter_map(|k| images.get(k)?.as_str())
        .map(|p| p.split('#').next().unwrap_or_default().trim().to_string())
        .find(|p| !p.is_empty())
}

fn text(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Value(v) => match &v.value {
            Value::SingleQuotedString(s) | Value::DoubleQuotedString(s) => Some(s.clone()),
            Value::Number(n, _) => Some(n.clone()),
            _ => None,
        },
        Expr::UnaryOp { expr, .. } => text(expr).map(|t| format!("-{t}")),
        _ => None,
    }
}

/// The articles of the dump, in its order.
pub fn articles(dump: &[u8]) -> Result<Vec<Article>, JoomlaError> {
    if dump.len() > MAX_DUMP_BYTES {
        return Err(JoomlaError::TooLarge(MAX_DUMP_BYTES / 1024 / 1024));
    }
    let sql = String::from_utf8_lossy(dump);
    let dialect = MySqlDialect {};
    let tokens = Tokenizer::new(&dialect, &sql)
        .tokenize_with_location()
        .map_err(|e| JoomlaError::NotSql(e.to_string()))?;
    let mut found = Vec::new();
    let mut parsed_any = false;
    for statement in tokens.split(|t| t.token == Token::SemiColon) {
        if !inserts_content(statement) {
            continue;
        }
        let statement: Vec<TokenWithSpan> = statement
            .iter()
            .filter(|t| !matches!(t.token, Token::Whitespace(Whitespace::MultiLineComment(_))))
            .cloned()
            .collect();
        let parsed = Parser::new(&dialect)
            .with_tokens_with_locations(statement)
            .parse_statement()
            .map_err(|e| JoomlaError::NotSql(e.to_string()))?;
        let Statement::Insert(insert) = parsed else {
            continue;
        };
        parsed_any = true;
        let columns: Vec<String> = insert
            .columns
            .iter()
            .map(|c| c.value.to_lowercase())
            .collect();
        let Some(source) = insert.source else {
            continue;
        };
        let SetExpr::Values(values) = *source.body else {
            continue;
        };
        for row in values.rows {
            let get = |name: &str| -> String {
                columns
                    .iter()
                    .position(|c| c == name)
                    .and_then(|i| row.get(i))
                    .and_then(text)
                    .unwrap_or_default()
            };
            let published = match get("publish_up") {
                p if p.is_empty() || p.starts_with("0000") => get("created"),
                p => p,
            };
            found.push(Article {
                id: get("id").parse().unwrap_or(0),
                title: get("title"),
                html: format!("{}\n{}", get("introtext"), get("fulltext")),
                state: get("state").parse().unwrap_or(0),
                published,
                author: get("created_by_alias"),
                image: image_of(&get("images")),
            });
        }
    }
    if !parsed_any {
        return Err(JoomlaError::NoArticles);
    }
    Ok(found)
}

/// An article's text as Markdown, with its gallery tags as they were written and the addresses
/// of the pictures in it, which the text no longer shows: photos go in galleries.
#[derive(Debug, Clone, PartialEq)]
pub struct Converted {
    pub markdown: String,
    /// What each `{gallery}…{/gallery}` tag named, as written.
    pub galleries: Vec<String>,
    /// Each `<img src>`, as written.
    pub pictures: Vec<String>,
}

const OPEN: &str = "{gallery}";
const CLOSE: &str = "{/gallery}";

/// Marks a gallery tag while the HTML is converted, so that its folder is not escaped.
fn marker(n: usize) -> String {
    format!("SPGALLERY{n}MARK")
}

/// The `src` of every `<img>` in the HTML.
fn pictures(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(start) = lower[at..].find("<img") {
        let tag_start = at + start;
        let tag_end = lower[tag_start..]
            .find('>')
            .map_or(lower.len(), |e| tag_start + e);
        let tag = &lower[tag_start..tag_end];
        if let Some(src) = tag.find("src=") {
            let value_start = tag_start + src + 4;
            let quote = html[value_start..].chars().next().unwrap_or(' ');
            let (from, stop) = if quote == '"' || quote == '\'' {
                (value_start + 1, quote)
            } else {
                (value_start, ' ')
            };
            let value: String = html[from..tag_end]
                .chars()
                .take_while(|c| *c != stop && *c != '>')
                .collect();
            if !value.trim().is_empty() {
                found.push(value.trim().to_string());
            }
        }
        at = tag_end;
    }
    found
}

pub fn convert(html: &str) -> Converted {
    let mut galleries = Vec::new();
    let mut marked = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(OPEN) {
        let after = &rest[start + OPEN.len()..];
        let Some(end) = after.find(CLOSE) else { break };
        marked.push_str(&rest[..start]);
        marked.push_str(&format!("<p>{}</p>", marker(galleries.len())));
        galleries.push(after[..end].trim().to_string());
        rest = &after[end + CLOSE.len()..];
    }
    marked.push_str(rest);
    let converter = htmd::HtmlToMarkdown::builder()
        .skip_tags(vec![
            "img", "script", "style", "iframe", "object", "embed", "svg",
        ])
        .build();
    let mut markdown = converter.convert(&marked).unwrap_or_default();
    for (n, folder) in galleries.iter().enumerate() {
        markdown = markdown.replace(&marker(n), &format!("{OPEN}{folder}{CLOSE}"));
    }
    Converted {
        markdown: markdown.trim().to_string(),
        galleries,
        pictures: pictures(html),
    }
}

/// Limits on an images ZIP: entries, one picture, and everything unpacked.
const MAX_ENTRIES: usize = 5_000;
const MAX_PICTURE: u64 = 15 * 1024 * 1024;
const MAX_UNPACKED: u64 = 600 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum ZipRefusal {
    #[error("the images must be a ZIP file")]
    NotZip,
    #[error("the ZIP holds more than {MAX_ENTRIES} files")]
    TooMany,
    #[error("the ZIP's pictures unpack to more than 600 MB")]
    TooLarge,
}

impl ZipRefusal {
    pub fn th(&self) -> String {
        match self {
            ZipRefusal::NotZip => "ไฟล์ภาพต้องเป็นไฟล์ ZIP".into(),
            ZipRefusal::TooMany => "ไฟล์ ZIP มีไฟล์มากเกินไป (เกิน 5,000 ไฟล์)".into(),
            ZipRefusal::TooLarge => "ภาพในไฟล์ ZIP รวมกันใหญ่เกิน 600 MB".into(),
        }
    }
}

fn is_picture(name: &str) -> bool {
    let lower = name.to_lowercase();
    [".jpg", ".jpeg", ".png"].iter().any(|e| lower.ends_with(e))
}

/// The pictures (JPEG, PNG) in a ZIP by their paths, read within limits: a picture larger than
/// 15 MB is left out, and a ZIP that would unpack to more than 600 MB is refused.
pub fn zipped_pictures(zip: &[u8]) -> Result<Vec<(String, Vec<u8>)>, ZipRefusal> {
    use std::io::Read;
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(zip)).map_err(|_| ZipRefusal::NotZip)?;
    if archive.len() > MAX_ENTRIES {
        return Err(ZipRefusal::TooMany);
    }
    let mut found = Vec::new();
    let mut unpacked = 0;
    for i in 0..archive.len() {
        let Ok(entry) = archive.by_index(i) else {
            continue;
        };
        let Ok(name) = entry.name().map(|n| n.to_string()) else {
            continue;
        };
        if entry.is_dir() || !is_picture(&name) || entry.size() > MAX_PICTURE {
            continue;
        }
        unpacked += entry.size();
        if unpacked > MAX_UNPACKED {
            return Err(ZipRefusal::TooLarge);
        }
        let mut bytes = Vec::new();
        // The size a ZIP declares can lie: read no more than the limit allows.
        if entry.take(MAX_PICTURE + 1).read_to_end(&mut bytes).is_ok()
            && bytes.len() as u64 <= MAX_PICTURE
        {
            found.push((name, bytes));
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DUMP: &str = r#"-- phpMyAdmin SQL Dump
/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
SET NAMES utf8mb4;
CREATE TABLE `ud_content` (
  `id` int(10) unsigned NOT NULL AUTO_INCREMENT,
  `title` varchar(255) NOT NULL DEFAULT '',
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
LOCK TABLES `ud_content` WRITE;
INSERT INTO `ud_content` (`id`, `asset_id`, `title`, `alias`, `introtext`, `fulltext`, `state`, `created`, `created_by_alias`, `publish_up`, `images`) VALUES
(412, 1001, 'อบรมผู้นำคุณธรรม', 'abrom', '<p>ภาคีเครือข่าย<strong>ร่วมกัน</strong> ใช้\'ความดี\'</p><p><img src="images/News-PR-2565/a.jpg" alt="x" /></p>', '<p>{gallery}/News-PR-2565/23-02-65/4{/gallery}</p>', 1, '2022-02-23 09:00:00', 'งานประชาสัมพันธ์', '2022-02-23 10:00:00', '{"image_intro":"images\/News-PR-2565\/cover.jpg#joomlaImage:\/\/local-images\/cover.jpg?width=800&height=600","image_fulltext":""}'),
(413, 1002, 'ร่างข่าว', 'draft', '<p>ยังไม่เผยแพร่</p>', '', 0, '2022-03-01 09:00:00', '', '0000-00-00 00:00:00', '');
UNLOCK TABLES;
INSERT INTO `ud_users` (`id`, `name`) VALUES (1, 'admin');
"#;

    #[test]
    fn the_content_tables_rows_are_read_and_the_rest_skipped() {
        let found = articles(DUMP.as_bytes()).unwrap();
        assert_eq!(found.len(), 2);
        let a = &found[0];
        assert_eq!(a.id, 412);
        assert_eq!(a.title, "อบรมผู้นำคุณธรรม");
        assert_eq!(a.state, 1);
        assert_eq!(a.published, "2022-02-23 10:00:00");
        assert_eq!(a.author, "งานประชาสัมพันธ์");
        assert_eq!(a.image.as_deref(), Some("images/News-PR-2565/cover.jpg"));
        assert!(a.html.contains("'ความดี'"), "{}", a.html);
        assert_eq!(
            found[1].published, "2022-03-01 09:00:00",
            "no publish date: written"
        );
    }

    #[test]
    fn html_becomes_markdown_with_galleries_and_pictures_kept() {
        let found = articles(DUMP.as_bytes()).unwrap();
        let c = convert(&found[0].html);
        assert!(c.markdown.contains("**ร่วมกัน**"), "{}", c.markdown);
        assert!(
            c.markdown
                .contains("{gallery}/News-PR-2565/23-02-65/4{/gallery}"),
            "{}",
            c.markdown
        );
        assert_eq!(c.galleries, ["/News-PR-2565/23-02-65/4"]);
        assert_eq!(c.pictures, ["images/News-PR-2565/a.jpg"]);
        assert!(!c.markdown.contains("<img"));
    }

    #[test]
    fn other_files_are_refused_with_a_reason() {
        assert!(matches!(
            articles(b"just text"),
            Err(JoomlaError::NoArticles)
        ));
        assert!(matches!(
            articles(b"INSERT INTO `x_content` (`id`) VALUES ('unclosed"),
            Err(JoomlaError::NotSql(_))
        ));
        let broken = convert("<p>{gallery}ไม่มีปิด</p><script>alert(1)</script>");
        assert!(broken.galleries.is_empty());
        assert!(broken.markdown.contains("{gallery}ไม่มีปิด"));
        assert!(!broken.markdown.contains("alert"));
    }
}
