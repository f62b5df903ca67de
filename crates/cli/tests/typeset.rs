//! The certificate worker: this binary's hidden `typeset` command, run as the server runs it.
//! A template that loops or eats memory is stopped at its limit and named for what it did.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use sermphalang_pdf::certificate::{Exceeded, Limits, Typesetter, WorkerCommand, sample};

fn worker(limits: Limits) -> WorkerCommand {
    WorkerCommand {
        program: PathBuf::from(env!("CARGO_BIN_EXE_sermphalang")),
        args: vec!["typeset".into()],
        limits,
    }
}

fn typesetter(source: &str, limits: Limits) -> Typesetter {
    Typesetter::new(Some(source), sample().0, Some(&worker(limits))).unwrap()
}

#[test]
fn a_province_template_is_typeset_in_the_worker() {
    let source = "#set page(width: 100mm, height: 50mm)\n= #name\n#qr-code(size: 10mm)\n";
    let typesetter = typesetter(source, Limits::default());
    assert!(matches!(typesetter, Typesetter::Worker { .. }));
    for name in ["นางสาวปิ่นฟ้า ทั้งนี้", "พระครูสิริธรรมโกวิท"]
    {
        let certificate = sermphalang_pdf::certificate::Certificate {
            name: name.into(),
            ..sample().1
        };
        let rendered = typesetter.render(&certificate).unwrap();
        assert!(rendered.pdf.starts_with(b"%PDF-"));
        assert_eq!(rendered.pages, 1);
    }

    let broken = self::typesetter("#name\n#let x = \n", Limits::default());
    let err = broken.render(&sample().1).unwrap_err();
    assert_eq!(err.line, Some(2), "{err:?}");
    assert_eq!(err.exceeded, None);
}

#[test]
fn a_template_that_loops_is_stopped_at_its_time_limit() {
    let limits = Limits {
        seconds: 2,
        ..Limits::default()
    };
    // A loop that only computes: one that also piles up pages meets the memory limit first
    // or the time limit first, depending on the allocator.
    let looping = typesetter(
        "#for i in range(100000) { for j in range(100000) { let k = i * j } }\n",
        limits,
    );
    let started = Instant::now();
    let err = looping.render(&sample().1).unwrap_err();
    let took = started.elapsed();
    assert_eq!(err.exceeded, Some(Exceeded::Time { seconds: 2 }), "{err:?}");
    assert!(took < Duration::from_secs(8), "stopped only after {took:?}");
    // The next certificate gets a fresh worker, and is stopped the same way.
    let again = looping.render(&sample().1).unwrap_err();
    assert_eq!(again.exceeded, Some(Exceeded::Time { seconds: 2 }));
}

#[test]
fn a_template_that_eats_memory_is_stopped_at_its_memory_limit() {
    let limits = Limits {
        seconds: 30,
        megabytes: 512,
    };
    let hungry = typesetter("#let a = range(200000000)\n#a.len()\n", limits);
    let started = Instant::now();
    let err = hungry.render(&sample().1).unwrap_err();
    assert_eq!(
        err.exceeded,
        Some(Exceeded::Memory { megabytes: 512 }),
        "{err:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(20));
}
