//! The Udon Thani workshop of 18 กุมภาพันธ์ 2565: 40 invented participants who attended both
//! sessions and sent the evaluation, one who left at noon, one who cancelled, and the artwork
//! for their certificates. Certificates are rendered by the web layer (`issue_demo_certificates`).

use super::artwork;
use crate::audit::Actor;
use crate::training::artwork::{SignatoryInput, add_logo, set_signatories};
use crate::training::attendance::{self, Method, Who};
use crate::training::registration::{self, Channel};
use crate::training::{event, feedback};
use crate::{Db, Result};
use chrono::{NaiveDate, NaiveTime};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sermphalang_domain::registry::Sector;
use sermphalang_domain::training::event::{EventInput, EventKind, SessionInput};
use sermphalang_domain::training::registration::{FeedbackInput, RegistrationInput};
use sermphalang_domain::training::{AttendanceRule, CompletionRule};

pub const WORKSHOP_TITLE: &str =
    "การประชุมเชิงปฏิบัติการประเมินผลแบบเสริมพลัง จังหวัดคุณธรรม จังหวัดอุดรธานี ครั้งที่ 1";

const PREFIXES: [&str; 6] = ["นาย", "นาง", "นางสาว", "นาย", "นาง", "ว่าที่ร้อยตรี"];
/// Invented names, with the marks that are hard to print right: ฤ ฦ ็ ์ ๊ ๋ ำ.
const GIVEN: [&str; 40] = [
    "ฤทัย",
    "สมศักดิ์",
    "กิ๊บ",
    "น้ำฝน",
    "เป๋า",
    "ฦๅชา",
    "ก้องเกียรติ",
    "พิมพ์ใจ",
    "ธนพล",
    "จิ๋ว",
    "ประเสริฐ",
    "บุญเรือน",
    "สุกัญญา",
    "วีระพงษ์",
    "อำไพ",
    "ณัฐวุฒิ",
    "ปิ๋ม",
    "เพ็ญศรี",
    "ทองใบ",
    "คำปุ่น",
    "อรุณี",
    "ชาตรี",
    "มณีรัตน์",
    "สุเมธ",
    "ลำดวน",
    "พฤกษ์",
    "นงลักษณ์",
    "ไพโรจน์",
    "จันทร์เพ็ญ",
    "ศักดิ์ชัย",
    "รัชนี",
    "อุดม",
    "ฤดี",
    "บัวผัน",
    "สมพงษ์",
    "กาญจนา",
    "วิไลวรรณ",
    "ธีระ",
    "ดวงใจ",
    "เกษม",
];
const FAMILY: [&str; 20] = [
    "ศรีสุข",
    "ก๋วยเตี๋ยวทอง",
    "ใจดี",
    "พึ่งบุญ",
    "ฤทธิ์เดช",
    "ทองคำ",
    "สิทธิ์ศักดิ์",
    "บุญมาก",
    "คำภูแสน",
    "แก้วมณี",
    "ภูมิพันธ์",
    "ศรีอุดร",
    "วงศ์คำ",
    "จันทร์หอม",
    "นามวงศ์",
    "บุตรดี",
    "ชัยมงคล",
    "พรหมมา",
    "ดวงแก้ว",
    "สุขเกษม",
];
const ORGANIZATIONS: [&str; 8] = [
    "สำนักงานวัฒนธรรมจังหวัดอุดรธานี",
    "โรงเรียนอุดรพิชัยรักษ์พิทยา",
    "วัดโพธิสมภรณ์",
    "เทศบาลนครอุดรธานี",
    "องค์การบริหารส่วนตำบลกลางใหญ่",
    "สภาวัฒนธรรมอำเภอเมืองอุดรธานี",
    "สถานีวิทยุกระจายเสียงแห่งประเทศไทย จังหวัดอุดรธานี",
    "หอการค้าจังหวัดอุดรธานี",
];
const COMMENTS: [&str; 8] = [
    "ได้เรียนรู้วิธีประเมินผลที่ทุกคนมีส่วนร่วม อยากให้จัดทุกปี",
    "การติดจุดและให้คะแนนผ่านโทรศัพท์สะดวกมาก",
    "ควรเพิ่มเวลาช่วงวางแผนอนาคตให้มากขึ้น",
    "วิทยากรอธิบายเข้าใจง่าย นำไปใช้ในชุมชนได้",
    "",
    "อยากให้เชิญภาคเอกชนมาร่วมมากขึ้น",
    "",
    "ห้องประชุมเย็นไปหน่อย นอกนั้นดีมาก",
];

fn session(hour: u32, minute: u32, end: (u32, u32), title: &str) -> SessionInput {
    let at = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default();
    SessionInput {
        date: NaiveDate::from_ymd_opt(2022, 2, 18).unwrap_or_default(),
        starts: at(hour, minute),
        ends: at(end.0, end.1),
        title: title.into(),
    }
}

/// The `i`-th invented participant's name with its title prefix, e.g. "นางสาวกิ๊บ พรหมมา".
pub fn participant_name(i: usize) -> String {
    let p = person(i);
    sermphalang_domain::training::registration::full_name(&p.prefix, &p.first_name, &p.last_name)
}

fn person(i: usize) -> RegistrationInput {
    RegistrationInput {
        prefix: PREFIXES[i % PREFIXES.len()].into(),
        first_name: GIVEN[i % GIVEN.len()].into(),
        last_name: FAMILY[(i * 7 + 3) % FAMILY.len()].into(),
        organization: ORGANIZATIONS[i % ORGANIZATIONS.len()].into(),
        network: Some(Sector::ALL[i % Sector::ALL.len()]),
        phone: format!("089-{:03}-{:04}", 100 + i, 2565 + i),
        email: String::new(),
    }
}

pub async fn load(db: &Db) -> Result<i64> {
    let actor = Actor::system();
    // The provincial culture office, first of the demo's organizations.
    let office: Option<i64> = crate::registry::org::options(db, super::UDON_THANI)
        .await?
        .into_iter()
        .find(|(_, name)| name == ORGANIZATIONS[0])
        .map(|(id, _)| id);
    let input = EventInput {
        title: WORKSHOP_TITLE.into(),
        kind: EventKind::Workshop,
        description: "ประชุมเชิงปฏิบัติการตามแนวทางการประเมินผลแบบเสริมพลังสามขั้น \
                      (พันธกิจ ทบทวนสถานะ วางแผนอนาคต) ของภาคีเครือข่ายทั้ง 6 ภาค"
            .into(),
        venue: "ห้องประชุมศาลากลางจังหวัดอุดรธานี".into(),
        organizers: office.into_iter().collect(),
        capacity: Some(45),
        opens_on: NaiveDate::from_ymd_opt(2022, 1, 20),
        closes_on: NaiveDate::from_ymd_opt(2022, 2, 15),
        approval_required: false,
        published: true,
        sessions: vec![
            session(9, 0, (12, 0), "ภาคเช้า: พันธกิจและทบทวนสถานะ"),
            session(13, 0, (16, 30), "ภาคบ่าย: วางแผนอนาคต"),
        ],
        completion: CompletionRule {
            attendance: AttendanceRule::Sessions(2),
            evaluation_required: true,
        },
        certificate_date: None,
    };
    let id = event::create(db, &actor, super::UDON_THANI, &input).await?;
    let e = event::find(db, super::UDON_THANI, id).await?;
    let sessions = event::sessions(db, id).await?;
    let mut rng = StdRng::seed_from_u64(2565_0218);
    for i in 0..42 {
        let channel = if i % 19 == 18 {
            Channel::WalkIn
        } else {
            Channel::Online
        };
        let r = registration::register(db, &actor, &e, &person(i), channel).await?;
        if i == 41 {
            let reg = registration::find(db, id, r.id).await?;
            registration::cancel(db, &actor, &e, &reg).await?;
            continue;
        }
        // Number 41 left at noon: registered, attended the morning only.
        let attended = if i == 40 { 1 } else { 2 };
        for (s, session) in sessions.iter().take(attended).enumerate() {
            let at = format!(
                "2022-02-18T{:02}:{:02}:{:02}.000Z",
                if s == 0 { 1 } else { 5 },
                35 + rng.random_range(0..25),
                rng.random_range(0..60)
            );
            let method = if channel == Channel::WalkIn {
                Method::WalkIn
            } else {
                Method::Scan
            };
            attendance::check_in(
                db,
                &actor,
                &e,
                session.id,
                &Who::Registration(r.id),
                method,
                Some(at),
            )
            .await?;
        }
        let answer = FeedbackInput {
            satisfaction: rng.random_range(3..=5),
            usefulness: rng.random_range(3..=5),
            comments: COMMENTS[i % COMMENTS.len()].into(),
        };
        feedback::submit(db, r.id, &answer).await?;
    }
    let signatories = [
        ("นายวิทยา ศรีประเสริฐ", "ผู้ว่าราชการจังหวัดอุดรธานี", 3),
        ("นางวรรณภา ศรีสุขใส", "วัฒนธรรมจังหวัดอุดรธานี", 5),
    ];
    let rows: Vec<SignatoryInput> = signatories
        .iter()
        .map(|(name, title, seed)| SignatoryInput {
            name: (*name).into(),
            title: (*title).into(),
            signature: Some((
                format!("signature-{seed}.png"),
                "image/png".into(),
                artwork::signature(*seed),
            )),
        })
        .collect();
    set_signatories(db, &actor, &e, &rows).await?;
    add_logo(
        db,
        &actor,
        &e,
        "emblem.png",
        "image/png",
        &artwork::emblem(),
    )
    .await?;
    Ok(id)
}
