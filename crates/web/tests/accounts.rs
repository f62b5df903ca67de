//! Accounts from the province's page: an invitation with a one-time set-password link,
//! disabling and enabling, a new link; all within the province and audited.

mod common;

use common::{Client, spawn};

fn link_in(page: &str) -> String {
    let at = page
        .find("/password/")
        .expect("a set-password link on the page");
    page[at..].split('"').next().unwrap().to_string()
}

#[tokio::test]
async fn the_secretariat_invites_disables_and_resets_accounts_of_its_province() {
    let app = spawn().await;
    let staff = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let page = staff.page("/p/41/accounts").await;
    assert!(
        page.contains("coordinator@demo.example"),
        "the province's accounts"
    );
    assert!(
        !page.contains("khonkaen@demo.example"),
        "not another province's"
    );

    let before = staff.page("/p/41/accounts").await.matches("<tr>").count();
    let refused = staff
        .post(
            "/p/41/accounts",
            &[
                ("display_name", "ผู้ประสาน"),
                ("email", "new@demo.example"),
                ("role", "coordinator"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 422);
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .contains("ผู้ประสานงานต้องระบุภาคีเครือข่าย")
    );
    let admin_role = staff
        .post(
            "/p/41/accounts",
            &[
                ("display_name", "แอบเป็นแอดมิน"),
                ("email", "x@demo.example"),
                ("role", "admin"),
            ],
        )
        .await;
    assert_eq!(
        admin_role.status(),
        422,
        "no administrator from a province's page"
    );
    let after = staff.page("/p/41/accounts").await.matches("<tr>").count();
    assert_eq!(before, after, "nothing half-made");

    let invited = staff
        .post(
            "/p/41/accounts",
            &[
                ("display_name", "ครูสมศรี ใจดี"),
                ("email", "Somsri@School.example"),
                ("role", "coordinator"),
                ("network", "education"),
            ],
        )
        .await;
    assert_eq!(invited.status(), 200);
    let link = link_in(&invited.text().await.unwrap());

    // The invited person sets a password through the link, once.
    let person = Client::new(&app);
    let form = person.get(&link).await;
    assert_eq!(form.status(), 200);
    assert!(form.text().await.unwrap().contains("somsri@school.example"));
    let short = person
        .post(&link, &[("password", "สั้น"), ("again", "สั้น")])
        .await;
    assert_eq!(short.status(), 422);
    assert!(short.text().await.unwrap().contains("อย่างน้อย 10 ตัวอักษร"));
    let differ = person
        .post(&link, &[("password", "รักษ์อุดรธานี2568"), ("again", "รักษ์อุดร")])
        .await;
    assert_eq!(differ.status(), 422);
    let set = person
        .post(
            &link,
            &[("password", "รักษ์อุดรธานี2568"), ("again", "รักษ์อุดรธานี2568")],
        )
        .await;
    assert_eq!(set.status(), 200);
    assert!(set.text().await.unwrap().contains("ตั้งรหัสผ่านเรียบร้อยแล้ว"));
    assert_eq!(person.get(&link).await.status(), 404, "a link works once");
    let somsri = Client::login(&app, "somsri@school.example", "รักษ์อุดรธานี2568").await;
    assert_eq!(somsri.get("/p/41/orgs").await.status(), 200);

    // Disabled: signed out at once and no new sign-in; the secretariat cannot disable itself.
    let accounts = sermphalang_store::accounts::list(&app.db.db, 41)
        .await
        .unwrap();
    let id = accounts
        .iter()
        .find(|a| a.email == "somsri@school.example")
        .unwrap()
        .id;
    let me = accounts
        .iter()
        .find(|a| a.email == "secretariat@demo.example")
        .unwrap()
        .id;
    let off = staff
        .post(&format!("/p/41/accounts/{id}/disable"), &[])
        .await;
    assert_eq!(off.status(), 303);
    assert_eq!(somsri.get("/p/41/orgs").await.status(), 303, "signed out");
    let again = Client::new(&app);
    again.get("/login").await;
    let denied = again
        .post(
            "/login",
            &[
                ("email", "somsri@school.example"),
                ("password", "รักษ์อุดรธานี2568"),
            ],
        )
        .await;
    assert_ne!(denied.status(), 303);
    let myself = staff
        .post(&format!("/p/41/accounts/{me}/disable"), &[])
        .await;
    assert_eq!(myself.status(), 422);

    // Another province's account is not found from here.
    let khonkaen = sermphalang_store::accounts::list(&app.db.db, 40)
        .await
        .unwrap()[0]
        .id;
    let elsewhere = staff
        .post(&format!("/p/41/accounts/{khonkaen}/disable"), &[])
        .await;
    assert_eq!(elsewhere.status(), 404);

    // A new link replaces the old ones.
    staff
        .post(&format!("/p/41/accounts/{id}/enable"), &[])
        .await;
    let reset = staff.post(&format!("/p/41/accounts/{id}/reset"), &[]).await;
    assert_eq!(reset.status(), 200);
    assert_ne!(link_in(&reset.text().await.unwrap()), link);

    let audit = staff.page("/p/41/audit").await;
    for action in ["ปิดบัญชี", "เปิดบัญชีอีกครั้ง", "ออกลิงก์ตั้งรหัสผ่านใหม่"]
    {
        assert!(audit.contains(action), "{action} is in the audit log");
    }
    // The person's own setting of the password is in the province's log too.
    let theirs = staff.page("/p/41/audit?who=somsri%40school.example").await;
    assert!(
        theirs.contains("ตั้งรหัสผ่าน"),
        "set_password in the province's log"
    );
}
