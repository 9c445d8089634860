//! Numbers and dates written for people.

use switchyard::units::{
    and_list, apportion, count, decimal_text, fixed, group, minutes, money, parse_iso_date,
};

#[test]
fn counts_agree_with_their_nouns_and_group_thousands() {
    // (n, text)
    let cases = [
        (0, "0 lanes"),
        (1, "1 lane"),
        (2, "2 lanes"),
        (999, "999 lanes"),
        (1_000, "1,000 lanes"),
        (42_250, "42,250 lanes"),
        (1_234_567, "1,234,567 lanes"),
        (u64::MAX, "18,446,744,073,709,551,615 lanes"),
    ];
    for (n, text) in cases {
        assert_eq!(count(n, "lane", "lanes"), text);
    }
    assert_eq!(group(100_000), "100,000");
}

#[test]
fn fixed_rounds_to_its_places() {
    // (value, places, text)
    let cases = [
        (12.5, 2, "12.50"),
        (0.125, 2, "0.13"),
        (-0.5, 0, "-1"),
        (-0.04, 1, "0.0"),
        (3.0, 9, "3.000000"),
        (f64::NAN, 2, "–"),
        (f64::INFINITY, 2, "–"),
    ];
    for (value, places, text) in cases {
        assert_eq!(fixed(value, places), text, "{value} to {places}");
    }
}

#[test]
fn dates_are_read_with_their_leap_years() {
    // (text, date)
    let cases = [
        ("2027-09-06", Some((2027, 9, 6))),
        ("2028-02-29", Some((2028, 2, 29))),
        ("2027-02-29", None),
        ("1900-02-29", None),
        ("2000-02-29", Some((2000, 2, 29))),
        ("2027-13-01", None),
        ("2027-04-31", None),
        ("2027-9-06", None),
        ("+027-09-06", None),
        ("2027-09-06 ", None),
        ("", None),
    ];
    for (text, date) in cases {
        assert_eq!(parse_iso_date(text), date, "{text:?}");
    }
}

#[test]
fn lists_read_as_a_sentence() {
    // (items, text)
    let cases: [(&[&str], &str); 4] = [
        (&[], ""),
        (&["a"], "a"),
        (&["a", "b"], "a and b"),
        (&["a", "b", "c"], "a, b and c"),
    ];
    for (items, text) in cases {
        let items: Vec<String> = items.iter().map(|s| s.to_string()).collect();
        assert_eq!(and_list(&items), text);
    }
}

#[test]
fn money_has_its_sign_and_thousands() {
    // (value, text)
    let cases = [
        (1_009_944.6, "$1,009,945"),
        (0.4, "$0"),
        (-12.0, "−$12"),
        (-0.2, "$0"),
        (f64::NAN, "–"),
    ];
    for (value, text) in cases {
        assert_eq!(money(value), text, "{value}");
    }
}

#[test]
fn minutes_read_as_days_hours_and_minutes() {
    // (minutes, text)
    let cases = [
        (0, "0 min"),
        (45, "45 min"),
        (60, "1 h"),
        (150, "2 h 30 min"),
        (1_440, "1 day"),
        (4_320, "3 days"),
        (1_565, "1 day 2 h 5 min"),
        (u32::MAX, "2,982,616 days 4 h 15 min"),
    ];
    for (n, text) in cases {
        assert_eq!(minutes(n), text, "{n}");
    }
}

#[test]
fn capitalised_raises_only_the_first_letter() {
    use switchyard::units::capitalised;
    for (text, expected) in [
        (
            "rule 2 “Flows” and the default lane",
            "Rule 2 “Flows” and the default lane",
        ),
        ("day", "Day"),
        ("“quoted” first", "“quoted” first"),
        ("", ""),
        ("Already", "Already"),
    ] {
        assert_eq!(capitalised(text), expected, "{text}");
    }
}

#[test]
fn percentages_round_to_one_place() {
    use switchyard::units::{percent, percent_of};
    for (part, whole, want) in [
        (1_500, 5_800, "25.9"),
        (976, 1_000, "97.6"),
        (1, 3, "33.3"),
        (5, 0, "0.0"),
    ] {
        assert_eq!(percent_of(part, whole), want);
    }
    assert_eq!(percent(19.96), "20.0");
}

#[test]
fn apportioned_parts_add_up_to_their_rounded_sum() {
    // (parts, shown): halves go to the earlier part, the largest
    // remainders first, and a part below zero counts as none.
    let cases: [(&[f64], &[u64]); 5] = [
        (&[5_062.5, 0.0, 11_812.5], &[5_063, 0, 11_812]),
        (&[0.4, 0.4, 0.4], &[1, 0, 0]),
        (&[1.2, 2.7, 3.1], &[1, 3, 3]),
        (&[26_950.0, 50.0], &[26_950, 50]),
        (&[-0.0001, 2.5], &[0, 3]),
    ];
    for (parts, shown) in cases {
        assert_eq!(apportion(parts), shown, "{parts:?}");
    }
}

#[test]
fn numbers_in_any_countrys_marks_read_as_a_decimal_point_and_digits() {
    let cases = [
        ("0,15", "0.15"),
        ("0.15", "0.15"),
        ("1,234.56", "1234.56"),
        ("1.234,56", "1234.56"),
        ("1 234,56", "1234.56"),
        ("1\u{a0}234,56", "1234.56"),
        ("1'234.56", "1234.56"),
        ("1,234,567", "1234567"),
        ("1.234.567", "1234567"),
        ("1,234,567.89", "1234567.89"),
        ("1,234", "1.234"),
        ("42", "42"),
        ("", ""),
        (" 12 ", "12"),
        ("abc", "abc"),
    ];
    for (text, plain) in cases {
        assert_eq!(decimal_text(text), plain, "{text:?}");
    }
}
