//! Component tests: each page rendered natively with Yew's server renderer
//! from a plan, its fields and buttons checked against that plan.
#![cfg(feature = "ui")]

#[path = "../support/delivery.rs"]
mod delivery;
#[path = "../support/moves.rs"]
mod moves;
mod support;

mod chart;
mod checklist;
mod dmarc;
mod domains;
mod journeys;
mod lanes;
mod migrations;
mod monitoring;
mod notice;
mod overview;
mod platform;
mod preferences;
mod problems;
mod published;
mod readiness;
mod rules;
mod schedules;
mod simulation;
mod warmup;
