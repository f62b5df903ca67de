//! Certificates through the running app: only those who completed get one (one by one or all
//! in the background), the ZIP, the participant's download, verification, reissue after a name
//! correction, revocation, artwork uploads and the template editor.

mod common;

use common::{Client, location, spawn};
use sermphalang_store::audit::Actor;
use sermphalang_store::training::attendance::{self, Method, Who};
use sermphalang_store::training::{event, registration, runs};
use std::io::Read;

fn png(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(png::ColorType::Rgba);
        let mut writer = encoder.write_header().unwrap();
        let pixels: Vec<u8> = (0..width * height)
            .flat_map(|i| [20, 40, (i % 255) as u8, if i % 7 == 0 { 255 } else { 0 }])
            .collect();
        writer.write_image_data(&pixels).unwrap();
    }
    out
}

/// Registers someone for a past event as the registry of that day shows them: the public form
/// no longer takes registrations once an event is over.
async fn register(db: &sermphalang_store::Db, event: i64, first: &str, phone: &str) -> String {
    let e = event::find(db, 41, event).await.unwrap();
    let input = sermphalang_domain::training::registration::RegistrationInput {
        prefix: "นางสาว".into(),
        first_name: first.into(),
        last_name: "ก๋วยเตี๋ยวทอง".into(),
        organization: String::new(),
        network: None,
        phone: phone.into(),
        email: String::new(),
    };
    registration::register(
        db,
        &Actor::system(),
        &e,
        &input,
        registration::Channel::Online,
    )
    .await
    .unwrap()
    .ticket
}

async fn body(r: reqwest::Response) -> String {
    r.text().await.unwrap()
}

#[tokio::test]
async fn issue_only_to_completers_zip_verify_reissue_revoke() {
    let app = spawn().await;
    let db = &app.db.db;
    let staff = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let r = staff
        .post(
            "/p/41/events",
            &[
                ("title", "การประชุมเชิงปฏิบัติการประเมินผลแบบเสริมพลัง ครั้งที่ 1"),
                ("kind", "workshop"),
                ("published", "on"),
                ("session_date", "18/2/2565"),
                ("session_start", "09:00"),
                ("session_end", "12:00"),
                ("session_date", "18/2/2565"),
                ("session_start", "13:00"),
                ("session_end", "16:00"),
                ("rule", "sessions"),
                ("rule_value", "2"),
                ("evaluation_required", "on"),
            ],
        )
        .await;
    let id = location(&r).rsplit('/').next().unwrap().to_string();
    let event_id: i64 = id.parse().unwrap();
    let public = Client::new(&app);
    let a = register(db, event_id, "ฤทัย", "081-000-0001").await;
    let b = register(db, event_id, "กิ๊บ", "081-000-0002").await;
    let c = register(db, event_id, "น้ำใจ", "081-000-0003").await;

    let e = event::find(db, 41, event_id).await.unwrap();
    let sessions = event::sessions(db, event_id).await.unwrap();
    for (ticket, count) in [(&a, 2), (&b, 2), (&c, 1)] {
        for s in sessions.iter().take(count) {
            attendance::check_in(
                db,
                &Actor::system(),
                &e,
                s.id,
                &Who::Ticket(ticket.clone()),
                Method::Scan,
                None,
            )
            .await
            .unwrap();
        }
    }
    // The ticket's page, with its feedback form, gives the visitor a CSRF cookie.
    public.get(&format!("/t/{a}")).await;
    for ticket in [&a, &c] {
        let r = public
            .post(
                &format!("/t/{ticket}/feedback"),
                &[
                    ("satisfaction", "5"),
                    ("usefulness", "4"),
                    ("comments", "ดีมาก"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
    }
    let reg_a = registration::by_ticket(db, &a).await.unwrap();
    let reg_b = registration::by_ticket(db, &b).await.unwrap();
    let reg_c = registration::by_ticket(db, &c).await.unwrap();

    // Refused, with the reason, for those who have not completed.
    let refused = staff
        .post(
            &format!("/p/41/events/{id}/certificates/issue/{}", reg_c.id),
            &[],
        )
        .await;
    assert_eq!(refused.status(), 422);
    assert!(
        body(refused)
            .await
            .contains("เข้าร่วม 1 ช่วง ต้องเข้าร่วมอย่างน้อย 2 ช่วง")
    );
    let refused = staff
        .post(
            &format!("/p/41/events/{id}/certificates/issue/{}", reg_b.id),
            &[],
        )
        .await;
    assert!(body(refused).await.contains("ยังไม่ได้ส่งแบบประเมินหลังการอบรม"));

    // B sends the evaluation; issuing to all completers runs in the background.
    public
        .post(
            &format!("/t/{b}/feedback"),
            &[("satisfaction", "4"), ("usefulness", "4")],
        )
        .await;
    let started = staff
        .post(&format!("/p/41/events/{id}/certificates"), &[])
        .await;
    assert_eq!(started.status(), 303);
    let mut run = None;
    for _ in 0..200 {
        let latest = runs::latest(db, event_id).await.unwrap().unwrap();
        if !latest.running() {
            run = Some(latest);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let run = run.expect("the run finished");
    assert_eq!((run.total, run.done, run.failed), (2, 2, 0));
    let page = body(staff.get(&format!("/p/41/events/{id}/certificates")).await).await;
    assert!(page.contains("2 / 2"), "progress shown");

    // The ZIP holds the two issued certificates, as PDFs.
    let zip = staff
        .get(&format!("/p/41/events/{id}/certificates.zip"))
        .await;
    assert_eq!(zip.headers()["content-type"], "application/zip");
    let bytes = zip.bytes().await.unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    assert_eq!(archive.len(), 2);
    let mut first = Vec::new();
    archive
        .by_index(0)
        .unwrap()
        .read_to_end(&mut first)
        .unwrap();
    assert!(first.starts_with(b"%PDF-"));
    assert!(first.len() < 100 * 1024);

    // The participant downloads their own; the code verifies publicly, without contacts.
    let own = public.get(&format!("/t/{a}/certificate.pdf")).await;
    assert_eq!(own.status(), 200);
    let ticket_page = body(public.get(&format!("/t/{a}")).await).await;
    let code = ticket_page
        .split("/verify/")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let verified = body(public.get(&format!("/verify/{code}")).await).await;
    assert!(verified.contains("นางสาวฤทัย ก๋วยเตี๋ยวทอง"));
    assert!(verified.contains("ยังมีผล"));
    assert!(
        !verified.contains("081-000-0001"),
        "no phone on the public page"
    );
    assert_eq!(
        public
            .get(&format!("/t/{c}/certificate.pdf"))
            .await
            .status(),
        404
    );

    // Reissue B under a corrected name: same code, history kept.
    let page = body(staff.get(&format!("/p/41/events/{id}/certificates")).await).await;
    let cert_b = page
        .split(&format!("/p/41/events/{id}/certificates/"))
        .filter_map(|s| s.split('/').next())
        .filter_map(|s| s.parse::<i64>().ok())
        .collect::<Vec<_>>();
    assert!(!cert_b.is_empty());
    let b_cert = sermphalang_store::training::certificate::for_registration(db, reg_b.id)
        .await
        .unwrap()
        .unwrap();
    let r = staff
        .post(
            &format!("/p/41/events/{id}/certificates/{}/reissue", b_cert.id),
            &[
                ("prefix", "นาง"),
                ("first_name", "กิ๊บ"),
                ("last_name", "ฤทธิ์เดช"),
                ("reason", "เปลี่ยนนามสกุล"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let v = body(public.get(&format!("/verify/{}", b_cert.code)).await).await;
    assert!(
        v.contains("นางกิ๊บ ฤทธิ์เดช") && v.contains("นางสาวกิ๊บ ก๋วยเตี๋ยวทอง"),
        "{v}"
    );
    assert!(v.contains("เปลี่ยนนามสกุล"));

    // Revoke needs a reason; the participant's download is gone after.
    let a_cert = sermphalang_store::training::certificate::for_registration(db, reg_a.id)
        .await
        .unwrap()
        .unwrap();
    let before = body(public.get(&format!("/verify/{}", a_cert.code)).await).await;
    assert!(
        !before.contains("ถูกเพิกถอน"),
        "valid, and now kept for visitors"
    );
    let no_reason = staff
        .post(
            &format!("/p/41/events/{id}/certificates/{}/revoke", a_cert.id),
            &[("reason", " ")],
        )
        .await;
    assert_eq!(no_reason.status(), 422);
    let again = body(no_reason).await;
    assert!(
        again.contains(&format!("{} {}", "เกียรติบัตร", a_cert.number))
            && again.contains("field-error"),
        "the certificate's own page again, with the reason named: {again}"
    );
    let manage = format!("/p/41/events/{id}/certificates/{}", a_cert.id);
    let list = body(staff.get(&format!("/p/41/events/{id}/certificates")).await).await;
    assert!(
        list.contains(&format!("href=\"{manage}\"")),
        "the list links each certificate's page"
    );
    assert!(
        !list.contains("name=\"reason\""),
        "the list carries no per-person forms"
    );
    let page = body(staff.get(&manage).await).await;
    assert!(page.contains("/revoke\"") && page.contains("/reissue\""));
    staff
        .post(
            &format!("/p/41/events/{id}/certificates/{}/revoke", a_cert.id),
            &[("reason", "ออกผิดคน")],
        )
        .await;
    let v = body(public.get(&format!("/verify/{}", a_cert.code)).await).await;
    assert!(v.contains("ถูกเพิกถอน") && v.contains("ออกผิดคน"));

    // Real codes can be verified in bulk from one address; guesses are limited.
    for _ in 0..100 {
        let r = public.get(&format!("/verify/{}", b_cert.code)).await;
        assert_eq!(
            r.status(),
            200,
            "a real code is never refused for its number"
        );
    }
    let mut refused = 0;
    for i in 0..70 {
        let guess = public.get(&format!("/verify/AAAA-BBBB-CCCC-{i:04}")).await;
        if guess.status() == 429 {
            refused += 1;
        }
    }
    assert!(
        (5..=20).contains(&refused),
        "guesses after the 60th are refused: {refused}"
    );
    let after = public.get(&format!("/verify/{}", b_cert.code)).await;
    assert_eq!(
        after.status(),
        429,
        "an address that guessed waits, even for a real code"
    );
    assert_eq!(
        public
            .get(&format!("/t/{a}/certificate.pdf"))
            .await
            .status(),
        404
    );
}

#[tokio::test]
async fn artwork_uploads_and_the_template_editor() {
    let app = spawn().await;
    let staff = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let r = staff
        .post(
            "/p/41/events",
            &[
                ("title", "อบรม"),
                ("kind", "training"),
                ("session_date", "18/2/2565"),
                ("session_start", "09:00"),
                ("session_end", "12:00"),
            ],
        )
        .await;
    let id = location(&r).rsplit('/').next().unwrap().to_string();
    let upload = |file: Vec<u8>, name: &'static str| {
        let form = reqwest::multipart::Form::new()
            .text("_csrf", staff.csrf())
            .text("name_0", "นายสมศักดิ์ ใจดี")
            .text("title_0", "ผู้ว่าราชการจังหวัดอุดรธานี")
            .text("name_1", "นางกิ๊บ ฤทธิ์เดช")
            .text("title_1", "วัฒนธรรมจังหวัดอุดรธานี")
            .part(
                "signature_0",
                reqwest::multipart::Part::bytes(file).file_name(name),
            );
        staff
            .http
            .post(staff.url(&format!("/p/41/events/{id}/artwork?_csrf={}", staff.csrf())))
            .multipart(form)
            .send()
    };
    let bad = upload(b"GIF89a not a png".to_vec(), "sign.gif")
        .await
        .unwrap();
    assert_eq!(bad.status(), 422);
    assert!(body(bad).await.contains("ต้องเป็นภาพ PNG หรือ JPEG"));
    // A big scan is scaled down to what a certificate prints.
    let good = upload(png(2400, 900), "sign.png").await.unwrap();
    assert_eq!(good.status(), 303);
    let page = body(staff.get(&format!("/p/41/events/{id}/certificates")).await).await;
    assert!(
        !page.contains("ยังไม่มีภาพลายมือชื่อของ นายสมศักดิ์"),
        "the first has a signature"
    );
    assert!(
        page.contains("ยังไม่มีภาพลายมือชื่อของ นางกิ๊บ ฤทธิ์เดช"),
        "the second is warned about"
    );
    let preview = staff
        .get(&format!("/p/41/events/{id}/certificates/preview.pdf"))
        .await;
    assert_eq!(preview.status(), 200);
    let preview = preview.bytes().await.unwrap();
    assert!(preview.starts_with(b"%PDF-"));
    assert!(preview.len() < 100 * 1024, "{} bytes", preview.len());

    // Template errors name their line and save nothing; a good template is saved.
    let broken = staff
        .post(
            "/p/41/certificate-template",
            &[("action", "save"), ("source", "= #name\r\n\r\n#nme\r\n")],
        )
        .await;
    assert_eq!(broken.status(), 422);
    let text = body(broken).await;
    assert!(
        text.contains("บรรทัด 3") && text.contains("unknown variable"),
        "line named"
    );
    let editor = body(staff.get("/p/41/certificate-template").await).await;
    assert!(editor.contains("แม่แบบมาตรฐาน"), "nothing saved");
    let saved = staff
        .post(
            "/p/41/certificate-template",
            &[
                ("action", "save"),
                (
                    "source",
                    "#set page(flipped: true)\n= #exact(name)\n#qr-code()\n",
                ),
            ],
        )
        .await;
    assert_eq!(saved.status(), 200);
    assert!(body(saved).await.contains("บันทึกแล้ว"));
    let preview = staff
        .post(
            "/p/41/certificate-template",
            &[("action", "preview"), ("source", "#name")],
        )
        .await;
    assert_eq!(preview.headers()["content-type"], "application/pdf");
    let empty = staff
        .post(
            "/p/41/certificate-template",
            &[("action", "save"), ("source", "  ")],
        )
        .await;
    assert_eq!(empty.status(), 422);
}
