//! The browser entry point; everything else is in the library.

fn main() {
    switchyard::ui::start();
}
