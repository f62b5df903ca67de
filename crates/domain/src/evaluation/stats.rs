//! Statistics of 1-10 ratings, computed from a histogram so that the database can aggregate
//! with one GROUP BY and the live projector never reads individual votes.

use serde::Serialize;

pub const MIN_RATING: u8 = 1;
pub const MAX_RATING: u8 = 10;

/// Counts of ratings 1..=10, index 0 holding the count of 1s.
pub type Histogram = [i64; 10];

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RatingStats {
    pub rated: i64,
    pub abstained: i64,
    pub mean: Option<f64>,
    pub median: Option<f64>,
    /// Sample standard deviation; none below two ratings.
    pub spread: Option<f64>,
    pub min: Option<u8>,
    pub max: Option<u8>,
    pub histogram: Histogram,
    /// The rating values outside the outlier fences, lowest first.
    pub outliers: Vec<u8>,
    /// How many ratings lie outside the fences.
    pub outlier_count: i64,
}

/// Outliers are only named from this many ratings on: in a group of three, "unusual" says little.
const MIN_RATED_FOR_OUTLIERS: i64 = 4;

impl RatingStats {
    pub fn from_ratings(ratings: &[Option<u8>]) -> RatingStats {
        let mut histogram = [0; 10];
        let mut abstained = 0;
        for rating in ratings {
            match rating {
                Some(v) if (MIN_RATING..=MAX_RATING).contains(v) => {
                    histogram[usize::from(v - 1)] += 1
                }
                _ => abstained += 1,
            }
        }
        RatingStats::from_histogram(histogram, abstained)
    }

    pub fn from_histogram(histogram: Histogram, abstained: i64) -> RatingStats {
        let rated: i64 = histogram.iter().sum();
        let value = |i: usize| (i + 1) as f64;
        let present = || (0..10).filter(|&i| histogram[i] > 0);
        let mean = (rated > 0)
            .then(|| (0..10).map(|i| value(i) * histogram[i] as f64).sum::<f64>() / rated as f64);
        let spread = mean.filter(|_| rated > 1).map(|m| {
            let squares: f64 = (0..10)
                .map(|i| histogram[i] as f64 * (value(i) - m).powi(2))
                .sum();
            (squares / (rated - 1) as f64).sqrt()
        });
        let (outliers, outlier_count) = match fences(&histogram, rated) {
            Some((low, high)) => {
                let outside: Vec<usize> = present()
                    .filter(|&i| value(i) < low || value(i) > high)
                    .collect();
                let count = outside.iter().map(|&i| histogram[i]).sum();
                (outside.iter().map(|&i| (i + 1) as u8).collect(), count)
            }
            None => (Vec::new(), 0),
        };
        RatingStats {
            rated,
            abstained,
            mean,
            median: quantile(&histogram, rated, 0.5),
            spread,
            min: present().next().map(|i| (i + 1) as u8),
            max: present().next_back().map(|i| (i + 1) as u8),
            histogram,
            outliers,
            outlier_count,
        }
    }

    /// The share of ratings at each value, 0.0-1.0, for drawing bars.
    pub fn shares(&self) -> [f64; 10] {
        let top = self.histogram.iter().copied().max().unwrap_or(0).max(1) as f64;
        self.histogram.map(|n| n as f64 / top)
    }
}

/// The quantile `q` with linear interpolation between order statistics (R's type 7, the rule of
/// Excel's QUARTILE.INC and MEDIAN), so a facilitator can check a figure in a spreadsheet.
pub fn quantile(histogram: &Histogram, rated: i64, q: f64) -> Option<f64> {
    if rated == 0 {
        return None;
    }
    let position = q * (rated - 1) as f64;
    let below = position.floor() as i64;
    let fraction = position - below as f64;
    let lower = nth(histogram, below);
    let upper = nth(histogram, (below + 1).min(rated - 1));
    Some(lower + fraction * (upper - lower))
}

/// The value of the `n`-th smallest rating, counting from 0.
fn nth(histogram: &Histogram, n: i64) -> f64 {
    let mut seen = 0;
    for (i, count) in histogram.iter().enumerate() {
        seen += count;
        if n < seen {
            return (i + 1) as f64;
        }
    }
    f64::from(MAX_RATING)
}

/// Tukey's fences, 1.5 interquartile ranges beyond the quartiles. On a 1-10 scale a group that
/// agrees has an interquartile range near zero, which would make every neighbouring value an
/// "outlier"; the range is therefore taken as at least one point.
fn fences(histogram: &Histogram, rated: i64) -> Option<(f64, f64)> {
    if rated < MIN_RATED_FOR_OUTLIERS {
        return None;
    }
    let q1 = quantile(histogram, rated, 0.25)?;
    let q3 = quantile(histogram, rated, 0.75)?;
    let iqr = (q3 - q1).max(1.0);
    Some((q1 - 1.5 * iqr, q3 + 1.5 * iqr))
}

/// A value's change between a baseline and a follow-up, when both exist.
pub fn change(baseline: Option<f64>, follow_up: Option<f64>) -> Option<f64> {
    Some(follow_up? - baseline?)
}

/// The overall mean of a cycle: the mean of its activities' means, so that every activity
/// weighs the same however many people rated it.
pub fn overall_mean(means: impl IntoIterator<Item = Option<f64>>) -> Option<f64> {
    let present: Vec<f64> = means.into_iter().flatten().collect();
    (!present.is_empty()).then(|| present.iter().sum::<f64>() / present.len() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn stats(values: &[u8]) -> RatingStats {
        RatingStats::from_ratings(&values.iter().map(|v| Some(*v)).collect::<Vec<_>>())
    }

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    #[test]
    fn known_figures() {
        let s = stats(&[7, 8, 8, 6, 9]);
        assert_eq!(s.rated, 5);
        assert!(close(s.mean, 7.6));
        assert!(close(s.median, 8.0));
        // Sample variance of 7,8,8,6,9 is 1.3.
        assert!(close(s.spread, 1.3f64.sqrt()));
        assert_eq!((s.min, s.max), (Some(6), Some(9)));
        assert_eq!(s.histogram, [0, 0, 0, 0, 0, 1, 1, 2, 1, 0]);
    }

    #[test]
    fn even_count_median_interpolates() {
        assert!(close(stats(&[2, 4, 6, 9]).median, 5.0));
    }

    #[test]
    fn abstentions_are_counted_but_not_rated() {
        let s = RatingStats::from_ratings(&[Some(5), None, Some(7), None]);
        assert_eq!((s.rated, s.abstained), (2, 2));
        assert!(close(s.mean, 6.0));
    }

    #[test]
    fn nothing_rated_has_no_figures() {
        let s = RatingStats::from_ratings(&[None]);
        assert_eq!(s.mean, None);
        assert_eq!(s.median, None);
        assert_eq!(s.spread, None);
        assert!(s.outliers.is_empty());
    }

    #[test]
    fn one_low_rating_in_an_agreeing_room_is_an_outlier() {
        let s = stats(&[8, 8, 8, 8, 7, 9, 8, 2]);
        assert_eq!(s.outliers, vec![2]);
        assert_eq!(s.outlier_count, 1);
    }

    #[test]
    fn neighbours_of_the_consensus_are_not_outliers() {
        assert!(stats(&[8, 8, 8, 8, 8, 8, 7, 9]).outliers.is_empty());
    }

    #[test]
    fn small_groups_name_no_outliers() {
        assert!(stats(&[1, 10, 10]).outliers.is_empty());
    }

    #[test]
    fn overall_mean_weighs_activities_equally() {
        assert!(close(overall_mean([Some(4.0), None, Some(8.0)]), 6.0));
        assert_eq!(overall_mean([None, None]), None);
        assert!(close(change(Some(5.5), Some(7.0)), 1.5));
        assert_eq!(change(None, Some(7.0)), None);
    }

    proptest! {
        #[test]
        fn figures_stay_within_the_ratings(values in proptest::collection::vec(1u8..=10, 1..200)) {
            let s = stats(&values);
            let (min, max) = (*values.iter().min().unwrap(), *values.iter().max().unwrap());
            let mean = s.mean.unwrap();
            let median = s.median.unwrap();
            prop_assert!(f64::from(min) <= mean + 1e-9 && mean <= f64::from(max) + 1e-9);
            prop_assert!(f64::from(min) <= median && median <= f64::from(max));
            prop_assert_eq!(s.rated as usize, values.len());
            prop_assert_eq!(s.histogram.iter().sum::<i64>() as usize, values.len());
            let exact = values.iter().map(|v| f64::from(*v)).sum::<f64>() / values.len() as f64;
            prop_assert!((mean - exact).abs() < 1e-9);
        }

        #[test]
        fn order_does_not_matter(mut values in proptest::collection::vec(1u8..=10, 1..100)) {
            let before = stats(&values);
            values.reverse();
            prop_assert_eq!(before, stats(&values));
        }

        #[test]
        fn median_matches_sorting(values in proptest::collection::vec(1u8..=10, 1..100)) {
            let mut sorted = values.clone();
            sorted.sort();
            let n = sorted.len();
            let expected = if n % 2 == 1 {
                f64::from(sorted[n / 2])
            } else {
                (f64::from(sorted[n / 2 - 1]) + f64::from(sorted[n / 2])) / 2.0
            };
            prop_assert!((stats(&values).median.unwrap() - expected).abs() < 1e-9);
        }

        #[test]
        fn outliers_lie_beyond_every_non_outlier(values in proptest::collection::vec(1u8..=10, 4..100)) {
            let s = stats(&values);
            let median = s.median.unwrap();
            for o in &s.outliers {
                prop_assert!((f64::from(*o) - median).abs() > 1.5);
            }
        }
    }
}
