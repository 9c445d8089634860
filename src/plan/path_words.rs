//! A finding's JSON path, such as `$.lanes[0].smtp.host`, in the words the
//! pages use: `Lane “Transactional” › SMTP › host`. Findings keep the path,
//! which names the place in an exported plan exactly; people read this.

use super::diagnostic::Diagnostic;
use super::model::Plan;

/// Says where each finding is in words (`Diagnostic::place`), so every
/// page that lists it names the place as Problems does. A finding at a
/// character of a record's text keeps its path, which says that.
pub fn name_places(plan: &Plan, findings: &mut [Diagnostic]) {
    for finding in findings.iter_mut().filter(|d| d.column.is_none()) {
        finding.place = in_words(Some(plan), &finding.path);
    }
}

/// `path` in words, naming lanes, journeys, rules and migrations by their
/// names in `plan` (by number without one); "line 4" is a line of the
/// pasted records. Other text that is not a JSON path, such as a DNS name
/// or "line 3, column 7", is returned as it is.
pub fn in_words(plan: Option<&Plan>, path: &str) -> String {
    if let Some(lane) = super::diagnostic::lane_of_checks(path) {
        return lane_checks(plan, lane);
    }
    // A line of the pasted records, as the zone-file reader numbers them:
    // in a list of all findings, or a report, the box is named too.
    let line = path.strip_prefix("line ");
    if line.is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())) {
        return format!("Existing records › {path}");
    }
    let Some(steps) = path.strip_prefix('$').and_then(steps) else {
        return path.to_string();
    };
    let mut words = Vec::new();
    let mut rest = steps.as_slice();
    match rest {
        [] => return "The plan as a whole".to_string(),
        [Step::Key(list), Step::Index(i), tail @ ..] if noun(list).is_some() => {
            words.push(item(plan, list, *i));
            rest = tail;
        }
        // The plan file keeps the thresholds with the monitoring settings,
        // but they are set on the checklist.
        [Step::Key("monitoring"), Step::Key("thresholds"), tail @ ..] => {
            words.extend(["Checklist".to_string(), "monitoring thresholds".to_string()]);
            rest = tail;
            // Each lane's thresholds are a row of their own, named by the lane.
            if let [Step::Index(i), more @ ..] = tail {
                if let Some(lane) = thresholds_lane(plan, *i) {
                    words.push(lane);
                    rest = more;
                }
            }
        }
        // Postmaster Tools figures are rows of their section, each named
        // by its domain and date, with their fields as labelled there.
        [Step::Key("monitoring"), Step::Key("postmaster"), tail @ ..] => {
            words.extend([
                "Monitoring".to_string(),
                "Google Postmaster Tools".to_string(),
            ]);
            rest = tail;
            if let [Step::Index(i), more @ ..] = tail {
                words.push(postmaster_row(plan, *i));
                rest = more;
                if let [Step::Key("spam_rate_percent")] = more {
                    words.push("spam rate %".to_string());
                    rest = &[];
                }
            }
        }
        // A fallback plan is a lane's row of the simulation's fallback
        // plans, its controls named as the row labels them.
        [Step::Key("simulation"), Step::Key("fallbacks"), tail @ ..] => {
            words.extend(["Simulation".to_string(), "fallback plans".to_string()]);
            let more = match tail {
                [Step::Index(i), more @ ..] => {
                    words.push(fallback_lane(plan, *i).unwrap_or_else(|| index_words(*i)));
                    more
                }
                _ => tail,
            };
            words.extend(more.iter().map(|step| match step {
                Step::Key(key) => fallback_control(key),
                Step::Index(i) => index_words(*i),
            }));
            rest = &[];
        }
        // Seed tests are rows of the checklist's seed-list tests, each
        // named as the page names it.
        [Step::Key("checklist"), Step::Key("seeds"), tail @ ..] => {
            words.extend(["Checklist".to_string(), "seed-list tests".to_string()]);
            rest = tail;
            if let [Step::Index(i), more @ ..] = tail {
                if let Some(row) = seed_row(plan, *i) {
                    words.push(row);
                    rest = more;
                }
            }
        }
        // A checklist item's own row: its step, and its lane if it has one.
        [Step::Key("checklist"), Step::Key("items"), Step::Index(i), tail @ ..]
            if checklist_row(plan, *i).is_some() =>
        {
            words.push("Checklist".to_string());
            words.extend(checklist_row(plan, *i));
            rest = tail;
        }
        [Step::Key(key), tail @ ..] => {
            words.push(section(key));
            rest = tail;
        }
        [Step::Index(_), ..] => {}
    }
    while let Some((step, tail)) = rest.split_first() {
        rest = tail;
        words.push(match (step, tail) {
            // Preference topics have names, which the page shows.
            (Step::Key("topics"), [Step::Index(i), more @ ..]) => {
                rest = more;
                topic(plan, *i)
            }
            (Step::Key(key), _) => field(key),
            (Step::Index(i), _) => index_words(*i),
        });
    }
    words.join(" › ")
}

/// The DNS checks of the lane with id `lane`, by its name where the plan
/// has it.
fn lane_checks(plan: Option<&Plan>, lane: &str) -> String {
    let name = plan
        .and_then(|p| p.lanes.iter().find(|l| l.id == lane))
        .map(|l| l.name.trim())
        .filter(|name| !name.is_empty());
    match name {
        Some(name) => format!("Lane “{name}” › DNS checks"),
        None => format!("Lane {lane} › DNS checks"),
    }
}

/// The lane whose monitoring thresholds are row `index`, by its name.
fn thresholds_lane(plan: Option<&Plan>, index: u32) -> Option<String> {
    let plan = plan?;
    lane_words(plan, &plan.monitoring.thresholds.get(index as usize)?.lane)
}

/// The lane whose fallback plan is row `index`, by its name.
fn fallback_lane(plan: Option<&Plan>, index: u32) -> Option<String> {
    let plan = plan?;
    lane_words(plan, &plan.simulation.fallbacks.get(index as usize)?.lane)
}

/// An item of a list by its number, counted from 1.
fn index_words(index: u32) -> String {
    format!("item {}", u64::from(index) + 1)
}

/// A control of a lane's fallback plan, as its row labels it.
fn fallback_control(key: &str) -> String {
    match key {
        "action" => "fallback".to_string(),
        "shift_lane" => "shift to".to_string(),
        other => field(other),
    }
}

/// A lane of the plan by its name, or its id while it has none.
fn lane_words(plan: &Plan, id: &str) -> Option<String> {
    let lane = plan.lanes.iter().find(|l| l.id == id)?;
    Some(match lane.name.trim() {
        "" => format!("Lane {id}"),
        name => format!("Lane “{name}”"),
    })
}

/// Postmaster Tools figure `index` by its domain and date, as its row
/// shows them; by number when the plan lacks it or they are blank.
fn postmaster_row(plan: Option<&Plan>, index: u32) -> String {
    let row = plan.and_then(|p| p.monitoring.postmaster.get(index as usize));
    let (domain, date) = row.map_or(("", ""), |r| (r.domain.trim(), r.date.trim()));
    match (domain, date) {
        ("", "") => format!("figure {}", u64::from(index) + 1),
        (domain, "") => format!("figure for {domain}"),
        ("", date) => format!("figure of {date}"),
        (domain, date) => format!("{domain} on {date}"),
    }
}

/// Checklist item `index` as its row reads: “Create the SMTP server
/// configuration (Promotional)”, without a lane for a plan-wide item.
fn checklist_row(plan: Option<&Plan>, index: u32) -> Option<String> {
    let plan = plan?;
    let state = plan.checklist.items.get(index as usize)?;
    let label = state.item.full_label();
    let lane = plan.lanes.iter().find(|l| l.id == state.lane);
    Some(match lane.map(|l| l.name.trim()) {
        Some("") => format!("{label} ({})", state.lane),
        Some(name) => format!("{label} ({name})"),
        None => label.to_string(),
    })
}

/// Seed test `index` as the checklist names its row: “Promotional seed
/// test 2”, the second of its lane's tests; `None` when the plan lacks it
/// or its lane, under which the page would show it.
pub fn seed_row(plan: Option<&Plan>, index: u32) -> Option<String> {
    let seeds = &plan?.checklist.seeds;
    let seed = seeds.get(index as usize)?;
    let lane = plan?.lanes.iter().find(|l| l.id == seed.lane)?;
    let n = (seeds.iter().take(index as usize))
        .filter(|s| s.lane == seed.lane)
        .count()
        + 1;
    let name = match lane.name.trim() {
        "" => lane.id.as_str(),
        name => name,
    };
    Some(format!("{name} seed test {n}"))
}

/// A preference topic, by its name where the plan has one.
fn topic(plan: Option<&Plan>, index: u32) -> String {
    let name = plan
        .and_then(|p| p.preferences.topics.get(index as usize))
        .map(|t| t.name.trim())
        .filter(|name| !name.is_empty());
    match name {
        Some(name) => format!("topic “{name}”"),
        None => format!("topic {}", u64::from(index) + 1),
    }
}

enum Step<'a> {
    Key(&'a str),
    Index(u32),
}

/// The steps of a path after its `$`: `.key`, `["odd key"]` and `[3]`;
/// `None` if it is not written that way.
fn steps(mut rest: &str) -> Option<Vec<Step<'_>>> {
    let mut out = Vec::new();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('.') {
            let end = after.find(['.', '[']).unwrap_or(after.len());
            out.push(Step::Key(&after[..end]));
            rest = &after[end..];
        } else if let Some(after) = rest.strip_prefix("[\"") {
            let end = after.find("\"]")?;
            out.push(Step::Key(&after[..end]));
            rest = &after[end + 2..];
        } else {
            let after = rest.strip_prefix('[')?;
            let end = after.find(']')?;
            out.push(Step::Index(after[..end].parse().ok()?));
            rest = &after[end + 1..];
        }
    }
    Some(out)
}

/// The word for an item of one of the plan's named lists.
fn noun(list: &str) -> Option<&'static str> {
    Some(match list {
        "lanes" => "Lane",
        "journeys" => "Journey",
        "rules" => "Rule",
        "migrations" => "Migration",
        _ => return None,
    })
}

/// An item of a named list: by its name where the plan has one.
fn item(plan: Option<&Plan>, list: &str, index: u32) -> String {
    let noun = noun(list).unwrap_or("Item");
    let i = index as usize;
    let name = plan.and_then(|p| match list {
        "lanes" => p.lanes.get(i).map(|l| l.name.as_str()),
        "journeys" => p.journeys.get(i).map(|j| j.name.as_str()),
        "rules" => p.rules.get(i).map(|r| r.name.as_str()),
        _ => p.migrations.get(i).map(|m| m.name.as_str()),
    });
    match name.map(str::trim) {
        Some(name) if !name.is_empty() => format!("{noun} “{name}”"),
        _ => format!("{noun} {}", u64::from(index) + 1),
    }
}

/// A part of the plan outside its lists, named as its page names it.
fn section(key: &str) -> String {
    let title = match key {
        "brand" => "Brand",
        "default_lane" => "Default lane",
        "notes" => "Notes",
        "dmarc" => "DMARC plan",
        "existing_records" => "Existing DNS records",
        "extras" => "Optional DNS records",
        "peak_window" => "Peak season",
        "simulation" => "Simulation",
        "checklist" => "Checklist",
        "preferences" => "Preferences",
        "monitoring" => "Monitoring",
        "platform" => "Platform",
        "schema_version" => "Format version",
        _ => return crate::units::capitalised(&field(key)),
    };
    title.to_string()
}

/// Abbreviations written in capitals wherever they appear in a field name.
const CAPITALS: [&str; 12] = [
    "smtp", "dkim", "dmarc", "spf", "ip", "ips", "mx", "bimi", "tls", "api", "id", "esp",
];

/// A field's name as words: `dkim_selector` → `DKIM selector`; a few
/// as their pages write them.
fn field(key: &str) -> String {
    match key {
        "warmup" => return "warm-up".to_string(),
        "one_click_lanes" => return "one-click lanes".to_string(),
        "kind" => return "type".to_string(),
        // The journey editor's Lane field, whether it holds an override or
        // shows where the rules route the journey.
        "lane_override" => return "lane".to_string(),
        // A lane's addresses and domains, as its card labels them.
        "from_name" => return "From name".to_string(),
        "from_address" => return "From address".to_string(),
        "reply_to" => return "Reply-To".to_string(),
        "return_path_domain" => return "Return-Path domain".to_string(),
        "tracking_domain" => return "link-tracking domain".to_string(),
        // The optional records, as the brand's section labels them.
        "mta_sts" => return "MTA-STS (inbound TLS)".to_string(),
        "tls_rpt_rua" => return "TLS report address (TLS-RPT)".to_string(),
        "bimi_logo" => return "BIMI logo".to_string(),
        "bimi_certificate" => return "BIMI mark certificate".to_string(),
        // A warm-up's fields, as its card labels them; migrations and the
        // simulation call their start date "First day" too.
        "start_date" => return "first day".to_string(),
        "target_date" => return "peak date".to_string(),
        "target_volume" => return "peak volume to reach".to_string(),
        "skipped_dates" => return "days without sending".to_string(),
        "overflow" => return "mail over the day's cap".to_string(),
        "spill_lane" => return "spill into".to_string(),
        "sending_weekdays" => return "sending days while warming".to_string(),
        // Monitoring thresholds, as the checklist's columns head them.
        "complaint_watch_percent" => return "complaints: watch at %".to_string(),
        "complaint_act_percent" => return "complaints: act at %".to_string(),
        "bounce_watch_percent" => return "bounces: watch at %".to_string(),
        "bounce_act_percent" => return "bounces: act at %".to_string(),
        "delivered_min_percent" => return "delivered: act under %".to_string(),
        // A seed test's results, as its row labels their selects.
        "gmail" => return "Gmail result".to_string(),
        "yahoo" => return "Yahoo result".to_string(),
        "outlook" => return "Outlook result".to_string(),
        _ => {}
    }
    let words: Vec<String> = key
        .split('_')
        .filter(|w| !w.is_empty())
        .map(|w| match CAPITALS.contains(&w) {
            true => w.to_ascii_uppercase(),
            false => w.to_string(),
        })
        .collect();
    words.join(" ")
}
