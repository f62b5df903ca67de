//! The templates shipped as editable examples: the common nine-activity scheme for
//! communities, organizations and districts, and ten indicators for a province. Their texts and
//! thresholds vary between years and programmes; national staff edit and publish their own.

use super::{Band, Choice, Item, Level, Rule, Subject, Template, Threshold};

fn bands(moral: f64, model: f64) -> Rule {
    Rule::Percentage {
        bands: vec![
            Band {
                from: 0.0,
                points: 0,
            },
            Band {
                from: moral,
                points: 1,
            },
            Band {
                from: model,
                points: 2,
            },
        ],
    }
}

fn three(full: &str, partly: &str, none: &str) -> Rule {
    Rule::Choices {
        choices: vec![
            Choice {
                label: full.into(),
                points: 2,
            },
            Choice {
                label: partly.into(),
                points: 1,
            },
            Choice {
                label: none.into(),
                points: 0,
            },
        ],
    }
}

fn item(title: &str, guidance: &str, rule: Rule, evidence: &str) -> Item {
    Item {
        title: title.into(),
        guidance: guidance.into(),
        rule,
        evidence: evidence.into(),
        evidence_required: !evidence.is_empty(),
    }
}

fn thresholds(promoting: u32, moral: u32, model: u32) -> Vec<Threshold> {
    vec![
        Threshold {
            level: Level::Promoting,
            min_total: promoting,
            min_each: None,
        },
        Threshold {
            level: Level::Moral,
            min_total: moral,
            min_each: Some(1),
        },
        Threshold {
            level: Level::Model,
            min_total: model,
            min_each: Some(1),
        },
    ]
}

/// Nine activities scored 2, 1 or 0 (18 in all), for a community, organization or district.
pub fn nine_activities(subject: Subject) -> Template {
    Template {
        subject,
        name: format!("เกณฑ์ 9 กิจกรรม {}คุณธรรม (ตัวอย่าง แก้ไขได้)", subject.label_th()),
        items: vec![
            item(
                "ประกาศเจตนารมณ์ร่วมกัน",
                "ร้อยละของผู้บริหารและสมาชิกที่ลงนามประกาศเจตนารมณ์: ตั้งแต่ร้อยละ 80 ได้ 2 คะแนน ร้อยละ 50–79.99 ได้ 1 คะแนน ต่ำกว่าร้อยละ 50 ได้ 0 คะแนน",
                bands(50.0, 80.0),
                "ภาพหรือไฟล์ประกาศเจตนารมณ์ที่มีลายมือชื่อ",
            ),
            item(
                "กำหนดปัญหาที่อยากแก้และความดีที่อยากทำ",
                "สมาชิกร่วมกันกำหนดปัญหาที่อยากแก้และความดีที่อยากทำ",
                three(
                    "สมาชิกส่วนใหญ่ร่วมกำหนด",
                    "ผู้บริหารหรือคณะทำงานกำหนด",
                    "ยังไม่ได้กำหนด",
                ),
                "บันทึกการประชุมหรือภาพการระดมความคิด",
            ),
            item(
                "จัดทำแผนส่งเสริมคุณธรรม",
                "แผนที่มีกิจกรรม ผู้รับผิดชอบ ระยะเวลา และตัวชี้วัด",
                three("มีแผนครบทุกองค์ประกอบ", "มีแผนแต่ยังไม่ครบ", "ยังไม่มีแผน"),
                "แผนส่งเสริมคุณธรรม",
            ),
            item(
                "ดำเนินกิจกรรมตามแผน",
                "ร้อยละของกิจกรรมในแผนที่ดำเนินการแล้ว",
                bands(50.0, 80.0),
                "รายงานกิจกรรมหรือภาพกิจกรรม",
            ),
            item(
                "สร้างการมีส่วนร่วมของสมาชิกและภาคีเครือข่าย",
                "สมาชิกและภาคีร่วมคิด ร่วมทำ และร่วมรับผิดชอบ",
                three("มีส่วนร่วมทุกขั้นตอน", "มีส่วนร่วมบางขั้นตอน", "ยังไม่มี"),
                "ภาพหรือรายชื่อผู้เข้าร่วม",
            ),
            item(
                "ประชาสัมพันธ์และสื่อสารสาธารณะ",
                "เผยแพร่กิจกรรมและผลการดำเนินงานให้สาธารณะรับรู้",
                three("สม่ำเสมอหลายช่องทาง", "บางครั้ง", "ยังไม่ได้เผยแพร่"),
                "",
            ),
            item(
                "ติดตามและประเมินผล",
                "มีการติดตามผลตามตัวชี้วัดของแผน",
                Rule::YesNo { yes: 2, no: 0 },
                "รายงานการติดตามผล",
            ),
            item(
                "ถอดบทเรียนและแลกเปลี่ยนเรียนรู้",
                "สรุปสิ่งที่ได้เรียนรู้และแบ่งปันแก่ชุมชนหรือองค์กรอื่น",
                three("ถอดบทเรียนและเผยแพร่", "ถอดบทเรียนแล้วแต่ยังไม่เผยแพร่", "ยังไม่ได้ทำ"),
                "",
            ),
            item(
                "ผลลัพธ์ที่เกิดขึ้น",
                "พฤติกรรมที่ดีขึ้นตามคุณธรรมเป้าหมาย พร้อมตัวอย่างที่ตรวจสอบได้",
                three("เห็นผลชัดเจนและต่อเนื่อง", "เริ่มเห็นผล", "ยังไม่เห็นผล"),
                "ภาพหรือรายงานที่แสดงผลลัพธ์",
            ),
        ],
        thresholds: thresholds(6, 12, 16),
    }
}

/// Ten indicators of a province scored 2, 1 or 0 (20 in all).
pub fn provincial_indicators() -> Template {
    let yes_no = || Rule::YesNo { yes: 2, no: 0 };
    Template {
        subject: Subject::Province,
        name: "ตัวชี้วัดจังหวัดคุณธรรม 10 ตัวชี้วัด (ตัวอย่าง แก้ไขได้)".into(),
        items: vec![
            item(
                "มีคณะอนุกรรมการส่งเสริมคุณธรรมจังหวัดที่ประชุมอย่างต่อเนื่อง",
                "",
                three("ประชุมอย่างน้อยไตรมาสละครั้ง", "ประชุมบ้าง", "ไม่ได้ประชุม"),
                "คำสั่งแต่งตั้งและรายงานการประชุม",
            ),
            item(
                "มีแผนบูรณาการส่งเสริมคุณธรรมของจังหวัด",
                "",
                yes_no(),
                "แผนบูรณาการ",
            ),
            item(
                "มีศูนย์ส่งเสริมคุณธรรมหรือกลไกประสานงานระดับจังหวัด",
                "",
                yes_no(),
                "คำสั่งหรือประกาศจัดตั้ง",
            ),
            item("ร้อยละของอำเภอที่เป็นอำเภอคุณธรรม", "", bands(50.0, 80.0), ""),
            item(
                "ร้อยละขององค์กรภาครัฐที่ประกาศเจตนารมณ์",
                "",
                bands(50.0, 80.0),
                "",
            ),
            item("ร้อยละของชุมชนที่เป็นชุมชนคุณธรรม", "", bands(30.0, 60.0), ""),
            item(
                "ภาคีเครือข่ายครบหกภาคส่วนร่วมดำเนินงาน",
                "รัฐ เอกชน ประชาสังคม การศึกษา ศาสนา สื่อ",
                three("ครบหกภาคส่วน", "สามถึงห้าภาคส่วน", "น้อยกว่าสามภาคส่วน"),
                "",
            ),
            item(
                "ประเมินเสริมพลังและนำผลไปปรับแผน",
                "",
                three("ทำทุกปีและปรับแผนตามผล", "ทำแต่ยังไม่ได้ปรับแผน", "ยังไม่ได้ทำ"),
                "รายงานการประเมินเสริมพลัง",
            ),
            item(
                "เผยแพร่ผลการดำเนินงานต่อสาธารณะ",
                "",
                three("สม่ำเสมอ", "บางครั้ง", "ยังไม่ได้เผยแพร่"),
                "",
            ),
            item(
                "มีต้นแบบด้านคุณธรรมที่ได้รับการยกย่อง",
                "",
                yes_no(),
                "ประกาศยกย่องหรือภาพ",
            ),
        ],
        thresholds: thresholds(8, 14, 18),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_templates_are_valid() {
        for t in [
            nine_activities(Subject::Community),
            nine_activities(Subject::Organization),
            nine_activities(Subject::District),
            provincial_indicators(),
        ] {
            assert_eq!(t.validate(), Ok(()), "{}", t.name);
        }
        assert_eq!(nine_activities(Subject::Organization).max_total(), 18);
        assert_eq!(provincial_indicators().max_total(), 20);
    }

    #[test]
    fn a_template_is_kept_as_data() {
        let t = provincial_indicators();
        let json = serde_json::to_string(&t).unwrap();
        assert!(json.contains(r#""kind":"percentage""#), "{json}");
        assert_eq!(serde_json::from_str::<Template>(&json).unwrap(), t);
    }

    #[test]
    fn overlapping_or_unreachable_thresholds_and_gapped_bands_are_named() {
        let mut t = nine_activities(Subject::Organization);
        t.thresholds[1].min_total = t.thresholds[0].min_total;
        let e = t.validate().unwrap_err();
        assert!(
            e.summary_th().contains("ซ้อนกัน") && e.summary_en().contains("overlap"),
            "{e}"
        );

        let mut t = nine_activities(Subject::Organization);
        t.thresholds[2].min_total = 19;
        assert!(
            t.validate()
                .unwrap_err()
                .summary_en()
                .contains("at most 18")
        );

        let mut t = nine_activities(Subject::Organization);
        t.thresholds.remove(1);
        assert!(
            t.validate()
                .unwrap_err()
                .summary_en()
                .contains("three levels")
        );

        let mut t = nine_activities(Subject::Organization);
        t.items[0].rule = Rule::Percentage {
            bands: vec![
                Band {
                    from: 50.0,
                    points: 1,
                },
                Band {
                    from: 80.0,
                    points: 2,
                },
            ],
        };
        let e = t.validate().unwrap_err();
        assert!(
            e.summary_th().starts_with("ข้อ 1:") && e.summary_en().contains("gap"),
            "{e}"
        );

        let mut t = nine_activities(Subject::Organization);
        t.items[0].rule = Rule::Percentage {
            bands: vec![
                Band {
                    from: 0.0,
                    points: 0,
                },
                Band {
                    from: 120.0,
                    points: 2,
                },
            ],
        };
        assert!(t.validate().unwrap_err().summary_en().contains("0–100"));
    }
}
