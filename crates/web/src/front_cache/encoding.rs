//! How a kept page with a form is compressed for each reader. Every browser accepts gzip, and
//! gzip lets the reader's token be spliced into a stream compressed once (`spliced`), so such a
//! page goes out gzip even to a browser that prefers brotli. A reader who takes brotli alone
//! gets it compressed for them, at the compression layer's level.

use super::spliced::SplicedGzip;
use crate::routes::{COMPRESS_ABOVE, COMPRESSION_LEVEL};
use crate::shared_pages::Shared;
use axum::body::Bytes;
use axum::http::{HeaderMap, header};
use std::io::Write;

#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Encoding {
    Gzip,
    Brotli,
    Identity,
}

impl Encoding {
    pub fn for_form_page(headers: &HeaderMap) -> Self {
        let mut brotli = false;
        let mut gzip = false;
        let offers = headers
            .get_all(header::ACCEPT_ENCODING)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','));
        for offer in offers {
            let mut parts = offer.split(';');
            let name = parts.next().unwrap_or_default().trim();
            let weight = parts
                .next()
                .and_then(|q| q.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.parse::<f32>().ok());
            let accepted = weight.is_some_and(|q| q > 0.0);
            match name {
                "gzip" => gzip = accepted,
                "br" => brotli = accepted,
                _ => {}
            }
        }
        if gzip {
            Encoding::Gzip
        } else if brotli {
            Encoding::Brotli
        } else {
            Encoding::Identity
        }
    }

    /// `page` with the reader's `token` in, as this reader takes it, with its
    /// `Content-Encoding`.
    pub fn apply(
        self,
        page: &Shared,
        token: &str,
        gzip: &SplicedGzip,
    ) -> (Bytes, Option<&'static str>) {
        if page.as_rendered().0.len() <= usize::from(COMPRESS_ABOVE) {
            return (page.body_for(token), None);
        }
        match self {
            Encoding::Identity => (page.body_for(token), None),
            Encoding::Gzip => (gzip.with_token(token.as_bytes()).into(), Some("gzip")),
            Encoding::Brotli => {
                let body = page.body_for(token);
                let mut br =
                    brotli::CompressorWriter::new(Vec::new(), 4096, COMPRESSION_LEVEL as u32, 22);
                match br.write_all(&body) {
                    Ok(()) => (br.into_inner().into(), Some("br")),
                    Err(_) => (body, None),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn accepting(value: &str) -> Encoding {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(value).unwrap(),
        );
        Encoding::for_form_page(&headers)
    }

    #[test]
    fn gzip_whenever_it_is_accepted_then_brotli() {
        assert_eq!(accepting("gzip, deflate, br, zstd"), Encoding::Gzip);
        assert_eq!(accepting("br;q=1.0, gzip;q=0.5"), Encoding::Gzip);
        assert_eq!(accepting("br, gzip;q=0"), Encoding::Brotli);
        assert_eq!(accepting("br;q=0, gzip;q=0"), Encoding::Identity);
        assert_eq!(accepting("identity"), Encoding::Identity);
        assert_eq!(
            Encoding::for_form_page(&HeaderMap::new()),
            Encoding::Identity
        );
    }
}
