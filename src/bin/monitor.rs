//! The monitoring worker's entry point; the worker is `ui::worker`.

fn main() {
    switchyard::ui::worker::start();
}
