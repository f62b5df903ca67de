//! The `sermphalang` binary: serve, demo, migrate, user, backup, restore.

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use sermphalang_domain::registry::Sector;
use sermphalang_domain::{Role, password};
use sermphalang_store::audit::Actor;
use sermphalang_store::users::{self, NewUser};
use sermphalang_store::{Db, backup, demo};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use tracing_subscriber::EnvFilter;

#[derive(Parser)]
#[command(
    name = "sermphalang",
    version,
    about = "Moral Province platform (จังหวัดคุณธรรม)"
)]
struct Cli {
    /// Data folder; SQLite lives here unless DATABASE_URL names PostgreSQL.
    #[arg(
        long,
        global = true,
        default_value = "./data",
        env = "SERMPHALANG_DATA"
    )]
    data: PathBuf,
    /// postgres://user:password@host/db; unset means SQLite in the data folder.
    #[arg(long, global = true, env = "DATABASE_URL", hide_env_values = true)]
    database_url: Option<String>,
    /// Log as JSON lines instead of text.
    #[arg(long, global = true, env = "SERMPHALANG_LOG_JSON")]
    log_json: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(clap::Args, Clone)]
struct ServeArgs {
    #[arg(long, default_value = "127.0.0.1:8080", env = "SERMPHALANG_ADDR")]
    addr: SocketAddr,
    /// Mark cookies Secure; set when a TLS proxy serves the site.
    #[arg(long, env = "SERMPHALANG_SECURE_COOKIES")]
    secure_cookies: bool,
    /// The address people reach the site at (https://moral.example.go.th); the projector shows
    /// it for joining. Unset: the address the facilitator's browser used.
    #[arg(long, env = "SERMPHALANG_PUBLIC_URL")]
    public_url: Option<String>,
}

impl Default for ServeArgs {
    fn default() -> Self {
        ServeArgs {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            secure_cookies: false,
            public_url: None,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web application (the default).
    Serve(ServeArgs),
    /// Load the Udon Thani demo into an empty data folder, then serve.
    Demo(ServeArgs),
    /// Apply the database migrations and exit.
    Migrate,
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Write a consistent backup of the whole database to FILE (safe while serving).
    Backup { file: PathBuf },
    /// Replace the database's contents with FILE; refuses a backup from a newer schema.
    Restore { file: PathBuf },
    /// The certificate worker the server starts: limits itself, then typesets from stdin.
    #[command(hide = true)]
    Typeset {
        /// CPU seconds in all.
        #[arg(long)]
        seconds: u64,
        /// Address space in MiB.
        #[arg(long)]
        megabytes: u64,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create an account; the password is read from SERMPHALANG_PASSWORD or asked for.
    Add {
        #[arg(long)]
        email: String,
        /// admin, national, secretariat, coordinator or member
        #[arg(long)]
        role: String,
        /// Province code (e.g. 41 for Udon Thani); needed for provincial roles.
        #[arg(long)]
        province: Option<i64>,
        /// Network of a coordinator: public, private, community, education, religion, media.
        #[arg(long)]
        network: Option<String>,
        #[arg(long)]
        name: Option<String>,
    },
}

/// glibc's malloc spent a tenth of a busy server's time freeing and consolidating the many
/// small, short-lived buffers of its answers (perf under `bench public`). Built without
/// transparent huge pages (`no_thp`): with them, 10,000 phones took 530 MB instead of 376.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = Cli::parse();
    // The worker answers on stdout, so it starts neither logs nor an async runtime.
    let result = match cli.command {
        Some(Command::Typeset { seconds, megabytes }) => typeset(seconds, megabytes),
        _ => {
            init_logs(cli.log_json);
            tokio::runtime::Runtime::new()
                .context("cannot start the async runtime")
                .and_then(|runtime| runtime.block_on(run(cli)))
        }
    };
    if let Err(e) = result {
        eprintln!("sermphalang: {e:#}");
        std::process::exit(1);
    }
}

fn typeset(seconds: u64, megabytes: u64) -> Result<()> {
    use rlimit::Resource;
    let bytes = megabytes.saturating_mul(1024 * 1024);
    Resource::AS
        .set(bytes, bytes)
        .context("cannot limit the worker's memory")?;
    Resource::CPU
        .set(seconds, seconds.saturating_add(5))
        .context("cannot limit the worker's time")?;
    sermphalang_pdf::certificate::serve(std::io::stdin().lock(), std::io::stdout().lock())?;
    Ok(())
}

fn init_logs(json: bool) {
    let filter = EnvFilter::try_from_env("SERMPHALANG_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
}

/// Every phone in a workshop holds a connection open: a room of thousands needs more files
/// than the usual soft limit of 1,024.
fn raise_open_file_limit() {
    match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(limit) => tracing::info!(limit, "open-file limit (connections the server can hold)"),
        Err(e) => tracing::warn!(error = %e, "could not raise the open-file limit"),
    }
}

async fn open(cli: &Cli) -> Result<Db> {
    Ok(Db::open(cli.database_url.as_deref(), &cli.data).await?)
}

async fn run(cli: Cli) -> Result<()> {
    match &cli.command {
        None => serve(&cli, ServeArgs::default(), false).await,
        Some(Command::Serve(args)) => serve(&cli, args.clone(), false).await,
        Some(Command::Demo(args)) => serve(&cli, args.clone(), true).await,
        Some(Command::Migrate) => {
            let db = open(&cli).await?;
            println!("schema version {}", db.schema_version().await?);
            Ok(())
        }
        Some(Command::User(UserCommand::Add {
            email,
            role,
            province,
            network,
            name,
        })) => {
            let role = Role::parse(role).with_context(|| {
                format!("unknown role \"{role}\": use admin, national, secretariat, coordinator or member")
            })?;
            let network = match network {
                Some(n) => {
                    Some(Sector::parse(n).with_context(|| format!("unknown network \"{n}\""))?)
                }
                None => None,
            };
            if role == Role::Coordinator && network.is_none() {
                bail!("a coordinator needs --network");
            }
            let secret = match std::env::var("SERMPHALANG_PASSWORD") {
                Ok(p) => p,
                Err(_) => read_password()?,
            };
            if secret.chars().count() < password::MIN_LENGTH {
                bail!(
                    "the password needs at least {} characters",
                    password::MIN_LENGTH
                );
            }
            let db = open(&cli).await?;
            let id = users::create(
                &db,
                &Actor::system(),
                &NewUser {
                    email,
                    display_name: name.as_deref().unwrap_or(email),
                    password_hash: &password::hash(&secret),
                    role,
                    province: *province,
                    network,
                },
            )
            .await
            .map_err(explain)?;
            println!("created account {id} ({email}, {})", role.code());
            Ok(())
        }
        Some(Command::Backup { file }) => {
            let db = open(&cli).await?;
            let doc = backup::export(&db).await?;
            write_atomically(file, &serde_json::to_vec(&doc)?)?;
            println!("backup written to {}", file.display());
            Ok(())
        }
        Some(Command::Typeset { .. }) => bail!("the worker runs outside the async runtime"),
        Some(Command::Restore { file }) => {
            let text =
                std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
            let doc: serde_json::Value = serde_json::from_slice(&text)
                .with_context(|| format!("{} is not a Sermphalang backup", file.display()))?;
            let db = open(&cli).await?;
            let rows = backup::restore(&db, &doc).await?;
            println!("restored {rows} rows from {}", file.display());
            Ok(())
        }
    }
}

fn explain(e: sermphalang_store::StoreError) -> anyhow::Error {
    match e {
        sermphalang_store::StoreError::Invalid(i) => anyhow::anyhow!("{}", i.summary_en()),
        other => other.into(),
    }
}

fn read_password() -> Result<String> {
    eprint!("password: ");
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = path.with_extension("partial");
    std::fs::write(&tmp, bytes).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

async fn serve(cli: &Cli, args: ServeArgs, load_demo: bool) -> Result<()> {
    raise_open_file_limit();
    let db = open(cli).await?;
    let mut fresh_demo = false;
    if load_demo {
        if demo::is_empty(&db).await? {
            // The training workshop and its certificates load once the server answers.
            demo::load_registry_and_evaluation(&db, password::hash).await?;
            fresh_demo = true;
            tracing::info!("loaded the Udon Thani demo");
        } else {
            tracing::info!("the data folder already holds data; the demo was not loaded again");
        }
    }
    let mut state = sermphalang_web::AppState::new(db.clone(), args.secure_cookies).await?;
    state.settings().certificate_worker = Some(certificate_worker()?);
    state.settings().public_url = args
        .public_url
        .as_deref()
        .map(|u| u.trim_end_matches('/').to_string());
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .with_context(|| format!("cannot listen on {}", args.addr))?;
    let addr = listener.local_addr()?;
    if fresh_demo {
        // The certificates' QR codes must open this server, so they are made once it has an
        // address, and while it already serves: start-up waits for neither the workshop's
        // records nor the typesetter.
        let base = state
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://{addr}"));
        state
            .ready
            .store(false, std::sync::atomic::Ordering::SeqCst);
        let issuing = state.clone();
        tokio::spawn(async move {
            match demo::load_training(&issuing.db).await {
                Ok(()) => match sermphalang_web::issue_demo_certificates(&issuing, &base).await {
                    Ok(issued) => tracing::info!(
                        issued,
                        "loaded the demo workshop and issued its certificates"
                    ),
                    Err(error) => tracing::error!(%error, "issuing the demo certificates failed"),
                },
                Err(error) => tracing::error!(%error, "loading the demo workshop failed"),
            }
            match demo::load_reports(&issuing.db, sermphalang_web::demo_photo).await {
                Ok(reports) => tracing::info!(reports, "loaded the demo's activity reports"),
                Err(error) => tracing::error!(%error, "loading the demo's reports failed"),
            }
            match demo::load_assessments(&issuing.db, sermphalang_web::demo_photo).await {
                Ok(made) => match sermphalang_web::award_demo_assessments(&issuing, &base).await {
                    Ok(awarded) => tracing::info!(made, awarded, "loaded the demo's assessments"),
                    Err(error) => tracing::error!(%error, "awarding the demo's assessments failed"),
                },
                Err(error) => tracing::error!(%error, "loading the demo's assessments failed"),
            }
            match demo::load_news(&issuing.db, sermphalang_web::demo_photo).await {
                Ok(posts) => tracing::info!(posts, "loaded the demo's news"),
                Err(error) => tracing::error!(%error, "loading the demo's news failed"),
            }
            match demo::load_nation(&issuing.db).await {
                Ok(reports) => tracing::info!(reports, "loaded the other provinces' reports"),
                Err(error) => {
                    tracing::error!(%error, "loading the other provinces' reports failed")
                }
            }
            // Ready even when a part failed: its error is logged above, and the rest serves.
            issuing
                .ready
                .store(true, std::sync::atomic::Ordering::SeqCst);
            tracing::info!("the demo is ready: every part is loaded (/readyz answers 200)");
        });
    }
    println!("Sermphalang is serving on http://{addr}");
    if load_demo {
        println!("Demo accounts (email / password):");
        for a in demo::ACCOUNTS {
            println!("  {:<10} {:<28} {}", a.role.code(), a.email, a.password);
        }
    }
    sermphalang_web::serve(listener, state, shutdown_signal()).await?;
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// This binary again, as the worker that typesets provinces' own templates within limits.
fn certificate_worker() -> Result<sermphalang_pdf::certificate::WorkerCommand> {
    Ok(sermphalang_pdf::certificate::WorkerCommand {
        program: std::env::current_exe().context("cannot find this program for its worker")?,
        args: vec!["typeset".into()],
        limits: sermphalang_pdf::certificate::Limits::default(),
    })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down; letting requests in flight finish");
}
