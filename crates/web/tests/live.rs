//! The live workshop over HTTP: joining, answering and every kind of bad input, through the
//! JSON API and the phone's form pages.

mod common;

use common::{Client, TestApp, spawn, spawn_with};
use serde_json::{Value, json};
use sermphalang_domain::evaluation::{CycleInput, Step};
use sermphalang_store::audit::Actor;
use sermphalang_store::evaluation::live::workshop::{self, Control};
use sermphalang_store::evaluation::{activity, cycle};

struct Room {
    code: String,
    cycle: i64,
}

/// A cycle at the rating step with two activities, a live session and its questions open.
async fn room(app: &TestApp, step: Step) -> Room {
    let db = &app.db.db;
    let actor = Actor::system();
    let input = CycleInput {
        name: "ห้องทดสอบ".into(),
        fiscal_year: 2567,
        held_on: None,
        network: None,
        organization: None,
        baseline: None,
        dots_per_person: 3,
        stacking: false,
        top_k: 2,
        anonymous: true,
        facilitators: Vec::new(),
    };
    let id = cycle::create(db, &actor, 41, &input).await.unwrap();
    let a = activity::add(db, &actor, 41, id, "กิจกรรมหนึ่ง")
        .await
        .unwrap();
    let b = activity::add(db, &actor, 41, id, "กิจกรรมสอง")
        .await
        .unwrap();
    activity::set_chosen(db, &actor, 41, id, &[a, b])
        .await
        .unwrap();
    cycle::set_step(db, &actor, 41, id, step).await.unwrap();
    let session = workshop::start(db, &actor, 41, id).await.unwrap();
    workshop::control(db, &actor, 41, id, step, None, Control::Open)
        .await
        .unwrap();
    Room {
        code: session.join_code,
        cycle: id,
    }
}

async fn join(c: &reqwest::Client, app: &TestApp, code: &str, name: &str) -> String {
    let r = c
        .post(format!("{}/api/v1/live/{code}/join", app.base))
        .json(&json!({ "display_name": name, "network": "media", "consent": true }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    r.json::<Value>().await.unwrap()["token"]
        .as_str()
        .unwrap()
        .to_string()
}

async fn state(c: &reqwest::Client, app: &TestApp, code: &str) -> Value {
    c.get(format!("{}/api/v1/live/{code}", app.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

async fn vote(
    c: &reqwest::Client,
    app: &TestApp,
    code: &str,
    token: &str,
    body: Value,
) -> reqwest::Response {
    c.post(format!("{}/api/v1/live/{code}/votes", app.base))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn ratings_through_the_api_and_their_bad_input() {
    let app = spawn().await;
    let c = reqwest::Client::new();
    let r = room(&app, Step::Rating).await;
    let token = join(&c, &app, &r.code, "สมศรี").await;
    let s = state(&c, &app, &r.code).await;
    assert_eq!(s["step"], "rating");
    let q = s["questions"][0]["id"].as_i64().unwrap();

    let ok = vote(
        &c,
        &app,
        &r.code,
        &token,
        json!({ "question": q, "kind": "rating", "rating": "7" }),
    )
    .await;
    assert_eq!(ok.status(), 200);
    assert!(ok.json::<Value>().await.unwrap()["at"].as_f64().unwrap() > 0.0);

    for bad in [json!("0"), json!("11"), json!("abc"), Value::Null] {
        let r = vote(
            &c,
            &app,
            &r.code,
            &token,
            json!({ "question": q, "kind": "rating", "rating": bad }),
        )
        .await;
        assert_eq!(r.status(), 422, "rating {bad}");
        let body: Value = r.json().await.unwrap();
        assert!(!body["error"]["th"].as_str().unwrap().is_empty());
        assert!(
            body["error"]["en"].as_str().unwrap().contains("1"),
            "{body}"
        );
    }
    let garbled = c
        .post(format!("{}/api/v1/live/{}/votes", app.base, r.code))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(garbled.status(), 422);

    let forged = vote(
        &c,
        &app,
        &r.code,
        "forged-token",
        json!({ "question": q, "kind": "rating", "rating": "5" }),
    )
    .await;
    assert_eq!(forged.status(), 401);

    let other = room(&app, Step::Rating).await;
    let foreign_q = state(&c, &app, &other.code).await["questions"][0]["id"]
        .as_i64()
        .unwrap();
    let wrong = vote(
        &c,
        &app,
        &r.code,
        &token,
        json!({ "question": foreign_q, "kind": "rating", "rating": "5" }),
    )
    .await;
    assert_eq!(wrong.status(), 404, "a vote for another session's question");
    let other_token = join(&c, &app, &other.code, "คนอื่น").await;
    let crossed = vote(
        &c,
        &app,
        &r.code,
        &other_token,
        json!({ "question": q, "kind": "rating", "rating": "5" }),
    )
    .await;
    assert_eq!(crossed.status(), 401, "a participant of another session");

    // Results stay hidden until revealed.
    let hidden: Value = c
        .get(format!("{}/api/v1/live/{}/results", app.base, r.code))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(hidden[0]["answered"], 1);
    assert!(hidden[0]["stats"].is_null());
    // The ratings went through the batch writer, which /metrics counts.
    let metrics = c
        .get(format!("{}/metrics", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let batches = metrics
        .lines()
        .find(|l| l.starts_with("sermphalang_live_write_batch_size_count{kind=\"ratings\"}"))
        .and_then(|l| l.rsplit(' ').next()?.parse::<u64>().ok());
    assert!(batches.is_some_and(|n| n >= 1), "{metrics}");
    let db = &app.db.db;
    workshop::control(
        db,
        &Actor::system(),
        41,
        r.cycle,
        Step::Rating,
        Some(q),
        Control::Close,
    )
    .await
    .unwrap();
    let closed = vote(
        &c,
        &app,
        &r.code,
        &token,
        json!({ "question": q, "kind": "rating", "rating": "8" }),
    )
    .await;
    assert_eq!(closed.status(), 409);
    assert_eq!(
        closed.json::<Value>().await.unwrap()["error"]["en"],
        "question closed"
    );
    workshop::control(
        db,
        &Actor::system(),
        41,
        r.cycle,
        Step::Rating,
        Some(q),
        Control::Reveal,
    )
    .await
    .unwrap();
    let shown: Value = c
        .get(format!("{}/api/v1/live/{}/results", app.base, r.code))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        shown[0]["stats"]["mean"], 7.0,
        "the closed question kept the vote before it closed"
    );

    workshop::end(db, &Actor::system(), 41, r.cycle)
        .await
        .unwrap();
    // Ended elsewhere (another instance, the store) while the phone's session is remembered:
    // the second question is still open, yet the ended session takes no answer.
    let other = s["questions"][1]["id"].as_i64().unwrap();
    let late = vote(
        &c,
        &app,
        &r.code,
        &token,
        json!({ "question": other, "kind": "rating", "rating": "5" }),
    )
    .await;
    assert!(
        [409, 410].contains(&late.status().as_u16()),
        "{}",
        late.status()
    );
    let gone = c
        .get(format!("{}/api/v1/live/{}", app.base, r.code))
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status(), 410);
    let unknown = c
        .get(format!("{}/api/v1/live/000000x", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);
}

#[tokio::test]
async fn dots_flooding_and_joining_rules() {
    let app = spawn().await;
    let c = reqwest::Client::new();
    let r = room(&app, Step::Dots).await;
    let refused = c
        .post(format!("{}/api/v1/live/{}/join", app.base, r.code))
        .json(&json!({ "display_name": "", "consent": false }))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    let token = join(&c, &app, &r.code, "นภาพร").await;
    let s = state(&c, &app, &r.code).await;
    let q = s["questions"][0]["id"].as_i64().unwrap();
    let acts: Vec<i64> = s["activities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .collect();
    let one = vote(
        &c,
        &app,
        &r.code,
        &token,
        json!({ "question": q, "kind": "dots", "activity": acts[0], "dots": 1 }),
    )
    .await;
    assert_eq!(one.json::<Value>().await.unwrap()["dots_left"], 2);
    let stacked = vote(
        &c,
        &app,
        &r.code,
        &token,
        json!({ "question": q, "kind": "dots", "activity": acts[1], "dots": 3 }),
    )
    .await;
    assert_eq!(stacked.status(), 422, "no stacking in this room");

    // One participant flooding is refused; another is not slowed.
    let mut statuses = Vec::new();
    for _ in 0..60 {
        statuses.push(
            vote(
                &c,
                &app,
                &r.code,
                &token,
                json!({ "question": q, "kind": "dots", "activity": acts[0], "dots": 1 }),
            )
            .await
            .status()
            .as_u16(),
        );
    }
    assert!(statuses.contains(&429), "a flood is refused");
    let calm = join(&c, &app, &r.code, "คนใจเย็น").await;
    let fine = vote(
        &c,
        &app,
        &r.code,
        &calm,
        json!({ "question": q, "kind": "dots", "activity": acts[1], "dots": 1 }),
    )
    .await;
    assert_eq!(fine.status(), 200);
}

#[tokio::test]
async fn phones_without_javascript_join_and_see_phrases_escaped() {
    let app = spawn().await;
    let r = room(&app, Step::Mission).await;
    let phone = Client::new(&app);
    let entry = phone.get(&format!("/j?code={}", r.code)).await;
    assert_eq!(entry.status(), 303);
    assert_eq!(phone.get(&format!("/j/{}", r.code)).await.status(), 200);
    let joined = phone
        .post(
            &format!("/j/{}", r.code),
            &[("display_name", "ครูพิมพ์ใจ"), ("consent", "on")],
        )
        .await;
    assert_eq!(joined.status(), 303);
    let page = phone
        .get(&format!("/j/{}", r.code))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("ครูพิมพ์ใจ"),
        "the room greets the participant by name"
    );
    let q = workshop::questions(&app.db.db, r.cycle).await.unwrap()[0]
        .id
        .to_string();
    let posted = phone
        .post(
            &format!("/j/{}/answer", r.code),
            &[
                ("question", &q),
                ("kind", "phrase"),
                ("text", "<script>alert(1)</script> คนดี"),
            ],
        )
        .await;
    assert_eq!(posted.status(), 303);
    let page = phone
        .get(&format!("/j/{}", r.code))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("&#60;script&#62;alert(1)&#60;/script&#62; คนดี"),
        "the phrase is shown, escaped"
    );
    assert!(!page.contains("<script>alert(1)"));
    let long = "ก".repeat(121);
    let too_long = phone
        .post(
            &format!("/j/{}/answer", r.code),
            &[("question", &q), ("kind", "phrase"), ("text", &long)],
        )
        .await;
    assert_eq!(too_long.status(), 422);
    assert!(too_long.text().await.unwrap().contains("ยาวเกิน 120 ตัวอักษร"));
    let unknown = phone.get("/j/999999x").await;
    assert_eq!(unknown.status(), 404);
    assert!(unknown.text().await.unwrap().contains("ไม่พบรหัสนี้"));
    workshop::end(&app.db.db, &Actor::system(), 41, r.cycle)
        .await
        .unwrap();
    let expired = phone.get(&format!("/j/{}", r.code)).await;
    assert_eq!(expired.status(), 404);
    assert!(expired.text().await.unwrap().contains("หมดอายุ"));
}

#[tokio::test]
async fn the_openapi_document_describes_the_live_endpoints() {
    let app = spawn().await;
    let doc: Value = reqwest::get(format!("{}/api/v1/openapi.json", app.base))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for path in [
        "/api/v1/live/{code}/join",
        "/api/v1/live/{code}",
        "/api/v1/live/{code}/votes",
        "/api/v1/live/{code}/results",
    ] {
        assert!(doc["paths"][path].is_object(), "{path}");
    }
    assert!(doc["components"]["securitySchemes"]["participant"].is_object());
}

#[tokio::test]
async fn the_cycle_workbook_downloads_while_the_session_is_live() {
    let app = spawn().await;
    let r = room(&app, Step::Rating).await;
    let secretariat =
        Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let xlsx = secretariat
        .get(&format!("/p/41/cycles/{}/report.xlsx", r.cycle))
        .await;
    assert_eq!(xlsx.status(), 200);
    assert!(
        xlsx.headers()["content-type"]
            .to_str()
            .unwrap()
            .contains("spreadsheetml")
    );
    let bytes = xlsx.bytes().await.unwrap();
    assert!(bytes.starts_with(b"PK"), "an .xlsx is a zip file");
    let demo = cycle::list(&app.db.db, 41).await.unwrap();
    let follow = demo.iter().find(|c| c.baseline_id.is_some()).unwrap();
    let full = secretariat
        .get(&format!("/p/41/cycles/{}/report.xlsx", follow.id))
        .await;
    assert_eq!(full.status(), 200);
    assert!(full.bytes().await.unwrap().len() > 5_000);
    let pdf = secretariat
        .get(&format!("/p/41/cycles/{}/report.pdf", follow.id))
        .await;
    assert_eq!(pdf.status(), 200);
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF-"));
    let live_pdf = secretariat
        .get(&format!("/p/41/cycles/{}/report.pdf", r.cycle))
        .await;
    assert_eq!(
        live_pdf.status(),
        200,
        "the report renders while the session is live"
    );
}

#[tokio::test]
async fn the_projector_shows_the_configured_public_address() {
    let app =
        spawn_with(|s| s.settings().public_url = Some("https://moral.example.go.th".into())).await;
    let r = room(&app, Step::Rating).await;
    let secretariat =
        Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let page = secretariat
        .get(&format!("/p/41/cycles/{}/projector", r.cycle))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains(&format!("https://moral.example.go.th/j/{}", r.code)));
    assert!(page.contains("<svg"), "with its QR code");
}

#[tokio::test]
async fn join_codes_cannot_be_found_by_trying() {
    let app = spawn().await;
    let r = room(&app, Step::Rating).await;
    let c = reqwest::Client::new();
    let wrong = if r.code == "000000" {
        "000001"
    } else {
        "000000"
    };
    // Phones of one room behind one router join freely: right codes are never counted.
    for i in 0..30 {
        join(&c, &app, &r.code, &format!("คนที่ {i}")).await;
    }
    let mut refused = 0;
    for _ in 0..40 {
        let status = c
            .get(format!("{}/api/v1/live/{wrong}", app.base))
            .send()
            .await
            .unwrap()
            .status();
        match status.as_u16() {
            404 => assert_eq!(refused, 0, "a miss after being refused"),
            429 => refused += 1,
            other => panic!("unexpected {other}"),
        }
    }
    assert!(refused >= 25, "only {refused} of 40 guesses refused");
    // Once refused, even the right code is refused from that address, or the answers would
    // tell right from wrong.
    let right = c
        .get(format!("{}/api/v1/live/{}", app.base, r.code))
        .send()
        .await
        .unwrap();
    assert_eq!(right.status(), 429);
    let page = c
        .get(format!("{}/j/{wrong}", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 429);
    assert!(page.text().await.unwrap().contains("ใส่รหัสผิดหลายครั้งเกินไป"));
}

#[tokio::test]
async fn a_wave_of_new_streams_reads_once_and_wakes_no_one() {
    let mut hub = None;
    let app = spawn_with(|s| hub = Some(s.live.clone())).await;
    let hub = hub.unwrap();
    let r = room(&app, Step::Rating).await;
    let mut first = hub.subscribe(r.cycle).unwrap();
    tokio::time::timeout(
        std::time::Duration::from_secs(5),
        first.wait_for(|s| s.is_some()),
    )
    .await
    .expect("the room's first snapshot")
    .unwrap();
    first.borrow_and_update();
    let reads = hub.snapshot_reads();
    let mut wave = Vec::new();
    for _ in 0..500 {
        let rx = hub.subscribe(r.cycle).unwrap();
        assert!(
            rx.borrow().is_some(),
            "a new stream starts with the room's snapshot"
        );
        wave.push(rx);
    }
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    assert_eq!(hub.snapshot_reads(), reads, "joining streams read nothing");
    assert!(!first.has_changed().unwrap(), "joining streams wake no one");
    // A change still reaches every stream, with one read.
    hub.changed(r.cycle).await;
    tokio::time::timeout(std::time::Duration::from_secs(5), first.changed())
        .await
        .expect("a change reaches the stream")
        .unwrap();
    assert!(wave.iter().all(|rx| rx.has_changed().unwrap()));
    assert_eq!(hub.snapshot_reads(), reads + 1);
}

#[tokio::test]
async fn a_retried_answer_with_the_same_key_is_kept_once() {
    let app = spawn().await;
    let r = room(&app, Step::Mission).await;
    let c = reqwest::Client::new();
    let token = join(&c, &app, &r.code, "คนย้ำ").await;
    let question = state(&c, &app, &r.code).await["questions"][0]["id"]
        .as_i64()
        .unwrap();
    let phrase = json!({ "question": question, "kind": "phrase", "text": "ชุมชนเข้มแข็ง" });
    for _ in 0..3 {
        let sent = c
            .post(format!("{}/api/v1/live/{}/votes", app.base, r.code))
            .bearer_auth(&token)
            .header("Idempotency-Key", "phone-1-answer-7")
            .json(&phrase)
            .send()
            .await
            .unwrap();
        assert_eq!(sent.status(), 200);
    }
    let mut keyed = phrase.clone();
    keyed["key"] = json!("phone-1-answer-8");
    assert_eq!(
        vote(&c, &app, &r.code, &token, keyed.clone())
            .await
            .status(),
        200
    );
    assert_eq!(vote(&c, &app, &r.code, &token, keyed).await.status(), 200);
    let phrases = sermphalang_store::evaluation::live::votes::phrases(&app.db.db, r.cycle)
        .await
        .unwrap();
    assert_eq!(phrases.len(), 2, "two keys, two phrases: {phrases:?}");
    let mut bad = phrase.clone();
    bad["key"] = json!("มีช่องว่าง และภาษาไทย");
    let refused = vote(&c, &app, &r.code, &token, bad).await;
    assert_eq!(refused.status(), 422);
    assert!(refused.text().await.unwrap().contains("key"));
}

#[tokio::test]
async fn pages_are_compressed_for_phones_but_live_streams_are_not() {
    let app = spawn().await;
    let r = room(&app, Step::Rating).await;
    let c = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let plain = c.get(&format!("/p/41/cycles/{}", r.cycle)).await;
    assert_eq!(
        plain.headers().get("content-encoding"),
        None,
        "only when asked"
    );
    let plain = plain.bytes().await.unwrap();
    for (asked, encoding) in [("gzip", "gzip"), ("br, gzip", "br")] {
        let page = c
            .http
            .get(c.url(&format!("/p/41/cycles/{}", r.cycle)))
            .header("accept-encoding", asked)
            .send()
            .await
            .unwrap();
        assert_eq!(page.headers()["content-encoding"], encoding);
        let sent = page.bytes().await.unwrap();
        assert!(
            sent.len() * 2 < plain.len(),
            "{encoding}: {} of {} bytes",
            sent.len(),
            plain.len()
        );
        if encoding == "gzip" {
            assert_eq!(&sent[..2], &[0x1f, 0x8b]);
        }
    }
    // The projector's stream must reach the room at once, not wait in a compressor's buffer.
    let stream = c
        .http
        .get(c.url(&format!("/p/41/cycles/{}/events/projector", r.cycle)))
        .header("accept-encoding", "br, gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(stream.status(), 200);
    assert!(
        stream.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/event-stream")
    );
    assert_eq!(stream.headers().get("content-encoding"), None);
}
