//! Prints the JSON Schema of the plan file, which is committed as
//! `static/plan.schema.json` and served with the app.
//!
//! Run: `cargo run --features schema --bin schema > static/plan.schema.json`

fn main() {
    print!("{}", switchyard::schema::plan_schema());
}
