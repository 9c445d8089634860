//! The monitoring worker's entry point; the work is in the library.

fn main() {
    switchyard::ui::worker::start_monitor();
}
