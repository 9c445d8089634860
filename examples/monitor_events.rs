//! Writes a SendGrid event file of about N megabytes for the browser import
//! benchmark: `cargo run --profile bench --example monitor_events -- 100 out.ndjson`.

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(mb), Some(path)) = (
        args.get(1).and_then(|a| a.parse::<usize>().ok()),
        args.get(2),
    ) else {
        eprintln!("usage: monitor_events MEGABYTES PATH");
        std::process::exit(2);
    };
    let bytes = switchyard::monitor::generate::sendgrid_ndjson(mb * 1_000_000, 7);
    if let Err(e) = std::fs::write(path, &bytes) {
        eprintln!("cannot write {path}: {e}");
        std::process::exit(1);
    }
}
