//! From answers to points, and from points to a level: pure, so the phone's live preview, the
//! server and the roll-up agree.

use super::{Item, Level, Rule, Template};
use crate::FieldError;
use serde::{Deserialize, Serialize};

/// What the assessed (or a verifier) answered for one item.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Answer {
    /// The index of a choice.
    Choice(usize),
    Percent(f64),
    Yes(bool),
    /// Points recorded without the answer behind them: a paper result brought in from a
    /// workbook.
    Points(u32),
}

/// The points an answer gives, or why the answer does not fit the item.
pub fn score(item: &Item, answer: Answer) -> Result<u32, FieldError> {
    let wrong = |th: &str, en: &str| {
        Err(FieldError::new(
            "answer",
            format!("{th} ({})", item.title),
            format!("{en} ({})", item.title),
        ))
    };
    match (&item.rule, answer) {
        (Rule::Choices { choices }, Answer::Choice(i)) => match choices.get(i) {
            Some(c) => Ok(c.points),
            None => wrong(
                "คำตอบไม่ตรงกับตัวเลือกของข้อนี้",
                "The answer is not one of this item's choices",
            ),
        },
        (Rule::Percentage { bands }, Answer::Percent(p)) => {
            if !p.is_finite() || !(0.0..=100.0).contains(&p) {
                return wrong(
                    "ร้อยละต้องอยู่ระหว่าง 0 ถึง 100",
                    "A percentage must be between 0 and 100",
                );
            }
            Ok(bands
                .iter()
                .rev()
                .find(|b| b.from <= p)
                .map(|b| b.points)
                .unwrap_or(0))
        }
        (Rule::YesNo { yes, no }, Answer::Yes(y)) => Ok(if y { *yes } else { *no }),
        (rule, Answer::Points(p)) => {
            let possible = rule.possible_points();
            if possible.contains(&p) {
                Ok(p)
            } else {
                let list = possible
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(", ");
                Err(FieldError::new(
                    "answer",
                    format!("ข้อนี้ให้ได้ {list} คะแนน ไม่ใช่ {p} ({})", item.title),
                    format!("This item gives {list} points, not {p} ({})", item.title),
                ))
            }
        }
        _ => wrong(
            "คำตอบไม่ตรงกับรูปแบบของข้อนี้",
            "The answer does not fit this item",
        ),
    }
}

/// Where an assessment stands: its points, the level they reach, and the items not yet
/// answered (counted as 0 until they are).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    pub total: u32,
    pub max: u32,
    pub level: Option<Level>,
    /// 1-based numbers of the items without a score.
    pub unanswered: Vec<usize>,
}

/// The highest level whose threshold the scores meet; `scores[i]` is item `i`'s points.
pub fn outcome(template: &Template, scores: &[Option<u32>]) -> Outcome {
    let points: Vec<u32> = (0..template.items.len())
        .map(|i| scores.get(i).copied().flatten().unwrap_or(0))
        .collect();
    let total = points.iter().sum();
    let least = points.iter().copied().min().unwrap_or(0);
    let level = template
        .thresholds
        .iter()
        .filter(|t| total >= t.min_total && t.min_each.is_none_or(|m| least >= m))
        .map(|t| t.level)
        .max();
    Outcome {
        total,
        max: template.max_total(),
        level,
        unanswered: (0..template.items.len())
            .filter(|&i| scores.get(i).copied().flatten().is_none())
            .map(|i| i + 1)
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::{Band, Choice, Subject, Threshold, nine_activities};
    use proptest::prelude::*;

    fn declaration() -> Item {
        nine_activities(Subject::Community).items.remove(0)
    }

    #[test]
    fn the_declaration_scores_by_its_bands() {
        let item = declaration();
        for (percent, points) in [
            (100.0, 2),
            (80.0, 2),
            (79.99, 1),
            (50.0, 1),
            (49.99, 0),
            (0.0, 0),
        ] {
            assert_eq!(
                score(&item, Answer::Percent(percent)),
                Ok(points),
                "{percent}"
            );
        }
        for bad in [100.01, -1.0, f64::NAN] {
            let e = score(&item, Answer::Percent(bad)).unwrap_err();
            assert!(
                e.th.contains("ร้อยละ") && e.en.contains("percentage"),
                "{bad}"
            );
        }
        assert!(
            score(&item, Answer::Yes(true)).is_err(),
            "not a yes/no item"
        );
    }

    #[test]
    fn points_without_an_answer_count_when_the_item_can_give_them() {
        let item = declaration();
        assert_eq!(score(&item, Answer::Points(1)), Ok(1));
        let e = score(&item, Answer::Points(3)).unwrap_err();
        assert!(
            e.th.contains("0, 1, 2") && e.en.contains("not 3"),
            "{}",
            e.en
        );
    }

    #[test]
    fn a_choice_outside_the_item_is_refused() {
        let item = Item {
            title: "แผน".into(),
            guidance: String::new(),
            rule: Rule::Choices {
                choices: vec![
                    Choice {
                        label: "มี".into(),
                        points: 2,
                    },
                    Choice {
                        label: "ไม่มี".into(),
                        points: 0,
                    },
                ],
            },
            evidence: String::new(),
            evidence_required: false,
        };
        assert_eq!(score(&item, Answer::Choice(0)), Ok(2));
        assert!(
            score(&item, Answer::Choice(2))
                .unwrap_err()
                .en
                .contains("choices")
        );
    }

    #[test]
    fn every_item_at_least_one_holds_the_moral_level_back() {
        let t = nine_activities(Subject::Community);
        let all_two = vec![Some(2); 9];
        assert_eq!(outcome(&t, &all_two).level, Some(Level::Model));
        let mut one_zero = all_two.clone();
        one_zero[4] = Some(0);
        let o = outcome(&t, &one_zero);
        assert_eq!(o.total, 16);
        assert_eq!(
            o.level,
            Some(Level::Promoting),
            "16 points, but item 5 scored 0"
        );
        let o = outcome(&t, &[Some(1); 9]);
        assert_eq!(o.level, Some(Level::Promoting));
        let o = outcome(&t, &[]);
        assert_eq!((o.level, o.unanswered.len()), (None, 9));
    }

    fn template(items: Vec<u32>, totals: [u32; 3], each: [Option<u32>; 3]) -> Template {
        Template {
            subject: Subject::Community,
            name: "ทดสอบ".into(),
            items: items
                .into_iter()
                .map(|max| Item {
                    title: "ข้อ".into(),
                    guidance: String::new(),
                    rule: Rule::Percentage {
                        bands: (0..=max)
                            .map(|p| Band {
                                from: f64::from(p) * 100.0 / f64::from(max + 1),
                                points: p,
                            })
                            .collect(),
                    },
                    evidence: String::new(),
                    evidence_required: false,
                })
                .collect(),
            thresholds: Level::ALL
                .iter()
                .zip(totals.iter().zip(each))
                .map(|(&level, (&min_total, min_each))| Threshold {
                    level,
                    min_total,
                    min_each,
                })
                .collect(),
        }
    }

    proptest! {
        #[test]
        fn the_level_never_rises_when_a_score_falls(
            maxes in proptest::collection::vec(1u32..=4, 1..12),
            totals in proptest::array::uniform3(0u32..40),
            each in proptest::array::uniform3(proptest::option::of(0u32..3)),
            seeds in proptest::collection::vec(0u32..100, 12),
            which in 0usize..12,
            drop in 1u32..5,
        ) {
            let t = template(maxes.clone(), totals, each);
            let scores: Vec<Option<u32>> = maxes
                .iter()
                .zip(&seeds)
                .map(|(max, s)| Some(s % (max + 1)))
                .collect();
            let i = which % scores.len();
            let mut lower = scores.clone();
            lower[i] = Some(scores[i].unwrap().saturating_sub(drop));
            let before = outcome(&t, &scores);
            let after = outcome(&t, &lower);
            prop_assert!(after.level <= before.level, "{:?} -> {:?}", before, after);
            prop_assert!(after.total <= before.total);
        }
    }
}
