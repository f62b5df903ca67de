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

/// Who bears a given name.
#[derive(Clone, Copy)]
enum Bearer {
    Man,
    Woman,
    Either,
}
use Bearer::{Either, Man, Woman};

/// Participants who register: the last cancels, the one before leaves at noon.
const REGISTERED: usize = 42;
const PREFIXES: [&str; 6] = ["นาย", "นาง", "นางสาว", "นาย", "นาง", "ว่าที่ร้อยตรี"];
/// Invented names, with the marks that are hard to print right: ฤ ฦ ็ ์ ๊ ๋ ำ; each with who
/// bears it, so that the title prefix agrees with it.
const GIVEN: [(&str, Bearer); 40] = [
    ("ฤทัย", Woman),
    ("สมศักดิ์", Man),
    ("กิ๊บ", Woman),
    ("น้ำฝน", Woman),
    ("เป๋า", Either),
    ("ฦๅชา", Either),
    ("ก้องเกียรติ", Man),
    ("พิมพ์ใจ", Woman),
    ("ธนพล", Man),
    ("จิ๋ว", Either),
    ("ประเสริฐ", Man),
    ("บุญเรือน", Woman),
    ("สุกัญญา", Woman),
    ("วีระพงษ์", Man),
    ("อำไพ", Woman),
    ("ณัฐวุฒิ", Man),
    ("ปิ๋ม", Woman),
    ("เพ็ญศรี", Woman),
    ("ทองใบ", Either),
    ("คำปุ่น", Woman),
    ("อรุณี", Woman),
    ("ชาตรี", Man),
    ("มณีรัตน์", Woman),
    ("สุเมธ", Man),
    ("ลำดวน", Woman),
    ("พฤกษ์", Either),
    ("นงลักษณ์", Woman),
    ("ไพโรจน์", Man),
    ("จันทร์เพ็ญ", Woman),
    ("ศักดิ์ชัย", Man),
    ("รัชนี", Woman),
    ("อุดม", Man),
    ("ฤดี", Woman),
    ("บัวผัน", Woman),
    ("สมพงษ์", Man),
    ("กาญจนา", Woman),
    ("วิไลวรรณ", Woman),
    ("ธีระ", Man),
    ("ดวงใจ", Woman),
    ("เกษม", Man),
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

/// The prefixes take turns, except where one would contradict the given name: then a man is
/// นาย and a woman นางสาว.
fn prefix(i: usize) -> &'static str {
    let in_turn = PREFIXES[i % PREFIXES.len()];
    match (in_turn, GIVEN[i % GIVEN.len()].1) {
        ("นาย", Woman) => "นางสาว",
        ("นาง" | "นางสาว", Man) => "นาย",
        _ => in_turn,
    }
}

fn person(i: usize) -> RegistrationInput {
    RegistrationInput {
        prefix: prefix(i).into(),
        first_name: GIVEN[i % GIVEN.len()].0.into(),
        last_name: FAMILY[(i * 7 + 3) % FAMILY.len()].into(),
        organization: ORGANIZATIONS[i % ORGANIZATIONS.len()].into(),
        network: Some(Sector::ALL[i % Sector::ALL.len()]),
        phone: format!("089-{:03}-{:04}", 100 + i, 2565 + i),
        email: String::new(),
    }
}

/// The provincial culture office, first of the demo's organizations.
pub(super) async fn culture_office(db: &Db) -> Result<Option<i64>> {
    Ok(crate::registry::org::options(db, super::UDON_THANI)
        .await?
        .into_iter()
        .find(|(_, name)| name == ORGANIZATIONS[0])
        .map(|(id, _)| id))
}

pub async fn load(db: &Db) -> Result<i64> {
    let actor = Actor::system();
    let office = culture_office(db).await?;
    // The workshop was the baseline evaluation's: the FY 2565 cycle without a baseline.
    let cycle = crate::evaluation::cycle::list(db, super::UDON_THANI)
        .await?
        .into_iter()
        .find(|c| c.fiscal_year == 2565 && c.baseline_id.is_none())
        .map(|c| c.id);
    let input = EventInput {
        title: WORKSHOP_TITLE.into(),
        kind: EventKind::Workshop,
        description: "ประชุมเชิงปฏิบัติการตามแนวทางการประเมินผลแบบเสริมพลังสามขั้น \
                      (พันธกิจ ทบทวนสถานะ วางแผนอนาคต) ของภาคีเครือข่ายทั้ง 6 ภาค"
            .into(),
        venue: "ห้องประชุมศาลากลางจังหวัดอุดรธานี".into(),
        organizers: office.into_iter().collect(),
        cycle,
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
    for i in 0..REGISTERED {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::catalog::given_names;

    #[test]
    fn prefixes_agree_with_given_names() {
        let participants: Vec<RegistrationInput> = (0..REGISTERED).map(person).collect();
        let names = || {
            participants
                .iter()
                .map(|p| (p.prefix.as_str(), p.first_name.as_str()))
        };
        let wrong = given_names::disagreements(names());
        assert!(
            wrong.is_empty(),
            "prefix and given name disagree: {}",
            wrong.join(", ")
        );
        let both = given_names::both_sexes(names());
        assert!(
            both.is_empty(),
            "a man's and a woman's prefix: {}",
            both.join("; ")
        );
    }
}
