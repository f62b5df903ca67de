//! The door through the running app: the roster a phone keeps, a batch of check-ins sent after
//! being offline (duplicates and unknown tickets reported), camera frames decoded on the
//! server, the typed-code form, and walk-ins.

mod common;

use common::{Client, location, spawn};
use serde_json::{Value, json};

fn qr_png(text: &str) -> Vec<u8> {
    let code = qrcode::QrCode::new(text.as_bytes()).unwrap();
    let width = code.width();
    let scale = 8;
    let quiet = 4;
    let side = ((width + 2 * quiet) * scale) as u32;
    let colors = code.to_colors();
    let mut pixels = vec![255_u8; (side * side) as usize];
    for (i, c) in colors.iter().enumerate() {
        if *c == qrcode::Color::Dark {
            let (mx, my) = (i % width + quiet, i / width + quiet);
            for y in my * scale..(my + 1) * scale {
                for x in mx * scale..(mx + 1) * scale {
                    pixels[y * side as usize + x] = 0;
                }
            }
        }
    }
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, side, side);
        encoder.set_color(png::ColorType::Grayscale);
        let mut writer = encoder.write_header().unwrap();
        writer.write_image_data(&pixels).unwrap();
    }
    out
}

async fn event_with_two(app: &common::TestApp) -> (Client, String, Vec<String>) {
    let staff = Client::login(app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let r = staff
        .post(
            "/p/41/events",
            &[
                ("title", "อบรมทดสอบหน้างาน"),
                ("kind", "training"),
                ("published", "on"),
                ("capacity", "2"),
                ("session_date", "18/2/2580"),
                ("session_start", "09:00"),
                ("session_end", "12:00"),
                ("session_date", "18/2/2580"),
                ("session_start", "13:00"),
                ("session_end", "16:00"),
            ],
        )
        .await;
    let id = location(&r).rsplit('/').next().unwrap().to_string();
    let public = Client::new(app);
    public.get(&format!("/events/{id}")).await;
    let mut tickets = Vec::new();
    for (first, phone) in [("ฤทัย", "081-000-0011"), ("กิ๊บ", "081-000-0012")] {
        let r = public
            .post(
                &format!("/events/{id}/register"),
                &[
                    ("prefix", "นางสาว"),
                    ("first_name", first),
                    ("last_name", "ศรีสุข"),
                    ("phone", phone),
                    ("consent", "on"),
                ],
            )
            .await;
        tickets.push(location(&r).trim_start_matches("/t/").to_string());
    }
    (staff, id, tickets)
}

#[tokio::test]
async fn a_batch_from_an_offline_phone_counts_each_person_once() {
    let app = spawn().await;
    let (_, id, tickets) = event_with_two(&app).await;
    let door = Client::login(&app, "member@demo.example", "demo-member-2565").await;
    let roster: Value = door
        .get(&format!("/api/v1/provinces/41/events/{id}/roster"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(roster["sessions"].as_array().unwrap().len(), 2);
    assert_eq!(roster["people"].as_array().unwrap().len(), 2);
    let morning = roster["sessions"][0]["id"].as_i64().unwrap();
    let second = roster["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["ticket"] == tickets[1].as_str())
        .unwrap()["id"]
        .as_i64()
        .unwrap();

    // Typed with lower case and hyphens, as a person would.
    let typed = tickets[0].to_lowercase();
    let batch = json!({ "items": [
        { "key": "a1", "session": morning, "ticket": typed, "at": "2022-02-18T02:01:00Z" },
        { "key": "a2", "session": morning, "ticket": tickets[0] },
        { "key": "b1", "session": morning, "registration": second, "method": "search", "at": "2999-01-01T00:00:00Z" },
        { "key": "x1", "session": morning, "ticket": "ZZZZZZZZZZZZZZZZ" },
        { "key": "x2", "session": 99999999, "ticket": tickets[0] },
        { "key": "x3", "session": morning }
    ]});
    let r = door
        .http
        .post(door.url(&format!("/api/v1/provinces/41/events/{id}/checkins")))
        .json(&batch)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let results: Value = r.json().await.unwrap();
    let result = |key: &str| {
        results
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["key"] == key)
            .unwrap()
            .clone()
    };
    assert_eq!(result("a1")["result"], "recorded");
    assert_eq!(
        result("a1")["at"],
        "2022-02-18T02:01:00.000Z",
        "the offline scan's time is kept"
    );
    assert_eq!(result("a2")["result"], "already");
    assert_eq!(
        result("a2")["at"],
        "2022-02-18T02:01:00.000Z",
        "reported with the first time"
    );
    assert_eq!(result("b1")["result"], "recorded");
    assert_ne!(
        result("b1")["at"],
        "2999-01-01T00:00:00.000Z",
        "a future clock is not trusted"
    );
    assert_eq!(result("x1")["result"], "unknown");
    assert_eq!(result("x2")["result"], "invalid");
    assert_eq!(result("x3")["result"], "invalid");

    let roster: Value = door
        .get(&format!("/api/v1/provinces/41/events/{id}/roster"))
        .await
        .json()
        .await
        .unwrap();
    let checked: usize = roster["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["sessions"].as_array().unwrap().len())
        .sum();
    assert_eq!(checked, 2);

    // Bad bodies are named, not crashed on.
    let bad = door
        .http
        .post(door.url(&format!("/api/v1/provinces/41/events/{id}/checkins")))
        .header("content-type", "application/json")
        .body("{\"items\": 3}")
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 422);
    let anon = Client::new(&app);
    assert_eq!(
        anon.get(&format!("/api/v1/provinces/41/events/{id}/roster"))
            .await
            .status(),
        401
    );
}

#[tokio::test]
async fn frames_are_decoded_and_codes_typed_and_walk_ins_registered() {
    let app = spawn().await;
    let (staff, id, tickets) = event_with_two(&app).await;
    let frame = qr_png(&tickets[1]);
    let r = staff
        .http
        .post(staff.url(&format!("/api/v1/provinces/41/events/{id}/decode")))
        .header("content-type", "image/png")
        .header("x-csrf-token", staff.csrf())
        .body(frame)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let decoded: Value = r.json().await.unwrap();
    assert_eq!(decoded["text"], tickets[1].as_str());
    let blank = staff
        .http
        .post(staff.url(&format!("/api/v1/provinces/41/events/{id}/decode")))
        .header("x-csrf-token", staff.csrf())
        .body(b"not an image".to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(blank.status(), 422);

    // Without JavaScript: the session from the page, the code typed.
    let page = staff
        .get(&format!("/p/41/events/{id}/checkin"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains(r#"id="consent" name="consent">"#),
        "the walk-in's consent is not ticked in advance"
    );
    assert!(
        !page.contains(r#"class="pnav""#),
        "the door shows the scanner, not the province menu"
    );
    let session = page
        .split("name=\"session\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let typed = staff
        .post(
            &format!("/p/41/events/{id}/checkin"),
            &[("session", &session), ("code", &tickets[0])],
        )
        .await;
    assert_eq!(typed.status(), 200);
    assert!(
        typed
            .text()
            .await
            .unwrap()
            .contains("ลงทะเบียนแล้ว: นางสาวฤทัย ศรีสุข")
    );
    let again = staff
        .post(
            &format!("/p/41/events/{id}/checkin"),
            &[("session", &session), ("code", &tickets[0])],
        )
        .await;
    assert!(again.text().await.unwrap().contains("ลงทะเบียนช่วงนี้ไปแล้ว"));

    // A walk-in at a full event is registered and checked in.
    let walk = staff
        .post(
            &format!("/p/41/events/{id}/checkin/walk-in"),
            &[
                ("session", &session),
                ("prefix", "นาย"),
                ("first_name", "ฦๅชา"),
                ("last_name", "ใจดี"),
                ("phone", "081-000-0013"),
                ("consent", "on"),
            ],
        )
        .await;
    assert_eq!(walk.status(), 303);
    assert!(location(&walk).contains("done=walk_in"));
    let event_page = staff
        .get(&format!("/p/41/events/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(event_page.contains("นายฦๅชา ใจดี") && event_page.contains("สมัครหน้างาน"));
    let missing = staff
        .post(
            &format!("/p/41/events/{id}/checkin/walk-in"),
            &[("session", &session), ("first_name", "ก")],
        )
        .await;
    assert_eq!(missing.status(), 422);
}
