//! Trainings through the running app: the secretariat creates an event, the public registers
//! and gets a QR ticket, a duplicate and a full event are handled, verification hides
//! everything personal and treats malformed codes as unknown.

mod common;

use common::{Client, kept_page_hits, location, spawn};

async fn create_event(c: &Client, capacity: &str) -> String {
    let r = c
        .post(
            "/p/41/events",
            &[
                ("title", "อบรมเยาวชนจิตอาสา ครั้งที่ ๑"),
                ("kind", "training"),
                ("venue", "หอประชุมอำเภอเมืองอุดรธานี"),
                ("capacity", capacity),
                ("published", "on"),
                ("session_date", "18/2/2580"),
                ("session_start", "09:00"),
                ("session_end", "12:00"),
                ("session_title", "ภาคเช้า"),
                ("session_date", "18/2/2580"),
                ("session_start", "13.00"),
                ("session_end", "16.30"),
                ("session_title", "ภาคบ่าย"),
                ("rule", "sessions"),
                ("rule_value", "2"),
                ("evaluation_required", "on"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let at = location(&r);
    assert!(at.starts_with("/p/41/events/"), "{at}");
    at.rsplit('/').next().unwrap().to_string()
}

fn person(first: &'static str, phone: &'static str) -> Vec<(&'static str, &'static str)> {
    vec![
        ("prefix", "นางสาว"),
        ("first_name", first),
        ("last_name", "ศรีสุข"),
        ("organization", "โรงเรียนอุดรพิชัยรักษ์พิทยา"),
        ("network", "education"),
        ("phone", phone),
        ("consent", "on"),
    ]
}

#[tokio::test]
async fn register_get_a_ticket_and_verify_nothing_personal() {
    let app = spawn().await;
    let staff = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let bad = staff
        .post("/p/41/events", &[("title", ""), ("kind", "party")])
        .await;
    assert_eq!(bad.status(), 422);
    let body = bad.text().await.unwrap();
    assert!(
        body.contains("กรุณาระบุอย่างน้อยหนึ่งช่วง"),
        "sessions error missing"
    );
    let id = create_event(&staff, "1").await;

    let public = Client::new(&app);
    let page = public.get(&format!("/events/{id}")).await;
    assert_eq!(page.status(), 200);
    let page = page.text().await.unwrap();
    assert!(page.contains("อบรมเยาวชนจิตอาสา ครั้งที่ ๑"));
    assert!(page.contains("ภาคบ่าย"));

    let r = public
        .post(
            &format!("/events/{id}/register"),
            &person("ฤทัย", "081-234-5678"),
        )
        .await;
    assert_eq!(r.status(), 303);
    let ticket_url = location(&r);
    assert!(ticket_url.starts_with("/t/"), "{ticket_url}");
    let ticket = public.page(&ticket_url).await;
    assert!(ticket.contains("นางสาวฤทัย ศรีสุข"));
    assert!(ticket.contains("<svg"), "the ticket has a QR code");
    assert!(ticket.contains("ยืนยันแล้ว"));

    // The same person and phone again: told so, nothing saved.
    let again = public
        .post(
            &format!("/events/{id}/register"),
            &person("ฤทัย", "0812345678"),
        )
        .await;
    assert_eq!(again.status(), 422);
    assert!(again.text().await.unwrap().contains("ลงทะเบียนงานนี้ไว้แล้ว"));
    // The event is full: the next person goes to the waiting list.
    let next = public
        .post(
            &format!("/events/{id}/register"),
            &person("กิ๊บ", "081-000-0002"),
        )
        .await;
    let waiting = public.page(&location(&next)).await;
    assert!(waiting.contains("รายชื่อสำรอง"), "waiting list");
    assert!(
        !waiting.contains("<svg"),
        "no ticket QR on the waiting list"
    );

    // Staff see both; bad registration input names each field.
    let list = staff.page(&format!("/p/41/events/{id}")).await;
    assert!(list.contains("นางสาวฤทัย ศรีสุข") && list.contains("นางสาวกิ๊บ ศรีสุข"));
    let missing = public
        .post(
            &format!("/events/{id}/register"),
            &[("prefix", "นาย"), ("first_name", "ก")],
        )
        .await;
    assert_eq!(missing.status(), 422);
    let missing = missing.text().await.unwrap();
    assert!(missing.contains("กรุณายินยอม") && missing.contains("หมายเลขโทรศัพท์หรืออีเมล"));

    // Cancelling from the ticket moves the waiting list up.
    let cancel = public.post(&format!("{ticket_url}/cancel"), &[]).await;
    assert_eq!(cancel.status(), 303);
    let moved = public.page(&location(&next)).await;
    assert!(moved.contains("ยืนยันแล้ว"), "promoted from the waiting list");

    // Unknown and malformed codes are the not-found page; the form redirects.
    assert_eq!(
        public.get("/verify/0000-0000-0000-0000").await.status(),
        404
    );
    assert_eq!(public.get("/verify/%3Cscript%3E").await.status(), 404);
    assert_eq!(public.get("/t/nonsense").await.status(), 404);
    let form = public.get("/verify?code=k7m2-9qxd-4tpa-hn3c").await;
    assert_eq!(location(&form), "/verify/K7M29QXD4TPAHN3C");
    assert_eq!(public.get("/events/999999").await.status(), 404);

    // A cancelled event says so and takes no registrations; reinstating reopens it.
    let r = staff
        .post(
            &format!("/p/41/events/{id}/cancel"),
            &[("action", "cancel")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let page = public.page(&format!("/events/{id}")).await;
    assert!(page.contains("งานนี้ถูกยกเลิกแล้ว") && !page.contains("first_name"));
    let refused = public
        .post(
            &format!("/events/{id}/register"),
            &person("ปิ๋ม", "081-000-0009"),
        )
        .await;
    assert_eq!(refused.status(), 422);
    assert!(refused.text().await.unwrap().contains("งานนี้ถูกยกเลิกแล้ว"));
    staff
        .post(
            &format!("/p/41/events/{id}/cancel"),
            &[("action", "restore")],
        )
        .await;
    let page = public.page(&format!("/events/{id}")).await;
    assert!(page.contains("first_name"));
}

#[tokio::test]
async fn unpublished_events_do_not_exist_to_the_public() {
    let app = spawn().await;
    let staff = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let id = create_event(&staff, "").await;
    let edit = staff.page(&format!("/p/41/events/{id}/edit")).await;
    assert!(edit.contains("ภาคบ่าย") && edit.contains("13:00"));
    let r = staff
        .post(
            &format!("/p/41/events/{id}"),
            &[
                ("title", "อบรมภายใน"),
                ("kind", "training"),
                ("session_date", "2022-02-18"),
                ("session_start", "09:00"),
                ("session_end", "12:00"),
                ("rule", "percent"),
                ("rule_value", "100"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        Client::new(&app)
            .get(&format!("/events/{id}"))
            .await
            .status(),
        404
    );
}

#[tokio::test]
async fn verification_agrees_with_the_certificate_and_explains_unknown_codes() {
    let mut kept = None;
    let app = common::spawn_with(|state| kept = Some(state.clone())).await;
    let issued = sermphalang_web::issue_demo_certificates(&kept.unwrap(), &app.base)
        .await
        .unwrap();
    assert_eq!(issued, 40);
    let db = &app.db.db;
    let workshop = sermphalang_store::training::event::list(db, 41)
        .await
        .unwrap()
        .into_iter()
        .find(|e| e.title == sermphalang_store::demo::WORKSHOP_TITLE)
        .unwrap();
    let seventh = sermphalang_store::training::certificate::list(db, workshop.id)
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.number == 7)
        .unwrap();
    let public = Client::new(&app);
    let page = public.page(&format!("/verify/{}", seventh.code)).await;
    assert!(page.contains("0007/2565"), "the number as printed");
    assert!(
        page.contains("18 กุมภาพันธ์ 2565 · ออก"),
        "issued on the certificate's date: {page}"
    );
    assert_eq!(
        page.matches("การประชุมเชิงปฏิบัติการ").count(),
        1,
        "the kind is not printed twice: {page}"
    );

    for code in ["0000-0000-0000-0000", "not a code"] {
        let r = public
            .http
            .get(public.url("/verify"))
            .query(&[("code", code)])
            .send()
            .await
            .unwrap();
        let r = if r.status() == 303 {
            public.get(&location(&r)).await
        } else {
            r
        };
        assert_eq!(r.status(), 404, "{code}");
        let page = r.text().await.unwrap();
        assert!(page.contains("ไม่มีเกียรติบัตรที่ถูกต้องซึ่งใช้รหัสนี้"), "{code}");
        assert!(page.contains(r#"name="code""#), "the code box again");
        assert!(!page.contains("ไม่พบหน้าที่ต้องการ"), "not the generic 404");
    }
}

#[tokio::test]
async fn a_finished_event_offers_no_cancelling() {
    let app = spawn().await;
    let staff = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let db = &app.db.db;
    let workshop = sermphalang_store::training::event::list(db, 41)
        .await
        .unwrap()
        .into_iter()
        .find(|e| e.title == sermphalang_store::demo::WORKSHOP_TITLE)
        .unwrap();
    let path = format!("/p/41/events/{}", workshop.id);
    let page = staff.page(&path).await;
    assert!(page.contains("งานนี้จัดเสร็จแล้ว"));
    assert!(
        !page.contains(r#"value="cancel""#),
        "no cancel button on a finished event"
    );
    let r = staff
        .post(&format!("{path}/cancel"), &[("action", "cancel")])
        .await;
    assert_eq!(r.status(), 303);
    let registration = sermphalang_store::training::registration::list(db, workshop.id)
        .await
        .unwrap()
        .remove(0);
    staff
        .post(
            &format!("{path}/registrations/{}", registration.id),
            &[("action", "cancel")],
        )
        .await;
    let after = sermphalang_store::training::event::find(db, 41, workshop.id)
        .await
        .unwrap();
    assert!(
        after.cancelled_at.is_none(),
        "the finished event stays as it was"
    );
    let still = sermphalang_store::training::registration::find(db, workshop.id, registration.id)
        .await
        .unwrap();
    assert_eq!(still.status, registration.status);
}

#[tokio::test]
async fn officers_children_monks_and_foreigners_can_register() {
    let app = spawn().await;
    let staff = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let id = create_event(&staff, "").await;
    let public = Client::new(&app);
    let form = public.page(&format!("/events/{id}")).await;
    assert!(form.contains(r#"list="title-suggestions""#) && form.contains("พ.ต.อ."));
    let people = [
        (
            "พ.ต.อ.",
            "สมศักดิ์",
            "ใจกล้า",
            "081-100-0001",
            "พ.ต.อ.สมศักดิ์ ใจกล้า",
        ),
        (
            "ว่าที่ ร.ต.",
            "ธนา",
            "ดีงาม",
            "081-100-0002",
            "ว่าที่ ร.ต.ธนา ดีงาม",
        ),
        ("เด็กหญิง", "ฟ้า", "ใส", "081-100-0003", "เด็กหญิงฟ้า ใส"),
        ("Ms.", "Anna", "Berg", "081-100-0004", "Ms. Anna Berg"),
        (
            "พระครูใบฎีกา",
            "สมชาย ฐิตธมฺโม",
            "",
            "081-100-0005",
            "พระครูใบฎีกาสมชาย ฐิตธมฺโม",
        ),
        ("สามเณร", "ต้น", "", "081-100-0006", "สามเณรต้น"),
    ];
    for (prefix, first, last, phone, shown) in people {
        let r = public
            .post(
                &format!("/events/{id}/register"),
                &[
                    ("prefix", prefix),
                    ("first_name", first),
                    ("last_name", last),
                    ("network", "religion"),
                    ("phone", phone),
                    ("consent", "on"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303, "{prefix}");
        let ticket = public.page(&location(&r)).await;
        assert!(ticket.contains(shown), "{prefix}: {shown}");
    }
    let layman = public
        .post(
            &format!("/events/{id}/register"),
            &[
                ("prefix", "นาย"),
                ("first_name", "ไม่มีสกุล"),
                ("network", "religion"),
                ("phone", "081-100-0009"),
                ("consent", "on"),
            ],
        )
        .await;
    assert_eq!(layman.status(), 422, "a layman needs a surname");
}

/// Edit forms show stored dates as people type them, in the Buddhist Era.
#[tokio::test]
async fn edit_forms_show_dates_in_the_buddhist_era() {
    let app = spawn().await;
    let staff = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let id = create_event(&staff, "").await;
    let db = &app.db.db;
    let cycle = sermphalang_store::evaluation::cycle::list(db, 41)
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.held_on.is_some())
        .unwrap();
    let group = sermphalang_store::registry::working_group::list(db, 41)
        .await
        .unwrap()
        .remove(0);
    let iso = |page: &str| {
        page.split("value=\"")
            .skip(1)
            .filter_map(|v| v.split('"').next())
            .filter(|v| {
                let b = v.as_bytes();
                b.len() == 10
                    && b[4] == b'-'
                    && b[7] == b'-'
                    && b[..4].iter().all(u8::is_ascii_digit)
            })
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let event = staff.page(&format!("/p/41/events/{id}/edit")).await;
    assert!(
        event.contains(r#"value="18/2/2580""#),
        "the session date as typed"
    );
    let cycle_page = staff.page(&format!("/p/41/cycles/{}/edit", cycle.id)).await;
    let group_page = staff.page(&format!("/p/41/groups/{}/edit", group.id)).await;
    assert!(
        group_page.contains(r#"value="20/12/2564""#),
        "the order date in B.E."
    );
    for (name, page) in [
        ("event", &event),
        ("cycle", &cycle_page),
        ("group", &group_page),
    ] {
        assert_eq!(
            iso(page),
            Vec::<String>::new(),
            "{name} form shows C.E. ISO dates"
        );
    }
}

#[tokio::test]
async fn an_event_and_its_evaluation_cycle_link_both_ways() {
    let app = spawn().await;
    let staff = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let db = &app.db.db;
    let demo = sermphalang_store::training::event::list(db, 41)
        .await
        .unwrap()
        .into_iter()
        .find(|e| e.cycle_id.is_some())
        .expect("the demo's workshop was its baseline cycle's");
    let cycle = demo.cycle_id.unwrap();
    let event_page = staff.get(&format!("/p/41/events/{}", demo.id)).await;
    assert!(
        event_page
            .text()
            .await
            .unwrap()
            .contains(&format!("href=\"/p/41/cycles/{cycle}\""))
    );
    let cycle_page = staff.get(&format!("/p/41/cycles/{cycle}")).await;
    assert!(
        cycle_page
            .text()
            .await
            .unwrap()
            .contains(&format!("href=\"/p/41/events/{}\"", demo.id))
    );

    let fields = |cycle: String| {
        vec![
            ("title", "ประชุมติดตามผล".to_string()),
            ("kind", "workshop".into()),
            ("session_date", "18/2/2580".into()),
            ("session_start", "09:00".into()),
            ("session_end", "12:00".into()),
            ("rule", "percent".into()),
            ("rule_value", "100".into()),
            ("cycle", cycle),
        ]
    };
    let before = sermphalang_store::training::event::list(db, 41)
        .await
        .unwrap()
        .len();
    let wrong = fields("999999".into());
    let wrong: Vec<(&str, &str)> = wrong.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let refused = staff.post("/p/41/events", &wrong).await;
    assert_eq!(refused.status(), 422);
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .contains("รอบการประเมินต้องเป็นของจังหวัดนี้")
    );
    assert_eq!(
        sermphalang_store::training::event::list(db, 41)
            .await
            .unwrap()
            .len(),
        before
    );

    let right = fields(cycle.to_string());
    let right: Vec<(&str, &str)> = right.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let made = staff.post("/p/41/events", &right).await;
    assert_eq!(made.status(), 303);
    let id = location(&made).rsplit('/').next().unwrap().to_string();
    let edit = staff.page(&format!("/p/41/events/{id}/edit")).await;
    assert!(edit.contains(&format!("<option value=\"{cycle}\" selected>")));
    let listed = staff.page(&format!("/p/41/cycles/{cycle}")).await;
    assert!(listed.contains(&format!("href=\"/p/41/events/{id}\"")));
}

#[tokio::test]
async fn a_registration_is_matched_with_its_person_in_the_registry() {
    use sermphalang_domain::registry::{PersonInput, Sector};
    use sermphalang_store::audit::Actor;
    use sermphalang_store::registry::person;
    let app = spawn().await;
    let db = &app.db.db;
    let staff = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let id = create_event(&staff, "").await;
    let input = |first: &str, phone: &str| PersonInput {
        prefix: "นางสาว".into(),
        first_name: first.into(),
        last_name: "ศรีสุข".into(),
        position: "ครู".into(),
        organization: None,
        networks: vec![Sector::Education],
        phone: phone.into(),
        email: String::new(),
    };
    // The registry wrote the phone without dashes and in Thai digits.
    let kept = person::create(db, &Actor::system(), 41, &input("มาลี", "๐๘๑๒๓๔๕๖๗๘"))
        .await
        .unwrap();
    let elsewhere = person::create(db, &Actor::system(), 40, &input("มาลี", "0899999999"))
        .await
        .unwrap();
    let public = Client::new(&app);
    public.get(&format!("/events/{id}")).await;
    let r = public
        .post(
            &format!("/events/{id}/register"),
            &person("ฤทัย", "081-234-5678"),
        )
        .await;
    assert_eq!(r.status(), 303);
    let reg = sermphalang_store::training::registration::list(db, id.parse().unwrap())
        .await
        .unwrap()
        .remove(0);
    let path = format!("/p/41/events/{id}/registrations/{}/person", reg.id);
    let page = staff.page(&path).await;
    assert!(
        page.contains(&format!("value=\"{kept}\"")),
        "suggested by phone"
    );
    assert!(page.contains("เบอร์โทรตรงกัน"));

    let refused = staff
        .post(
            &path,
            &[("person", "other"), ("other", &elsewhere.to_string())],
        )
        .await;
    assert_eq!(refused.status(), 422, "a person of another province");
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .contains("บุคคลต้องอยู่ในทะเบียนของจังหวัดนี้")
    );
    let linked = staff.post(&path, &[("person", &kept.to_string())]).await;
    assert_eq!(linked.status(), 303);

    let person_page = staff.page(&format!("/p/41/people/{kept}")).await;
    assert!(
        person_page.contains(&format!("href=\"/p/41/events/{id}\"")),
        "the person's trainings"
    );
    let event_page = staff.page(&format!("/p/41/events/{id}")).await;
    assert!(event_page.contains(&format!("href=\"/p/41/people/{kept}\"")));

    // Their data export (PDPA) includes what they gave when registering.
    let export = staff.page(&format!("/p/41/people/{kept}/data")).await;
    assert!(export.contains("training_registrations") && export.contains("081-234-5678"));

    // Erasing the person (PDPA) keeps the event's registration, without the link.
    person::erase(db, &Actor::system(), 41, kept).await.unwrap();
    let after = sermphalang_store::training::registration::find(db, id.parse().unwrap(), reg.id)
        .await
        .unwrap();
    assert_eq!(after.person_id, None);
}

#[tokio::test]
async fn a_past_event_takes_no_public_registration_even_without_a_window() {
    let app = spawn().await;
    let staff = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let made = staff
        .post(
            "/p/41/events",
            &[
                ("title", "อบรมที่จัดไปแล้ว"),
                ("kind", "training"),
                ("published", "on"),
                ("session_date", "18/2/2565"),
                ("session_start", "09:00"),
                ("session_end", "12:00"),
                ("rule", "percent"),
                ("rule_value", "100"),
            ],
        )
        .await;
    assert_eq!(made.status(), 303);
    let id = location(&made).rsplit('/').next().unwrap().to_string();
    let public = Client::new(&app);
    let page = public.page(&format!("/events/{id}")).await;
    assert!(page.contains("งานนี้จัดไปแล้ว"), "the page says why");
    // A page without a form sets no CSRF cookie; a crafted post needs one from a page with a
    // form, and must then still be refused by the event's dates.
    public.get("/login").await;
    let r = public
        .post(
            &format!("/events/{id}/register"),
            &person("ฤทัย", "081-234-5678"),
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("งานนี้จัดไปแล้ว จึงปิดรับสมัคร"));
    let event_id: i64 = id.parse().unwrap();
    assert!(
        sermphalang_store::training::registration::list(&app.db.db, event_id)
            .await
            .unwrap()
            .is_empty()
    );
}

/// A published event's page is kept for visitors, yet its registration form carries each
/// visitor's own CSRF token, so every one of them can register.
#[tokio::test]
async fn a_kept_event_page_gives_each_visitor_their_own_token() {
    let app = spawn().await;
    let staff = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let id = create_event(&staff, "10").await;
    let visitors = [Client::new(&app), Client::new(&app), Client::new(&app)];
    let mut tokens = Vec::new();
    for (i, visitor) in visitors.iter().enumerate() {
        // The first visit sets the cookie; later ones are the page as kept.
        for _ in 0..2 {
            let page = visitor.page(&format!("/events/{id}")).await;
            assert!(
                !page.contains("csrf-placeholder"),
                "visitor {i} got the placeholder"
            );
            assert_eq!(form_token(&page), visitor.cookie_csrf(), "visitor {i}");
        }
        tokens.push(visitor.cookie_csrf());
    }
    tokens.dedup();
    assert_eq!(tokens.len(), 3, "every visitor has a token of their own");
    let r = visitors[2]
        .post(
            &format!("/events/{id}/register"),
            &person("ฤทัย", "081-234-5678"),
        )
        .await;
    assert_eq!(
        r.status(),
        303,
        "the last visitor registers with the kept page's form"
    );

    // A token of another shape, set by hand, is still the one in the form.
    let odd = reqwest::Client::new()
        .get(app.base.clone() + &format!("/events/{id}"))
        .header("cookie", "sp_csrf=short-token")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(form_token(&odd), "short-token");
}

#[tokio::test]
async fn an_event_page_with_a_form_is_answered_before_routing_with_each_visitors_token() {
    let app = spawn().await;
    let staff = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let id = create_event(&staff, "10").await;
    let path = format!("/events/{id}");
    let http = reqwest::Client::new();
    let visit = |cookie: &'static str, encoding: &'static str| {
        let mut request = http.get(app.base.clone() + &path);
        if !cookie.is_empty() {
            request = request.header("cookie", cookie);
        }
        if !encoding.is_empty() {
            request = request.header("accept-encoding", encoding);
        }
        async move {
            let r = request.send().await.unwrap();
            assert_eq!(r.status(), 200);
            let cookie = r
                .headers()
                .get("set-cookie")
                .map(|v| v.to_str().unwrap().to_string());
            let encoding = r
                .headers()
                .get("content-encoding")
                .map(|v| v.to_str().unwrap().to_string());
            let bytes = r.bytes().await.unwrap();
            let mut page = String::new();
            match encoding.as_deref() {
                Some("gzip") => std::io::Read::read_to_string(
                    &mut flate2::read::GzDecoder::new(&bytes[..]),
                    &mut page,
                )
                .unwrap(),
                Some("br") => std::io::Read::read_to_string(
                    &mut brotli::Decompressor::new(&bytes[..], 4096),
                    &mut page,
                )
                .unwrap(),
                None => std::io::Read::read_to_string(&mut &bytes[..], &mut page).unwrap(),
                Some(other) => panic!("unexpected encoding {other}"),
            };
            (cookie, encoding, page)
        }
    };
    let cookie_token = |cookie: &Option<String>| {
        cookie
            .as_deref()
            .and_then(|c| c.strip_prefix("sp_csrf="))
            .and_then(|c| c.split(';').next())
            .expect("a first visit is given a CSRF cookie")
            .to_string()
    };

    // Two first visits: the second comes from the front cache, with a token of its own.
    let (cookie, _, first) = visit("", "").await;
    let first_token = cookie_token(&cookie);
    assert_eq!(form_token(&first), first_token);
    let before = kept_page_hits(&app).await;
    let (cookie, encoding, second) = visit("", "").await;
    assert_eq!(
        kept_page_hits(&app).await,
        before + 1,
        "answered before routing"
    );
    assert_eq!(encoding, None);
    let second_token = cookie_token(&cookie);
    assert_ne!(
        second_token, first_token,
        "every first visit gets a token of its own"
    );
    assert_eq!(form_token(&second), second_token);
    assert_eq!(second.replace(&second_token, &first_token), first);

    // A returning visitor keeps their own token, and is given no new cookie.
    const MINE: &str = "sp_csrf=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    let (cookie, _, page) = visit(MINE, "").await;
    assert_eq!(cookie, None);
    assert_eq!(form_token(&page), MINE["sp_csrf=".len()..]);

    // Compressed: the first visit by the compression layer, the next from the front cache,
    // gzip (the token spliced in) whenever it is accepted, brotli for a reader of brotli only.
    let hits = kept_page_hits(&app).await;
    for (asked, sent) in [
        ("gzip", "gzip"),
        ("gzip", "gzip"),
        ("br, gzip", "br"),
        ("br, gzip", "gzip"),
        ("br", "br"),
        ("br", "br"),
    ] {
        let (_, encoding, page) = visit(MINE, asked).await;
        assert_eq!(encoding.as_deref(), Some(sent), "asked {asked}");
        assert_eq!(page.replace(&MINE["sp_csrf=".len()..], &first_token), first);
    }
    assert_eq!(kept_page_hits(&app).await, hits + 3);
    let (cookie, encoding, page) = visit("", "gzip").await;
    assert_eq!(encoding.as_deref(), Some("gzip"));
    let token = cookie_token(&cookie);
    assert_eq!(
        form_token(&page),
        token,
        "a first visit's gzip page has its new token"
    );
    assert_eq!(page.replace(&token, &first_token), first);

    // The visitor registers with the token of a page from the front cache.
    let visitor = Client::new(&app);
    let page = visitor.page(&path).await;
    assert_eq!(form_token(&page), visitor.cookie_csrf());
    let r = visitor
        .post(&format!("{path}/register"), &person("ฤทัย", "081-234-5678"))
        .await;
    assert_eq!(r.status(), 303, "registered with the kept page's token");

    // A signed-in organizer never gets the kept page.
    let hits = kept_page_hits(&app).await;
    let mine = staff.page(&path).await;
    assert_eq!(form_token(&mine), staff.csrf());
    assert_eq!(kept_page_hits(&app).await, hits);
}

#[tokio::test]
async fn an_open_event_says_until_when_and_how_many_places_a_past_one_neither() {
    let app = spawn().await;
    let events = sermphalang_store::training::event::list(&app.db.db, 41)
        .await
        .unwrap();
    let id_of = |title: &str| events.iter().find(|e| e.title == title).unwrap().id;
    let visitor = Client::new(&app);
    let open = visitor
        .page(&format!(
            "/events/{}",
            id_of(sermphalang_store::demo::UPCOMING_TITLE)
        ))
        .await;
    let closes = sermphalang_thai::date::today_in_thailand() + chrono::Days::new(21);
    let closes = sermphalang_thai::format_short(closes);
    assert!(open.contains("<dt>ปิดรับสมัคร</dt>"), "{open}");
    assert!(
        open.contains(&format!("<dd>{closes}</dd>")),
        "closes {closes}"
    );
    assert!(
        open.contains("<dt>ที่ว่าง</dt><dd>54</dd>"),
        "60 places, 6 taken"
    );
    assert!(open.contains("action=\"/events/"), "the registration form");
    let past = visitor
        .page(&format!(
            "/events/{}",
            id_of(sermphalang_store::demo::WORKSHOP_TITLE)
        ))
        .await;
    assert!(past.contains("งานนี้จัดไปแล้ว จึงปิดรับสมัคร"));
    assert!(!past.contains("ที่ว่าง"), "no places to offer after the event");
    assert!(!past.contains("<dt>ปิดรับสมัคร</dt>"));
}

/// The CSRF token in a page's registration form.
fn form_token(page: &str) -> String {
    page.split("name=\"_csrf\" value=\"")
        .nth(1)
        .and_then(|t| t.split('"').next())
        .expect("a registration form with a token")
        .to_string()
}
