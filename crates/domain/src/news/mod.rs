//! News: what a province or the Moral Center publishes, written in Markdown, with galleries of
//! photos, linked to the events, cycles, plan entries and reports it tells about.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::registry::{collect, optional_date};
use crate::{FieldError, Invalid, text};

pub mod gallery;

coded_enum!(NewsStatus {
    Draft = "draft", "ฉบับร่าง", "draft";
    Published = "published", "เผยแพร่", "published";
});

/// The most a post's body may hold: a long article is a few thousand words.
pub const BODY_MAX: usize = 100_000;
const TAGS_MAX: usize = 10;
const TAG_MAX: usize = 40;

/// Where a post stands for readers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    Draft,
    /// Published, but not before its time.
    Scheduled,
    Published,
}

impl Standing {
    /// A post is public once published and its time (Thai local time) has come.
    pub fn of(status: NewsStatus, publish_at: NaiveDateTime, now: NaiveDateTime) -> Standing {
        match status {
            NewsStatus::Draft => Standing::Draft,
            NewsStatus::Published if publish_at > now => Standing::Scheduled,
            NewsStatus::Published => Standing::Published,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Standing::Draft => "draft",
            Standing::Scheduled => "scheduled",
            Standing::Published => "published",
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct NewsForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub byline: String,
    #[serde(default)]
    pub tags: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub publish_on: String,
    #[serde(default)]
    pub publish_time: String,
    #[serde(default)]
    pub event: String,
    #[serde(default)]
    pub cycle: String,
    #[serde(default)]
    pub entry: String,
    #[serde(default)]
    pub report: String,
    #[serde(default)]
    pub gallery: String,
    #[serde(default)]
    pub cover: String,
}

/// A checked post. The store checks that the linked records belong to the post's province.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewsInput {
    pub title: String,
    pub summary: String,
    pub body: String,
    pub byline: String,
    pub tags: Vec<String>,
    pub status: NewsStatus,
    /// Thai local time from which a published post is public.
    pub publish_at: NaiveDateTime,
    pub event: Option<i64>,
    pub cycle: Option<i64>,
    pub entry: Option<i64>,
    pub report: Option<i64>,
    pub gallery: Option<i64>,
    pub cover: Option<i64>,
}

/// A post's words without Markdown and gallery tags: what search indexes and lists show.
pub fn plain_text(body: &str) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut out = String::new();
    for piece in gallery::pieces(body) {
        let gallery::Piece::Text(text) = piece else {
            continue;
        };
        for event in Parser::new(text) {
            match event {
                Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                    out.push_str(&t)
                }
                Event::SoftBreak | Event::HardBreak => out.push(' '),
                Event::End(
                    TagEnd::Paragraph
                    | TagEnd::Heading(_)
                    | TagEnd::Item
                    | TagEnd::TableCell
                    | TagEnd::CodeBlock,
                ) => out.push(' '),
                _ => {}
            }
        }
        out.push(' ');
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn id(raw: &str) -> Option<i64> {
    raw.trim().parse::<i64>().ok().filter(|i| *i > 0)
}

/// Tags as typed, split on commas, trimmed, each once.
fn tags(raw: &str, errors: &mut Invalid) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in raw.split([',', '，']) {
        let tag = sermphalang_thai::normalize_line(tag);
        if tag.is_empty() || tags.contains(&tag) {
            continue;
        }
        if tag.chars().count() > TAG_MAX {
            errors.push(FieldError::new(
                "tags",
                format!("ป้ายกำกับ \"{tag}\" ยาวเกิน {TAG_MAX} ตัวอักษร"),
                format!("The tag \"{tag}\" is longer than {TAG_MAX} characters"),
            ));
        }
        tags.push(tag);
    }
    if tags.len() > TAGS_MAX {
        errors.push(FieldError::new(
            "tags",
            format!("ใส่ป้ายกำกับได้ไม่เกิน {TAGS_MAX} คำ"),
            format!("At most {TAGS_MAX} tags"),
        ));
    }
    tags
}

fn time(raw: &str, errors: &mut Invalid) -> NaiveTime {
    let raw = raw.trim();
    if raw.is_empty() {
        return NaiveTime::MIN;
    }
    match NaiveTime::parse_from_str(&sermphalang_thai::to_arabic_digits(raw), "%H:%M") {
        Ok(t) => t,
        Err(_) => {
            errors.push(FieldError::new(
                "publish_time",
                format!("เวลา \"{raw}\" ไม่ถูกต้อง ใช้รูปแบบ ชั่วโมง:นาที เช่น 09:30"),
                format!("\"{raw}\" is not a time; use hours:minutes, e.g. 09:30"),
            ));
            NaiveTime::MIN
        }
    }
}

impl NewsForm {
    /// Checks the form; a post published without a date is public from `now` (Thai time).
    pub fn validate(&self, now: NaiveDateTime) -> Result<NewsInput, Invalid> {
        let mut errors = Invalid::default();
        let title = collect(
            &mut errors,
            text::required(&self.title, "title", ("หัวข้อข่าว", "Headline"), 300),
        );
        let summary = collect(
            &mut errors,
            text::optional_multiline(&self.summary, "summary", ("ความนำ", "Summary"), 1_000),
        );
        let body = collect(
            &mut errors,
            text::optional_multiline(&self.body, "body", ("เนื้อข่าว", "Body"), BODY_MAX),
        );
        let byline = collect(
            &mut errors,
            text::optional(&self.byline, "byline", ("ผู้เขียนและผู้ถ่ายภาพ", "Byline"), 300),
        );
        let tags = tags(&self.tags, &mut errors);
        let status = NewsStatus::parse(&self.status).unwrap_or(NewsStatus::Draft);
        let day: Option<NaiveDate> = optional_date(&self.publish_on, "publish_on", &mut errors);
        let at = time(&self.publish_time, &mut errors);
        let publish_at = day.map_or(now, |d| d.and_time(at));
        if !errors.0.is_empty() {
            return Err(errors);
        }
        Ok(NewsInput {
            title: title.unwrap_or_default(),
            summary: summary.unwrap_or_default(),
            body: body.unwrap_or_default(),
            byline: byline.unwrap_or_default(),
            tags,
            status,
            publish_at,
            event: id(&self.event),
            cycle: id(&self.cycle),
            entry: id(&self.entry),
            report: id(&self.report),
            gallery: id(&self.gallery),
            cover: id(&self.cover),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 28)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap()
    }

    #[test]
    fn a_post_needs_a_headline_and_keeps_tags_once() {
        let form = NewsForm {
            tags: "อบรม, คุณธรรม,อบรม, ".into(),
            ..NewsForm::default()
        };
        let errors = form.validate(now()).unwrap_err();
        assert!(errors.for_field("title").is_some());
        let form = NewsForm {
            title: "อบรมผู้นำคุณธรรม".into(),
            tags: "อบรม, คุณธรรม,อบรม, ".into(),
            status: "published".into(),
            ..NewsForm::default()
        };
        let input = form.validate(now()).unwrap();
        assert_eq!(input.tags, ["อบรม", "คุณธรรม"]);
        assert_eq!(input.publish_at, now());
        assert_eq!(input.status, NewsStatus::Published);
    }

    #[test]
    fn plain_text_drops_markdown_and_gallery_tags() {
        let body =
            "## อบรม\n\n**ผู้นำ**คุณธรรม [อ่าน](https://example.org)\n\n{gallery}a/b{/gallery}\nจบ";
        assert_eq!(plain_text(body), "อบรม ผู้นำคุณธรรม อ่าน จบ");
    }

    #[test]
    fn a_post_can_wait_for_its_time() {
        let form = NewsForm {
            title: "ประกาศผล".into(),
            status: "published".into(),
            publish_on: "1/12/2569".into(),
            publish_time: "๐๙:๓๐".into(),
            ..NewsForm::default()
        };
        let input = form.validate(now()).unwrap();
        assert_eq!(
            Standing::of(input.status, input.publish_at, now()),
            Standing::Scheduled
        );
        let later = input.publish_at + chrono::Duration::minutes(1);
        assert_eq!(
            Standing::of(input.status, input.publish_at, later),
            Standing::Published
        );
        let bad = NewsForm {
            publish_time: "25:99".into(),
            ..form
        };
        assert!(
            bad.validate(now())
                .unwrap_err()
                .for_field("publish_time")
                .is_some()
        );
    }
}
