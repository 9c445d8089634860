//! What the charts share: a line that steps from day to day.

use crate::units::fixed;

/// An SVG path through one level per day: flat across each day's bar,
/// joined to the next day's level, and broken on a day without one (a day
/// without sending, or a cap above the chart's scale), so that no line is
/// drawn where there is nothing to show.
pub fn step_path(
    levels: impl IntoIterator<Item = Option<f64>>,
    x: impl Fn(usize) -> f64,
    bar: f64,
) -> String {
    let mut path = String::new();
    let mut joined = false;
    for (i, level) in levels.into_iter().enumerate() {
        let Some(y) = level else {
            joined = false;
            continue;
        };
        let (x0, x1) = (fixed(x(i), 1), fixed(x(i) + bar, 1));
        let to = if joined { 'L' } else { 'M' };
        path.push_str(&format!("{to}{x0},{} H{x1} ", fixed(y, 1)));
        joined = true;
    }
    path
}
