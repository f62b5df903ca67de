//! Charts drawn on the server as SVG (no chart script), each with its data table one click
//! away. Colours are chosen for contrast: every fill is at least 3:1 against the white page
//! (WCAG's non-text contrast), and text on a tile is black or white, whichever reads better.

use askama::Template;

/// One series of a chart: what it counts, and its colour.
#[derive(Debug, Clone)]
pub struct Series {
    pub name: String,
    pub fill: &'static str,
}

/// One category (a network, a quarter, a district): its values, one per series, as numbers
/// and as shown.
#[derive(Debug, Clone)]
pub struct Category {
    pub label: String,
    pub values: Vec<f64>,
    pub texts: Vec<String>,
    /// A colour of its own (a network's), instead of the series'.
    pub fill: Option<&'static str>,
    pub href: Option<String>,
}

impl Category {
    pub fn new(label: impl Into<String>, values: Vec<(f64, String)>) -> Category {
        let (values, texts) = values.into_iter().unzip();
        Category {
            label: label.into(),
            values,
            texts,
            fill: None,
            href: None,
        }
    }

    pub fn filled(mut self, fill: &'static str) -> Category {
        self.fill = Some(fill);
        self
    }

    pub fn linked(mut self, href: String) -> Category {
        self.href = Some(href);
        self
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Horizontal bars, one row a category, a bar per series.
    Bars,
    /// Vertical columns, one group a category (quarters, years).
    Columns,
    /// A grid of tiles shaded by the first series (districts).
    Tiles,
}

/// The brand blue: 6.4:1 on white.
pub const BLUE: &str = "#1f5fa8";
/// A slate grey for targets and earlier figures: 5.9:1 on white.
pub const GREY: &str = "#5b6475";
/// A green and an orange-brown for a second and third series: above 4.5:1 on white.
pub const GREEN: &str = "#1b6b3a";
pub const BROWN: &str = "#9a4a0b";

/// Width of the drawing in its own units; the page scales it to fit.
const WIDTH: f64 = 640.0;
const LABEL: f64 = 190.0;
const ROW: f64 = 26.0;
const BAR: f64 = 18.0;
const COLUMNS_HEIGHT: f64 = 220.0;
const TILE: f64 = 104.0;
const TILE_GAP: f64 = 6.0;
const TILES_PER_ROW: usize = 6;

#[derive(Debug, Clone, Template)]
#[template(path = "dashboard/chart.html")]
pub struct Chart {
    pub id: String,
    pub title: String,
    pub kind: Kind,
    pub series: Vec<Series>,
    pub categories: Vec<Category>,
    /// The header of the table's first column.
    pub category_header: String,
    /// The words "data table", in the reader's language.
    pub table_label: String,
    /// A fixed top of the scale (10 for ratings); else the largest value.
    pub scale: Option<f64>,
}

/// A bar, column or tile as drawn.
#[derive(Debug, Clone)]
pub struct Shape {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub fill: &'static str,
    pub text: String,
    pub text_x: f64,
    pub text_y: f64,
    pub ink: &'static str,
    pub title: String,
}

/// A label as drawn.
#[derive(Debug, Clone)]
pub struct Label {
    pub x: f64,
    pub y: f64,
    pub text: String,
    pub anchor: &'static str,
    pub href: Option<String>,
}

impl Chart {
    pub fn top(&self) -> f64 {
        self.scale.unwrap_or_else(|| {
            self.categories
                .iter()
                .flat_map(|c| c.values.iter().copied())
                .fold(0.0, f64::max)
        })
    }

    fn fill(&self, c: &Category, s: usize) -> &'static str {
        c.fill
            .filter(|_| self.series.len() == 1)
            .unwrap_or_else(|| self.series.get(s).map(|s| s.fill).unwrap_or(BLUE))
    }

    /// Whether its categories are links: the drawing is then a group of links, not an image
    /// (an image may hold nothing interactive).
    pub fn linked(&self) -> bool {
        self.categories.iter().any(|c| c.href.is_some())
    }

    pub fn width(&self) -> f64 {
        WIDTH
    }

    /// Long names (indicators) go above their bars, at full width, rather than cut beside them.
    fn labels_above(&self) -> bool {
        self.kind == Kind::Bars && self.categories.iter().any(|c| c.label.chars().count() > 18)
    }

    fn label_room(&self) -> f64 {
        if self.labels_above() { 0.0 } else { LABEL }
    }

    fn above(&self) -> f64 {
        if self.labels_above() { ROW } else { 0.0 }
    }

    pub fn height(&self) -> f64 {
        let n = self.categories.len().max(1) as f64;
        match self.kind {
            Kind::Bars => n * (ROW * self.series.len().max(1) as f64 + 12.0 + self.above()) + 8.0,
            Kind::Columns => COLUMNS_HEIGHT + 44.0,
            Kind::Tiles => {
                let rows = self.categories.len().div_ceil(TILES_PER_ROW).max(1) as f64;
                rows * (TILE * 0.62 + TILE_GAP)
            }
        }
    }

    pub fn shapes(&self) -> Vec<Shape> {
        match self.kind {
            Kind::Bars => self.bars(),
            Kind::Columns => self.columns(),
            Kind::Tiles => self.tiles(),
        }
    }

    pub fn labels(&self) -> Vec<Label> {
        let n = self.series.len().max(1) as f64;
        self.categories
            .iter()
            .enumerate()
            .filter(|_| self.kind != Kind::Tiles)
            .map(|(i, c)| match self.kind {
                Kind::Columns => {
                    let group = (WIDTH - 20.0) / self.categories.len().max(1) as f64;
                    Label {
                        x: 10.0 + group * (i as f64 + 0.5),
                        y: COLUMNS_HEIGHT + 34.0,
                        text: c.label.clone(),
                        anchor: "middle",
                        href: c.href.clone(),
                    }
                }
                _ if self.labels_above() => Label {
                    x: 0.0,
                    y: self.row_top(i) + ROW - 8.0,
                    text: c.label.clone(),
                    anchor: "start",
                    href: c.href.clone(),
                },
                _ => Label {
                    x: LABEL - 8.0,
                    y: self.row_top(i) + ROW * n / 2.0 + 5.0,
                    text: c.label.clone(),
                    anchor: "end",
                    href: c.href.clone(),
                },
            })
            .collect()
    }

    fn row_top(&self, i: usize) -> f64 {
        let n = self.series.len().max(1) as f64;
        4.0 + i as f64 * (ROW * n + 12.0 + self.above())
    }

    fn bars(&self) -> Vec<Shape> {
        let top = self.top();
        let (left, above) = (self.label_room(), self.above());
        let room = WIDTH - left - 110.0;
        let mut out = Vec::new();
        for (i, c) in self.categories.iter().enumerate() {
            for (s, (v, text)) in c.values.iter().zip(&c.texts).enumerate() {
                let w = if top > 0.0 { room * v / top } else { 0.0 };
                let y = self.row_top(i) + above + s as f64 * ROW + (ROW - BAR) / 2.0;
                out.push(Shape {
                    x: left,
                    y,
                    w: w.max(if *v > 0.0 { 2.0 } else { 0.0 }),
                    h: BAR,
                    fill: self.fill(c, s),
                    text: text.clone(),
                    text_x: left + w + 6.0,
                    text_y: y + BAR - 4.0,
                    ink: "#1d2330",
                    title: self.shape_title(c, s),
                });
            }
        }
        out
    }

    fn columns(&self) -> Vec<Shape> {
        let top = self.top();
        let group = (WIDTH - 20.0) / self.categories.len().max(1) as f64;
        let n = self.series.len().max(1) as f64;
        let col = (group * 0.7 / n).min(56.0);
        let mut out = Vec::new();
        for (i, c) in self.categories.iter().enumerate() {
            let start = 10.0 + group * i as f64 + (group - col * n) / 2.0;
            for (s, (v, text)) in c.values.iter().zip(&c.texts).enumerate() {
                let h = if top > 0.0 {
                    (COLUMNS_HEIGHT - 24.0) * v / top
                } else {
                    0.0
                };
                let x = start + col * s as f64;
                let y = COLUMNS_HEIGHT - h;
                out.push(Shape {
                    x,
                    y,
                    w: col - 2.0,
                    h,
                    fill: self.fill(c, s),
                    text: text.clone(),
                    text_x: x + col / 2.0 - 1.0,
                    text_y: y - 6.0,
                    ink: "#1d2330",
                    title: self.shape_title(c, s),
                });
            }
        }
        out
    }

    /// Tiles shaded from light to the brand blue by value; text black on light, white on dark.
    fn tiles(&self) -> Vec<Shape> {
        let top = self.top();
        let w = (WIDTH - TILE_GAP * (TILES_PER_ROW as f64 - 1.0)) / TILES_PER_ROW as f64;
        let h = TILE * 0.62;
        self.categories
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let v = c.values.first().copied().unwrap_or(0.0);
                let level = if top > 0.0 && v > 0.0 {
                    1 + ((v / top) * 3.999) as usize
                } else {
                    0
                };
                let (fill, ink) = SHADES[level.min(SHADES.len() - 1)];
                let (row, col) = (i / TILES_PER_ROW, i % TILES_PER_ROW);
                let x = col as f64 * (w + TILE_GAP);
                let y = row as f64 * (h + TILE_GAP);
                Shape {
                    x,
                    y,
                    w,
                    h,
                    fill,
                    text: c.texts.first().cloned().unwrap_or_default(),
                    text_x: x + w / 2.0,
                    text_y: y + h - 10.0,
                    ink,
                    title: self.shape_title(c, 0),
                }
            })
            .collect()
    }

    fn shape_title(&self, c: &Category, s: usize) -> String {
        let series = self.series.get(s).map(|s| s.name.as_str()).unwrap_or("");
        format!(
            "{}: {} {}",
            c.label,
            c.texts.get(s).map(String::as_str).unwrap_or(""),
            series
        )
    }

    /// The tile's name, cut to what fits its width.
    pub fn tile_name(&self, i: usize) -> String {
        let name = &self.categories[i].label;
        let max = 14;
        if name.chars().count() <= max {
            name.clone()
        } else {
            format!("{}…", name.chars().take(max - 1).collect::<String>())
        }
    }

    pub fn tile_name_y(&self, shape: &Shape) -> f64 {
        shape.y + 22.0
    }
}

/// The tiles' shades: none, then four steps to the brand blue, each with the text colour that
/// reads on it (4.5:1 or more), and each but the first 3:1 or more against the page where
/// they meet it through a tile's edge.
const SHADES: [(&str, &str); 5] = [
    ("#f1f4f9", "#1d2330"),
    ("#c9d9ee", "#1d2330"),
    ("#7fa7d6", "#1d2330"),
    ("#3f74b5", "#ffffff"),
    ("#173f70", "#ffffff"),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The relative luminance of a `#rrggbb` colour (WCAG 2).
    fn luminance(hex: &str) -> f64 {
        let channel = |i: usize| {
            let v = u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0) as f64 / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn fills_stand_out_from_the_page_and_text_reads_on_tiles() {
        for fill in [BLUE, GREY, GREEN, BROWN]
            .into_iter()
            .chain(crate::dashboard::NETWORK_FILLS.iter().map(|(_, f)| *f))
        {
            assert!(contrast(fill, "#ffffff") >= 3.0, "{fill} on white");
        }
        for (fill, ink) in SHADES {
            assert!(contrast(fill, ink) >= 4.5, "{ink} on {fill}");
        }
        assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 1e-9);
    }

    fn chart(kind: Kind, values: &[f64]) -> Chart {
        Chart {
            id: "c".into(),
            title: "รายงาน".into(),
            kind,
            series: vec![Series {
                name: "รายงาน".into(),
                fill: BLUE,
            }],
            categories: values
                .iter()
                .enumerate()
                .map(|(i, v)| Category::new(format!("ไตรมาส {}", i + 1), vec![(*v, v.to_string())]))
                .collect(),
            category_header: "ไตรมาส".into(),
            table_label: "ตารางข้อมูล".into(),
            scale: None,
        }
    }

    #[test]
    fn the_largest_value_fills_the_room_and_the_others_scale_with_it() {
        let bars = chart(Kind::Bars, &[10.0, 5.0, 0.0]).shapes();
        assert!((bars[1].w * 2.0 - bars[0].w).abs() < 1e-9);
        assert_eq!(bars[2].w, 0.0);
        let cols = chart(Kind::Columns, &[4.0, 8.0]).shapes();
        assert!((cols[0].h * 2.0 - cols[1].h).abs() < 1e-9);
        assert!(cols[1].y >= 0.0);
        let tiles = chart(Kind::Tiles, &[0.0, 1.0, 100.0]).shapes();
        assert_eq!(tiles[0].fill, SHADES[0].0);
        assert_eq!(tiles[2].fill, SHADES[4].0);
    }

    #[test]
    fn the_svg_escapes_labels_and_carries_its_table() {
        let mut c = chart(Kind::Bars, &[3.0]);
        c.categories[0].label = "<script>".into();
        let html = c.to_string();
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&#60;script&#62;") || html.contains("&lt;script&gt;"));
        assert!(html.contains("<table"));
        assert!(html.contains("role=\"img\""));
        c.categories[0].href = Some("/p/41?district=4101".into());
        assert!(c.to_string().contains("role=\"group\""));
    }
}
