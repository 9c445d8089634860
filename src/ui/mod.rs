//! The browser app: a Yew front end over the pure planning core.
//!
//! State lives in one provider (`context`) around the core reducer; pages
//! read it through `use_planner`, and leaf components take props and emit
//! callbacks. Storage, downloads and file reading happen in effects and
//! event handlers, never in the reducer.

mod app;
mod context;
mod domains;
mod engine;
mod fields;
mod files;
mod notice;
mod overview;
mod panic;
mod persist;
mod report;
mod toolbar;

pub use app::App;
pub use notice::{NoticeBar, NoticeBarProps};
pub use panic::show_crash_screen;

/// Starts the app in the page's body.
pub fn start() {
    panic::install();
    yew::Renderer::<App>::new().render();
}
