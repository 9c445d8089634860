//! The browser app: a Yew front end over the pure planning core.
//!
//! State lives in one provider (`context`) around the core reducer; the
//! shell (`app`) derives what several pages share, memoised on the plan,
//! and renders the current page (`pages`), which sends typed edits back
//! through callbacks. Storage, downloads and file reading happen in effects
//! and event handlers, never in the reducer.

mod app;
mod context;
pub mod fields;
mod files;
pub mod monitor;
mod notice;
pub mod pages;
mod panic;
mod persist;
mod toolbar;

pub use app::App;
pub use notice::{NoticeBar, NoticeBarProps};
pub use panic::show_crash_screen;

/// Starts the app in the page's body.
pub fn start() {
    panic::install();
    yew::Renderer::<App>::new().render();
}
