//! The words of moral assessments, Thai and English.

pub const ASSESSMENT_WORDS: &[(&str, &str, &str)] = &[
    (
        "entity_assessment_template",
        "เกณฑ์การประเมิน",
        "assessment template",
    ),
    ("action_publish", "เผยแพร่", "published"),
    ("action_new_version", "สร้างฉบับใหม่", "started a new version"),
];
