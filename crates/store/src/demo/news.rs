//! The demo's news: the Udon Thani workshop of 18 February 2565 with its gallery (photos made
//! by code through the caller's photo pipeline), a post whose gallery tag names a folder that
//! was never uploaded (it renders calmly), a post of the Moral Center, one scheduled and one
//! draft, and a draft made in one step from an approved report. People are invented.

use super::UDON_THANI;
use super::training::WORKSHOP_TITLE;
use crate::audit::Actor;
use crate::news::galleries;
use crate::news::posts;
use crate::report::photos::{Made, NewPhoto};
use crate::report::reports::{self, ReportFilter};
use crate::{Db, PageRequest, Result};
use chrono::{Days, NaiveDate, NaiveDateTime};
use sermphalang_domain::news::{NewsInput, NewsStatus};
use sermphalang_domain::report::ReportStatus;

const WORKSHOP_FOLDER: &str = "News-PR-2565/18-02-65/1";
/// The folder the province's old site named and never had: the gallery that crashed it.
pub const MISSING_FOLDER: &str = "/News-PR-2565/23-02-65/4";
pub const WORKSHOP_NEWS_TITLE: &str =
    "อุดรธานีจัดประชุมเชิงปฏิบัติการประเมินผลแบบเสริมพลัง จังหวัดคุณธรรม ครั้งที่ 1";

const CAPTIONS: &[&str] = &[
    "ผู้เข้าร่วมลงทะเบียนด้วยคิวอาร์โค้ด",
    "พิธีเปิดการประชุมเชิงปฏิบัติการ",
    "วิทยากรอธิบายขั้นตอนการประเมินผลแบบเสริมพลัง",
    "ภาคีเครือข่ายหกภาคส่วนร่วมกำหนดพันธกิจ",
    "ผู้เข้าร่วมติดจุดเลือกกิจกรรมสำคัญ",
    "กลุ่มภาคศาสนาร่วมให้คะแนนกิจกรรม",
    "กลุ่มภาคการศึกษานำเสนอผลการระดมความคิด",
    "ภาคประชาสังคมอภิปรายหลักฐานผลการดำเนินงาน",
    "การวางแผนอนาคตร่วมกัน",
    "ตัวแทนสื่อมวลชนสรุปประเด็นสำคัญ",
    "มอบเกียรติบัตรผู้ผ่านการอบรม",
    "ภาพหมู่ผู้เข้าร่วมประชุม",
];

fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|day| day.and_hms_opt(h, 0, 0))
        .unwrap_or_default()
}

fn post(title: &str, body: &str, byline: &str, publish_at: NaiveDateTime) -> NewsInput {
    NewsInput {
        title: title.into(),
        summary: String::new(),
        body: body.into(),
        byline: byline.into(),
        tags: Vec::new(),
        status: NewsStatus::Published,
        publish_at,
        event: None,
        cycle: None,
        entry: None,
        report: None,
        gallery: None,
        cover: None,
    }
}

async fn workshop_event(db: &Db) -> Result<Option<i64>> {
    Ok(
        sqlx::query_scalar("SELECT id FROM events WHERE province_code = $1 AND title = $2")
            .bind(UDON_THANI)
            .bind(WORKSHOP_TITLE)
            .fetch_optional(db.read())
            .await?,
    )
}

/// Loads the demo's news; `make_photo` makes a photo's sizes from a seed. Returns the posts.
pub async fn load<F>(db: &Db, make_photo: F) -> Result<usize>
where
    F: Fn(u64) -> Option<Made> + Clone + Send + 'static,
{
    let actor = Actor::system();
    let byline = "งานประชาสัมพันธ์ สำนักงานวัฒนธรรมจังหวัดอุดรธานี (นางสาวพิมพ์ชนก ใจงาม)";
    let mut tx = db.audited(&actor, Some(UDON_THANI)).await?;
    let gallery = galleries::create(
        &mut tx,
        Some(UDON_THANI),
        "ประชุมเชิงปฏิบัติการ 18 ก.พ. 2565",
        WORKSHOP_FOLDER,
    )
    .await?;
    let found = galleries::find_in(&mut tx, gallery).await?;
    let mut cover = None;
    for (n, caption) in CAPTIONS.iter().enumerate() {
        let maker = make_photo.clone();
        let seed = 9_000 + n as u64;
        let made = tokio::task::spawn_blocking(move || maker(seed))
            .await
            .ok()
            .flatten();
        if let Some(made) = made {
            // One photo whose people did not agree: editors see it, readers do not.
            let photo = NewPhoto::from_made(&made, caption, n != 10);
            let id = galleries::upload(&mut tx, &found, &photo).await?;
            cover.get_or_insert(id);
        }
    }
    let mut workshop = post(
        WORKSHOP_NEWS_TITLE,
        "เมื่อวันที่ 18 กุมภาพันธ์ 2565 สำนักงานวัฒนธรรมจังหวัดอุดรธานีร่วมกับศูนย์คุณธรรมจัดประชุมเชิงปฏิบัติการ\
         ประเมินผลแบบเสริมพลัง ณ โรงแรมในอำเภอเมืองอุดรธานี มีผู้แทนภาคีเครือข่ายทั้งหกภาคส่วนเข้าร่วม 40 คน\n\n\
         ## สามขั้นตอนของการประเมินผลแบบเสริมพลัง\n\n\
         - **กำหนดพันธกิจ** ร่วมกันว่าจังหวัดคุณธรรมอุดรธานีต้องการไปถึงจุดใด\n\
         - **ประเมินสถานะปัจจุบัน** เลือกกิจกรรมสำคัญด้วยการติดจุดและให้คะแนน 1–10\n\
         - **วางแผนอนาคต** กำหนดเป้าหมาย กลยุทธ์ และหลักฐานที่จะใช้ติดตามผล\n\n\
         ผู้เข้าร่วมที่ผ่านเกณฑ์ได้รับเกียรติบัตรซึ่งตรวจสอบได้ทางออนไลน์ \
         ผลการประเมินจะใช้ปรับแผนบูรณาการจังหวัดคุณธรรมในปีงบประมาณถัดไป",
        byline,
        at(2022, 2, 23, 10),
    );
    workshop.summary = "ภาคีเครือข่ายหกภาคส่วน 40 คนร่วมประเมินผลจังหวัดคุณธรรมด้วยตนเอง \
         ตามสามขั้นตอนของการประเมินผลแบบเสริมพลัง"
        .into();
    workshop.tags = vec![
        "ประเมินผลแบบเสริมพลัง".into(),
        "อบรม".into(),
        "จังหวัดคุณธรรม".into(),
    ];
    workshop.event = workshop_event(db).await?;
    workshop.gallery = Some(gallery);
    workshop.cover = cover;
    posts::insert(&mut tx, Some(UDON_THANI), &workshop, None).await?;
    let mut missing = post(
        "ประชุมคณะทำงานติดตามประเมินผล ครั้งที่ 2/2565",
        &format!(
            "คณะทำงานติดตามและประเมินผลแบบเสริมพลังประชุมติดตามแผนที่ได้จากการประชุมเชิงปฏิบัติการ \
             และแบ่งงานเก็บหลักฐานรายภาคีเครือข่าย\n\n{{gallery}}{MISSING_FOLDER}{{/gallery}}\n\n\
             การประชุมครั้งต่อไปจะจัดในเดือนพฤษภาคม 2565"
        ),
        byline,
        at(2022, 2, 24, 9),
    );
    missing.tags = vec!["คณะทำงาน".into()];
    posts::insert(&mut tx, Some(UDON_THANI), &missing, None).await?;
    let mut scheduled = post(
        "เชิญร่วมตลาดนัดความดีประจำปี",
        "ภาคีเครือข่ายเชิญชวนประชาชนร่วมตลาดนัดความดี ณ ลานกิจกรรมหนองประจักษ์",
        byline,
        sermphalang_thai::now_in_thailand() + Days::new(7),
    );
    scheduled.tags = vec!["ตลาดนัดความดี".into()];
    posts::insert(&mut tx, Some(UDON_THANI), &scheduled, None).await?;
    let draft = NewsInput {
        status: NewsStatus::Draft,
        ..post(
            "ร่าง: สรุปผลการประเมินรอบติดตาม",
            "กำลังรวบรวมผลจากภาคีเครือข่าย",
            byline,
            sermphalang_thai::now_in_thailand(),
        )
    };
    posts::insert(&mut tx, Some(UDON_THANI), &draft, None).await?;
    tx.commit_recorded().await?;

    let mut tx = db.audited(&actor, None).await?;
    let national = post(
        "ศูนย์คุณธรรมชวนจังหวัดคุณธรรมทั่วประเทศส่งผลการประเมินผลแบบเสริมพลัง",
        "ศูนย์คุณธรรมเชิญทุกจังหวัดส่งผลการประเมินผลแบบเสริมพลังประจำปี \
         เพื่อรวบรวมเป็นภาพรวมระดับประเทศและแลกเปลี่ยนบทเรียนระหว่างจังหวัด",
        "ศูนย์คุณธรรม (องค์การมหาชน)",
        at(2022, 3, 1, 9),
    );
    posts::insert(&mut tx, None, &national, None).await?;
    tx.commit_recorded().await?;
    let mut made = 5;

    let approved = ReportFilter {
        status: Some(ReportStatus::Approved),
        ..ReportFilter::default()
    };
    let with_photos = reports::list(db, UDON_THANI, &approved, PageRequest::new(None))
        .await?
        .items
        .into_iter()
        .find(|r| r.photos > 0);
    if let Some(r) = with_photos {
        posts::from_report(db, &actor, UDON_THANI, r.report.id, byline).await?;
        made += 1;
    }
    Ok(made)
}
