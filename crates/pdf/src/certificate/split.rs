//! One PDF for many certificates, cut into one PDF each.
//!
//! Writing a PDF subsets and compresses its fonts and re-encodes its images; for a certificate
//! that was most of the cost, and the same for every person of an event. A batch is written
//! once, so the fonts and the event's artwork are prepared once, and each certificate's file
//! takes its pages and the objects they use, already compressed, from the batch.

use std::collections::HashSet;
use std::ops::Range;

use lopdf::{Dictionary, Document, Object, ObjectId, dictionary};

/// Each range's pages of `batch` as a PDF of their own, titled with the same index's title.
pub(crate) fn split(
    batch: &[u8],
    ranges: &[Range<usize>],
    titles: &[String],
) -> Result<Vec<Vec<u8>>, lopdf::Error> {
    let source = Document::load_mem(batch)?;
    let pages: Vec<ObjectId> = source.get_pages().into_values().collect();
    ranges
        .iter()
        .zip(titles)
        .map(|(range, title)| {
            let pages = pages
                .get(range.clone())
                .ok_or(lopdf::Error::PageNumberNotFound(
                    u32::try_from(range.end).unwrap_or(u32::MAX),
                ))?;
            extract(&source, pages, title)
        })
        .collect()
}

fn extract(source: &Document, pages: &[ObjectId], title: &str) -> Result<Vec<u8>, lopdf::Error> {
    let mut document = Document::with_version(source.version.clone());
    let mut seen = HashSet::new();
    let mut waiting: Vec<ObjectId> = pages.to_vec();
    while let Some(id) = waiting.pop() {
        if !seen.insert(id) {
            continue;
        }
        let object = source.get_object(id)?;
        references(object, &mut waiting);
        document.objects.insert(id, object.clone());
    }
    document.max_id = source.max_id;
    let tree = document.new_object_id();
    for page in pages {
        if let Some(Object::Dictionary(page)) = document.objects.get_mut(page) {
            page.set("Parent", tree);
        }
    }
    let kids: Vec<Object> = pages.iter().map(|&id| id.into()).collect();
    let count = i64::try_from(kids.len()).unwrap_or(i64::MAX);
    document.objects.insert(
        tree,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = document.add_object(dictionary! { "Type" => "Catalog", "Pages" => tree });
    let mut info = Dictionary::new();
    info.set("Title", lopdf::text_string(title));
    if let Some(producer) = producer(source) {
        info.set("Producer", producer);
    }
    let info = document.add_object(info);
    document.trailer.set("Root", catalog);
    document.trailer.set("Info", info);
    document.renumber_objects();
    let mut bytes = Vec::new();
    document.save_to(&mut bytes)?;
    Ok(bytes)
}

/// Every object `object` points at, except a page's parent: the batch's page tree stays behind.
fn references(object: &Object, into: &mut Vec<ObjectId>) {
    match object {
        Object::Reference(id) => into.push(*id),
        Object::Array(items) => items.iter().for_each(|item| references(item, into)),
        Object::Dictionary(dict) => dictionary_references(dict, into),
        Object::Stream(stream) => dictionary_references(&stream.dict, into),
        _ => {}
    }
}

fn dictionary_references(dict: &Dictionary, into: &mut Vec<ObjectId>) {
    for (key, value) in dict.iter() {
        if key.as_slice() != b"Parent" {
            references(value, into);
        }
    }
}

fn producer(source: &Document) -> Option<Object> {
    let info = source.trailer.get(b"Info").ok()?.as_reference().ok()?;
    let info = source.get_dictionary(info).ok()?;
    info.get(b"Producer").ok().cloned()
}
