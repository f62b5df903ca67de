//! The binary's commands, run as a person would run them.

use std::path::Path;
use std::process::{Command, Output};

fn run(data: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sermphalang"));
    cmd.args(args)
        .arg("--data")
        .arg(data)
        .env_remove("DATABASE_URL");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run sermphalang")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn temp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("sp-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn users_backups_and_restores_from_the_command_line() {
    let data = temp("a");
    let migrated = run(&data, &["migrate"], &[]);
    assert!(migrated.status.success(), "{}", text(&migrated));
    assert!(text(&migrated).contains("schema version"));

    let pw = [("SERMPHALANG_PASSWORD", "a long enough password")];
    let added = run(
        &data,
        &[
            "user",
            "add",
            "--email",
            "Office@Culture.example",
            "--role",
            "secretariat",
            "--province",
            "41",
        ],
        &pw,
    );
    assert!(added.status.success(), "{}", text(&added));
    let again = run(
        &data,
        &[
            "user",
            "add",
            "--email",
            "office@culture.example",
            "--role",
            "secretariat",
            "--province",
            "41",
        ],
        &pw,
    );
    assert!(!again.status.success());
    assert!(text(&again).contains("already exists"), "{}", text(&again));
    let no_province = run(
        &data,
        &["user", "add", "--email", "x@y.example", "--role", "member"],
        &pw,
    );
    assert!(
        text(&no_province).contains("needs a province"),
        "{}",
        text(&no_province)
    );
    let short = run(
        &data,
        &["user", "add", "--email", "z@y.example", "--role", "admin"],
        &[("SERMPHALANG_PASSWORD", "short")],
    );
    assert!(
        text(&short).contains("at least 10 characters"),
        "{}",
        text(&short)
    );

    let file = data.join("backup.json");
    let backup = run(&data, &["backup", file.to_str().unwrap()], &[]);
    assert!(backup.status.success(), "{}", text(&backup));
    let other = temp("b");
    let restored = run(&other, &["restore", file.to_str().unwrap()], &[]);
    assert!(restored.status.success(), "{}", text(&restored));
    let again = run(
        &other,
        &[
            "user",
            "add",
            "--email",
            "office@culture.example",
            "--role",
            "admin",
        ],
        &pw,
    );
    assert!(
        text(&again).contains("already exists"),
        "the restored copy has the account"
    );

    let mut doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    doc["schema_version"] = serde_json::json!(99_999_999_999_999i64);
    let newer = data.join("newer.json");
    std::fs::write(&newer, serde_json::to_vec(&doc).unwrap()).unwrap();
    let refused = run(&other, &["restore", newer.to_str().unwrap()], &[]);
    assert!(!refused.status.success());
    assert!(
        text(&refused).contains("newer schema"),
        "{}",
        text(&refused)
    );
    let not_backup = run(&other, &["restore", "Cargo.toml"], &[]);
    assert!(
        text(&not_backup).contains("is not a Sermphalang backup"),
        "{}",
        text(&not_backup)
    );

    let _ = std::fs::remove_dir_all(&data);
    let _ = std::fs::remove_dir_all(&other);
}

#[test]
fn an_unusable_database_url_stops_the_start_with_a_reason() {
    let data = temp("c");
    let o = run(
        &data,
        &["migrate"],
        &[("DATABASE_URL", "mysql://root@localhost/x")],
    );
    assert!(!o.status.success());
    assert!(text(&o).contains("cannot serve"), "{}", text(&o));
    let o = run(
        &data,
        &["migrate"],
        &[("DATABASE_URL", "postgres://nobody:secret@127.0.0.1:1/none")],
    );
    assert!(!o.status.success());
    let t = text(&o);
    assert!(t.contains("cannot connect") && !t.contains("secret"), "{t}");
    let _ = std::fs::remove_dir_all(&data);
}
