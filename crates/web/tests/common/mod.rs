//! A server on port 0 with its own fresh database and the demo loaded.

#![allow(dead_code)]

use reqwest::cookie::{CookieStore, Jar};
use reqwest::redirect::Policy;
use sermphalang_store::testing::{self, TestDb};
use std::sync::Arc;

pub struct TestApp {
    pub base: String,
    pub db: TestDb,
}

pub async fn spawn() -> TestApp {
    spawn_with(|_| {}).await
}

/// A server whose state is adjusted first, as command-line options would.
pub async fn spawn_with(configure: impl FnOnce(&mut sermphalang_web::AppState)) -> TestApp {
    let db = testing::sqlite().await;
    sermphalang_store::demo::load(&db.db, sermphalang_domain::password::hash)
        .await
        .unwrap();
    let mut state = sermphalang_web::AppState::new(db.db.clone(), false)
        .await
        .unwrap();
    configure(&mut state);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(sermphalang_web::serve(
        listener,
        state,
        std::future::pending(),
    ));
    TestApp { base, db }
}

pub struct Client {
    pub http: reqwest::Client,
    jar: Arc<Jar>,
    base: String,
    /// A signed-in session's CSRF token, as its pages carry it.
    session_csrf: Option<String>,
}

impl Client {
    pub fn new(app: &TestApp) -> Client {
        let jar = Arc::new(Jar::default());
        let http = reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .redirect(Policy::none())
            .build()
            .unwrap();
        Client {
            http,
            jar,
            base: app.base.clone(),
            session_csrf: None,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub fn csrf(&self) -> String {
        if let Some(token) = &self.session_csrf {
            return token.clone();
        }
        self.cookie_csrf()
    }

    /// The token of the anonymous CSRF cookie, which pages use before signing in.
    pub fn cookie_csrf(&self) -> String {
        let url = self.base.parse().unwrap();
        let header = self
            .jar
            .cookies(&url)
            .map(|h| h.to_str().unwrap().to_string())
            .unwrap_or_default();
        header
            .split("; ")
            .find_map(|c| c.strip_prefix("sp_csrf="))
            .unwrap_or_default()
            .to_string()
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http.get(self.url(path)).send().await.unwrap()
    }

    /// The body of a page expected to be there.
    pub async fn page(&self, path: &str) -> String {
        self.get(path).await.text().await.unwrap()
    }

    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        let csrf = self.csrf();
        let mut fields: Vec<(&str, &str)> = vec![("_csrf", csrf.as_str())];
        fields.extend_from_slice(form);
        self.http
            .post(self.url(path))
            .form(&fields)
            .send()
            .await
            .unwrap()
    }

    pub async fn login(app: &TestApp, email: &str, password: &str) -> Client {
        let c = Client::new(app);
        assert_eq!(c.get("/login").await.status(), 200);
        let r = c
            .post("/login", &[("email", email), ("password", password)])
            .await;
        assert_eq!(r.status(), 303, "sign-in of {email}");
        let mut c = c;
        c.session_csrf = Some(c.page_csrf().await);
        c
    }

    /// The CSRF token in the forms of the signed-in home page.
    pub async fn page_csrf(&self) -> String {
        let home = self.get("/").await;
        let page = self.get(&location(&home)).await.text().await.unwrap();
        page.split("name=\"_csrf\" value=\"")
            .nth(1)
            .and_then(|t| t.split('"').next())
            .expect("a form with a CSRF token on the home page")
            .to_string()
    }
}

/// How many answers came from the front cache, as `/metrics` counts them.
pub async fn kept_page_hits(app: &TestApp) -> u64 {
    let metrics = reqwest::get(format!("{}/metrics", app.base))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    metrics
        .lines()
        .find(|l| l.contains("route=\"(kept page)\"") && !l.starts_with('#'))
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|n| n.parse::<u64>().ok())
        .unwrap_or(0)
}

pub fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}
