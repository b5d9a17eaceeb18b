//! The counts the reliability suites print: also appended to `$RELIABILITY_REPORT` (set by
//! `make test`, which prints the file in its summary), or to `target/tmp/reliability.txt`.

use std::io::Write;

/// Prints `line` and appends it to the report file.
pub fn report(line: &str) {
    println!("{line}");
    let path = std::env::var("RELIABILITY_REPORT")
        .unwrap_or_else(|_| format!("{}/reliability.txt", env!("CARGO_TARGET_TMPDIR")));
    if let Ok(mut file) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
    {
        let _ = writeln!(file, "{line}");
    }
}
