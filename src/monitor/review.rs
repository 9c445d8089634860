//! The weekly review of lane health, per lane and week, as Markdown and CSV.

use std::collections::BTreeMap;

use super::health::{judge, spam_rate_status, Health, Rates, Status};
use super::{date_of_day, day_of_iso, Counts};
use crate::plan::model::Plan;
use crate::units::fixed;

fn cell(x: Option<f64>, digits: u32) -> String {
    x.map_or(String::new(), |x| fixed(x, digits))
}

/// The Monday that starts a day's week.
fn week_of(day: i32) -> i32 {
    // 1970-01-01 was a Thursday.
    day - (day + 3).rem_euclid(7)
}

/// Each lane's weeks, oldest first: (lane name, week start, rates, status).
/// A week with a day that reached an action line on its own is Act, as the
/// lane was that day; a Postmaster Tools spam rate dated in the week
/// judges it as it judges the lane.
pub fn weeks(health: &Health) -> Vec<(String, String, Rates, Status)> {
    let mut out = Vec::new();
    for h in &health.lanes {
        // Per week: its counts, whether one of its days acted alone, and
        // what its worst Postmaster Tools figure says.
        let mut by_week: BTreeMap<i32, (Counts, bool, Option<Status>)> = BTreeMap::new();
        for point in &h.days {
            let week = by_week.entry(week_of(point.day)).or_default();
            week.0.add(&point.counts);
            week.1 |= !point.acts.is_empty();
        }
        for (date, _, rate) in &h.postmaster {
            let Some(day) = day_of_iso(date) else {
                continue;
            };
            let week = by_week.entry(week_of(day)).or_default();
            week.2 = week.2.max(Some(spam_rate_status(*rate)));
        }
        for (week, (counts, bad_day, postmaster)) in by_week {
            let rates = Rates::of(&counts);
            let (status, _) = judge(&counts, &rates, &h.thresholds);
            let status = match bad_day {
                true => Status::Act,
                false => postmaster.map_or(status, |p| status.max(p)),
            };
            out.push((h.name.clone(), date_of_day(week), rates, status));
        }
    }
    out
}

/// The weekly review as Markdown: per lane, its status and reasons, then
/// a table of its weeks.
pub fn weekly_markdown(plan: &Plan, health: &Health) -> String {
    use crate::markdown::escape;
    let mut out = format!("# Weekly deliverability review: {}\n", escape(plan.title()));
    if let Some(clean) = &health.clean_lane {
        out.push_str(&format!(
            "\nIs the clean lane staying clean? {}\n",
            escape(clean)
        ));
    }
    let rows = weeks(health);
    for h in &health.lanes {
        out.push_str(&format!("\n## {}\n\n", escape(&h.name)));
        out.push_str(&format!("Status: {}", h.status.label()));
        if !h.reasons.is_empty() {
            out.push_str(&format!(" ({})", escape(&h.reasons.join("; "))));
        }
        out.push_str(".\n");
        if let Some(f) = &h.firing {
            out.push_str(&format!(
                "\nFallback trigger fired {}: {}. Plan: {}.\n",
                f.when(),
                escape(&f.why),
                escape(h.fallback.as_deref().unwrap_or("no fallback plan"))
            ));
        }
        let lane_rows: Vec<_> = rows.iter().filter(|r| r.0 == h.name).collect();
        if lane_rows.is_empty() {
            out.push_str("\nNo data.\n");
            continue;
        }
        out.push_str("\n| Week of | Sent | Delivered % | Bounces % | Complaints % | Unsubscribes % | Opens % | Clicks % | Revenue per recipient | Status |\n");
        out.push_str("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (_, week, r, status) in lane_rows {
            let cells = week_cells(r, *status);
            out.push_str(&format!("| {week} | {} |\n", cells.join(" | ")));
        }
    }
    out.push_str("\nOpen rates are inflated by Apple Mail Privacy Protection, which opens mail on the recipient's behalf.\n");
    out
}

/// A week's figures as both exports show them: sent, delivered, bounces,
/// complaints, unsubscribes, opens, clicks, revenue per recipient, status.
fn week_cells(r: &Rates, status: Status) -> [String; 9] {
    [
        crate::units::group(r.sent),
        cell(r.delivered_percent, 2),
        cell(r.bounce_percent, 2),
        cell(r.complaint_percent, 3),
        cell(r.unsubscribe_percent, 3),
        cell(r.open_percent, 1),
        cell(r.click_percent, 2),
        cell(r.revenue_per_recipient, 2),
        status.label().to_string(),
    ]
}

/// The weekly review as CSV: one row per lane and week.
pub fn weekly_csv(rows: &[(String, String, Rates, Status)]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "lane",
        "week_starting",
        "sent",
        "delivered_percent",
        "hard_bounce_percent",
        "soft_bounce_percent",
        "complaint_percent",
        "unsubscribe_percent",
        "open_percent",
        "click_percent",
        "revenue_per_recipient",
        "status",
    ]);
    for (lane, week, r, status) in rows {
        let [sent, delivered, _, complaints, unsubscribes, opens, clicks, revenue, status] =
            week_cells(r, *status);
        let _ = w.write_record([
            crate::units::csv_text(lane),
            week.clone(),
            sent.replace(',', ""),
            delivered,
            cell(r.hard_bounce_percent, 2),
            cell(r.soft_bounce_percent, 2),
            complaints,
            unsubscribes,
            opens,
            clicks,
            revenue,
            status,
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
