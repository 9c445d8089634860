//! Warm-up planning: the vendors' published schedules (`presets`), a
//! lane's calendar over real dates (`calendar`) and a migration's daily
//! split between its old and new lane (`migration`).

pub mod calendar;
pub mod migration;
pub mod presets;
