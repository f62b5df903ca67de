//! A training end to end on SQLite and (with `TEST_DATABASE_URL`) PostgreSQL: register, the
//! waiting list, check in, the evaluation, completion, issue, verify, reissue, revoke.

use chrono::{NaiveDate, NaiveTime};
use sermphalang_domain::training::event::{EventInput, EventKind, SessionInput};
use sermphalang_domain::training::registration::{
    FeedbackInput, RegistrationInput, RegistrationStatus,
};
use sermphalang_domain::training::{AttendanceRule, CompletionRule};
use sermphalang_store::audit::Actor;
use sermphalang_store::dashboard::figures;
use sermphalang_store::testing::backends;
use sermphalang_store::training::attendance::{self, CheckIn, Method, Who};
use sermphalang_store::training::registration::{self, Channel};
use sermphalang_store::training::{certificate, event, feedback};
use sermphalang_store::{Db, StoreError};

const UDON: i64 = 41;

fn session(hour: u32, title: &str) -> SessionInput {
    SessionInput {
        date: NaiveDate::from_ymd_opt(2022, 2, 18).unwrap(),
        starts: NaiveTime::from_hms_opt(hour, 0, 0).unwrap(),
        ends: NaiveTime::from_hms_opt(hour + 3, 0, 0).unwrap(),
        title: title.into(),
    }
}

fn workshop(capacity: u32) -> EventInput {
    EventInput {
        title: "การประชุมเชิงปฏิบัติการประเมินผลแบบเสริมพลัง ครั้งที่ 1".into(),
        kind: EventKind::Workshop,
        description: String::new(),
        venue: "โรงแรมเซ็นทารา อุดรธานี".into(),
        organizers: Vec::new(),
        cycle: None,
        capacity: Some(capacity),
        opens_on: None,
        closes_on: None,
        approval_required: false,
        published: true,
        sessions: vec![session(9, "ภาคเช้า"), session(13, "ภาคบ่าย")],
        completion: CompletionRule {
            attendance: AttendanceRule::Sessions(2),
            evaluation_required: true,
        },
        certificate_date: None,
    }
}

fn person(first: &str, phone: &str) -> RegistrationInput {
    RegistrationInput {
        prefix: "นางสาว".into(),
        first_name: first.into(),
        last_name: "ศรีสุข".into(),
        organization: "สำนักงานวัฒนธรรมจังหวัดอุดรธานี".into(),
        network: None,
        phone: phone.into(),
        email: String::new(),
    }
}

fn invalid_field(result: Result<impl std::fmt::Debug, StoreError>, field: &str) {
    match result {
        Err(StoreError::Invalid(errors)) => {
            assert!(errors.for_field(field).is_some(), "{errors:?}")
        }
        other => panic!("expected an invalid {field}, got {other:?}"),
    }
}

async fn issue(db: &Db, ev: &event::Event, reg: i64) -> Result<i64, StoreError> {
    let registration = registration::find(db, ev.id, reg).await?;
    let (number, code) = certificate::next(db, ev.id).await?;
    let pdf = format!("%PDF-1.7 test {number} {code}");
    certificate::issue(
        db,
        &Actor::system(),
        ev,
        &registration,
        number,
        &code,
        pdf.as_bytes(),
    )
    .await
}

#[tokio::test]
async fn register_check_in_complete_issue_verify_revoke() {
    for t in backends("register_check_in_complete_issue_verify_revoke").await {
        let db = &t.db;
        let actor = Actor::system();
        let id = event::create(db, &actor, UDON, &workshop(2)).await.unwrap();
        let ev = event::find(db, UDON, id).await.unwrap();
        let sessions = event::sessions(db, id).await.unwrap();
        assert_eq!(sessions.len(), 2);
        assert_eq!(sessions[0].title, "ภาคเช้า");

        // Two places, then the waiting list; the same person and phone again is a duplicate.
        let a = registration::register(
            db,
            &actor,
            &ev,
            &person("ฤทัย", "081-234-5678"),
            Channel::Online,
        )
        .await
        .unwrap();
        let b = registration::register(
            db,
            &actor,
            &ev,
            &person("กิ๊บ", "081-000-0002"),
            Channel::Online,
        )
        .await
        .unwrap();
        let c = registration::register(
            db,
            &actor,
            &ev,
            &person("น้ำใจ", "081-000-0003"),
            Channel::Online,
        )
        .await
        .unwrap();
        assert_eq!(a.status, RegistrationStatus::Confirmed);
        assert_eq!(b.status, RegistrationStatus::Confirmed);
        assert_eq!(c.status, RegistrationStatus::Waitlisted);
        invalid_field(
            registration::register(
                db,
                &actor,
                &ev,
                &person("ฤทัย", "+66 81 234 5678"),
                Channel::Online,
            )
            .await,
            "duplicate",
        );

        // B cancels by ticket; C moves up from the waiting list.
        let ev = event::find(db, UDON, id).await.unwrap();
        let reg_b = registration::by_ticket(db, &b.ticket.to_lowercase())
            .await
            .unwrap();
        let promoted = registration::cancel(db, &actor, &ev, &reg_b).await.unwrap();
        assert_eq!(promoted, Some(c.id));
        let reg_c = registration::find(db, id, c.id).await.unwrap();
        assert_eq!(reg_c.status, RegistrationStatus::Confirmed);
        assert!(matches!(
            registration::by_ticket(db, "not-a-ticket").await,
            Err(StoreError::NotFound)
        ));

        // Check-in: a second scan is reported with the first time, not counted again.
        let first = attendance::check_in(
            db,
            &actor,
            &ev,
            sessions[0].id,
            &Who::Ticket(a.ticket.clone()),
            Method::Scan,
            None,
        )
        .await
        .unwrap();
        assert!(matches!(first, CheckIn::Recorded { registration, .. } if registration == a.id));
        let again = attendance::check_in(
            db,
            &actor,
            &ev,
            sessions[0].id,
            &Who::Ticket(a.ticket.clone()),
            Method::Scan,
            None,
        )
        .await
        .unwrap();
        let CheckIn::Already { at, .. } = again else {
            panic!("{again:?}")
        };
        let CheckIn::Recorded { at: first_at, .. } = first else {
            unreachable!()
        };
        assert_eq!(at, first_at);
        let cancelled = attendance::check_in(
            db,
            &actor,
            &ev,
            sessions[0].id,
            &Who::Ticket(b.ticket.clone()),
            Method::Scan,
            None,
        )
        .await
        .unwrap();
        assert!(
            matches!(cancelled, CheckIn::NotAdmitted { .. }),
            "{cancelled:?}"
        );
        let unknown = attendance::check_in(
            db,
            &actor,
            &ev,
            sessions[0].id,
            &Who::Ticket("ZZZZZZZZZZZZZZZZ".into()),
            Method::Scan,
            None,
        )
        .await
        .unwrap();
        assert_eq!(unknown, CheckIn::Unknown);
        // A walk-in is confirmed even though the event is full, and checked in by search.
        let walk_in = registration::register(
            db,
            &actor,
            &ev,
            &person("ฦๅชา", "081-000-0004"),
            Channel::WalkIn,
        )
        .await
        .unwrap();
        assert_eq!(walk_in.status, RegistrationStatus::Confirmed);
        for s in &sessions {
            attendance::check_in(
                db,
                &actor,
                &ev,
                s.id,
                &Who::Registration(walk_in.id),
                Method::WalkIn,
                None,
            )
            .await
            .unwrap();
        }
        attendance::check_in(
            db,
            &actor,
            &ev,
            sessions[1].id,
            &Who::Registration(a.id),
            Method::Search,
            Some("2022-02-18T06:05:00.000Z".into()),
        )
        .await
        .unwrap();
        let roster = attendance::roster(db, id).await.unwrap();
        assert_eq!(roster.len(), 3);
        assert_eq!(
            roster.iter().find(|r| r.id == a.id).unwrap().sessions.len(),
            2
        );

        // Completion: A attended both but has not evaluated; refused with the reason.
        invalid_field(issue(db, &ev, a.id).await, "certificate");
        // C attended nothing: refused.
        invalid_field(issue(db, &ev, c.id).await, "certificate");
        let answer = FeedbackInput {
            satisfaction: 5,
            usefulness: 4,
            comments: "ได้ความรู้มาก".into(),
        };
        feedback::submit(db, a.id, &answer).await.unwrap();
        feedback::submit(
            db,
            walk_in.id,
            &FeedbackInput {
                satisfaction: 3,
                ..answer.clone()
            },
        )
        .await
        .unwrap();
        let summary = feedback::summary(db, id).await.unwrap();
        assert_eq!(summary.responses, 2);
        assert_eq!(summary.satisfaction, [0, 0, 1, 0, 1]);
        assert_eq!(summary.satisfaction_mean(), Some(4.0));

        let standings = certificate::standings(db, &ev).await.unwrap();
        let completed: Vec<i64> = standings
            .iter()
            .filter(|s| s.completed())
            .map(|s| s.registration_id)
            .collect();
        assert_eq!(completed.len(), 2);
        assert!(completed.contains(&a.id) && completed.contains(&walk_in.id));

        let cert_a = issue(db, &ev, a.id).await.unwrap();
        let cert_w = issue(db, &ev, walk_in.id).await.unwrap();
        invalid_field(issue(db, &ev, a.id).await, "certificate");
        let list = certificate::list(db, id).await.unwrap();
        assert_eq!(
            list.iter().map(|c| c.number).collect::<Vec<_>>(),
            vec![1, 2]
        );
        let a_cert = certificate::find(db, id, cert_a).await.unwrap();
        assert_eq!(a_cert.name, "นางสาวฤทัย ศรีสุข");
        assert!(
            certificate::pdf(db, cert_w)
                .await
                .unwrap()
                .starts_with(b"%PDF")
        );
        // A number taken in between is a conflict the caller retries.
        let reg_a = registration::find(db, id, a.id).await.unwrap();
        let taken =
            certificate::issue(db, &actor, &ev, &reg_c, 1, "0000000000000000", b"%PDF").await;
        assert!(taken.is_err());
        let _ = reg_a;

        // Public verification: by the code as printed (grouped, lower case).
        let printed = sermphalang_domain::training::codes::display(&a_cert.code).to_lowercase();
        let v = certificate::verify(db, &printed).await.unwrap();
        assert_eq!(v.name, "นางสาวฤทัย ศรีสุข");
        assert_eq!(v.province, "อุดรธานี");
        assert!(v.revoked_at.is_none());
        assert!(matches!(
            certificate::verify(db, "<script>").await,
            Err(StoreError::NotFound)
        ));
        assert!(matches!(
            certificate::verify(db, "0000-0000-0000-0000").await,
            Err(StoreError::NotFound)
        ));

        // Name correction and reissue: same code and number, history kept.
        registration::rename(db, &actor, &ev, &reg_a, "นาง", "ฤทัย", "ก๋วยเตี๋ยวทอง")
            .await
            .unwrap();
        let renamed = registration::find(db, id, a.id).await.unwrap();
        certificate::reissue(
            db,
            &actor,
            &ev,
            &a_cert,
            &renamed.full_name(),
            "แก้ไขนามสกุลหลังสมรส",
            b"%PDF new",
        )
        .await
        .unwrap();
        let v = certificate::verify(db, &a_cert.code).await.unwrap();
        assert_eq!(v.name, "นางฤทัย ก๋วยเตี๋ยวทอง");
        assert_eq!(v.number, 1);
        assert_eq!(
            v.history
                .iter()
                .map(|h| h.action.as_str())
                .collect::<Vec<_>>(),
            ["issued", "reissued"]
        );
        assert_eq!(v.history[0].name, "นางสาวฤทัย ศรีสุข");

        // Revoke needs a reason; then the code shows as revoked.
        invalid_field(
            certificate::revoke(db, &actor, &ev, &a_cert, "  ").await,
            "reason",
        );
        certificate::revoke(db, &actor, &ev, &a_cert, "ออกซ้ำโดยผิดพลาด")
            .await
            .unwrap();
        let v = certificate::verify(db, &a_cert.code).await.unwrap();
        assert!(v.revoked_at.is_some());
        assert_eq!(v.revoked_reason.as_deref(), Some("ออกซ้ำโดยผิดพลาด"));
        assert_eq!(v.history.len(), 3);

        // The dashboards count it out once, however often it is revoked, and in again when
        // it is reissued.
        let issued = || async { certificates_this_year(db).await };
        let counted = issued().await;
        certificate::revoke(db, &actor, &ev, &a_cert, "ซ้ำ")
            .await
            .unwrap();
        assert_eq!(issued().await, counted);
        let revoked = certificate::find(db, id, a_cert.id).await.unwrap();
        certificate::reissue(
            db,
            &actor,
            &ev,
            &revoked,
            "นางฤทัย ก๋วยเตี๋ยวทอง",
            "คืนสิทธิ์",
            b"%PDF",
        )
        .await
        .unwrap();
        assert_eq!(issued().await, counted + 1);
    }
}

async fn certificates_this_year(db: &Db) -> i64 {
    let today = sermphalang_thai::today_in_thailand();
    let scope = figures::Scope {
        year: sermphalang_thai::FiscalYear::from_date(today).be_year(),
        ..figures::Scope::default()
    };
    figures::province(db, UDON, &scope)
        .await
        .unwrap()
        .total(&scope)
        .certificates
}

#[tokio::test]
async fn approval_and_editing_sessions() {
    for t in backends("approval_and_editing_sessions").await {
        let db = &t.db;
        let actor = Actor::system();
        let mut input = workshop(10);
        input.approval_required = true;
        let id = event::create(db, &actor, UDON, &input).await.unwrap();
        let ev = event::find(db, UDON, id).await.unwrap();
        let r = registration::register(
            db,
            &actor,
            &ev,
            &person("เป๋า", "081-111-1111"),
            Channel::Online,
        )
        .await
        .unwrap();
        assert_eq!(r.status, RegistrationStatus::Pending);
        let reg = registration::find(db, id, r.id).await.unwrap();
        registration::decide(db, &actor, &ev, &reg, true)
            .await
            .unwrap();
        let reg = registration::find(db, id, r.id).await.unwrap();
        assert_eq!(reg.status, RegistrationStatus::Confirmed);
        invalid_field(
            registration::decide(db, &actor, &ev, &reg, false).await,
            "status",
        );

        // A session with check-ins cannot be removed; others can, and sessions keep their ids.
        let sessions = event::sessions(db, id).await.unwrap();
        attendance::check_in(
            db,
            &actor,
            &ev,
            sessions[1].id,
            &Who::Registration(r.id),
            Method::Search,
            None,
        )
        .await
        .unwrap();
        input.sessions.truncate(1);
        invalid_field(
            event::update(db, &actor, UDON, id, &input).await,
            "sessions",
        );
        input.sessions = vec![session(8, "ภาคเช้า (เลื่อน)"), session(13, "ภาคบ่าย")];
        event::update(db, &actor, UDON, id, &input).await.unwrap();
        let after = event::sessions(db, id).await.unwrap();
        assert_eq!(
            after.iter().map(|s| s.id).collect::<Vec<_>>(),
            sessions.iter().map(|s| s.id).collect::<Vec<_>>()
        );
        assert_eq!(after[0].title, "ภาคเช้า (เลื่อน)");
        // Another province does not see the event.
        assert!(matches!(
            event::find(db, 40, id).await,
            Err(StoreError::NotFound)
        ));
    }
}

#[tokio::test]
async fn the_demo_workshop_has_forty_who_completed() {
    let t = sermphalang_store::testing::sqlite().await;
    let db = &t.db;
    sermphalang_store::demo::load(db, |p| format!("hash:{p}"))
        .await
        .unwrap();
    let events = event::list(db, UDON).await.unwrap();
    let e = events
        .iter()
        .find(|e| e.title == sermphalang_store::demo::WORKSHOP_TITLE)
        .unwrap();
    assert_eq!(e.starts_on, NaiveDate::from_ymd_opt(2022, 2, 18).unwrap());
    let standings = certificate::standings(db, e).await.unwrap();
    assert_eq!(standings.iter().filter(|s| s.completed()).count(), 40);
    assert_eq!(
        standings.len(),
        41,
        "one left at noon; one cancelled holds no place"
    );
    let signatories = sermphalang_store::training::artwork::signatories(db, e.id)
        .await
        .unwrap();
    assert_eq!(signatories.len(), 2);
    assert!(signatories.iter().all(|s| s.signature_file_id.is_some()));
    assert_eq!(feedback::summary(db, e.id).await.unwrap().responses, 41);
}
