//! Importing a Joomla site: its SQL dump and a ZIP of its images, through the running app.
//! Galleries named in relative and absolute forms are found, what is missing is listed, a
//! second import adds nothing, and a file that is not a dump is refused calmly.

mod common;

use common::{Client, spawn};
use sermphalang_store::PageRequest;
use sermphalang_store::news::posts;

const DUMP: &str = r#"-- phpMyAdmin SQL Dump
SET NAMES utf8mb4;
CREATE TABLE `ud_content` (`id` int(10) unsigned NOT NULL AUTO_INCREMENT, PRIMARY KEY (`id`)) ENGINE=InnoDB;
INSERT INTO `ud_content` (`id`, `title`, `introtext`, `fulltext`, `state`, `created`, `created_by_alias`, `publish_up`, `images`) VALUES
(412, 'ประชุมคณะทำงานจากเว็บเดิม', '<p>ประชุมติดตามผล</p><p><img src="images/News-PR-2565/a.jpg"></p>', '<p>{gallery}/News-PR-2565/23-02-65/4{/gallery}</p>', 1, '2022-02-24 09:00:00', 'งานประชาสัมพันธ์', '2022-02-24 10:00:00', '{"image_intro":"images\/News-PR-2565\/cover.jpg"}'),
(413, 'อบรมผู้นำจากเว็บเดิม', '<p>ภาพการอบรม</p>{gallery}News-PR-2565/18-02-65/1{/gallery}', '', 1, '2022-02-20 09:00:00', '', '2022-02-20 09:00:00', ''),
(414, 'ข่าวในถังขยะ', '<p>ลบแล้ว</p>', '', -2, '2022-01-01 09:00:00', '', '2022-01-01 09:00:00', '');
"#;

fn images() -> Vec<u8> {
    let photo = |seed| sermphalang_documents::sample_photo::drawn(seed, 800, 600);
    let (a, b, c) = (photo(1), photo(2), photo(3));
    sermphalang_documents::archive::write_zip([
        ("images/News-PR-2565/a.jpg".to_string(), a.as_slice()),
        (
            "images/News-PR-2565/18-02-65/1/one.jpg".to_string(),
            b.as_slice(),
        ),
        (
            "images/News-PR-2565/18-02-65/1/two.JPG".to_string(),
            c.as_slice(),
        ),
        (
            "images/News-PR-2565/readme.txt".to_string(),
            b"not a picture".as_slice(),
        ),
    ])
    .unwrap()
}

async fn send(c: &Client, dump: &[u8], zip: Vec<u8>) -> (u16, String) {
    let form = reqwest::multipart::Form::new()
        .part(
            "dump",
            reqwest::multipart::Part::bytes(dump.to_vec()).file_name("ud_content.sql"),
        )
        .part(
            "images",
            reqwest::multipart::Part::bytes(zip).file_name("images.zip"),
        );
    let r = c
        .http
        .post(c.url("/p/41/news/import"))
        .header("x-csrf-token", c.csrf())
        .multipart(form)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

#[tokio::test]
async fn a_joomla_export_is_imported_with_a_report_and_only_once() {
    let app = spawn().await;
    let editor = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    assert_eq!(editor.get("/p/41/news/import").await.status(), 200);
    let (status, page) = send(&editor, DUMP.as_bytes(), images()).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("นำเข้าเรียบร้อย"));
    assert!(
        page.contains("/News-PR-2565/23-02-65/4"),
        "the missing folder is listed"
    );
    assert!(
        page.contains("images/News-PR-2565/cover.jpg"),
        "the missing picture is listed"
    );
    assert!(
        page.contains("ข่าวในถังขยะ"),
        "the trashed article is named as left out"
    );

    let all = PageRequest {
        page: 1,
        per_page: 100,
    };
    let imported: Vec<_> = posts::list(&app.db.db, Some(41), all)
        .await
        .unwrap()
        .items
        .into_iter()
        .filter(|p| {
            p.source
                .as_deref()
                .is_some_and(|s| s.starts_with("joomla:"))
        })
        .collect();
    assert_eq!(imported.len(), 2);
    let training = imported
        .iter()
        .find(|p| p.title == "อบรมผู้นำจากเว็บเดิม")
        .unwrap();
    let (_, named) = posts::shown_galleries(&app.db.db, training).await.unwrap();
    assert_eq!(
        named[0].1.as_ref().map(Vec::len),
        Some(2),
        "the relative folder's two photos"
    );
    let meeting = imported
        .iter()
        .find(|p| p.title == "ประชุมคณะทำงานจากเว็บเดิม")
        .unwrap();
    assert!(
        meeting.gallery.is_some() && meeting.cover.is_some(),
        "its inline picture"
    );
    let anon = Client::new(&app);
    let article = anon.page(&format!("/news/{}", meeting.id)).await;
    assert!(
        article.contains("ภาพชุดนี้ยังไม่พร้อมแสดง"),
        "the missing folder reads calmly"
    );
    let article = anon.page(&format!("/news/{}", training.id)).await;
    assert!(
        article.contains("/thumbnail"),
        "the found folder's photos show"
    );

    let (status, again) = send(&editor, DUMP.as_bytes(), images()).await;
    assert_eq!(status, 200);
    let after = posts::list(&app.db.db, Some(41), all).await.unwrap().total;
    let before = imported.len() as i64;
    assert!(again.contains("(ข้าม)"));
    let count = posts::list(&app.db.db, Some(41), all)
        .await
        .unwrap()
        .items
        .iter()
        .filter(|p| p.source.is_some())
        .count() as i64;
    assert_eq!(
        count, before,
        "a second import adds nothing ({after} posts)"
    );

    let (status, refused) = send(&editor, b"this is not a dump", Vec::new()).await;
    assert_eq!(status, 422);
    assert!(refused.contains("ไม่พบบทความในไฟล์"));
    let (status, refused) = send(&editor, DUMP.as_bytes(), b"PK not a zip".to_vec()).await;
    assert_eq!(status, 422);
    assert!(refused.contains("ไฟล์ภาพต้องเป็นไฟล์ ZIP"));
}
