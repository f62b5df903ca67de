//! Keeps each Thai cluster in one text run, so a PDF is both placed right and read back right.
//!
//! Typst's layout starts a new text run wherever a glyph's vertical offset changes. A tone mark
//! stacked on an upper vowel (ครั้ง, ที่, เพิ่ม) has such an offset, so it lands in a run of
//! its own that carries its whole cluster as text, and the PDF writer maps that mark glyph to
//! the cluster a second time: `pdftotext` reads ครั้รั้ง (typst#7610). Putting the mark back
//! into the run before it, with its offset on the glyph, lets the writer give the whole cluster
//! one `ActualText`, while every glyph keeps the position the shaper gave it.
//!
//! Readers take a cluster's `ActualText` to end where its last glyph ends. When that glyph is a
//! mark pulled left over a tall consonant (ปิ่น, ฝั่ง), `pdftotext` sees a gap after the cluster
//! and reads ปิ่ น. Marks do not move the pen, so drawing them in another order changes nothing
//! on the page; the mark furthest right is drawn last.

use typst::layout::{Abs, Em, Frame, FrameItem, Point};
use typst::model::Document;
use typst::text::{Glyph, TextItem};
use typst_layout::PagedDocument;

/// The document with split clusters joined; the same document when nothing was split.
pub(crate) fn join_split_clusters(document: PagedDocument) -> PagedDocument {
    if !document.pages().iter().any(|page| has_split(&page.frame)) {
        return document;
    }
    let pages = document
        .pages()
        .iter()
        .map(|page| {
            let mut page = page.clone();
            page.frame = joined(&page.frame);
            page
        })
        .collect();
    PagedDocument::new(pages, document.info().clone())
}

fn has_split(frame: &Frame) -> bool {
    let items: Vec<_> = frame.items().collect();
    items.windows(2).any(|pair| match (&pair[0].1, &pair[1].1) {
        (FrameItem::Text(first), FrameItem::Text(next)) => {
            shared_cluster(pair[0].0, first, pair[1].0, next).is_some()
        }
        _ => false,
    }) || frame.items().any(|(_, item)| match item {
        FrameItem::Group(group) => has_split(&group.frame),
        FrameItem::Text(text) => clusters(&text.glyphs).any(|marks| !in_order(marks)),
        _ => false,
    })
}

/// Runs of glyphs of one cluster.
fn clusters(glyphs: &[Glyph]) -> impl Iterator<Item = &[Glyph]> {
    glyphs.chunk_by(|a, b| a.range == b.range)
}

fn is_mark(glyph: &Glyph) -> bool {
    glyph.x_advance == Em::zero()
}

/// Whether the cluster's trailing marks are drawn from left to right.
fn in_order(cluster: &[Glyph]) -> bool {
    trailing_marks(cluster)
        .windows(2)
        .all(|pair| pair[0].x_offset <= pair[1].x_offset)
}

fn trailing_marks(cluster: &[Glyph]) -> &[Glyph] {
    let bases = cluster
        .iter()
        .rposition(|g| !is_mark(g))
        .map_or(0, |i| i + 1);
    &cluster[bases..]
}

/// Draws each cluster's trailing marks from left to right.
fn settle_marks(text: &mut TextItem) {
    let mut start = 0;
    while start < text.glyphs.len() {
        let range = text.glyphs[start].range.clone();
        let len = text.glyphs[start..]
            .iter()
            .take_while(|g| g.range == range)
            .count();
        let cluster = &mut text.glyphs[start..start + len];
        let bases = cluster
            .iter()
            .rposition(|g| !is_mark(g))
            .map_or(0, |i| i + 1);
        cluster[bases..].sort_by_key(|g| g.x_offset);
        start += len;
    }
}

fn joined(frame: &Frame) -> Frame {
    let mut items: Vec<(Point, FrameItem)> = Vec::with_capacity(frame.items().len());
    for (pos, item) in frame.items() {
        let item = match item {
            FrameItem::Group(group) => {
                let mut group = group.clone();
                group.frame = joined(&group.frame);
                FrameItem::Group(group)
            }
            other => other.clone(),
        };
        if let (Some((last_pos, FrameItem::Text(last))), FrameItem::Text(next)) =
            (items.last_mut(), &item)
            && let Some(cluster) = shared_cluster(*last_pos, last, *pos, next)
        {
            append(last, *last_pos, next, *pos, cluster);
            continue;
        }
        items.push((*pos, item));
    }
    for (_, item) in &mut items {
        if let FrameItem::Text(text) = item {
            settle_marks(text);
        }
    }
    let mut out = frame.clone();
    out.clear();
    out.push_multiple(items);
    out
}

/// Where `next` continues the last cluster of `first`: the byte length of that cluster in
/// `next`'s text. Both must be one styled run, `next` must start where `first`'s pen stops,
/// and `next`'s first glyph must belong to the cluster `first` ends with.
fn shared_cluster(at: Point, first: &TextItem, next_at: Point, next: &TextItem) -> Option<usize> {
    let same_style = first.font == next.font
        && first.size == next.size
        && first.fill == next.fill
        && first.stroke == next.stroke
        && first.lang == next.lang
        && first.region == next.region;
    let adjacent = ((at.x + first.width()) - next_at.x).abs() < Abs::pt(0.001);
    if !same_style || !adjacent {
        return None;
    }
    let last = first.glyphs.last()?;
    let head = next.glyphs.first()?;
    let cluster = first.text.get(last.range())?;
    let continues = last.range().end == first.text.len()
        && head.range().start == 0
        && next.text.get(head.range()) == Some(cluster)
        && last.span == head.span;
    continues.then_some(cluster.len())
}

/// Appends `next`'s glyphs to `first`: those of the shared cluster take its range in `first`,
/// the rest follow `first`'s text, and the vertical shift between the runs moves onto each glyph.
fn append(first: &mut TextItem, at: Point, next: &TextItem, next_at: Point, cluster: usize) {
    let base = first.text.len() - cluster;
    let rise = Em::from_abs(at.y - next_at.y, first.size);
    first.text.push_str(&next.text[cluster..]);
    first.glyphs.extend(next.glyphs.iter().map(|glyph| {
        let shift = |offset: u16| u16::try_from(base + usize::from(offset)).unwrap_or(u16::MAX);
        Glyph {
            range: shift(glyph.range.start)..shift(glyph.range.end),
            y_offset: glyph.y_offset + rise,
            ..glyph.clone()
        }
    }));
}
