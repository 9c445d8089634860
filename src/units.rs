//! Number formatting for people. Integer arithmetic keeps core::fmt's float
//! printers out of the Wasm bundle and gives identical text everywhere.

/// `value` rounded to `decimals` places (at most 6), such as `12.5` → "12.50".
pub fn fixed(value: f64, decimals: u32) -> String {
    if !value.is_finite() {
        return "–".to_string();
    }
    let decimals = decimals.min(6);
    let scale = 10i64.pow(decimals);
    let scaled = (value * scale as f64).round() as i64;
    let sign = if scaled < 0 { "-" } else { "" };
    let whole = scaled.unsigned_abs() / scale as u64;
    let frac = scaled.unsigned_abs() % scale as u64;
    if decimals == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{frac:0width$}", width = decimals as usize)
    }
}

/// A percentage as every page shows it: rounded to one decimal (25.86 →
/// "25.9"), so findings and the Overview give one figure.
pub fn percent(value: f64) -> String {
    fixed(value, 1)
}

/// `part`'s share of `whole`, in percent as `percent` writes it; "0.0"
/// of nothing.
pub fn percent_of(part: u64, whole: u64) -> String {
    match whole {
        0 => percent(0.0),
        _ => percent(part as f64 * 100.0 / whole as f64),
    }
}

/// A number as people write it in any country's marks, with a decimal
/// point and no thousands separators or spaces: of two kinds of mark, the
/// last is the decimal one ("1,234.56", "1.234,56"); a lone comma or point
/// is a decimal one ("0,15"); one kind repeated groups thousands
/// ("1.234.567"). A lone comma after three figures is still read as a
/// decimal comma ("1,234" is 1.234): amounts with decimals are small.
pub fn decimal_text(text: &str) -> String {
    let text: String = (text.chars())
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '\''))
        .collect();
    let (commas, points) = (text.matches(',').count(), text.matches('.').count());
    let decimal = match (commas, points) {
        (1, 0) | (0, 1) => text.rfind([',', '.']),
        (_, 0) | (0, _) => None,
        _ => text.rfind([',', '.']),
    };
    (text.char_indices())
        .filter_map(|(i, c)| match c {
            ',' | '.' => (Some(i) == decimal).then_some('.'),
            c => Some(c),
        })
        .collect()
}

/// 12345 → "12,345".
pub fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Parts rounded to whole numbers that add up to their rounded sum: each
/// part is cut down, and the units left go to the largest remainders (the
/// earlier part on a tie), so a table's row of rounded figures balances.
/// A part below zero or not a number counts as zero.
pub fn apportion(parts: &[f64]) -> Vec<u64> {
    let clean: Vec<f64> = parts
        .iter()
        .map(|&p| if p.is_finite() && p > 0.0 { p } else { 0.0 })
        .collect();
    let total = clean.iter().sum::<f64>().round() as u64;
    let mut whole: Vec<u64> = clean.iter().map(|p| p.floor() as u64).collect();
    let mut order: Vec<usize> = (0..clean.len()).collect();
    // A stable sort keeps the earlier part first among equal remainders.
    order.sort_by(|&a, &b| (clean[b] - clean[b].floor()).total_cmp(&(clean[a] - clean[a].floor())));
    let short = total.saturating_sub(whole.iter().sum());
    for &i in order.iter().cycle().take(short as usize) {
        whole[i] += 1;
    }
    whole
}

/// Whole dollars, as the app shows revenue: 1009944.6 → "$1,009,945",
/// -12 → "−$12".
pub fn money(value: f64) -> String {
    if !value.is_finite() {
        return "–".to_string();
    }
    let dollars = value.abs().round() as u64;
    let sign = if value < 0.0 && dollars > 0 {
        "−"
    } else {
        ""
    };
    format!("{sign}${}", group(dollars))
}

/// An amount per recipient, in dollars and cents as revenue is typed:
/// 1.5 → "$1.50".
pub fn cents(value: f64) -> String {
    format!("${}", fixed(value, 2))
}

/// A count and its noun: (1, "lane", "lanes") → "1 lane", 2500 → "2,500 lanes".
pub fn count(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", group(n), if n == 1 { one } else { many })
}

/// A span of minutes as people say it: "0 min", "45 min", "2 h 30 min",
/// "3 days", "1 day 2 h".
pub fn minutes(total: u32) -> String {
    let (days, hours, mins) = (total / 1440, total % 1440 / 60, total % 60);
    let mut parts = Vec::new();
    if days > 0 {
        parts.push(count(u64::from(days), "day", "days"));
    }
    if hours > 0 {
        parts.push(format!("{hours} h"));
    }
    if mins > 0 || parts.is_empty() {
        parts.push(format!("{mins} min"));
    }
    parts.join(" ")
}

/// Items as a sentence lists them: "a", "a and b", "a, b and c".
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The text with an upper-case first letter, for a sentence built from
/// parts. The texts start with an ASCII word or a quotation mark, so no
/// Unicode case table is needed.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// The years a plan's dates may fall in: a year outside them is a
/// mistyped one, and would stretch calendars across centuries.
pub const PLAN_YEARS: std::ops::RangeInclusive<u32> = 2000..=2199;

/// Why `value` is not a plan's date, in a sentence.
pub fn not_a_date(value: &str) -> String {
    let year = value
        .trim()
        .get(..4)
        .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|y| y.parse::<u32>().ok());
    match year {
        Some(year) if !PLAN_YEARS.contains(&year) => {
            format!("“{value}” falls in the year {year}; plans run from 2000 to 2199.")
        }
        _ => format!("“{value}” is not a date."),
    }
}

/// Whether `text` is a calendar date written YYYY-MM-DD, leap years
/// included, in the years plans run.
pub fn is_iso_date(text: &str) -> bool {
    parse_iso_date(text).is_some()
}

/// A YYYY-MM-DD date, surrounding spaces allowed; `None` for anything else.
pub fn iso_date(text: &str) -> Option<chrono::NaiveDate> {
    let (y, m, d) = parse_iso_date(text.trim())?;
    chrono::NaiveDate::from_ymd_opt(y, m, d)
}

/// The year, month and day of a YYYY-MM-DD date; a small reader, because
/// chrono's format parser would add to the Wasm bundle.
pub fn parse_iso_date(text: &str) -> Option<(i32, u32, u32)> {
    let parts: Vec<&str> = text.split('-').collect();
    let [year, month, day] = parts.as_slice() else {
        return None;
    };
    if year.len() != 4 || month.len() != 2 || day.len() != 2 {
        return None;
    }
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(year) && digits(month) && digits(day)) {
        return None;
    }
    let (Ok(year), Ok(month), Ok(day)) = (
        year.parse::<u32>(),
        month.parse::<u32>(),
        day.parse::<u32>(),
    ) else {
        return None;
    };
    if !PLAN_YEARS.contains(&year) {
        return None;
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days)
        .contains(&day)
        .then_some((year as i32, month, day))
}

/// A one-line value as it is kept: without the spaces around it, without
/// the invisible characters that reverse the text around a name
/// (bidirectional overrides and isolates) or make two names that read
/// alike differ (zero-width spaces), and with each run of line breaks and
/// other control characters one space, since a name with a line break in
/// it breaks the vendor files and headings it is written into.
pub fn clean_line(text: &str) -> String {
    let invisible = |c: char| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}');
    let breaks = |c: char| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}');
    let mut line = String::with_capacity(text.len());
    let mut broken = false;
    for c in text.chars().filter(|&c| !invisible(c)) {
        if breaks(c) {
            broken = true;
            continue;
        }
        if std::mem::take(&mut broken) {
            line.push(' ');
        }
        line.push(c);
    }
    line.trim().to_string()
}

/// A text cell for a CSV file that spreadsheets read as text: one that
/// starts like a formula (`=`, `+`, `-`, `@`, a tab or a carriage return)
/// gets a leading apostrophe, so a name cannot run as a formula.
pub fn csv_text(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}
