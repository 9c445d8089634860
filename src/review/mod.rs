//! Reviews of a plan: the lint of common lane-design mistakes, the
//! implementation checklist, whether to split at all, the readiness
//! report, what each migration between lanes asks of the team, and where
//! in the planner each finding is fixed.

pub mod assess;
pub mod checklist;
pub mod findings;
pub mod lint;
pub mod migration;
pub mod place;
pub mod readiness;
pub mod sender_rules;
