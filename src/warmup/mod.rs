//! Warm-up planning: the vendors' published schedules (`presets`) and a
//! lane's calendar over real dates (`calendar`).

pub mod calendar;
pub mod presets;
