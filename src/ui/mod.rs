//! The browser side: the app, a Yew front end over the pure planning core
//! (feature `ui`); the workers' shell (feature `engine`); and `views`, the
//! components the workers render to HTML and the app renders too.
//!
//! In the app, state lives in one provider (`context`) around the core
//! reducer; pages read it through `use_planner`, and leaf components take
//! props and emit callbacks. Storage, downloads and file reading happen in
//! effects and event handlers, never in the reducer.

pub mod views;
#[cfg(feature = "engine")]
pub mod worker;

#[cfg(feature = "ui")]
mod app;
#[cfg(feature = "ui")]
mod context;
#[cfg(feature = "ui")]
mod domains;
#[cfg(feature = "ui")]
mod engine;
#[cfg(feature = "ui")]
mod files;
#[cfg(feature = "ui")]
mod monitoring;
#[cfg(feature = "ui")]
mod notice;
#[cfg(feature = "ui")]
mod panic;
#[cfg(feature = "ui")]
mod persist;
#[cfg(feature = "ui")]
mod report;
#[cfg(feature = "ui")]
mod toolbar;

#[cfg(feature = "ui")]
pub use app::App;
#[cfg(feature = "ui")]
pub use notice::{NoticeBar, NoticeBarProps};
#[cfg(feature = "ui")]
pub use panic::show_crash_screen;

/// Starts the app in the page's body.
#[cfg(feature = "ui")]
pub fn start() {
    panic::install();
    yew::Renderer::<App>::new().render();
}
