//! Who completed a training: attendance against the event's rule, and the post-training
//! evaluation when the event asks for it. Certificates go to those who completed, only.

use serde::{Deserialize, Serialize};

/// How much of an event a participant must attend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AttendanceRule {
    /// At least this many sessions.
    Sessions(u32),
    /// At least this share of the sessions, in percent (1-100).
    Percent(u8),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompletionRule {
    pub attendance: AttendanceRule,
    pub evaluation_required: bool,
}

/// What one participant did at an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Record {
    pub attended: u32,
    pub sessions: u32,
    pub evaluated: bool,
}

/// One reason a participant has not completed, told in Thai and English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unmet {
    TooFewSessions { attended: u32, needed: u32 },
    TooLowShare { percent: u32, needed: u8 },
    NoEvaluation,
}

impl Unmet {
    pub fn th(&self) -> String {
        match self {
            Unmet::TooFewSessions { attended, needed } => {
                format!("เข้าร่วม {attended} ช่วง ต้องเข้าร่วมอย่างน้อย {needed} ช่วง")
            }
            Unmet::TooLowShare { percent, needed } => {
                format!("เข้าร่วมร้อยละ {percent} ต้องเข้าร่วมอย่างน้อยร้อยละ {needed}")
            }
            Unmet::NoEvaluation => "ยังไม่ได้ส่งแบบประเมินหลังการอบรม".into(),
        }
    }

    pub fn en(&self) -> String {
        match self {
            Unmet::TooFewSessions { attended, needed } => {
                format!("attended {attended} sessions; at least {needed} are required")
            }
            Unmet::TooLowShare { percent, needed } => {
                format!("attended {percent}% of the sessions; at least {needed}% are required")
            }
            Unmet::NoEvaluation => "has not submitted the post-training evaluation".into(),
        }
    }
}

impl CompletionRule {
    /// Every reason the record falls short; empty when the participant completed.
    pub fn unmet(&self, r: &Record) -> Vec<Unmet> {
        let mut reasons = Vec::new();
        match self.attendance {
            AttendanceRule::Sessions(needed) if r.attended < needed => {
                reasons.push(Unmet::TooFewSessions {
                    attended: r.attended,
                    needed,
                });
            }
            // Whole-number arithmetic: 2 of 3 sessions is below 67% but meets 66%.
            AttendanceRule::Percent(needed)
                if u64::from(r.attended) * 100 < u64::from(needed) * u64::from(r.sessions)
                    || r.sessions == 0 =>
            {
                let percent = (u64::from(r.attended) * 100)
                    .checked_div(u64::from(r.sessions))
                    .unwrap_or(0) as u32;
                reasons.push(Unmet::TooLowShare { percent, needed });
            }
            _ => {}
        }
        if self.evaluation_required && !r.evaluated {
            reasons.push(Unmet::NoEvaluation);
        }
        reasons
    }

    pub fn completed(&self, r: &Record) -> bool {
        self.unmet(r).is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn record(attended: u32, sessions: u32, evaluated: bool) -> Record {
        Record {
            attended,
            sessions,
            evaluated,
        }
    }

    #[test]
    fn sessions_rule() {
        let rule = CompletionRule {
            attendance: AttendanceRule::Sessions(2),
            evaluation_required: false,
        };
        assert!(rule.completed(&record(2, 3, false)));
        assert_eq!(
            rule.unmet(&record(1, 3, false)),
            vec![Unmet::TooFewSessions {
                attended: 1,
                needed: 2
            }]
        );
    }

    #[test]
    fn percent_rule_uses_whole_numbers() {
        let rule = |needed| CompletionRule {
            attendance: AttendanceRule::Percent(needed),
            evaluation_required: false,
        };
        assert!(rule(66).completed(&record(2, 3, false)));
        assert!(!rule(67).completed(&record(2, 3, false)));
        assert!(rule(100).completed(&record(4, 4, false)));
        assert!(
            !rule(50).completed(&record(0, 0, false)),
            "an event without sessions completes nobody"
        );
    }

    #[test]
    fn the_evaluation_is_required_when_asked_and_reasons_add_up() {
        let rule = CompletionRule {
            attendance: AttendanceRule::Percent(80),
            evaluation_required: true,
        };
        let reasons = rule.unmet(&record(1, 2, false));
        assert_eq!(reasons.len(), 2);
        assert!(reasons[0].th().contains("ร้อยละ 50"), "{}", reasons[0].th());
        assert!(reasons[1].en().contains("evaluation"));
        assert!(rule.completed(&record(2, 2, true)));
    }

    proptest! {
        #[test]
        fn attending_more_never_undoes_completion(
            sessions in 1u32..20,
            attended in 0u32..20,
            needed in 1u8..=100,
            at_least in 0u32..20,
        ) {
            let attended = attended.min(sessions);
            for attendance in [AttendanceRule::Percent(needed), AttendanceRule::Sessions(at_least)] {
                let rule = CompletionRule { attendance, evaluation_required: false };
                if rule.completed(&record(attended, sessions, false)) && attended < sessions {
                    prop_assert!(rule.completed(&record(attended + 1, sessions, false)));
                }
            }
        }

        #[test]
        fn percent_rule_matches_the_fraction(sessions in 1u32..50, attended in 0u32..50, needed in 1u8..=100) {
            let attended = attended.min(sessions);
            let rule = CompletionRule { attendance: AttendanceRule::Percent(needed), evaluation_required: false };
            let exact = f64::from(attended) / f64::from(sessions) * 100.0 >= f64::from(needed) - 1e-9;
            prop_assert_eq!(rule.completed(&record(attended, sessions, false)), exact);
        }
    }
}
