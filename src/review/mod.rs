//! Reviews of a plan: the lint of common lane-design mistakes, the
//! implementation checklist, whether to split at all, and the readiness
//! report.

pub mod assess;
pub mod checklist;
pub mod findings;
pub mod lint;
pub mod readiness;
