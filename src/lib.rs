//! Switchyard plans e-mail sending lanes: which SMTP server, domain and
//! reputation each kind of mail uses, and which journeys go down which lane.
//!
//! The crate root holds the pure planning core. It never touches the browser,
//! so every module here builds and is tested natively; the `ui` module, behind
//! the feature of the same name, is the only place that knows about Yew, and
//! `worker` is the engine worker's thin browser shell.

pub mod diagnostic;
pub mod dns;
pub mod domain;
pub mod io;
pub mod lint;
pub mod model;
pub mod routing;
pub mod sample;
#[cfg(feature = "schema")]
pub mod schema;
pub mod simulate;
pub mod state;
pub mod storage;
pub mod units;
pub mod validate;
pub mod warmup;

#[cfg(feature = "ui")]
pub mod ui;
#[cfg(any(feature = "ui", feature = "engine"))]
pub mod views;
#[cfg(feature = "engine")]
pub mod worker;
