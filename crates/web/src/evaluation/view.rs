//! Small computations the cycle page's templates need: bar geometry, shortened labels.

use super::cycles::ShowPage;
use sermphalang_domain::evaluation::RatingStats;
use sermphalang_store::evaluation::plan::PlanItem;
use sermphalang_store::evaluation::results::ProgressRow;

pub struct Bar {
    pub value: u8,
    pub count: i64,
    pub x: f64,
    pub y: f64,
    pub h: f64,
    pub outlier: bool,
}

/// The bars of a 1-10 histogram in a 200 x 84 box, tallest bar 60 high.
pub fn bars(s: &RatingStats) -> Vec<Bar> {
    let top = s.histogram.iter().copied().max().unwrap_or(0).max(1) as f64;
    s.histogram
        .iter()
        .enumerate()
        .map(|(i, &count)| {
            let h = 60.0 * count as f64 / top;
            Bar {
                value: (i + 1) as u8,
                count,
                x: 2.0 + i as f64 * 20.0,
                y: 70.0 - h,
                h,
                outlier: s.outliers.contains(&((i + 1) as u8)),
            }
        })
        .collect()
}

/// A label cut at a Thai word boundary, never inside a word.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    let mut start = 0;
    for word in sermphalang_thai::words(text) {
        let end = text[start..]
            .find(word)
            .map(|i| start + i + word.len())
            .unwrap_or(start);
        if text[..end].chars().count() > max - 1 {
            break;
        }
        out = text[..end].to_string();
        start = end;
    }
    if out.is_empty() {
        out = text.chars().take(max - 1).collect();
    }
    format!("{}…", out.trim_end())
}

/// Bars of a 0-10 mean across 380 units.
fn width(stats: &Option<RatingStats>) -> f64 {
    stats.as_ref().and_then(|s| s.mean).unwrap_or(0.0) * 38.0
}

impl ShowPage {
    pub fn any_chosen(&self) -> bool {
        self.snap.activities.iter().any(|a| a.chosen)
    }

    pub fn suggested(&self, id: &i64) -> bool {
        self.suggestion.chosen.contains(id)
    }

    pub fn tied(&self, id: &i64) -> bool {
        self.suggestion.tied_out.contains(id)
    }

    pub fn bars(&self, s: &RatingStats) -> Vec<Bar> {
        bars(s)
    }

    pub fn outliers_text(&self, s: &RatingStats) -> String {
        s.outliers
            .iter()
            .map(u8::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub fn outlier_names(&self, activity: &i64) -> String {
        self.outlier_raters
            .get(activity)
            .cloned()
            .unwrap_or_default()
    }

    pub fn plans_of(&self, activity: &i64) -> Vec<&PlanItem> {
        self.plans
            .iter()
            .filter(|p| p.activity_id == *activity)
            .collect()
    }

    pub fn short_title(&self, r: &ProgressRow) -> String {
        shorten(&r.activity.title, 28)
    }

    pub fn base_width(&self, r: &ProgressRow) -> f64 {
        width(&r.baseline)
    }

    pub fn follow_width(&self, r: &ProgressRow) -> f64 {
        width(&r.follow_up)
    }

    pub fn base_mean(&self, r: &ProgressRow) -> Option<f64> {
        r.baseline.as_ref().and_then(|s| s.mean)
    }

    pub fn follow_mean(&self, r: &ProgressRow) -> Option<f64> {
        r.follow_up.as_ref().and_then(|s| s.mean)
    }

    pub fn rated_pair(&self, r: &ProgressRow) -> String {
        let rated = |s: &Option<RatingStats>| s.as_ref().map(|s| s.rated).unwrap_or(0);
        format!("{} → {}", rated(&r.baseline), rated(&r.follow_up))
    }
}

#[cfg(test)]
mod tests {
    use super::shorten;

    #[test]
    fn labels_are_cut_between_words() {
        let cut = shorten("โรงเรียนคุณธรรมและกิจกรรมความดีในสถานศึกษา", 28);
        assert!(cut.ends_with('…'));
        assert!(!cut.contains("ควา…"), "{cut}");
        assert!(cut.chars().count() <= 28, "{cut}");
        assert_eq!(shorten("สั้น", 28), "สั้น");
    }
}
