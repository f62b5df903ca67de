//! The Udon Thani demo: six networks, about 60 invented organizations, 120 invented people,
//! the working group with its appointment order, and one account per role.

pub mod artwork;
mod assessments;
pub mod catalog;
mod evaluation;
mod nation;
pub mod news;
mod paper_results;
mod plan;
mod reports;
mod training;
mod upcoming;

pub use training::{WORKSHOP_TITLE, participant_name};
pub use upcoming::UPCOMING_TITLE;

use crate::audit::Actor;
use crate::registry::{org, person, working_group};
use crate::users::{self, NewUser};
use crate::{Db, Result};
use chrono::NaiveDate;
use sermphalang_domain::Role;
use sermphalang_domain::registry::{MemberInput, OrgInput, PersonInput, Sector, WorkingGroupInput};

pub const UDON_THANI: i64 = 41;
pub const KHON_KAEN: i64 = 40;

/// A demo account: email, password, role, province, network, display name.
pub struct DemoAccount {
    pub email: &'static str,
    pub password: &'static str,
    pub role: Role,
    pub province: Option<i64>,
    pub network: Option<Sector>,
    pub name: &'static str,
}

pub const ACCOUNTS: &[DemoAccount] = &[
    DemoAccount {
        email: "admin@demo.example",
        password: "demo-admin-2565",
        role: Role::Admin,
        province: None,
        network: None,
        name: "ผู้ดูแลระบบ",
    },
    DemoAccount {
        email: "national@demo.example",
        password: "demo-national-2565",
        role: Role::National,
        province: None,
        network: None,
        name: "เจ้าหน้าที่ศูนย์คุณธรรม",
    },
    DemoAccount {
        email: "secretariat@demo.example",
        password: "demo-secretariat-2565",
        role: Role::Secretariat,
        province: Some(UDON_THANI),
        network: None,
        name: "สำนักงานวัฒนธรรมจังหวัดอุดรธานี",
    },
    DemoAccount {
        email: "coordinator@demo.example",
        password: "demo-coordinator-2565",
        role: Role::Coordinator,
        province: Some(UDON_THANI),
        network: Some(Sector::Religion),
        name: "ผู้ประสานงานภาคศาสนา",
    },
    DemoAccount {
        email: "member@demo.example",
        password: "demo-member-2565",
        role: Role::Member,
        province: Some(UDON_THANI),
        network: None,
        name: "คณะทำงานติดตามประเมินผล",
    },
    DemoAccount {
        email: "khonkaen@demo.example",
        password: "demo-khonkaen-2565",
        role: Role::Secretariat,
        province: Some(KHON_KAEN),
        network: None,
        name: "สำนักงานวัฒนธรรมจังหวัดขอนแก่น",
    },
];

/// Whether the database holds nothing yet, so the demo may be loaded.
pub async fn is_empty(db: &Db) -> Result<bool> {
    Ok(users::count(db).await? == 0)
}

/// Loads the whole demo. `hash` turns a password into its stored hash.
pub async fn load(db: &Db, hash: impl Fn(&str) -> String) -> Result<()> {
    load_registry_and_evaluation(db, hash).await?;
    load_training(db).await
}

/// The training workshop of the demo and a training still open for registration, loaded on their own so a server can answer while it loads.
pub async fn load_training(db: &Db) -> Result<()> {
    training::load(db).await?;
    upcoming::load(db, sermphalang_thai::date::today_in_thailand()).await?;
    Ok(())
}

/// The activity reports of the demo's plan, with photos that `make_photo` makes from a seed
/// (the caller runs the photo pipeline); loaded on their own, like the workshop.
pub async fn load_reports<F>(db: &Db, make_photo: F) -> Result<usize>
where
    F: Fn(u64) -> Option<crate::report::photos::Made> + Clone + Send + 'static,
{
    load_reports_as_of(db, sermphalang_thai::today_in_thailand(), make_photo).await
}

/// [`load_reports`] as if today were `today`, for tests that must not move with the clock.
pub async fn load_reports_as_of<F>(db: &Db, today: NaiveDate, make_photo: F) -> Result<usize>
where
    F: Fn(u64) -> Option<crate::report::photos::Made> + Clone + Send + 'static,
{
    reports::load(db, today, make_photo).await
}

/// The demo's news with its galleries (photos made by `make_photo`), after the reports.
pub async fn load_news<F>(db: &Db, make_photo: F) -> Result<usize>
where
    F: Fn(u64) -> Option<crate::report::photos::Made> + Clone + Send + 'static,
{
    news::load(db, make_photo).await
}

/// About 40 assessments at every stage, after the reports they cite; the fully verified ones
/// are listed by [`assessments_awaiting_award`] for the caller to award with certificates.
pub async fn load_assessments<F>(db: &Db, make_photo: F) -> Result<usize>
where
    F: Fn(u64) -> Option<crate::report::photos::Made> + Clone + Send + 'static,
{
    assessments::load(db, make_photo).await
}

pub async fn assessments_awaiting_award(db: &Db) -> Result<Vec<i64>> {
    assessments::awaiting_award(db).await
}

/// A handful of approved reports a year in every other province but Khon Kaen, so that the
/// nation's view has figures; loaded on its own, like the workshop.
pub async fn load_nation(db: &Db) -> Result<usize> {
    nation::load(db, sermphalang_thai::today_in_thailand()).await
}

/// Everything of the demo but the training workshop.
pub async fn load_registry_and_evaluation(db: &Db, hash: impl Fn(&str) -> String) -> Result<()> {
    let actor = Actor::system();
    for a in ACCOUNTS {
        users::create(
            db,
            &actor,
            &NewUser {
                email: a.email,
                display_name: a.name,
                password_hash: &hash(a.password),
                role: a.role,
                province: a.province,
                network: a.network,
            },
        )
        .await?;
    }
    let mut tx = db.audited(&actor, Some(UDON_THANI)).await?;
    let mut org_ids = Vec::with_capacity(catalog::organizations().len());
    for o in catalog::organizations() {
        let input = OrgInput {
            name: o.name.to_string(),
            kind: o.kind,
            sectors: o.sectors.clone(),
            district: i64::from(o.district),
            phone: o.phone.to_string(),
            email: o.email.to_string(),
            address: String::new(),
        };
        org_ids.push(org::insert(&mut tx, UDON_THANI, &input).await?);
    }
    let mut person_ids = Vec::with_capacity(catalog::people().len());
    for p in catalog::people() {
        let input = PersonInput {
            prefix: p.prefix.to_string(),
            first_name: p.first.to_string(),
            last_name: p.last.to_string(),
            position: p.position.to_string(),
            organization: org_ids.get(p.org).copied(),
            networks: p.networks.clone(),
            phone: p.phone.to_string(),
            email: p.email.to_string(),
        };
        person_ids.push(person::insert(&mut tx, UDON_THANI, &input).await?);
    }
    tx.commit_recorded().await?;
    let demo_group = catalog::working_group();
    let order_date = Some(demo_group.order_date);
    let group = working_group::create(
        db,
        &actor,
        UDON_THANI,
        &WorkingGroupInput {
            name: demo_group.name.clone(),
            order_number: demo_group.order_number.clone(),
            order_date,
        },
        None,
    )
    .await?;
    for m in &demo_group.members {
        working_group::add_member(
            db,
            &actor,
            UDON_THANI,
            group,
            &MemberInput {
                person: person_ids[m.person],
                role: m.role,
                term_start: order_date,
                term_end: NaiveDate::from_ymd_opt(2024, 9, 30),
            },
        )
        .await?;
    }
    evaluation::load(db, &org_ids, &person_ids).await?;
    plan::load(db, &org_ids).await.map(|_| ())
}
