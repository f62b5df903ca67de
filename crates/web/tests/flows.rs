//! Whole requests through the running app: sign-in, CSRF, bad input, imports, API, operations.

mod common;

use common::{Client, location, spawn};

#[tokio::test]
async fn unsafe_requests_need_the_csrf_token() {
    let app = spawn().await;
    let c = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let no_token = c
        .http
        .post(c.url("/p/41/orgs"))
        .form(&[("name", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(no_token.status(), 403);
    let wrong = c
        .http
        .post(c.url("/p/41/orgs"))
        .form(&[("_csrf", "forged"), ("name", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 403);
    let cross = c
        .http
        .post(c.url("/p/41/orgs"))
        .header("sec-fetch-site", "cross-site")
        .form(&[("_csrf", c.csrf().as_str()), ("name", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(cross.status(), 403);
}

#[tokio::test]
async fn sign_in_is_rate_limited_and_cookies_are_strict() {
    let app = spawn().await;
    let c = Client::new(&app);
    let page = c.get("/login").await;
    let set_cookie = page
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Strict"),
        "{set_cookie}"
    );
    assert!(page.headers().get("content-security-policy").is_some());
    for _ in 0..5 {
        let r = c
            .post(
                "/login",
                &[
                    ("email", "member@demo.example"),
                    ("password", "wrong password"),
                ],
            )
            .await;
        assert_eq!(r.status(), 401);
        assert!(r.text().await.unwrap().contains("อีเมลหรือรหัสผ่านไม่ถูกต้อง"));
    }
    let r = c
        .post(
            "/login",
            &[
                ("email", "member@demo.example"),
                ("password", "demo-member-2565"),
            ],
        )
        .await;
    assert_eq!(
        r.status(),
        429,
        "even the right password waits after five failures"
    );
    let other = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    assert_eq!(other.get("/p/41").await.status(), 200);
}

#[tokio::test]
async fn bad_input_names_each_field_and_saves_nothing() {
    let app = spawn().await;
    let c = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let before = c.get("/p/41/orgs").await.text().await.unwrap();
    let r = c
        .post(
            "/p/41/orgs",
            &[
                ("name", " "),
                ("kind", "castle"),
                ("district", "1001"),
                ("email", "nope"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    for text in [
        "กรุณากรอกชื่อหน่วยงาน",
        "กรุณาเลือกประเภทหน่วยงาน",
        "ไม่พบอำเภอ",
        "nope&#34; ไม่ถูกต้อง",
    ] {
        assert!(body.contains(text), "missing {text}");
    }
    assert_eq!(
        c.get("/p/41/orgs").await.text().await.unwrap().len(),
        before.len()
    );

    let tricky = "<script>alert('x')</script> ชมรม \"คนดี\"";
    let r = c
        .post(
            "/p/41/orgs",
            &[
                ("name", tricky),
                ("kind", "community"),
                ("sectors", "community"),
                ("sectors", "media"),
                ("district", "4119"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let page = c.get(&location(&r)).await.text().await.unwrap();
    assert!(!page.contains("<script>alert"), "markup must be escaped");
    assert!(
        page.contains("&#60;script&#62;alert(&#39;x&#39;)&#60;/script&#62;"),
        "the name is shown as typed, escaped"
    );
    assert!(page.contains("ภาคสื่อมวลชน") && page.contains("เพ็ญ"));
    let audit = c.get("/p/41/audit").await.text().await.unwrap();
    assert!(audit.contains("secretariat@demo.example"));
}

#[tokio::test]
async fn coordinators_change_only_their_network() {
    let app = spawn().await;
    let c = Client::login(&app, "coordinator@demo.example", "demo-coordinator-2565").await;
    let r = c
        .post(
            "/p/41/orgs",
            &[
                ("name", "บริษัททดสอบ จำกัด"),
                ("kind", "company"),
                ("sectors", "private"),
                ("district", "4101"),
            ],
        )
        .await;
    assert_eq!(r.status(), 403);
    let r = c
        .post(
            "/p/41/orgs",
            &[
                ("name", "วัดทดสอบ"),
                ("kind", "religious"),
                ("sectors", "religion"),
                ("district", "4101"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
}

#[tokio::test]
async fn a_bad_spreadsheet_is_previewed_and_nothing_is_imported() {
    let app = spawn().await;
    let c = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let csv = "ชื่อหน่วยงาน,ประเภท,ภาคีเครือข่าย,อำเภอ\nชมรมใหม่,ชุมชน,ภาคชุมชน/ประชาสังคม,เมืองอุดรธานี\n,ชุมชน,community,4101\nชมรมสอง,ชุมชน,community,อำเภอที่ไม่มี\n";
    let upload = |name: &'static str, bytes: Vec<u8>, kind: &'static str| {
        reqwest::multipart::Form::new().text("kind", kind).part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name(name),
        )
    };
    let url = c.url(&format!("/p/41/import?_csrf={}", c.csrf()));
    let r = c
        .http
        .post(&url)
        .multipart(upload("orgs.csv", csv.as_bytes().to_vec(), "organizations"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains("กรุณากรอกชื่อหน่วยงาน"), "row 3 is named");
    assert!(body.contains("อำเภอที่ไม่มี"), "row 4 is named");
    assert!(!body.contains("ยืนยันนำเข้า"));
    let r = c
        .http
        .post(&url)
        .multipart(upload(
            "photo.pdf",
            b"%PDF-1.4 not a sheet".to_vec(),
            "people",
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("ไฟล์มีปัญหา"));
    let list = c.get("/p/41/orgs?q=ชมรมใหม่").await.text().await.unwrap();
    assert!(list.contains("ไม่พบรายการ"), "nothing was imported");

    let good = "ชื่อหน่วยงาน,ประเภท,ภาคีเครือข่าย,อำเภอ\nชมรมใหม่,ชุมชน,ภาคชุมชน/ประชาสังคม,เมืองอุดรธานี\n";
    let r = c
        .http
        .post(&url)
        .multipart(upload(
            "orgs.csv",
            good.as_bytes().to_vec(),
            "organizations",
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let body = r.text().await.unwrap();
    let batch = body
        .split("/p/41/import/")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let r = c.post(&format!("/p/41/import/{batch}"), &[]).await;
    assert_eq!(r.status(), 303);
    assert!(
        c.get("/p/41/orgs?q=ชมรมใหม่")
            .await
            .text()
            .await
            .unwrap()
            .contains("ชมรมใหม่")
    );
}

#[tokio::test]
async fn exports_round_trip_through_the_importer() {
    let app = spawn().await;
    let c = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let r = c.get("/p/41/orgs/export?network=religion").await;
    assert_eq!(r.status(), 200);
    let bytes = r.bytes().await.unwrap();
    let sheet = sermphalang_documents::read_sheet("orgs.xlsx", &bytes).unwrap();
    assert_eq!(sheet.headers[0], "ชื่อหน่วยงาน");
    assert!(sheet.rows.len() >= 5);
    assert!(sheet.rows.iter().all(|r| r[2].contains("ภาคศาสนา")));
    let csv = c
        .get("/p/41/people/export?format=csv")
        .await
        .bytes()
        .await
        .unwrap();
    assert!(
        csv.starts_with(b"\xef\xbb\xbf"),
        "CSV carries a BOM for Excel"
    );
}

#[tokio::test]
async fn errors_are_calm_pages_and_the_api_answers_json() {
    let app = spawn().await;
    let anon = Client::new(&app);
    let r = anon.get("/no/such/page").await;
    assert_eq!(r.status(), 404);
    let body = r.text().await.unwrap();
    assert!(body.contains("ไม่พบหน้าที่ต้องการ") && !body.contains("Page not found"));
    let r = anon.get("/api/v1/provinces/41/organizations").await;
    assert_eq!(r.status(), 401);
    let json: serde_json::Value = r.json().await.unwrap();
    assert_eq!(json["error"]["en"], "Sign in first");
    let doc: serde_json::Value = anon.get("/api/v1/openapi.json").await.json().await.unwrap();
    assert!(doc["paths"]["/api/v1/provinces/{province}/organizations"]["get"].is_object());
    let c = Client::login(&app, "member@demo.example", "demo-member-2565").await;
    let page: serde_json::Value = c
        .get("/api/v1/provinces/41/organizations?network=education")
        .await
        .json()
        .await
        .unwrap();
    assert!(page["total"].as_i64().unwrap() >= 5);
    assert!(
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["networks"].to_string().contains("education"))
    );
    let metrics = anon.page("/metrics").await;
    assert!(
        metrics.contains("sermphalang_http_requests_total"),
        "{metrics}"
    );
    assert_eq!(anon.page("/healthz").await, "ok");
}

#[tokio::test]
async fn readyz_waits_for_a_background_load_while_healthz_answers() {
    let ready = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let flag = ready.clone();
    let app = common::spawn_with(move |state| {
        state.settings().ready = flag;
    })
    .await;
    let anon = Client::new(&app);
    assert!(anon.page("/readyz").await.contains(r#""ready":true"#));
    ready.store(false, std::sync::atomic::Ordering::SeqCst);
    let r = anon.get("/readyz").await;
    assert_eq!(r.status(), 503);
    let body = r.text().await.unwrap();
    assert!(body.contains("loading"), "{body}");
    assert_eq!(anon.page("/healthz").await, "ok", "alive while loading");
    ready.store(true, std::sync::atomic::Ordering::SeqCst);
    assert!(anon.page("/readyz").await.contains(r#""ready":true"#));
}

#[tokio::test]
async fn the_interface_switches_language_and_text_size() {
    let app = spawn().await;
    let c = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let th = c.get("/p/41").await.text().await.unwrap();
    assert!(
        th.contains("lang=\"th\"") && th.contains("ภาพรวมจังหวัดคุณธรรม") && th.contains("fs-normal")
    );
    assert_eq!(c.get("/lang/en?next=/p/41").await.status(), 303);
    assert_eq!(c.get("/font/large?next=//evil.example").await.status(), 303);
    let en = c.get("/p/41").await.text().await.unwrap();
    assert!(
        en.contains("lang=\"en\"")
            && en.contains("Moral Province dashboard")
            && en.contains("fs-large")
    );
    let group = c.get("/p/41/groups").await.text().await.unwrap();
    assert!(group.contains("Dec 2021"), "English dates in C.E.");
    c.get("/lang/th").await;
    let group = c.get("/p/41/groups").await.text().await.unwrap();
    assert!(group.contains("ธ.ค. 2564"), "Thai dates in B.E.");
    let id = group
        .split("/p/41/groups/")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap())
        .find(|id| id.chars().all(|c| c.is_ascii_digit()))
        .unwrap();
    let page = c
        .get(&format!("/p/41/groups/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("20 ธันวาคม 2564") && page.contains("ปีงบประมาณ 2565"),
        "long date and fiscal year"
    );
}

#[tokio::test]
async fn malformed_requests_and_large_uploads_get_calm_pages() {
    let app = spawn().await;
    let c = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let r = c.get("/p/41/orgs/not-a-number").await;
    assert_eq!(r.status(), 400);
    let body = r.text().await.unwrap();
    assert!(
        body.contains("คำขอไม่ถูกต้อง") && !body.contains("Invalid URL"),
        "{body}"
    );

    let big = vec![b'a'; 11 * 1024 * 1024];
    let form = reqwest::multipart::Form::new()
        .text("kind", "organizations")
        .part(
            "file",
            reqwest::multipart::Part::bytes(big).file_name("big.csv"),
        );
    let url = c.url(&format!("/p/41/import?_csrf={}", c.csrf()));
    let r = c.http.post(&url).multipart(form).send().await.unwrap();
    assert_eq!(
        r.status(),
        422,
        "an 11 MB file reaches the importer and is refused there"
    );
    let body = r.text().await.unwrap();
    assert!(
        body.contains("10 MB"),
        "{}",
        body.split("<main").nth(1).unwrap_or_default()
    );

    let huge = vec![b'a'; 13 * 1024 * 1024];
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(huge).file_name("huge.csv"),
    );
    let r = c.http.post(&url).multipart(form).send().await;
    if let Ok(r) = r {
        assert_eq!(r.status(), 413);
        let headers = format!("{:?}", r.headers());
        let body = r.text().await.unwrap();
        assert!(body.contains("10 MB"), "{headers} {body}");
    }
}

#[tokio::test]
async fn the_secretariat_answers_data_requests_and_erasures() {
    let app = spawn().await;
    let c = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let list = c.get("/p/41/people").await.text().await.unwrap();
    let ids: Vec<String> = list
        .split("/p/41/people/")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().to_string())
        .filter(|id| id.chars().all(|c| c.is_ascii_digit()))
        .collect();
    let id = ids[0].clone();
    let data = c.get(&format!("/p/41/people/{id}/data")).await;
    assert_eq!(data.status(), 200);
    let json: serde_json::Value = data.json().await.unwrap();
    assert_eq!(json["person"]["id"].to_string(), id);
    let r = c.post(&format!("/p/41/people/{id}/erase"), &[]).await;
    assert_eq!(r.status(), 422, "erasure needs the confirmation");
    assert!(r.text().await.unwrap().contains("กรุณาทำเครื่องหมายยืนยันก่อนลบ"));
    assert_eq!(c.get(&format!("/p/41/people/{id}")).await.status(), 200);
    let r = c
        .post(&format!("/p/41/people/{id}/erase"), &[("confirm", "yes")])
        .await;
    assert_eq!(r.status(), 303);
    assert!(
        c.get(&location(&r))
            .await
            .text()
            .await
            .unwrap()
            .contains("ลบข้อมูลบุคคลแล้ว")
    );
    assert_eq!(c.get(&format!("/p/41/people/{id}")).await.status(), 404);
    let member = Client::login(&app, "member@demo.example", "demo-member-2565").await;
    assert_eq!(
        member
            .get(&format!("/p/41/people/{}/data", ids[1]))
            .await
            .status(),
        403
    );
}

/// Every link or button whose accessible name is set by `aria-label` says its visible text
/// too (WCAG 2.5.3, label in name), so people who speak to their browser can name it.
#[tokio::test]
async fn labelled_controls_keep_their_visible_text_in_their_name() {
    let app = spawn().await;
    let c = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let mut checked = 0;
    for path in ["/p/41", "/p/41/orgs", "/login"] {
        let page = c.get(path).await.text().await.unwrap();
        for tag in page
            .split("<a ")
            .skip(1)
            .chain(page.split("<button ").skip(1))
        {
            let Some(label) = tag
                .split("aria-label=\"")
                .nth(1)
                .filter(|_| tag.find("aria-label") < tag.find('>'))
                .and_then(|l| l.split('"').next())
            else {
                continue;
            };
            let visible = tag
                .split_once('>')
                .and_then(|(_, rest)| rest.split('<').next())
                .unwrap_or_default()
                .trim();
            if visible.is_empty() {
                continue;
            }
            assert!(
                label.contains(visible),
                "{path}: \"{visible}\" is named \"{label}\""
            );
            checked += 1;
        }
    }
    assert!(checked >= 3, "only {checked} labelled controls found");
}

#[tokio::test]
async fn the_menu_marks_the_current_section() {
    let app = spawn().await;
    let c = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let current = |page: &str| -> Vec<String> {
        page.split("aria-current=\"page\">")
            .skip(1)
            .map(|rest| rest.split('<').next().unwrap_or_default().to_string())
            .collect()
    };
    let home = c.get("/p/41").await.text().await.unwrap();
    assert_eq!(
        current(&home),
        vec![String::new()],
        "the province link (its name is in <strong>)"
    );
    let orgs = c.get("/p/41/orgs?page=2").await.text().await.unwrap();
    assert_eq!(current(&orgs), vec!["หน่วยงาน/องค์กร".to_string()]);
    let event = c.get("/p/41/events/new").await.text().await.unwrap();
    assert_eq!(current(&event).len(), 1);
    assert!(event.contains(r#"href="/p/41/events" aria-current="page""#));
}

/// What real offices' files look like: other header words, the office's own kind words,
/// phones with extensions, dashes, Thai and full-width digits or lost leading zeros, names
/// with invisible characters, a decomposed sara am and doubled spaces, and a blank row.
#[tokio::test]
async fn real_offices_files_import_as_they_are() {
    let app = spawn().await;
    let c = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let csv = "ชื่อองค์กร,ประเภทหน่วยงาน,ภาคส่วน,อำเภอ,เบอร์โทร,หมายเหตุ\n\
               ชมรม\u{200B}น\u{0E4D}\u{0E32}ใจ  บ้านเชียง,ชมรม,ชุมชน,หนองหาน,042-000-100 ต่อ 12,\n\
               โรงเรียนบ้านหนองบัว,โรงเรียน,การศึกษา,เมืองอุดรธานี,๐๔๒–๒๔๑–๑๒๓,\n\
               ,,,,,\n\
               บริษัท ทดสอบ จำกัด,บริษัท,เอกชน,4101,812345678,\n\
               วัดทดสอบ,ปราสาท,ศาสนา,4101,０８１－２３４－５６７８,\n";
    let form = reqwest::multipart::Form::new()
        .text("kind", "organizations")
        .part(
            "file",
            reqwest::multipart::Part::bytes(csv.as_bytes().to_vec()).file_name("สำนักงาน.csv"),
        );
    let url = c.url(&format!("/p/41/import?_csrf={}", c.csrf()));
    let r = c.http.post(&url).multipart(form).send().await.unwrap();
    assert_eq!(r.status(), 422, "the unknown kind stops the import");
    let page = r.text().await.unwrap();
    assert!(page.contains("ระบบอ่านหัวคอลัมน์ดังนี้"));
    assert!(page.contains("“ภาคส่วน” → ภาคีเครือข่าย"), "{page}");
    assert!(page.contains("“หมายเหตุ” → <span class=\"muted\">ไม่ใช้"));
    assert!(page.contains("ไม่รู้จักประเภท &#34;ปราสาท&#34;"), "{page}");
    let bad_rows: Vec<&str> = page
        .split("<tr class=\"bad\"><td data-label=\"แถว\">")
        .skip(1)
        .map(|r| r.split('<').next().unwrap())
        .collect();
    assert_eq!(
        bad_rows,
        ["6"],
        "the row number Excel shows, the blank row counted"
    );

    let fixed = csv.replace("ปราสาท", "วัด");
    let form = reqwest::multipart::Form::new()
        .text("kind", "organizations")
        .part(
            "file",
            reqwest::multipart::Part::bytes(fixed.into_bytes()).file_name("สำนักงาน.csv"),
        );
    let r = c.http.post(&url).multipart(form).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let page = r.text().await.unwrap();
    let batch = page
        .split("/p/41/import/")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    assert_eq!(
        c.post(&format!("/p/41/import/{batch}"), &[]).await.status(),
        303
    );
    let db = &app.db.db;
    let filter = sermphalang_store::registry::org::OrgFilter::default();
    let all = sermphalang_store::registry::org::list_full(db, 41, &filter)
        .await
        .unwrap();
    let find = |name: &str| {
        all.iter()
            .find(|o| o.name == name)
            .unwrap_or_else(|| panic!("{name} not imported"))
    };
    let club = find("ชมรมน\u{0E33}ใจ บ้านเชียง");
    assert_eq!(club.phone, "042-000-100 ต่อ 12");
    assert_eq!(
        club.kind,
        sermphalang_domain::registry::OrgKind::CivilSociety
    );
    assert_eq!(find("โรงเรียนบ้านหนองบัว").phone, "042-241-123");
    assert_eq!(find("บริษัท ทดสอบ จำกัด").phone, "0812345678");
    assert_eq!(find("วัดทดสอบ").phone, "081-234-5678");
}

#[tokio::test]
async fn the_audit_log_reads_as_words_and_narrows_by_who_kind_and_day() {
    let app = spawn().await;
    let staff = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let made = staff
        .post(
            "/p/41/orgs",
            &[
                ("name", "ชมรมผู้สูงอายุบ้านเชียง"),
                ("kind", "community"),
                ("sectors", "community"),
                ("district", "4117"),
                ("phone", "042-111-222"),
            ],
        )
        .await;
    assert_eq!(made.status(), 303);
    let at = location(&made);
    let edited = staff
        .post(
            &at,
            &[
                ("name", "ชมรมผู้สูงอายุบ้านเชียง"),
                ("kind", "community"),
                ("sectors", "community"),
                ("district", "4117"),
                ("phone", "042-999-888"),
            ],
        )
        .await;
    assert_eq!(edited.status(), 303);

    let log = staff.page("/p/41/audit?kind=organization").await;
    assert!(log.contains("ชมรมผู้สูงอายุบ้านเชียง"), "the record's name");
    assert!(log.contains(&format!("href=\"{at}\"")));
    assert!(log.contains("สิ่งที่เปลี่ยน"));
    assert!(
        log.contains("042-111-222") && log.contains("042-999-888"),
        "before and after"
    );
    assert!(!log.contains("{&quot;"), "no raw JSON");
    let people = staff.page("/p/41/audit?kind=person").await;
    assert!(!people.contains("ชมรมผู้สูงอายุบ้านเชียง"), "only people");
    let someone_else = staff
        .page("/p/41/audit?who=coordinator%40demo.example")
        .await;
    assert!(
        !someone_else.contains("ชมรมผู้สูงอายุบ้านเชียง"),
        "only what they did"
    );
    let today = sermphalang_thai::today_in_thailand();
    let be = sermphalang_thai::format_input(today);
    let this_day = staff
        .page(&format!("/p/41/audit?kind=organization&from={be}&to={be}"))
        .await;
    assert!(
        this_day.contains("ชมรมผู้สูงอายุบ้านเชียง"),
        "today, in Thailand's time"
    );
    let tomorrow = sermphalang_thai::format_input(today.succ_opt().unwrap());
    let later = staff
        .page(&format!("/p/41/audit?kind=organization&from={tomorrow}"))
        .await;
    assert!(!later.contains("ชมรมผู้สูงอายุบ้านเชียง"));
    let all = staff.page("/p/41/audit").await;
    assert!(all.contains("ระบบ (อัตโนมัติ)"), "the demo's loader, in words");
    assert!(!all.contains(">system<") && !all.contains(">issue<") && !all.contains(">walk_in<"));
    let bad = staff.page("/p/41/audit?from=32/13/2567").await;
    assert!(bad.contains("อ่านวันที่ไม่ได้"));
}
