//! Gallery references in a post's body, written as Joomla's Simple Image Gallery writes them
//! (`{gallery}News-PR-2565/23-02-65/4{/gallery}`), so that imported posts keep their place and
//! editors can place a gallery by its folder name.

/// A piece of a post's body: Markdown text, or a gallery referred to by its folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Gallery(String),
}

const OPEN: &str = "{gallery}";
const CLOSE: &str = "{/gallery}";

/// A folder as galleries are looked up: no leading slash, no leading `images/` (Joomla's
/// image root, which absolute references include), no trailing slash, lower case.
pub fn folder_key(reference: &str) -> String {
    let r = reference.trim().trim_matches('/');
    let r = r.strip_prefix("images/").unwrap_or(r);
    r.trim_matches('/').to_lowercase()
}

/// The body cut at its gallery tags. An opening tag without its end is left as text.
pub fn pieces(body: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(start) = rest.find(OPEN) {
        let after = &rest[start + OPEN.len()..];
        let Some(end) = after.find(CLOSE) else { break };
        let reference = &after[..end];
        if reference.contains('\n') || reference.contains(OPEN) {
            out.push(Piece::Text(&rest[..start + OPEN.len()]));
            rest = after;
            continue;
        }
        if start > 0 {
            out.push(Piece::Text(&rest[..start]));
        }
        out.push(Piece::Gallery(folder_key(reference)));
        rest = &after[end + CLOSE.len()..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_and_absolute_references_name_the_same_folder() {
        assert_eq!(
            folder_key("/News-PR-2565/23-02-65/4"),
            "news-pr-2565/23-02-65/4"
        );
        assert_eq!(
            folder_key("News-PR-2565/23-02-65/4/"),
            "news-pr-2565/23-02-65/4"
        );
        assert_eq!(
            folder_key("/images/News-PR-2565/23-02-65/4"),
            "news-pr-2565/23-02-65/4"
        );
    }

    #[test]
    fn a_body_is_cut_at_its_gallery_tags() {
        let body = "ก่อน\n{gallery}/News-PR-2565/23-02-65/4{/gallery}\nหลัง {gallery}a{/gallery}";
        assert_eq!(
            pieces(body),
            [
                Piece::Text("ก่อน\n"),
                Piece::Gallery("news-pr-2565/23-02-65/4".into()),
                Piece::Text("\nหลัง "),
                Piece::Gallery("a".into()),
            ]
        );
    }

    #[test]
    fn broken_tags_stay_text() {
        assert_eq!(pieces("{gallery}ไม่มีปิด"), [Piece::Text("{gallery}ไม่มีปิด")]);
        assert_eq!(
            pieces("{gallery}a\nb{/gallery}"),
            [Piece::Text("{gallery}"), Piece::Text("a\nb{/gallery}")]
        );
        assert_eq!(pieces(""), Vec::<Piece>::new());
    }
}
