//! The browser side: the app, a Yew front end over the pure planning core
//! (feature `ui`), and the monitoring and DMARC report workers' shells
//! (`worker` and `report_worker`, feature `worker`, without Yew).
//!
//! State lives in one provider (`context`) around the core reducer; the
//! shell (`app`) derives what several pages share, memoised on the plan,
//! and renders the current page (`pages`), which sends typed edits back
//! through callbacks. Storage, downloads and file reading happen in effects
//! and event handlers, never in the reducer.

#[cfg(feature = "ui")]
mod app;
#[cfg(feature = "ui")]
mod band;
#[cfg(feature = "ui")]
pub mod chart;
#[cfg(feature = "ui")]
mod context;
#[cfg(feature = "ui")]
pub mod fields;
#[cfg(feature = "ui")]
mod files;
#[cfg(feature = "ui")]
mod focus;
#[cfg(feature = "ui")]
pub mod kept;
#[cfg(feature = "ui")]
pub mod live_dns;
#[cfg(feature = "ui")]
pub mod monitor;
#[cfg(feature = "ui")]
mod notice;
#[cfg(feature = "ui")]
mod offline;
#[cfg(feature = "ui")]
pub mod pages;
#[cfg(feature = "ui")]
mod panic;
#[cfg(feature = "ui")]
mod persist;
#[cfg(feature = "ui")]
mod psl;
#[cfg(feature = "worker")]
pub mod report_worker;
#[cfg(feature = "ui")]
pub mod reports;
#[cfg(feature = "ui")]
mod resize;
#[cfg(feature = "ui")]
mod share;
#[cfg(feature = "ui")]
mod tabs;
#[cfg(feature = "ui")]
mod toolbar;
#[cfg(feature = "ui")]
mod undo_keys;
#[cfg(feature = "worker")]
pub mod worker;
#[cfg(feature = "ui")]
mod worker_link;

#[cfg(feature = "ui")]
pub use app::App;
#[cfg(feature = "ui")]
pub use notice::{DamagedBar, DamagedBarProps, NoticeBar, NoticeBarProps};
#[cfg(feature = "ui")]
pub use panic::{remember_shown, show_crash_screen};

/// Starts the app in the page's body.
#[cfg(feature = "ui")]
pub fn start() {
    panic::install();
    yew::Renderer::<App>::new().render();
}

/// Resolves after `ms` milliseconds, in a later task of the event loop.
#[cfg(feature = "ui")]
pub(crate) async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
