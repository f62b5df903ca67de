//! Redirects stay on this site, errors answer in the reader's language (JSON for the API),
//! CSRF tokens belong to one session, and every answer carries the security headers.

mod common;

use common::{Client, location, spawn, spawn_with};

/// What `next=` carries once the query string is decoded: `next=/%09/evil.example` arrives as
/// a tab, `next=/%0a/x` as a newline, which browsers drop from a URL.
const TRICKS: &[&str] = &[
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/x",
    "//evil.example",
    "/\\evil.example",
    "https://evil.example/",
    " //evil.example",
];

#[tokio::test]
async fn next_parameters_stay_on_this_site() {
    let app = spawn().await;
    let c = Client::new(&app);
    for trick in TRICKS {
        for page in ["/lang/en", "/font/large"] {
            let r = c
                .http
                .get(c.url(page))
                .query(&[("next", trick)])
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 303, "{page} next={trick:?}");
            assert_eq!(location(&r), "/", "{page} next={trick:?}");
        }
        let r = c
            .http
            .get(c.url("/login"))
            .query(&[("next", trick)])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "/login next={trick:?}");
        assert!(
            r.text().await.unwrap().contains(r#"name="next" value="/""#),
            "/login next={trick:?}"
        );
    }
    let literal = c
        .http
        .get(c.url("/lang/th"))
        .query(&[("next", "/%0a/x")])
        .send()
        .await
        .unwrap();
    assert_eq!(
        location(&literal),
        "/%0a/x",
        "an encoded newline is a path on this site"
    );
    let r = c
        .http
        .get(c.url("/lang/th"))
        .query(&[("next", "/p/41/orgs?page=2")])
        .send()
        .await
        .unwrap();
    assert_eq!(location(&r), "/p/41/orgs?page=2");
    let r = c
        .post(
            "/login",
            &[
                ("email", "secretariat@demo.example"),
                ("password", "demo-secretariat-2565"),
                ("next", "/\t/evil.example"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/");
}

#[tokio::test]
async fn error_pages_follow_the_chosen_language() {
    let app = spawn().await;
    let c = Client::new(&app);
    let thai = c.get("/no-such-page").await;
    assert_eq!(thai.status(), 404);
    let thai = thai.text().await.unwrap();
    assert!(thai.contains("ไม่พบหน้าที่ต้องการ"));
    assert!(thai.contains(r#"<html lang="th">"#));
    c.get("/lang/en").await;
    let english = c.get("/no-such-page").await.text().await.unwrap();
    assert!(english.contains("Page not found"), "{english}");
    assert!(english.contains(r#"<html lang="en">"#));
    assert!(
        !english.contains("ไม่พบ"),
        "Thai in the English page: {english}"
    );
    let login = c.get("/login").await.text().await.unwrap();
    assert!(
        login.contains("Secretariat, Udon Thani"),
        "demo roles in English"
    );
    assert!(!login.contains("เลขานุการ อุดรธานี"));
    let signed_in = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let forbidden = signed_in.get("/provinces").await;
    assert_eq!(forbidden.status(), 403);
    assert!(forbidden.text().await.unwrap().contains("ไม่มีสิทธิ์เข้าถึง"));
}

#[tokio::test]
async fn the_api_answers_errors_in_json() {
    let app = spawn().await;
    let c = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    for (path, status) in [
        ("/api/v1/provinces/41/people/abc", 400),
        ("/api/v1/provinces/41/organizations?page=x", 400),
        ("/api/v1/provinces/41/no-such-thing", 404),
        ("/api/v1/provinces/41/people/999999", 404),
    ] {
        let r = c.get(path).await;
        assert_eq!(r.status(), status, "{path}");
        let kind = r.headers()["content-type"].to_str().unwrap().to_string();
        assert!(kind.starts_with("application/json"), "{path}: {kind}");
        let body: serde_json::Value = r.json().await.unwrap();
        assert!(body["error"]["th"].is_string(), "{path}: {body}");
        assert!(body["error"]["en"].is_string(), "{path}: {body}");
    }
}

#[tokio::test]
async fn a_csrf_token_belongs_to_one_session() {
    let app = spawn().await;
    let c = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let planted = c.cookie_csrf();
    assert!(!planted.is_empty());
    let r = c
        .http
        .post(c.url("/p/41/orgs"))
        .form(&[("_csrf", planted.as_str()), ("name", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403, "the cookie's token is not the session's");
    let r = c.post("/p/41/orgs", &[("name", "")]).await;
    assert_eq!(
        r.status(),
        422,
        "the page's token passes and the form is checked"
    );
    let other = Client::login(&app, "admin@demo.example", "demo-admin-2565").await;
    let r = c
        .http
        .post(c.url("/p/41/orgs"))
        .form(&[("_csrf", other.csrf().as_str()), ("name", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403, "another session's token does not pass");
}

#[tokio::test]
async fn every_answer_carries_the_security_headers() {
    let plain = spawn().await;
    let tls = spawn_with(|state| state.settings().secure_cookies = true).await;
    for (app, behind_tls) in [(&plain, false), (&tls, true)] {
        let c = Client::new(app);
        for path in ["/login", "/no-such-page", "/healthz"] {
            let r = c.get(path).await;
            let h = r.headers();
            assert!(h.contains_key("permissions-policy"), "{path}");
            assert_eq!(h["cross-origin-opener-policy"], "same-origin", "{path}");
            assert_eq!(
                h.contains_key("strict-transport-security"),
                behind_tls,
                "{path}"
            );
        }
    }
}

/// A few hundred bytes of JPEG whose header claims 65,535 × 65,535 pixels.
fn jpeg_bomb() -> Vec<u8> {
    let image = image::RgbImage::from_pixel(8, 8, image::Rgb([200, 30, 30]));
    let mut out = std::io::Cursor::new(Vec::new());
    image.write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
    let mut bytes = out.into_inner();
    let sof = bytes.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
    bytes[sof + 5..sof + 9].copy_from_slice(&[0xFF, 0xFF, 0xFF, 0xFF]);
    bytes
}

#[tokio::test]
async fn image_bombs_are_refused_before_anything_decodes_them() {
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
    let bomb = jpeg_bomb();
    assert!(bomb.len() < 2_000);
    for field in ["logo", "signature_0"] {
        let form = reqwest::multipart::Form::new().part(
            field,
            reqwest::multipart::Part::bytes(bomb.clone()).file_name("bomb.jpg"),
        );
        let r = staff
            .http
            .post(staff.url(&format!("/p/41/events/{id}/artwork?_csrf={}", staff.csrf())))
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422, "{field}");
        let page = r.text().await.unwrap();
        assert!(page.contains("65535 × 65535"), "{field}: {page}");
    }
    let r = staff
        .http
        .post(staff.url(&format!("/api/v1/provinces/41/events/{id}/decode")))
        .header("content-type", "image/jpeg")
        .header("x-csrf-token", staff.csrf())
        .body(bomb)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let body: serde_json::Value = r.json().await.unwrap();
    assert!(
        body["error"]["en"].as_str().unwrap().contains("65535"),
        "{body}"
    );
    assert_eq!(staff.get("/healthz").await.status(), 200);
}

#[tokio::test]
async fn removing_a_logo_that_is_not_there_changes_nothing() {
    let app = spawn().await;
    let staff = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let audit_total = || async {
        sermphalang_store::audit::list(&app.db.db, None, sermphalang_store::PageRequest::new(None))
            .await
            .unwrap()
            .total
    };
    let before = audit_total().await;
    let events = sermphalang_store::training::event::list(&app.db.db, 41)
        .await
        .unwrap();
    let id = events[0].id;
    let r = staff
        .post(&format!("/p/41/events/{id}/logos/987654/remove"), &[])
        .await;
    assert_eq!(r.status(), 404);
    assert_eq!(
        audit_total().await,
        before,
        "no audit entry for nothing removed"
    );
}

/// A one-page PDF with a correct cross-reference table; `open_action` is added to its
/// catalogue when given.
fn small_pdf(open_action: Option<&str>) -> Vec<u8> {
    let action = open_action
        .map(|a| format!(" /OpenAction {a}"))
        .unwrap_or_default();
    let objects = [
        format!("<< /Type /Catalog /Pages 2 0 R{action} >>"),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>".to_string(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

#[tokio::test]
async fn appointment_orders_must_be_whole_pdfs_without_scripts_and_download_as_files() {
    let app = spawn().await;
    let staff = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let create = |pdf: Vec<u8>| {
        let form = reqwest::multipart::Form::new()
            .text("name", "คณะทำงานทดสอบ")
            .text("order_number", "1/2567")
            .text("order_date", "1/10/2566")
            .part(
                "order_file",
                reqwest::multipart::Part::bytes(pdf).file_name("order.pdf"),
            );
        staff
            .http
            .post(staff.url(&format!("/p/41/groups?_csrf={}", staff.csrf())))
            .multipart(form)
            .send()
    };
    let whole = small_pdf(None);
    let cases = [
        (whole[..whole.len() / 2].to_vec(), "truncated"),
        (
            small_pdf(Some("<< /S /JavaScript /JS (app.alert(1)) >>")),
            "JavaScript",
        ),
        (small_pdf(Some("<< /S /Launch /F (calc.exe) >>")), "Launch"),
    ];
    for (pdf, what) in cases {
        let r = create(pdf).await.unwrap();
        assert_eq!(r.status(), 422, "{what}");
        assert!(
            r.text().await.unwrap().contains("ไฟล์คำสั่งต้องเป็น PDF"),
            "{what}"
        );
    }
    let r = create(whole.clone()).await.unwrap();
    assert_eq!(r.status(), 303);
    let id = location(&r).rsplit('/').next().unwrap().to_string();
    let file = staff.get(&format!("/p/41/groups/{id}/order")).await;
    assert_eq!(file.status(), 200);
    assert!(
        file.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment"),
        "uploaded files are downloaded, never shown inline"
    );
    assert_eq!(file.bytes().await.unwrap().to_vec(), whole);
}

#[tokio::test]
async fn methods_no_route_uses_are_refused_with_405_before_anything_else() {
    let app = common::spawn().await;
    let c = reqwest::Client::new();
    for method in ["PUT", "DELETE", "PATCH", "TRACE"] {
        let r = c
            .request(
                reqwest::Method::from_bytes(method.as_bytes()).unwrap(),
                format!("{}/api/v1/provinces", app.base),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 405, "{method}");
        assert_eq!(r.headers()["allow"], "GET, HEAD, POST");
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(
            body["error"]["en"], "Method not allowed",
            "JSON under /api/"
        );
    }
}

#[tokio::test]
async fn static_files_are_linked_by_content_hash_and_kept_for_a_year() {
    let app = spawn().await;
    let c = Client::new(&app);
    let page = c.page("/news").await;
    let css = page
        .split("href=\"")
        .filter_map(|s| s.split('"').next())
        .find(|h| h.starts_with("/static/app.") && h.ends_with(".css"))
        .expect("the page links the stylesheet")
        .to_string();
    assert_ne!(css, "/static/app.css", "linked by its hash");
    let r = c.get(&css).await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let sheet = r.text().await.unwrap();
    let font = sheet
        .split("url(\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("the stylesheet names a font")
        .to_string();
    assert!(
        font.starts_with("/static/sarabun-400.") && font != "/static/sarabun-400.ttf",
        "the stylesheet names its fonts by hash too: {font}"
    );
    let font = c.get(&font).await;
    assert_eq!(font.status(), 200);
    assert_eq!(font.headers()["content-type"], "font/ttf");
    assert!(
        font.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    for stale in ["/static/app.css", "/static/app.0000000000.css"] {
        let r = c.get(stale).await;
        assert_eq!(r.status(), 200, "{stale}: an old link still gets the file");
        assert_eq!(
            r.headers()["cache-control"],
            "public, max-age=300",
            "{stale}"
        );
        assert_eq!(r.text().await.unwrap(), sheet);
    }
    assert_eq!(c.get("/static/nothing.0000000000.js").await.status(), 404);
}
