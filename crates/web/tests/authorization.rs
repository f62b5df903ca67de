//! The authorization matrix: every route of the table, walked with every role, with a user of
//! another province, and without signing in. A route missing from `EXPECTED` fails the test.

mod common;

use common::{Client, location, spawn};
use sermphalang_domain::registry::Sector;
use sermphalang_store::PageRequest;
use sermphalang_store::demo::ACCOUNTS;
use sermphalang_store::evaluation::live::votes;
use sermphalang_store::evaluation::{activity, cycle, plan};
use sermphalang_store::registry::org::{self, OrgFilter};
use sermphalang_store::registry::person::{self, PersonFilter};
use sermphalang_store::registry::working_group;

const ANON: &str = "anon";
const EVERYONE: &[&str] = &[
    ANON,
    "admin",
    "national",
    "secretariat",
    "coordinator",
    "member",
    "khonkaen",
];
const SIGNED_IN: &[&str] = &[
    "admin",
    "national",
    "secretariat",
    "coordinator",
    "member",
    "khonkaen",
];
const READ: &[&str] = &["admin", "national", "secretariat", "coordinator", "member"];
const WRITE: &[&str] = &["admin", "secretariat", "coordinator"];
const MANAGE: &[&str] = &["admin", "secretariat"];
const NATIONAL: &[&str] = &["admin", "national"];
const RUN: &[&str] = &["admin", "secretariat", "member"];
const DOOR: &[&str] = &["admin", "secretariat", "coordinator", "member"];
const NEWS: &[&str] = &["admin", "secretariat"];
const NATIONAL_NEWS: &[&str] = &["admin", "national"];
const ASSESS_WRITE: &[&str] = &["admin", "secretariat", "coordinator"];
const ASSESS_VERIFY: &[&str] = &["admin", "secretariat", "member"];
const ASSESS_DECIDE: &[&str] = &["admin", "secretariat"];

/// Who may use each route, written out here independently of the route table.
const EXPECTED: &[(&str, &str, &[&str])] = &[
    ("GET", "/healthz", EVERYONE),
    ("GET", "/readyz", EVERYONE),
    ("GET", "/metrics", EVERYONE),
    ("GET", "/static/{file}", EVERYONE),
    ("GET", "/lang/{code}", EVERYONE),
    ("GET", "/font/{size}", EVERYONE),
    ("GET", "/login", EVERYONE),
    ("POST", "/login", EVERYONE),
    ("GET", "/", SIGNED_IN),
    ("GET", "/provinces", NATIONAL),
    ("GET", "/p/{province}", READ),
    ("GET", "/p/{province}/dashboard.xlsx", READ),
    ("GET", "/nation", NATIONAL),
    ("GET", "/p/{province}/dashboard.pdf", READ),
    ("GET", "/nation.xlsx", NATIONAL),
    ("GET", "/nation.pdf", NATIONAL),
    ("GET", "/open", EVERYONE),
    ("GET", "/open/{code}", EVERYONE),
    (
        "GET",
        "/open/{province}/photos/{photo}/{rendition}",
        EVERYONE,
    ),
    ("GET", "/p/{province}/orgs", READ),
    ("POST", "/p/{province}/orgs", WRITE),
    ("GET", "/p/{province}/orgs/new", WRITE),
    ("GET", "/p/{province}/orgs/export", READ),
    ("GET", "/p/{province}/orgs/{id}", READ),
    ("POST", "/p/{province}/orgs/{id}", WRITE),
    ("GET", "/p/{province}/orgs/{id}/edit", WRITE),
    ("POST", "/p/{province}/orgs/{id}/archive", WRITE),
    ("POST", "/p/{province}/orgs/{id}/restore", WRITE),
    ("GET", "/p/{province}/people", READ),
    ("POST", "/p/{province}/people", WRITE),
    ("GET", "/p/{province}/people/new", WRITE),
    ("GET", "/p/{province}/people/export", READ),
    ("GET", "/p/{province}/people/{id}", READ),
    ("POST", "/p/{province}/people/{id}", WRITE),
    ("GET", "/p/{province}/people/{id}/edit", WRITE),
    ("POST", "/p/{province}/people/{id}/archive", WRITE),
    ("POST", "/p/{province}/people/{id}/restore", WRITE),
    ("GET", "/p/{province}/people/{id}/data", MANAGE),
    ("POST", "/p/{province}/people/{id}/erase", MANAGE),
    ("GET", "/p/{province}/groups", READ),
    ("POST", "/p/{province}/groups", MANAGE),
    ("GET", "/p/{province}/groups/new", MANAGE),
    ("GET", "/p/{province}/groups/{id}", READ),
    ("POST", "/p/{province}/groups/{id}", MANAGE),
    ("GET", "/p/{province}/groups/{id}/edit", MANAGE),
    ("POST", "/p/{province}/groups/{id}/archive", MANAGE),
    ("POST", "/p/{province}/groups/{id}/restore", MANAGE),
    ("GET", "/p/{province}/groups/{id}/order", READ),
    ("POST", "/p/{province}/groups/{id}/members", MANAGE),
    (
        "POST",
        "/p/{province}/groups/{id}/members/{member}/remove",
        MANAGE,
    ),
    ("GET", "/nation/assessment-templates", NATIONAL),
    ("POST", "/nation/assessment-templates", NATIONAL),
    ("GET", "/nation/assessment-templates/{id}", NATIONAL),
    ("POST", "/nation/assessment-templates/{id}", NATIONAL),
    (
        "POST",
        "/nation/assessment-templates/{id}/publish",
        NATIONAL,
    ),
    (
        "POST",
        "/nation/assessment-templates/{id}/new-version",
        NATIONAL,
    ),
    ("GET", "/p/{province}/assessments", READ),
    ("POST", "/p/{province}/assessments", ASSESS_WRITE),
    ("GET", "/p/{province}/assessments/new", ASSESS_WRITE),
    ("GET", "/p/{province}/assessments/export.xlsx", READ),
    ("GET", "/p/{province}/assessments/import", ASSESS_DECIDE),
    ("POST", "/p/{province}/assessments/import", ASSESS_DECIDE),
    (
        "POST",
        "/p/{province}/assessments/import/{batch}",
        ASSESS_DECIDE,
    ),
    ("GET", "/p/{province}/assessments/rollup", READ),
    ("GET", "/p/{province}/assessments/{id}", READ),
    ("POST", "/p/{province}/assessments/{id}", ASSESS_WRITE),
    (
        "POST",
        "/p/{province}/assessments/{id}/submit",
        ASSESS_WRITE,
    ),
    (
        "POST",
        "/p/{province}/assessments/{id}/evidence",
        ASSESS_WRITE,
    ),
    (
        "GET",
        "/p/{province}/assessments/{id}/evidence/{evidence}",
        READ,
    ),
    (
        "POST",
        "/p/{province}/assessments/{id}/evidence/{evidence}/remove",
        ASSESS_WRITE,
    ),
    (
        "POST",
        "/p/{province}/assessments/{id}/verifiers",
        ASSESS_DECIDE,
    ),
    ("GET", "/p/{province}/assessments/{id}/visit", ASSESS_VERIFY),
    (
        "POST",
        "/p/{province}/assessments/{id}/visit",
        ASSESS_VERIFY,
    ),
    (
        "POST",
        "/p/{province}/assessments/{id}/award",
        ASSESS_DECIDE,
    ),
    (
        "POST",
        "/p/{province}/assessments/{id}/return",
        ASSESS_DECIDE,
    ),
    (
        "GET",
        "/p/{province}/assessments/{id}/certificate.pdf",
        READ,
    ),
    ("GET", "/p/{province}/cycles", READ),
    ("POST", "/p/{province}/cycles", RUN),
    ("GET", "/p/{province}/cycles/new", RUN),
    ("GET", "/p/{province}/cycles/{id}", READ),
    ("POST", "/p/{province}/cycles/{id}", RUN),
    ("GET", "/p/{province}/cycles/{id}/edit", RUN),
    ("POST", "/p/{province}/cycles/{id}/archive", RUN),
    ("POST", "/p/{province}/cycles/{id}/restore", RUN),
    ("POST", "/p/{province}/cycles/{id}/step", RUN),
    ("POST", "/p/{province}/cycles/{id}/mission", RUN),
    ("POST", "/p/{province}/cycles/{id}/phrases", RUN),
    (
        "POST",
        "/p/{province}/cycles/{id}/phrases/{phrase}/hide",
        RUN,
    ),
    ("POST", "/p/{province}/cycles/{id}/activities", RUN),
    ("POST", "/p/{province}/cycles/{id}/activities/merge", RUN),
    ("POST", "/p/{province}/cycles/{id}/activities/choose", RUN),
    (
        "POST",
        "/p/{province}/cycles/{id}/activities/{activity}/dialogue",
        RUN,
    ),
    (
        "POST",
        "/p/{province}/cycles/{id}/activities/{activity}/paper",
        RUN,
    ),
    ("POST", "/p/{province}/cycles/{id}/plans", RUN),
    ("GET", "/p/{province}/cycles/{id}/plans/new", RUN),
    ("POST", "/p/{province}/cycles/{id}/plans/{item}/remove", RUN),
    ("GET", "/p/{province}/cycles/{id}/report.pdf", READ),
    ("GET", "/p/{province}/cycles/{id}/report.xlsx", READ),
    ("GET", "/p/{province}/cycles/{id}/console", RUN),
    ("POST", "/p/{province}/cycles/{id}/live", RUN),
    ("POST", "/p/{province}/cycles/{id}/live/end", RUN),
    ("POST", "/p/{province}/cycles/{id}/live/control", RUN),
    ("GET", "/p/{province}/cycles/{id}/projector", READ),
    ("GET", "/p/{province}/cycles/{id}/events/projector", READ),
    ("GET", "/p/{province}/cycles/{id}/events/console", RUN),
    ("GET", "/p/{province}/events", READ),
    ("POST", "/p/{province}/events", MANAGE),
    ("GET", "/p/{province}/events/new", MANAGE),
    ("GET", "/p/{province}/events/{id}", READ),
    ("POST", "/p/{province}/events/{id}", MANAGE),
    ("GET", "/p/{province}/events/{id}/edit", MANAGE),
    ("POST", "/p/{province}/events/{id}/cancel", MANAGE),
    (
        "POST",
        "/p/{province}/events/{id}/registrations/{registration}",
        MANAGE,
    ),
    (
        "GET",
        "/p/{province}/events/{id}/registrations/{registration}/person",
        MANAGE,
    ),
    (
        "POST",
        "/p/{province}/events/{id}/registrations/{registration}/person",
        MANAGE,
    ),
    ("GET", "/p/{province}/events/{id}/certificates", MANAGE),
    ("POST", "/p/{province}/events/{id}/certificates", MANAGE),
    (
        "POST",
        "/p/{province}/events/{id}/certificates/issue/{registration}",
        MANAGE,
    ),
    ("GET", "/p/{province}/events/{id}/certificates.zip", MANAGE),
    (
        "GET",
        "/p/{province}/events/{id}/certificates/preview.pdf",
        MANAGE,
    ),
    (
        "GET",
        "/p/{province}/events/{id}/certificates/{certificate}/pdf",
        MANAGE,
    ),
    (
        "GET",
        "/p/{province}/events/{id}/certificates/{certificate}",
        MANAGE,
    ),
    (
        "POST",
        "/p/{province}/events/{id}/certificates/{certificate}/revoke",
        MANAGE,
    ),
    (
        "POST",
        "/p/{province}/events/{id}/certificates/{certificate}/reissue",
        MANAGE,
    ),
    ("POST", "/p/{province}/events/{id}/artwork", MANAGE),
    (
        "POST",
        "/p/{province}/events/{id}/logos/{file}/remove",
        MANAGE,
    ),
    ("GET", "/p/{province}/certificate-template", MANAGE),
    ("POST", "/p/{province}/certificate-template", MANAGE),
    ("GET", "/p/{province}/events/{id}/checkin", DOOR),
    ("POST", "/p/{province}/events/{id}/checkin", DOOR),
    ("POST", "/p/{province}/events/{id}/checkin/walk-in", DOOR),
    (
        "GET",
        "/api/v1/provinces/{province}/events/{id}/roster",
        DOOR,
    ),
    (
        "POST",
        "/api/v1/provinces/{province}/events/{id}/checkins",
        DOOR,
    ),
    (
        "POST",
        "/api/v1/provinces/{province}/events/{id}/decode",
        DOOR,
    ),
    ("GET", "/events/{id}", EVERYONE),
    ("POST", "/events/{id}/register", EVERYONE),
    ("GET", "/t/{ticket}", EVERYONE),
    ("POST", "/t/{ticket}/feedback", EVERYONE),
    ("GET", "/t/{ticket}/certificate.pdf", EVERYONE),
    // Last of the ticket's routes: it cancels the registration.
    ("POST", "/t/{ticket}/cancel", EVERYONE),
    ("GET", "/verify", EVERYONE),
    ("GET", "/verify/{code}", EVERYONE),
    ("GET", "/j", EVERYONE),
    ("GET", "/j/{code}", EVERYONE),
    ("POST", "/j/{code}", EVERYONE),
    ("POST", "/j/{code}/answer", EVERYONE),
    ("GET", "/j/{code}/events", EVERYONE),
    ("GET", "/p/{province}/import", MANAGE),
    ("POST", "/p/{province}/import", MANAGE),
    ("POST", "/p/{province}/import/{batch}", MANAGE),
    ("GET", "/p/{province}/audit", MANAGE),
    ("GET", "/p/{province}/accounts", MANAGE),
    ("POST", "/p/{province}/accounts", MANAGE),
    ("POST", "/p/{province}/accounts/{id}/reset", MANAGE),
    ("POST", "/p/{province}/accounts/{id}/disable", MANAGE),
    ("POST", "/p/{province}/accounts/{id}/enable", MANAGE),
    ("GET", "/password/{token}", EVERYONE),
    ("POST", "/password/{token}", EVERYONE),
    ("GET", "/api/v1/openapi.json", EVERYONE),
    ("GET", "/api/v1/provinces", SIGNED_IN),
    ("GET", "/api/v1/live/{code}", EVERYONE),
    ("POST", "/api/v1/live/{code}/join", EVERYONE),
    ("POST", "/api/v1/live/{code}/votes", EVERYONE),
    ("GET", "/api/v1/live/{code}/results", EVERYONE),
    ("GET", "/api/v1/provinces/{province}/districts", READ),
    ("GET", "/api/v1/provinces/{province}/organizations", READ),
    (
        "GET",
        "/api/v1/provinces/{province}/organizations/{id}",
        READ,
    ),
    ("GET", "/api/v1/provinces/{province}/people", READ),
    ("GET", "/api/v1/provinces/{province}/people/{id}", READ),
    ("GET", "/api/v1/provinces/{province}/working-groups", READ),
    ("GET", "/p/{province}/plans", READ),
    ("POST", "/p/{province}/plans", MANAGE),
    ("GET", "/p/{province}/plans/new", MANAGE),
    ("GET", "/p/{province}/plans/{id}", READ),
    ("POST", "/p/{province}/plans/{id}", MANAGE),
    ("GET", "/p/{province}/plans/{id}/edit", MANAGE),
    ("GET", "/p/{province}/plans/{id}/export", READ),
    ("GET", "/p/{province}/plans/{id}/plan.pdf", READ),
    ("GET", "/references", NATIONAL),
    ("POST", "/references", NATIONAL),
    ("POST", "/references/{code}", NATIONAL),
    ("GET", "/p/{province}/virtues", MANAGE),
    ("POST", "/p/{province}/virtues", MANAGE),
    ("POST", "/p/{province}/virtues/{code}", MANAGE),
    ("GET", "/api/v1/provinces/{province}/plans", READ),
    ("GET", "/api/v1/provinces/{province}/plans/{id}", READ),
    (
        "GET",
        "/api/v1/provinces/{province}/plans/{id}/progress",
        READ,
    ),
    ("GET", "/api/v1/provinces/{province}/reports", READ),
    ("GET", "/api/v1/provinces/{province}/reports/{id}", READ),
    ("GET", "/p/{province}/plans/{id}/import", MANAGE),
    ("POST", "/p/{province}/plans/{id}/import", MANAGE),
    ("POST", "/p/{province}/plans/{id}/import/{batch}", MANAGE),
    ("POST", "/p/{province}/plans/{id}/entries", MANAGE),
    ("GET", "/p/{province}/plans/{id}/entries/new", MANAGE),
    ("GET", "/p/{province}/plans/{id}/entries/{entry}", READ),
    ("POST", "/p/{province}/plans/{id}/entries/{entry}", MANAGE),
    (
        "GET",
        "/p/{province}/plans/{id}/entries/{entry}/edit",
        MANAGE,
    ),
    ("POST", "/p/{province}/plans/{id}/indicators", MANAGE),
    ("GET", "/p/{province}/plans/{id}/indicators/new", MANAGE),
    (
        "GET",
        "/p/{province}/plans/{id}/indicators/{indicator}",
        READ,
    ),
    (
        "POST",
        "/p/{province}/plans/{id}/indicators/{indicator}",
        MANAGE,
    ),
    (
        "GET",
        "/p/{province}/plans/{id}/indicators/{indicator}/edit",
        MANAGE,
    ),
    (
        "POST",
        "/p/{province}/plans/{id}/indicators/{indicator}/targets",
        MANAGE,
    ),
    (
        "POST",
        "/p/{province}/plans/{id}/indicators/{indicator}/actuals",
        MANAGE,
    ),
    ("POST", "/p/{province}/cycles/{id}/to-plan", MANAGE),
    ("GET", "/p/{province}/search", READ),
    ("GET", "/search", EVERYONE),
    ("GET", "/p/{province}/reports", READ),
    ("POST", "/p/{province}/reports", WRITE),
    ("GET", "/p/{province}/reports/new", WRITE),
    ("GET", "/p/{province}/reports/export", READ),
    ("GET", "/p/{province}/reports/{id}", READ),
    ("POST", "/p/{province}/reports/{id}", WRITE),
    ("GET", "/p/{province}/reports/{id}/edit", WRITE),
    ("GET", "/p/{province}/photos/{photo}/{rendition}", READ),
    (
        "POST",
        "/p/{province}/reports/{id}/photos/{photo}/remove",
        WRITE,
    ),
    ("POST", "/p/{province}/reports/{id}/submit", WRITE),
    ("POST", "/p/{province}/reports/{id}/approve", MANAGE),
    ("POST", "/p/{province}/reports/{id}/return", MANAGE),
    ("POST", "/p/{province}/reports/{id}/reopen", MANAGE),
    ("GET", "/news", EVERYONE),
    ("GET", "/news/feed.rss", EVERYONE),
    ("GET", "/news/feed.atom", EVERYONE),
    ("GET", "/news/{id}", EVERYONE),
    ("GET", "/news/{id}/print", EVERYONE),
    ("GET", "/news/{id}/photos/{photo}/{rendition}", EVERYONE),
    ("GET", "/p/{province}/news", NEWS),
    ("POST", "/p/{province}/news", NEWS),
    ("GET", "/p/{province}/news/new", NEWS),
    ("GET", "/p/{province}/news/import", NEWS),
    ("POST", "/p/{province}/news/import", NEWS),
    ("GET", "/p/{province}/news/{id}", NEWS),
    ("POST", "/p/{province}/news/{id}", NEWS),
    ("GET", "/p/{province}/news/{id}/edit", NEWS),
    ("POST", "/p/{province}/reports/{id}/to-news", NEWS),
    ("GET", "/p/{province}/galleries", NEWS),
    ("POST", "/p/{province}/galleries", NEWS),
    ("GET", "/p/{province}/galleries/{id}", NEWS),
    ("POST", "/p/{province}/galleries/{id}/photos", NEWS),
    ("POST", "/p/{province}/galleries/{id}/arrange", NEWS),
    ("GET", "/nation/news", NATIONAL_NEWS),
    ("POST", "/nation/news", NATIONAL_NEWS),
    ("GET", "/nation/news/new", NATIONAL_NEWS),
    ("GET", "/nation/news/{id}", NATIONAL_NEWS),
    ("POST", "/nation/news/{id}", NATIONAL_NEWS),
    ("GET", "/nation/news/{id}/edit", NATIONAL_NEWS),
    ("GET", "/nation/galleries", NATIONAL_NEWS),
    ("POST", "/nation/galleries", NATIONAL_NEWS),
    ("GET", "/nation/galleries/{id}", NATIONAL_NEWS),
    ("POST", "/nation/galleries/{id}/photos", NATIONAL_NEWS),
    ("POST", "/nation/galleries/{id}/arrange", NATIONAL_NEWS),
    // Deleting comes after every page of the post.
    ("POST", "/p/{province}/news/{id}/delete", NEWS),
    ("POST", "/nation/news/{id}/delete", NATIONAL_NEWS),
    // Signing out comes last: it ends every session the walk uses.
    ("POST", "/logout", SIGNED_IN),
];

/// Routes whose allowed answer can itself be 404 (the batch does not exist) or 401 (an empty
/// sign-in form), so only the deny signatures are checked for them.
const LOOSE: &[&str] = &[
    "/open/{code}",
    "/open/{province}/photos/{photo}/{rendition}",
    "/news/{id}/photos/{photo}/{rendition}",
    "/p/{province}/news/{id}/delete",
    "/nation/news/{id}/delete",
    "/p/{province}/import/{batch}",
    "/p/{province}/plans/{id}/import/{batch}",
    "/p/{province}/assessments/import/{batch}",
    "/references",
    "/references/{code}",
    "/p/{province}/virtues",
    "/p/{province}/virtues/{code}",
    "/login",
    "/p/{province}/groups/{id}/order",
    "/p/{province}/cycles/{id}/plans/{item}/remove",
    "/j/{code}",
    "/j/{code}/answer",
    "/j/{code}/events",
    "/api/v1/live/{code}",
    "/api/v1/live/{code}/join",
    "/api/v1/live/{code}/votes",
    "/api/v1/live/{code}/results",
    "/t/{ticket}/certificate.pdf",
    "/verify/{code}",
    "/password/{token}",
    "/p/{province}/events/{id}/certificates/{certificate}",
    "/p/{province}/events/{id}/certificates/{certificate}/pdf",
    "/p/{province}/events/{id}/certificates/{certificate}/revoke",
    "/p/{province}/events/{id}/certificates/{certificate}/reissue",
    "/p/{province}/assessments/{id}/evidence/{evidence}/remove",
];

/// A published event of Udon Thani, held in the past, with one registration.
async fn training_event(db: &sermphalang_store::Db) -> (i64, i64, String) {
    use chrono::{NaiveDate, NaiveTime};
    use sermphalang_domain::training::event::{EventInput, EventKind, SessionInput};
    use sermphalang_domain::training::registration::RegistrationInput;
    use sermphalang_domain::training::{AttendanceRule, CompletionRule};
    use sermphalang_store::audit::Actor;
    use sermphalang_store::training::{event, registration};
    let input = EventInput {
        title: "อบรมทดสอบสิทธิ์".into(),
        kind: EventKind::Training,
        description: String::new(),
        venue: String::new(),
        organizers: Vec::new(),
        cycle: None,
        capacity: None,
        opens_on: None,
        closes_on: None,
        approval_required: false,
        published: true,
        sessions: vec![SessionInput {
            date: NaiveDate::from_ymd_opt(2022, 2, 18).unwrap(),
            starts: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
            ends: NaiveTime::from_hms_opt(12, 0, 0).unwrap(),
            title: String::new(),
        }],
        completion: CompletionRule {
            attendance: AttendanceRule::Percent(100),
            evaluation_required: false,
        },
        certificate_date: None,
    };
    let actor = Actor::system();
    let id = event::create(db, &actor, 41, &input).await.unwrap();
    let e = event::find(db, 41, id).await.unwrap();
    let person = RegistrationInput {
        prefix: "นาย".into(),
        first_name: "ทดสอบ".into(),
        last_name: "สิทธิ์".into(),
        organization: String::new(),
        network: None,
        phone: "081-000-0000".into(),
        email: String::new(),
    };
    let r = registration::register(db, &actor, &e, &person, registration::Channel::Online)
        .await
        .unwrap();
    (id, r.id, r.ticket)
}

/// A published post of Udon Thani with a gallery, and one of the Moral Center, with theirs.
async fn news_posts(db: &sermphalang_store::Db) -> ((i64, i64), (i64, i64)) {
    use sermphalang_domain::news::NewsForm;
    use sermphalang_store::audit::Actor;
    use sermphalang_store::news::{galleries, posts};
    let actor = Actor::system();
    let mut made = Vec::new();
    for province in [Some(41), None] {
        let mut tx = db.audited(&actor, province).await.unwrap();
        let gallery = galleries::create(&mut tx, province, "ภาพทดสอบสิทธิ์", "")
            .await
            .unwrap();
        tx.commit_recorded().await.unwrap();
        let input = NewsForm {
            title: "ข่าวทดสอบสิทธิ์".into(),
            status: "published".into(),
            gallery: gallery.to_string(),
            ..NewsForm::default()
        }
        .validate(sermphalang_thai::now_in_thailand())
        .unwrap();
        let post = posts::create(db, &actor, province, &input).await.unwrap();
        made.push((post, gallery));
    }
    (made[0], made[1])
}

/// A submitted report of the religion network (the demo coordinator's), with one photo.
async fn religion_report(db: &sermphalang_store::Db) -> (i64, i64) {
    use sermphalang_domain::report::{ReportForm, Transition};
    use sermphalang_store::audit::Actor;
    use sermphalang_store::report::photos::{self, NewPhoto, Size};
    use sermphalang_store::report::reports;
    let input = ReportForm {
        title: "ทำบุญตักบาตรวันพระ".into(),
        held_on: "1/11/2569".into(),
        district: "4101".into(),
        network: "religion".into(),
        ..ReportForm::default()
    }
    .validate(chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap())
    .unwrap();
    let actor = Actor::system();
    let mut tx = db.audited(&actor, Some(41)).await.unwrap();
    let id = reports::create(db, &mut tx, 41, &input, None)
        .await
        .unwrap();
    let jpeg = [0xFF, 0xD8, 0xFF, 0xD9];
    let size = || Size {
        width: 4,
        height: 3,
        jpeg: &jpeg,
    };
    let photo = NewPhoto {
        original: size(),
        display: size(),
        thumbnail: size(),
        caption: "",
        consent: false,
    };
    let photo = photos::add(&mut tx, 41, id, &photo).await.unwrap();
    tx.commit_recorded().await.unwrap();
    reports::transition(db, &actor, 41, id, Transition::Submit, "", None)
        .await
        .unwrap();
    (id, photo)
}

/// An organization's assessment of the religion network, submitted with a PDF as evidence and
/// in verification by the demo's working-group member; and that PDF's evidence id.
async fn religion_assessment(db: &sermphalang_store::Db, org_id: i64) -> (i64, i64) {
    use sermphalang_domain::assessment::{Answer, Subject};
    use sermphalang_store::assessment::assessments::{self, ItemInput, Proof, Unit};
    use sermphalang_store::assessment::{templates, verification};
    use sermphalang_store::audit::Actor;
    let actor = Actor::system();
    let t = templates::current(db, Subject::Organization)
        .await
        .unwrap()
        .unwrap();
    let id = assessments::create(db, &actor, 41, t.id, Unit::Organization(org_id), 2569)
        .await
        .unwrap();
    let inputs: Vec<ItemInput> = t
        .template
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| ItemInput {
            item: i,
            answer: Some(match &item.rule {
                sermphalang_domain::assessment::Rule::Percentage { .. } => Answer::Percent(90.0),
                sermphalang_domain::assessment::Rule::YesNo { .. } => Answer::Yes(true),
                _ => Answer::Choice(0),
            }),
            note: String::new(),
        })
        .collect();
    assessments::save_answers(db, &actor, 41, id, &inputs)
        .await
        .unwrap();
    let mut tx = db.audited(&actor, Some(41)).await.unwrap();
    let mut evidence = 0;
    for (i, item) in t.template.items.iter().enumerate() {
        if item.evidence_required {
            let file = sermphalang_store::files::insert(
                &mut tx,
                41,
                None,
                "evidence.pdf",
                "application/pdf",
                b"%PDF-1.4",
            )
            .await
            .unwrap();
            evidence = assessments::add_evidence(&mut tx, 41, id, i, Proof::File(file), "")
                .await
                .unwrap();
        }
    }
    tx.commit_recorded().await.unwrap();
    assessments::submit(db, &actor, 41, id).await.unwrap();
    let member = verification::candidates(db, 41)
        .await
        .unwrap()
        .into_iter()
        .find(|v| v.email == "member@demo.example")
        .unwrap();
    verification::assign(db, &actor, 41, id, &[member.user_id])
        .await
        .unwrap();
    (id, evidence)
}

#[tokio::test]
async fn every_route_allows_and_denies_as_expected() {
    let app = spawn().await;
    let db = &app.db.db;
    let religion = OrgFilter {
        sector: Some(Sector::Religion),
        ..OrgFilter::default()
    };
    let org_id = org::list(db, 41, &religion, PageRequest::new(None))
        .await
        .unwrap()
        .items[0]
        .id;
    let believers = PersonFilter {
        network: Some(Sector::Religion),
        ..PersonFilter::default()
    };
    let person_id = person::list(db, 41, &believers, PageRequest::new(None))
        .await
        .unwrap()
        .items[0]
        .id;
    let group = working_group::list(db, 41).await.unwrap()[0].id;
    let members = working_group::members(db, group).await.unwrap();
    let cycle = cycle::list(db, 41).await.unwrap()[1].id;
    let chosen = activity::chosen(db, cycle).await.unwrap()[0].id;
    let phrase = votes::phrases(db, cycle).await.unwrap()[0].id;
    let plan_item = plan::list(db, cycle).await.unwrap()[0].id;
    let (event, registration, ticket) = training_event(db).await;
    let the_plan = sermphalang_store::plan::plans::list(db, 41).await.unwrap()[0].id;
    let (report, photo) = religion_report(db).await;
    let (assessment, evidence) = religion_assessment(db, org_id).await;
    let ((post, gallery), (national_post, national_gallery)) = news_posts(db).await;
    let entry = sermphalang_store::plan::entries::tree(db, the_plan)
        .await
        .unwrap()[0]
        .id;
    let indicator = sermphalang_store::plan::indicators::list(db, the_plan)
        .await
        .unwrap()[0]
        .id;
    // An invited account of the province, for the account pages to act on.
    let (account, _) = sermphalang_store::accounts::invite(
        db,
        &sermphalang_store::audit::Actor::system(),
        41,
        &sermphalang_store::accounts::Invite {
            email: "invited@demo.example",
            display_name: "ผู้ได้รับเชิญ",
            role: sermphalang_domain::Role::Member,
            network: None,
        },
    )
    .await
    .unwrap();

    let table: Vec<(String, &str)> = sermphalang_web::routes::table()
        .iter()
        .map(|r| (r.method.to_string(), r.path))
        .collect();
    for (method, path) in &table {
        assert!(
            EXPECTED.iter().any(|(m, p, _)| m == method && p == path),
            "route {method} {path} has no row in the authorization matrix"
        );
    }
    assert_eq!(
        table.len(),
        EXPECTED.len(),
        "the matrix lists a route the app does not have"
    );

    let mut clients = vec![(ANON, Client::new(&app))];
    for a in ACCOUNTS {
        let name = a.email.split('@').next().unwrap();
        clients.push((name, Client::login(&app, a.email, a.password).await));
    }
    let anon = &clients[0].1;
    anon.get("/login").await;

    let mut checked = 0;
    let mut member_index = 0;
    for (method, path, allowed) in EXPECTED {
        for (who, client) in &clients {
            let member = members.get(member_index).map(|m| m.id).unwrap_or(999_999);
            let url = path
                .replace("{province}", "41")
                .replace(
                    "{id}",
                    &match *path {
                        p if p.starts_with("/nation/news/") => national_post.to_string(),
                        p if p.starts_with("/nation/galleries/") => national_gallery.to_string(),
                        p if p.starts_with("/nation/assessment-templates/") => "1".to_string(),
                        p if p.contains("/assessments/") => assessment.to_string(),
                        p if p.contains("/news/") => post.to_string(),
                        p if p.contains("/galleries/") => gallery.to_string(),
                        p if p.contains("/people/") => person_id.to_string(),
                        p if p.contains("/groups/") => group.to_string(),
                        p if p.contains("/cycles/") => cycle.to_string(),
                        p if p.contains("/plans/") => the_plan.to_string(),
                        p if p.contains("/reports/") => report.to_string(),
                        p if p.contains("events/") => event.to_string(),
                        p if p.contains("/accounts/") => account.to_string(),
                        _ => org_id.to_string(),
                    },
                )
                .replace("{member}", &member.to_string())
                .replace("{evidence}", &evidence.to_string())
                .replace("{entry}", &entry.to_string())
                .replace("{photo}", &photo.to_string())
                .replace("{rendition}", "thumbnail")
                .replace("{indicator}", &indicator.to_string())
                .replace("{registration}", &registration.to_string())
                .replace("{certificate}", "999999")
                .replace("{ticket}", &ticket)
                .replace("{batch}", "999999")
                .replace("{activity}", &chosen.to_string())
                .replace("{phrase}", &phrase.to_string())
                .replace("{item}", &plan_item.to_string())
                .replace("{file}", "app.css")
                .replace("{code}", "th")
                .replace("{size}", "large");
            let r = if *method == "GET" {
                client.get(&url).await
            } else {
                client.post(&url, &[]).await
            };
            let status = r.status().as_u16();
            let to_login = status == 303 && location(&r).starts_with("/login?next=");
            let is_api = path.starts_with("/api/");
            if allowed.contains(who) {
                let loose = LOOSE.contains(path);
                let denied = status == 403
                    || to_login
                    || (status == 404 && !loose)
                    || (status == 401 && !loose);
                assert!(
                    !denied,
                    "{who} should be allowed {method} {url}, got {status}"
                );
                if path.ends_with("/remove") && status == 303 {
                    member_index += 1;
                }
            } else if *who == ANON {
                if is_api {
                    assert_eq!(status, 401, "anonymous {method} {url}");
                } else {
                    assert!(
                        to_login,
                        "anonymous {method} {url} should go to sign-in, got {status}"
                    );
                }
            } else if *who == "khonkaen" && url.contains("/41") {
                assert_eq!(status, 404, "another province's {method} {url}");
            } else {
                assert_eq!(status, 403, "{who} should be refused {method} {url}");
            }
            checked += 1;
        }
    }
    assert_eq!(checked, EXPECTED.len() * 7);
}

#[tokio::test]
async fn another_provinces_record_ids_are_not_found_in_pages_and_api() {
    let app = spawn().await;
    let khonkaen = Client::login(&app, "khonkaen@demo.example", "demo-khonkaen-2565").await;
    let org_id = org::list(
        &app.db.db,
        41,
        &OrgFilter::default(),
        PageRequest::new(None),
    )
    .await
    .unwrap()
    .items[0]
        .id;
    let plan = sermphalang_store::plan::plans::list(&app.db.db, 41)
        .await
        .unwrap()[0]
        .id;
    let entry = sermphalang_store::plan::entries::tree(&app.db.db, plan)
        .await
        .unwrap()[0]
        .id;
    for url in [
        format!("/p/40/plans/{plan}"),
        format!("/p/40/plans/{plan}/entries/{entry}"),
        format!("/p/40/plans/{plan}/edit"),
        format!("/p/40/orgs/{org_id}"),
        format!("/p/41/orgs/{org_id}"),
        format!("/api/v1/provinces/40/organizations/{org_id}"),
        format!("/api/v1/provinces/41/organizations/{org_id}"),
        "/p/41/orgs/99999999".to_string(),
        "/p/99/orgs".to_string(),
    ] {
        assert_eq!(khonkaen.get(&url).await.status(), 404, "{url}");
    }
    assert_eq!(khonkaen.get("/p/40/orgs").await.status(), 200);
}
