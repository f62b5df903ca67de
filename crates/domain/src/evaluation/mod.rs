//! Empowerment evaluation (Fetterman's three steps): the rules of cycles, dot voting and
//! rating statistics, and the validated inputs of their forms.

pub mod dots;
pub mod forms;
pub mod live;
pub mod stats;

pub use dots::{DotError, DotRules, Tally, TopPick, top_k};
pub use forms::*;
pub use stats::{RatingStats, change, overall_mean};

coded_enum!(Step {
    Mission = "mission", "พันธกิจ", "Mission";
    Activities = "activities", "ทบทวนสถานะ 1: ระดมกิจกรรม", "Taking stock I: key activities";
    Dots = "dots", "ทบทวนสถานะ 1: ติดจุดเลือกกิจกรรม", "Taking stock I: dot voting";
    Rating = "rating", "ทบทวนสถานะ 2: ให้คะแนน", "Taking stock II: rating";
    Planning = "planning", "วางแผนอนาคต", "Planning for the future";
});

impl Step {
    /// Short names for tabs and the projector.
    pub fn short_th(self) -> &'static str {
        match self {
            Step::Mission => "พันธกิจ",
            Step::Activities => "ระดมกิจกรรม",
            Step::Dots => "ติดจุด",
            Step::Rating => "ให้คะแนน",
            Step::Planning => "วางแผน",
        }
    }

    pub fn short_en(self) -> &'static str {
        match self {
            Step::Mission => "Mission",
            Step::Activities => "Activities",
            Step::Dots => "Dots",
            Step::Rating => "Rating",
            Step::Planning => "Planning",
        }
    }
}
