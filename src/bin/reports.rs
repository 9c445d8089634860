//! The DMARC report worker's entry point; the worker is `ui::report_worker`.

fn main() {
    switchyard::ui::report_worker::start();
}
