//! Running poppler on rendered PDFs, and where the files are kept for a person to look at.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

pub fn samples_dir() -> PathBuf {
    // CARGO_TARGET_TMPDIR is <target>/tmp, whatever CARGO_TARGET_DIR says.
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let dir = tmp.parent().unwrap_or(tmp).join("pdf-samples");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn installed(tool: &str) -> bool {
    // Only whether it starts: `mutool -v` and `hb-shape --version` differ in their exit codes.
    Command::new(tool).arg("-v").output().is_ok()
}

/// Whether poppler is here; without it the test fails under REQUIRE_POPPLER=1 and otherwise
/// says loudly that it skipped.
pub fn poppler_available() -> bool {
    tools_available(
        &["pdftotext", "pdftoppm"],
        "poppler-utils (pdftotext, pdftoppm)",
    )
}

/// Whether every one of `tools` is here; without them the test fails under REQUIRE_POPPLER=1
/// and otherwise says loudly that it skipped.
pub fn tools_available(tools: &[&str], packages: &str) -> bool {
    if tools.iter().all(|tool| installed(tool)) {
        return true;
    }
    assert!(
        std::env::var("REQUIRE_POPPLER").as_deref() != Ok("1"),
        "REQUIRE_POPPLER=1 but {packages} is not installed"
    );
    // Straight to stderr, past the test harness's capture, so a passing run still shows it.
    let _ = writeln!(
        std::io::stderr(),
        "\n!!!!!!!!!!\nSKIPPED: {packages} not installed; \
         set REQUIRE_POPPLER=1 to make this fail\n!!!!!!!!!!\n"
    );
    false
}

pub fn run(tool: &str, args: &[&str]) -> String {
    let output = Command::new(tool).args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// Writes `bytes` as `name` in the samples directory and returns its path.
pub fn keep(name: &str, bytes: &[u8]) -> String {
    let path = samples_dir().join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_owned()
}

/// The page's text as poppler extracts it, in reading order.
pub fn text_of(pdf: &str) -> String {
    run("pdftotext", &["-layout", pdf, "-"])
}

/// Renders page `page` of `pdf` to `<stem>.png` beside it and checks it is not blank.
pub fn png_of(pdf: &str, page: u32, stem: &str, dpi: u32) -> PathBuf {
    let target = samples_dir().join(stem);
    let (page, dpi) = (page.to_string(), dpi.to_string());
    let args = ["-png", "-r", &dpi, "-f", &page, "-l", &page, "-singlefile"];
    run(
        "pdftoppm",
        &[&args[..], &[pdf, target.to_str().unwrap()]].concat(),
    );
    let png = target.with_extension("png");
    let size = std::fs::metadata(&png).unwrap().len();
    assert!(size > 1000, "{png:?} is only {size} bytes");
    png
}
