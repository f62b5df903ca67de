//! Moral assessments: what a community, organization, district or province is assessed
//! against (a template, data that national staff edit and publish in versions), how an item's
//! answer becomes points, and how points become one of three levels.

mod defaults;
pub mod import;
mod scoring;
mod status;
mod template;

pub use defaults::{nine_activities, provincial_indicators};
pub use scoring::{Answer, Outcome, outcome, score};
pub use status::{Status, Step};
pub use template::{Band, Choice, Item, Rule, Template, Threshold};

coded_enum!(Subject {
    Community = "community", "ชุมชน", "community";
    Organization = "organization", "องค์กร", "organization";
    District = "district", "อำเภอ", "district";
    Province = "province", "จังหวัด", "province";
});

coded_enum!(Level {
    Promoting = "promoting", "ส่งเสริมคุณธรรม", "promoting morality";
    Moral = "moral", "คุณธรรม", "moral";
    Model = "model", "คุณธรรมต้นแบบ", "model";
});

impl Level {
    /// What the level is called for a subject: ชุมชนคุณธรรมต้นแบบ, จังหวัดส่งเสริมคุณธรรม.
    pub fn title_th(self, subject: Subject) -> String {
        format!("{}{}", subject.label_th(), self.label_th())
    }

    pub fn title_en(self, subject: Subject) -> String {
        format!("{} {}", self.label_en(), subject.label_en())
    }
}
