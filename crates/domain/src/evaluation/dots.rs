//! Dot voting: each participant has a number of dots to place on activities, several on one
//! activity when the cycle allows stacking.

use crate::FieldError;
use serde::{Deserialize, Serialize};

pub const DEFAULT_DOTS: u32 = 5;
pub const MAX_DOTS: u32 = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DotRules {
    pub per_person: u32,
    pub stacking: bool,
}

impl Default for DotRules {
    fn default() -> Self {
        DotRules {
            per_person: DEFAULT_DOTS,
            stacking: true,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DotError {
    /// More dots than the participant has left; `remaining` is what they could still place.
    TooMany { remaining: u32 },
    /// Stacking is off and the activity already holds this participant's dot.
    NoStacking,
}

impl DotError {
    pub fn field_error(&self) -> FieldError {
        match self {
            DotError::TooMany { remaining } => FieldError::new(
                "dots",
                format!("จุดเกินจำนวนที่มี เหลือวางได้อีก {remaining} จุด"),
                format!("That is more dots than you have: {remaining} left to place"),
            ),
            DotError::NoStacking => FieldError::new(
                "dots",
                "รอบนี้วางได้กิจกรรมละ 1 จุดเท่านั้น",
                "In this round an activity takes at most one dot from each person",
            ),
        }
    }
}

impl DotRules {
    /// Checks setting a participant's dots on one activity to `wanted`, given how many they have
    /// placed on all the other activities.
    pub fn check(&self, placed_elsewhere: u32, wanted: u32) -> Result<(), DotError> {
        if !self.stacking && wanted > 1 {
            return Err(DotError::NoStacking);
        }
        if placed_elsewhere + wanted > self.per_person {
            let remaining = self.per_person.saturating_sub(placed_elsewhere);
            return Err(DotError::TooMany { remaining });
        }
        Ok(())
    }
}

/// One activity's tally for choosing the ones to rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub activity: i64,
    pub dots: i64,
    /// The order the activity was added in, which breaks ties.
    pub position: i64,
}

/// The top `k` activities by dots, and those tied with the last one chosen but left out,
/// so the facilitator can decide the tie in the room rather than the software silently.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TopPick {
    pub chosen: Vec<i64>,
    pub tied_out: Vec<i64>,
}

pub fn top_k(tallies: &[Tally], k: usize) -> TopPick {
    let mut ranked: Vec<Tally> = tallies.iter().copied().filter(|t| t.dots > 0).collect();
    ranked.sort_by(|a, b| b.dots.cmp(&a.dots).then(a.position.cmp(&b.position)));
    let chosen: Vec<Tally> = ranked.iter().take(k).copied().collect();
    let tied_out = match chosen.last() {
        Some(last) if ranked.len() > k => ranked[k..]
            .iter()
            .filter(|t| t.dots == last.dots)
            .map(|t| t.activity)
            .collect(),
        _ => Vec::new(),
    };
    TopPick {
        chosen: chosen.iter().map(|t| t.activity).collect(),
        tied_out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn dots_within_the_allowance_are_placed() {
        let rules = DotRules::default();
        assert_eq!(rules.check(3, 2), Ok(()));
        assert_eq!(rules.check(0, 5), Ok(()));
        assert_eq!(rules.check(4, 0), Ok(()));
    }

    #[test]
    fn too_many_dots_say_how_many_remain() {
        let rules = DotRules::default();
        assert_eq!(rules.check(4, 2), Err(DotError::TooMany { remaining: 1 }));
        let message = rules.check(4, 2).unwrap_err().field_error();
        assert!(message.th.contains("1 จุด"), "{}", message.th);
        assert!(message.en.contains("1 left"), "{}", message.en);
    }

    #[test]
    fn without_stacking_one_dot_per_activity() {
        let rules = DotRules {
            per_person: 5,
            stacking: false,
        };
        assert_eq!(rules.check(0, 2), Err(DotError::NoStacking));
        assert_eq!(rules.check(2, 1), Ok(()));
    }

    fn tally(activity: i64, dots: i64) -> Tally {
        Tally {
            activity,
            dots,
            position: activity,
        }
    }

    #[test]
    fn top_k_ranks_by_dots_then_order_added() {
        let pick = top_k(&[tally(1, 3), tally(2, 9), tally(3, 3), tally(4, 0)], 2);
        assert_eq!(pick.chosen, vec![2, 1]);
        assert_eq!(pick.tied_out, vec![3]);
    }

    #[test]
    fn activities_without_dots_are_never_chosen() {
        let pick = top_k(&[tally(1, 0), tally(2, 1)], 5);
        assert_eq!(pick.chosen, vec![2]);
        assert!(pick.tied_out.is_empty());
    }

    proptest! {
        #[test]
        fn placements_that_pass_never_exceed_the_allowance(
            per_person in 1u32..=MAX_DOTS,
            stacking: bool,
            wishes in proptest::collection::vec((0usize..8, 0u32..6), 0..40),
        ) {
            let rules = DotRules { per_person, stacking };
            let mut placed = [0u32; 8];
            for (activity, wanted) in wishes {
                let elsewhere: u32 = placed.iter().sum::<u32>() - placed[activity];
                if rules.check(elsewhere, wanted).is_ok() {
                    placed[activity] = wanted;
                }
                prop_assert!(placed.iter().sum::<u32>() <= per_person);
                prop_assert!(stacking || placed.iter().all(|&n| n <= 1));
            }
        }

        #[test]
        fn top_k_takes_at_most_k_with_the_most_dots(
            dots in proptest::collection::vec(0i64..20, 0..30),
            k in 1usize..12,
        ) {
            let tallies: Vec<Tally> = dots.iter().enumerate().map(|(i, d)| tally(i as i64, *d)).collect();
            let pick = top_k(&tallies, k);
            prop_assert!(pick.chosen.len() <= k);
            let least_chosen = pick.chosen.iter().map(|a| dots[*a as usize]).min();
            for t in &tallies {
                if !pick.chosen.contains(&t.activity) {
                    prop_assert!(least_chosen.is_none_or(|m| t.dots <= m) || t.dots == 0);
                }
            }
        }
    }
}
