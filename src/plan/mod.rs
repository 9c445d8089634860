//! The plan: its file model, validation, routing, the reducer that edits it
//! (and what a lane's deletion takes with it), import and export (with the
//! limits on text), the plan as a link, browser storage rules, the sample
//! plan and the names a lane goes by at each vendor.

pub mod diagnostic;
pub mod diff;
pub mod edit;
mod field_words;
pub mod io;
pub mod lane_refs;
pub mod limits;
pub mod link;
pub mod model;
pub mod path_words;
pub mod picker;
pub mod ranges;
pub mod routing;
pub mod sample;
pub mod schedule;
mod shape;
pub mod state;
pub mod storage;
mod unique_keys;
pub mod validate;
pub mod vendor_names;
