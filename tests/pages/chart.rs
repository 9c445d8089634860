//! What the charts share: the dates an axis labels at its width, and a
//! line broken where a day has no data.

use switchyard::ui::chart::{date_ticks, line_path, LABEL_PX};

/// `n` dates from `start`, a day apart.
fn days(start: &str, n: u64) -> Vec<String> {
    let first = chrono::NaiveDate::parse_from_str(start, "%Y-%m-%d").unwrap();
    (0..n)
        .map(|i| (first + chrono::Days::new(i)).to_string())
        .collect()
}

#[test]
fn date_labels_never_overlap_at_any_width() {
    // (days from 2026-11-30, axis width in pixels, the dates labelled).
    let cases: &[(u64, f64, &[&str])] = &[
        (2, 100.0, &["2026-11-30"]),
        (2, 240.0, &["2026-11-30", "2026-12-01"]),
        // The week the monitoring charts showed with overlapping dates.
        (7, 120.0, &["2026-11-30"]),
        (7, 174.0, &["2026-11-30", "2026-12-06"]),
        (7, 300.0, &["2026-11-30", "2026-12-06"]),
        (7, 700.0, &["2026-11-30", "2026-12-01", "2026-12-06"]),
        (30, 174.0, &["2026-11-30", "2026-12-29"]),
        (30, 300.0, &["2026-11-30", "2026-12-14", "2026-12-29"]),
        (
            30,
            700.0,
            &[
                "2026-11-30",
                "2026-12-07",
                "2026-12-14",
                "2026-12-21",
                "2026-12-29",
            ],
        ),
        (365, 174.0, &["2026-11-30", "2027-11-29"]),
        (365, 300.0, &["2026-11-30", "2027-05-01", "2027-11-29"]),
        (
            365,
            700.0,
            &[
                "2026-11-30",
                "2027-02-01",
                "2027-04-01",
                "2027-06-01",
                "2027-08-01",
                "2027-10-01",
                "2027-11-29",
            ],
        ),
    ];
    for &(n, width, want) in cases {
        let dates = days("2026-11-30", n);
        let ticks = date_ticks(dates.iter().map(String::as_str), width);
        let got: Vec<&str> = ticks.iter().map(|t| t.date.as_str()).collect();
        assert_eq!(got, want, "{n} days at {width} pixels");
    }
    // Every span at every width: labels a label's width apart, and inside
    // the axis (the first and last held against its edges).
    for n in [1, 2, 7, 30, 90, 365, 730] {
        for width in [
            60.0, 120.0, 174.0, 240.0, 300.0, 480.0, 700.0, 1000.0, 1400.0,
        ] {
            let dates = days("2026-11-30", n);
            let ticks = date_ticks(dates.iter().map(String::as_str), width);
            let case = format!("{n} days at {width} pixels: {ticks:?}");
            assert_eq!(ticks[0].date, dates[0], "{case}");
            let half = LABEL_PX / 2.0;
            let middles: Vec<f64> = (ticks.iter())
                .map(|t| (t.at * width).max(half).min(width - half))
                .collect();
            for pair in middles.windows(2) {
                assert!(pair[1] - pair[0] >= LABEL_PX - 1e-9, "{case}");
            }
            // The last date is labelled wherever it clears the first.
            let first = (0.5 / n as f64 * width).max(half);
            let last = ((n as f64 - 0.5) / n as f64 * width).min(width - half);
            if n > 1 && last - first >= LABEL_PX {
                assert_eq!(
                    ticks[ticks.len() - 1].date,
                    dates[dates.len() - 1],
                    "{case}"
                );
            }
            // A wide axis labels more than the ends of a long span.
            if n >= 30 && width >= 700.0 {
                assert!(ticks.len() > 2, "{case}");
            }
        }
    }
}

#[test]
fn a_line_breaks_at_days_without_data() {
    // (each day's level, the path): days 10 pixels wide.
    let cases: &[(&[Option<f64>], &str)] = &[
        (&[], ""),
        (&[None, None], ""),
        // Data on 12-01 and 12-06 only: two dashes, not a line between.
        (
            &[None, Some(40.0), None, None, None, None, Some(20.0)],
            "M10.0,40.0 H20.0 M60.0,20.0 H70.0 ",
        ),
        (&[Some(1.0), Some(2.0)], "M5.0,1.0 L15.0,2.0 "),
        (
            &[Some(1.0), Some(2.0), None, Some(3.0), Some(4.0), Some(5.0)],
            "M5.0,1.0 L15.0,2.0 M35.0,3.0 L45.0,4.0 L55.0,5.0 ",
        ),
        (&[Some(1.0)], "M0.0,1.0 H10.0 "),
    ];
    for (levels, want) in cases {
        let x = |i: usize| (i as f64 + 0.5) * 10.0;
        assert_eq!(line_path(levels, x, 10.0), *want, "{levels:?}");
    }
}
