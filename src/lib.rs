//! Switchyard plans e-mail sending lanes: which SMTP server, domain and
//! reputation each kind of mail uses, and which journeys go down which lane.
//!
//! The crate root holds the pure planning core. It never touches the browser,
//! so every module here builds and is tested natively. The `ui` module is the
//! only place that knows about the browser: the app (feature `ui`) and the
//! monitoring and DMARC report workers' shells (feature `worker`).

pub mod dmarc_reports;
pub mod dns;
pub mod domain;
pub mod markdown;
pub mod monitor;
pub mod plan;
pub mod platform;
pub mod review;
#[cfg(feature = "schema")]
pub mod schema;
pub mod simulate;
pub mod units;
pub mod warmup;

#[cfg(any(feature = "ui", feature = "worker"))]
pub mod ui;
