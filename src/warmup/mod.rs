//! Warm-up planning: the vendors' published schedules (`presets`), a
//! lane's calendar over real dates (`calendar`), how long the mail it
//! defers waits (`late`) and a migration's daily split between its old and
//! new lane (`migration`).

pub mod calendar;
pub mod late;
pub mod migration;
pub mod presets;
