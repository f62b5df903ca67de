//! A post's body as HTML: Markdown rendered, then cleaned by an allow-list sanitizer. Raw HTML
//! in the Markdown is shown as the text it is; links keep only web, mail and telephone
//! addresses; images are not allowed in the text (photos belong in galleries).

use ammonia::Builder;
use pulldown_cmark::{Event, Options, Parser};
use sermphalang_domain::news::gallery::{Piece, pieces};
use std::collections::HashSet;
use std::sync::LazyLock;

/// A block of a post: sanitized HTML, or a gallery named by its folder key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Html(String),
    Gallery(String),
}

static CLEANER: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut b = Builder::empty();
    b.add_tags([
        "p",
        "br",
        "strong",
        "em",
        "del",
        "a",
        "ul",
        "ol",
        "li",
        "blockquote",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "code",
        "pre",
        "hr",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
    ])
    .add_tag_attributes("a", ["href", "title"])
    .url_schemes(HashSet::from(["http", "https", "mailto", "tel"]))
    .link_rel(Some("noopener noreferrer nofollow"));
    b
});

/// One stretch of Markdown as clean HTML.
pub fn html(markdown: &str) -> String {
    let events = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
    .map(|e| match e {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    });
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events);
    CLEANER.clean(&out).to_string()
}

/// The body as blocks, its gallery tags in their places.
pub fn render(body: &str) -> Vec<Block> {
    pieces(body)
        .into_iter()
        .filter_map(|p| match p {
            Piece::Text(t) if t.trim().is_empty() => None,
            Piece::Text(t) => Some(Block::Html(html(t))),
            Piece::Gallery(key) => Some(Block::Gallery(key)),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_clean_html() {
        let out = html("## หัวข้อ\n\n**ตัวหนา** และ [ลิงก์](https://example.org)");
        assert!(out.contains("<h2>หัวข้อ</h2>"), "{out}");
        assert!(out.contains("<strong>ตัวหนา</strong>"));
        assert!(
            out.contains(r#"<a href="https://example.org" rel="noopener noreferrer nofollow">"#),
            "{out}"
        );
    }

    #[test]
    fn scripts_handlers_javascript_links_and_svg_never_pass() {
        for evil in [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[คลิก](javascript:alert(1))",
            "<svg onload=alert(1)><circle/></svg>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "![x](javascript:alert(1))",
            "<iframe src=\"https://example.org\"></iframe>",
        ] {
            let out = html(evil);
            let lower = out.to_lowercase();
            assert!(!lower.contains("<script"), "{evil} -> {out}");
            assert!(!lower.contains("<svg"), "{evil} -> {out}");
            assert!(!lower.contains("<img"), "{evil} -> {out}");
            assert!(!lower.contains("<iframe"), "{evil} -> {out}");
            assert!(!lower.contains("<a href=\"javascript"), "{evil} -> {out}");
            assert!(!lower.contains("onerror=alert(1)>"), "{evil} -> {out}");
        }
        let shown = html("<script>alert(1)</script>");
        assert!(
            shown.contains("&lt;script&gt;"),
            "raw HTML is shown as text: {shown}"
        );
    }

    #[test]
    fn galleries_keep_their_place_between_blocks() {
        let blocks = render("ก่อน\n\n{gallery}/News-PR-2565/23-02-65/4{/gallery}\n\nหลัง");
        assert_eq!(blocks.len(), 3);
        assert_eq!(blocks[1], Block::Gallery("news-pr-2565/23-02-65/4".into()));
    }
}
