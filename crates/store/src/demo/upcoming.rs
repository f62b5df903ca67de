//! A training still open for registration: the next intake of facilitators, four weeks from
//! the day the demo is loaded, so that its public page shows the registration form a
//! province shares in its invitation letter.

use crate::audit::Actor;
use crate::training::event;
use crate::training::registration::{self, Channel};
use crate::{Db, Result};
use chrono::{Days, NaiveDate, NaiveTime};
use sermphalang_domain::registry::Sector;
use sermphalang_domain::training::event::{EventInput, EventKind, SessionInput};
use sermphalang_domain::training::registration::RegistrationInput;
use sermphalang_domain::training::{AttendanceRule, CompletionRule};

pub const UPCOMING_TITLE: &str =
    "การอบรมวิทยากรกระบวนการประเมินผลแบบเสริมพลัง จังหวัดคุณธรรม จังหวัดอุดรธานี รุ่นที่ 2";

/// Those who registered already: (prefix, given name, family name, organization).
const EARLY: [(&str, &str, &str, &str); 6] = [
    ("นาง", "สุพรรณี", "แสนสุข", "โรงเรียนบ้านหนองบัว"),
    ("นาย", "อนุชา", "ศรีภูมิ", "เทศบาลตำบลหนองสูง"),
    ("พระครู", "สุนทรธรรมวิทย์", "", "วัดป่าบ้านตาด"),
    ("นางสาว", "ปัณณิกา", "บุญประเสริฐ", "ชมรมสื่อสร้างสรรค์อุดรธานี"),
    ("นาย", "ทวีศักดิ์", "คำมุงคุณ", "สภาองค์กรชุมชนตำบลนาดี"),
    ("นาง", "ลัดดาวัลย์", "พลเยี่ยม", "บริษัท อุดรพัฒนาการค้า จำกัด"),
];

pub async fn load(db: &Db, today: NaiveDate) -> Result<i64> {
    let actor = Actor::system();
    let province = super::UDON_THANI;
    let office = super::training::culture_office(db).await?;
    let day = |n| today.checked_add_days(Days::new(n)).unwrap_or(today);
    let on = day(28);
    let at = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default();
    let session = |starts, ends, title: &str| SessionInput {
        date: on,
        starts,
        ends,
        title: title.into(),
    };
    let input = EventInput {
        title: UPCOMING_TITLE.into(),
        kind: EventKind::Training,
        description: "อบรมผู้แทนภาคีเครือข่ายทั้ง 6 ภาคให้เป็นวิทยากรกระบวนการ \
                      นำการประเมินผลแบบเสริมพลังในอำเภอและองค์กรของตน"
            .into(),
        venue: "ห้องประชุมสำนักงานวัฒนธรรมจังหวัดอุดรธานี".into(),
        organizers: office.into_iter().collect(),
        cycle: None,
        capacity: Some(60),
        opens_on: today.checked_sub_days(Days::new(7)),
        closes_on: Some(day(21)),
        approval_required: false,
        published: true,
        sessions: vec![
            session(at(9, 0), at(12, 0), "ภาคเช้า: หลักการและบทบาทวิทยากรกระบวนการ"),
            session(at(13, 0), at(16, 30), "ภาคบ่าย: ฝึกนำกระบวนการสามขั้น"),
        ],
        completion: CompletionRule {
            attendance: AttendanceRule::Sessions(2),
            evaluation_required: true,
        },
        certificate_date: None,
    };
    let id = event::create(db, &actor, province, &input).await?;
    let e = event::find(db, province, id).await?;
    for (i, (prefix, first, last, organization)) in EARLY.iter().enumerate() {
        let person = RegistrationInput {
            prefix: (*prefix).into(),
            first_name: (*first).into(),
            last_name: (*last).into(),
            organization: (*organization).into(),
            network: Some(Sector::ALL[i % Sector::ALL.len()]),
            phone: format!("086-{:03}-{:04}", 210 + i, 4410 + i),
            email: String::new(),
        };
        registration::register(db, &actor, &e, &person, Channel::Online).await?;
    }
    Ok(id)
}
