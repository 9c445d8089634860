//! The calendar as CSV, for the download on the Warm-up tab.

use super::Calendar;

/// The calendar as CSV, one row per date.
pub fn to_csv(calendar: &Calendar) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = [
        "date",
        "sending",
        "ramp_day",
        "daily_cap",
        "wanted",
        "waiting",
        "sent_engaged_30",
        "sent_engaged_60",
        "sent_engaged_90",
        "sent_others",
        "over_cap",
        "off_day",
        "note",
    ];
    let _ = writer.write_record(header);
    for day in &calendar.days {
        let number = |n: Option<u64>| n.map(|n| n.to_string()).unwrap_or_default();
        let _ = writer.write_record([
            day.date.clone(),
            if day.sending { "yes" } else { "no" }.to_string(),
            number(day.step.map(|s| u64::from(s) + 1)),
            if day.sending && day.cap.is_none() {
                "warm".to_string()
            } else {
                number(day.cap)
            },
            // Wanted as the table says it: on a day the lane does not
            // send, the deferred mail and its journeys' mail, which
            // `off_day` repeats.
            (day.requested + day.off_day).to_string(),
            day.waiting.to_string(),
            day.sent[0].to_string(),
            day.sent[1].to_string(),
            day.sent[2].to_string(),
            day.sent[3].to_string(),
            day.over_cap.to_string(),
            day.off_day.to_string(),
            crate::units::csv_text(&day.note),
        ]);
    }
    writer
        .into_inner()
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_default()
}
