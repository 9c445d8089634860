//! The published schedules on the warm-up page: every preset's whole table,
//! numbered as its vendor numbers it, each row with its cap, and what
//! follows the last row.

use switchyard::plan::model::{Plan, WarmupPreset};
use switchyard::plan::sample::sample_plan;
use switchyard::ui::pages::warmup::WarmupPage;
use switchyard::units::group;
use switchyard::warmup::presets::schedule;

use super::support::{self, element, no_behaviour_attributes};

async fn page(plan: Plan) -> String {
    support::render::<WarmupPage>(support::props(plan)).await
}

/// One preset's table as the vendor publishes it.
struct Expected {
    preset: WarmupPreset,
    /// The first column's header.
    step: &'static str,
    first: u32,
    last: u32,
    /// The daily cap on the last row.
    last_cap: u64,
    /// The sentence under the table.
    after: &'static str,
}

const EXPECTED: [Expected; 11] = [
    Expected {
        preset: WarmupPreset::SendgridAutomated,
        step: "Day",
        first: 0,
        last: 41,
        last_cap: 19_601_056 * 24,
        after: "After day 41 (470,425,344 a day), then warm, no cap.",
    },
    Expected {
        preset: WarmupPreset::Sparkpost,
        step: "Stage",
        first: 1,
        last: 29,
        last_cap: 10_000_000,
        after: "After stage 29 (10,000,000 a day), then warm, no cap.",
    },
    Expected {
        preset: WarmupPreset::BrazeConservative,
        step: "Day",
        first: 1,
        last: 21,
        last_cap: 8_000,
        after: "After day 21 (8,000 a day), then the cap doubles every 3 sending days.",
    },
    Expected {
        preset: WarmupPreset::BrazeModerate,
        step: "Day",
        first: 1,
        last: 21,
        last_cap: 1_000_000,
        after: "After day 21 (1,000,000 a day), then the last cap holds.",
    },
    Expected {
        preset: WarmupPreset::BrazeAggressive,
        step: "Day",
        first: 1,
        last: 17,
        last_cap: 4_000_000,
        after: "After day 17 (4,000,000 a day), then the cap doubles every sending day.",
    },
    Expected {
        preset: WarmupPreset::KumoConservative,
        step: "Day",
        first: 1,
        last: 30,
        last_cap: 175_000,
        after: "After day 30 (175,000 a day), then warm, no cap.",
    },
    Expected {
        preset: WarmupPreset::KumoAggressive,
        step: "Day",
        first: 1,
        last: 14,
        last_cap: 300_000,
        after: "After day 14 (300,000 a day), then warm, no cap.",
    },
    Expected {
        preset: WarmupPreset::KumoTransactional,
        step: "Day",
        first: 1,
        last: 21,
        last_cap: 300_000,
        after: "After day 21 (300,000 a day), then warm, no cap.",
    },
    Expected {
        preset: WarmupPreset::SalesforceWeekly,
        step: "Week",
        first: 1,
        last: 6,
        last_cap: 1_600_000,
        after: "After week 6 (1,600,000 a day), then the last cap holds.",
    },
    Expected {
        preset: WarmupPreset::Mailtrap,
        step: "Day",
        first: 1,
        last: 21,
        last_cap: 57_000,
        after: "After day 21 (57,000 a day), then warm, no cap.",
    },
    Expected {
        preset: WarmupPreset::AmazonSes,
        step: "Day",
        first: 1,
        last: 45,
        last_cap: 50_000,
        after: "After day 45 (50,000 a day), then warm, no cap.",
    },
];

/// The cells of each body row: the row header, then the numbers.
fn rows(table: &str) -> Vec<Vec<String>> {
    let body = &table[table.find("<tbody>").expect("a table body")..];
    body.split("<tr")
        .skip(1)
        .map(|row| {
            let row = &row[..row.find("</tr>").unwrap_or(row.len())];
            row.split("</t")
                .filter_map(|cell| cell.rsplit('>').next())
                .filter(|text| !text.is_empty())
                .map(str::to_string)
                .collect()
        })
        .collect()
}

#[test]
fn every_preset_with_a_schedule_is_expected() {
    let listed: Vec<WarmupPreset> = EXPECTED.iter().map(|e| e.preset).collect();
    for preset in WarmupPreset::ALL {
        assert_eq!(
            schedule(preset).is_some(),
            listed.contains(&preset),
            "{preset:?}"
        );
    }
}

#[tokio::test]
async fn each_preset_shows_its_whole_table() {
    let html = page(sample_plan()).await;
    for e in &EXPECTED {
        let key = e.preset.key();
        let s = schedule(e.preset).unwrap();
        let card = element(&html, &format!("schedule-{key}"), "details");
        assert!(card.starts_with("<details"), "{key}: {card}");
        assert!(card.contains(e.preset.label()), "{key}");
        assert!(
            card.contains(&format!("<th scope=\"col\">{}</th>", e.step)),
            "{key}: {card}"
        );
        let rows = rows(card);
        assert_eq!(
            rows.len(),
            s.values.len(),
            "{key}: one row per published value"
        );
        for (row, (number, value)) in rows.iter().zip((e.first..).zip(s.values)) {
            assert_eq!(row[0], number.to_string(), "{key}");
            // Hourly tables show the published hourly cap, then the day's.
            assert_eq!(row[1], group(*value), "{key} row {number}");
        }
        let last = rows.last().unwrap();
        assert_eq!(last[0], e.last.to_string(), "{key}");
        assert_eq!(last.last().unwrap(), &group(e.last_cap), "{key}");
        assert!(card.contains(e.after), "{key}: {card}");
        assert!(card.contains(&format!("Source: {}.", s.source)), "{key}");
    }
}

#[tokio::test]
async fn the_schedules_fold_into_one_section_and_need_no_plan() {
    let html = page(Plan::empty("p")).await;
    let section = &html[html.find("<details class=\"card presets\">").unwrap()..];
    let summaries = section.matches("<summary>").count();
    assert_eq!(summaries, 1 + EXPECTED.len(), "the section and each preset");
    // The hourly table shows both caps; a day allows 24 hours.
    let sendgrid = element(&html, "schedule-sendgrid_automated", "details");
    assert!(sendgrid.contains("Cap an hour"));
    let first = &rows(sendgrid)[0];
    assert_eq!(first, &["0", "20", "480"]);
    // Weekly caps hold all week.
    let salesforce = element(&html, "schedule-salesforce_weekly", "details");
    assert!(salesforce.contains("Cap a day, all week"));
    assert!(!salesforce.contains("Cap an hour"));
    no_behaviour_attributes(&html);
}
