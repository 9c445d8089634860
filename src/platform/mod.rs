//! What each sending platform can build of a plan, and the files that set
//! the plan up there.
//!
//! `customer_io` maps journeys to Customer.io's message types and finds the
//! nearest plan it can build; `limits` says what each ESP's limits mean for
//! the lanes; `status` tells, per platform, which lanes fit as planned and
//! the steps to set them up; `names` derives the pool, set and stream names
//! every vendor file uses; `export` writes those files.

pub mod customer_io;
pub mod export;
pub mod limits;
pub mod names;
pub mod status;
