//! Which fields of a part of the plan changed, in the words its page uses:
//! “its lane changed from Promotional to Transactional”, “its name, lane
//! and 2 intents changed”. Each part lists its fields with their labels
//! and values as the page shows them; long text is cut short, and notes
//! and pasted records are compared but never repeated.

use super::model::{
    Audience, Cadence, DmarcPolicy, Intent, IpStrategy, Journey, Lane, Mailbox, Migration, Plan,
    PostmasterEntry, Rule, SeedTest, Topic, Trigger, TriggerKind, WarmupPlan, Weekday,
};
use crate::units::{and_list, cents, count, fixed, group, minutes};

/// The longest value said in full; a longer one is cut short.
const SHOWN_CHARS: usize = 60;

/// How many changed fields a summary names before it counts the rest, and
/// how many items a notice about several names.
const NAMED: usize = 3;

/// What changed between two versions of a part, each listing its fields
/// with its plan: for a part with fields, `: its owner changed from “Ann”
/// to “Bo”`; for a part that is one value, ` changed from Promotional to
/// Transactional`; ` changed` when no field says more. `their` is for a
/// part named in the plural, such as “the optional DNS records”.
pub fn detail(plans: [&Plan; 2], parts: [&dyn Fn(&mut Fields); 2], their: bool) -> String {
    let [old, new] = [0, 1].map(|i| {
        let mut fields = Fields {
            plan: plans[i],
            list: Vec::new(),
        };
        parts[i](&mut fields);
        fields.list
    });
    tell(&old, &new, their)
}

/// The changes between two versions' fields, after the part's name.
fn tell(old: &[Field], new: &[Field], their: bool) -> String {
    let changes = changed(old, new);
    let its = if their { "their" } else { "its" };
    match changes.as_slice() {
        [] => " changed".to_string(),
        [one] if one.label.is_empty() => format!(" {}", how(one)),
        [one] => format!(": {its} {} {}", one.label, how(one)),
        many => format!(": {its} {} changed", summary(many)),
    }
}

/// A field's value in words.
#[derive(PartialEq)]
enum Words {
    /// Empty, unset or none.
    Blank,
    One(String),
    /// A list, such as tags or dates, told item by item.
    Many(Vec<String>),
    /// Free text such as notes: compared, never repeated.
    Unsaid(String),
    /// A part that an item may lack, such as a lane's warm-up plan: one
    /// version with it and one without say it was added or removed, its
    /// own fields with it.
    Part,
}

/// A field as its page labels it; the label is empty for a part that is
/// one value, such as the default lane.
struct Field {
    label: String,
    words: Words,
}

/// The fields of one version of a part, with the plan that names its lanes
/// and journeys.
pub struct Fields<'p> {
    plan: &'p Plan,
    list: Vec<Field>,
}

impl Fields<'_> {
    fn put(&mut self, label: &str, words: Words) {
        let label = label.to_string();
        self.list.push(Field { label, words });
    }

    /// Text the user typed, in quotation marks.
    fn text(&mut self, label: &str, value: &str) {
        let words = match value.trim() {
            "" => Words::Blank,
            value => Words::One(quoted(value)),
        };
        self.put(label, words);
    }

    /// A choice, a date or a figure, as it is.
    fn plain(&mut self, label: &str, value: &str) {
        let words = match value.trim() {
            "" => Words::Blank,
            value => Words::One(short(value)),
        };
        self.put(label, words);
    }

    fn number(&mut self, label: &str, n: u64) {
        self.plain(label, &group(n));
    }

    fn percent(&mut self, label: &str, value: f64) {
        self.plain(label, &format!("{}%", decimal(value)));
    }

    /// A lane by its name; blank when none is chosen.
    fn lane(&mut self, label: &str, id: Option<&str>) {
        let plan = self.plan;
        let name = id.map_or("", |id| plan.lane_name(id));
        self.plain(label, name);
    }

    /// A list of text, such as tags or dates.
    fn items(&mut self, label: &str, items: &[String]) {
        let items = items.iter().map(|item| short(item)).collect();
        self.put(label, Words::Many(items));
    }

    /// A list of choices, such as intents, by their names.
    fn chosen<T: Copy>(&mut self, label: &str, items: &[T], name: fn(T) -> &'static str) {
        let names = items.iter().map(|&item| name(item).to_string());
        let names = names.filter(|name| !name.is_empty()).collect();
        self.put(label, Words::Many(names));
    }

    fn lanes(&mut self, label: &str, ids: &[String]) {
        let plan = self.plan;
        let names = ids.iter().map(|id| short(plan.lane_name(id))).collect();
        self.put(label, Words::Many(names));
    }

    fn unsaid(&mut self, label: &str, value: &str) {
        let words = match value.trim() {
            "" => Words::Blank,
            value => Words::Unsaid(value.to_string()),
        };
        self.put(label, words);
    }
}

/// A name the user typed, in quotation marks, cut short as a field's value.
pub fn quoted(text: &str) -> String {
    format!("“{}”", short(text))
}

/// Several items of a list (`nouns`, such as “journeys”) by their names,
/// as a notice names them: “the journeys “Cart recovery”, “Winback” and
/// “Browse abandonment””. Past the first few, how many more there are
/// (“and 2 more”); items without a name are counted, never quoted.
pub fn several(names: &[&str], nouns: &str) -> String {
    let named: Vec<&str> = (names.iter().map(|n| n.trim()))
        .filter(|n| !n.is_empty())
        .collect();
    let unnamed = names.len() - named.len();
    if named.is_empty() {
        return format!("{} {nouns} without a name", names.len());
    }
    let mut words: Vec<String> = named.iter().take(NAMED).map(|n| quoted(n)).collect();
    match names.len() - words.len() {
        0 => {}
        more if named.len() > NAMED => words.push(format!("{more} more")),
        _ => words.push(format!("{unnamed} without a name")),
    }
    format!("the {nouns} {}", and_list(&words))
}

/// Several rows named as their page names them, such as “Promotional
/// seed test 1 and Revenue flows seed test 2”; past the first few, how
/// many more there are.
pub fn rows(names: &[String]) -> String {
    let mut words: Vec<String> = names.iter().take(NAMED).cloned().collect();
    if names.len() > NAMED {
        words.push(format!("{} more", names.len() - NAMED));
    }
    and_list(&words)
}

/// `text` on one line, cut short with an ellipsis.
fn short(text: &str) -> String {
    let line = crate::units::clean_line(text);
    match line.char_indices().nth(SHOWN_CHARS) {
        Some((end, _)) => format!("{}…", line[..end].trim_end()),
        None => line,
    }
}

/// A figure with as many decimals as it has, up to three: 0.1, 2, 0.25.
fn decimal(value: f64) -> String {
    let text = fixed(value, 3);
    match text.contains('.') {
        true => text.trim_end_matches('0').trim_end_matches('.').to_string(),
        false => text,
    }
}

/// One field that changed, with its value before and after.
struct Changed<'a> {
    label: &'a str,
    old: &'a Words,
    new: &'a Words,
}

/// The fields whose values differ. A field only one version has, such as
/// a checklist row set for the first time, counts only when no field both
/// have changed: a new trigger's own fields go with the trigger.
fn changed<'a>(old: &'a [Field], new: &'a [Field]) -> Vec<Changed<'a>> {
    let find = |fields: &'a [Field], label: &str| {
        (fields.iter().find(|f| f.label == label)).map(|f| &f.words)
    };
    let (mut both, mut one) = (Vec::new(), Vec::new());
    for f in new {
        match find(old, &f.label) {
            Some(was) => both.push(Changed::of(f, was, &f.words)),
            None => one.push(Changed::of(f, BLANK, &f.words)),
        }
    }
    for f in old.iter().filter(|f| find(new, &f.label).is_none()) {
        one.push(Changed::of(f, &f.words, BLANK));
    }
    both.retain(|c| c.old != c.new);
    one.retain(|c| c.old != c.new);
    // A part one version lacks is said whole, even where the field that
    // names it in both, such as the warm-up's schedule, changed too.
    let part = |c: &Changed| *c.old == Words::Part || *c.new == Words::Part;
    if let Some(at) = one.iter().position(part) {
        return vec![one.swap_remove(at)];
    }
    if both.is_empty() {
        one
    } else {
        both
    }
}

const BLANK: &Words = &Words::Blank;

impl<'a> Changed<'a> {
    fn of(field: &'a Field, old: &'a Words, new: &'a Words) -> Changed<'a> {
        let label = &field.label;
        Changed { label, old, new }
    }
}

/// How one field changed: “changed from A to B”, “was set to B”, “was
/// cleared”, or a list's items added and removed.
fn how(change: &Changed) -> String {
    match (change.old, change.new) {
        (Words::One(old), Words::One(new)) => format!("changed from {old} to {new}"),
        (Words::Blank, Words::One(new)) => format!("was set to {new}"),
        (Words::One(_), Words::Blank) => "was cleared".to_string(),
        (Words::Blank, Words::Part) => "was added".to_string(),
        (Words::Part, Words::Blank) => "was removed".to_string(),
        (Words::Many(old), Words::Many(new)) => match moved(old, new).as_slice() {
            [] => "changed".to_string(),
            parts => format!("changed: {}", parts.join(", ")),
        },
        _ => "changed".to_string(),
    }
}

/// The items added to a list and taken from it: by name for one or two,
/// by count for more.
fn moved(old: &[String], new: &[String]) -> Vec<String> {
    let told = |items: Vec<String>, verb: &str| match items.len() {
        0 => None,
        1 | 2 => Some(format!("{} {verb}", and_list(&items))),
        n => Some(format!("{n} {verb}")),
    };
    let [added, removed] = [missing(new, old), missing(old, new)];
    [told(added, "added"), told(removed, "removed")]
        .into_iter()
        .flatten()
        .collect()
}

/// The items of `from` that `of` does not have.
fn missing(from: &[String], of: &[String]) -> Vec<String> {
    (from.iter())
        .filter(|item| !of.contains(item))
        .cloned()
        .collect()
}

/// Several changed fields: the first few by label (“2 intents” where a
/// list gained or lost more than one item), then how many others.
fn summary(changes: &[Changed]) -> String {
    let named = |change: &Changed| match (change.old, change.new) {
        (Words::Many(old), Words::Many(new)) => {
            match missing(old, new).len() + missing(new, old).len() {
                0 | 1 => change.label.to_string(),
                n => format!("{n} {}", change.label),
            }
        }
        _ => change.label.to_string(),
    };
    let mut words: Vec<String> = changes.iter().map(named).collect();
    // “and 1 other field” would be no shorter than naming it.
    if words.len() > NAMED + 1 {
        let others = (words.len() - NAMED) as u64;
        words.truncate(NAMED);
        words.push(count(others, "other field", "other fields"));
    }
    and_list(&words)
}

/// The brand, as the Overview names its fields.
pub fn brand(f: &mut Fields, plan: &Plan) {
    f.text("name", &plan.brand.name);
    f.text("primary domain", &plan.brand.primary_domain);
}

/// A lane's card, its identities and its warm-up.
pub fn lane(f: &mut Fields, lane: &Lane) {
    f.text("name", &lane.name);
    f.plain("purpose", lane.purpose.label());
    f.plain("status", lane.status.label());
    f.text("owner", &lane.owner);
    f.plain("provider", lane.smtp.provider.label());
    f.text("SMTP host", &lane.smtp.host);
    f.plain("SMTP port", &lane.smtp.port.to_string());
    f.plain("SMTP security", lane.smtp.security.label());
    f.text("SMTP username", &lane.smtp.username);
    f.text("sending domain", &lane.sending_domain);
    f.text("From name", &lane.from_name);
    f.text("From address", &lane.from_address);
    f.text("Reply-To", &lane.reply_to);
    f.text("Return-Path domain", &lane.return_path_domain);
    f.text("link-tracking domain", &lane.tracking_domain);
    let ips = match lane.ip_strategy {
        IpStrategy::Shared => "Shared pool".to_string(),
        IpStrategy::Dedicated { count: n } => count(n.into(), "dedicated IP", "dedicated IPs"),
    };
    f.plain("IP strategy", &ips);
    f.plain("engagement filter", &lane.engagement_filter.label());
    f.text("DKIM selector", &lane.dkim_selector);
    f.text("DKIM signing domain", &lane.dkim_domain);
    f.items("sending IP addresses", &lane.ip_addresses);
    let schedule = lane.warmup.as_ref().map(|w| w.preset.label());
    f.plain("warm-up schedule", schedule.unwrap_or("No warm-up"));
    if let Some(warmup) = &lane.warmup {
        f.put("warm-up plan", Words::Part);
        self::warmup(f, warmup);
    }
}

/// A lane's warm-up, as the Warm-up page labels it.
fn warmup(f: &mut Fields, w: &WarmupPlan) {
    f.plain("warm-up's first day", &w.start_date);
    f.number("peak volume to reach", w.target_volume);
    f.plain("peak date", &w.target_date);
    f.items("days without sending", &w.skipped_dates);
    f.plain("mail over the day's cap", w.overflow.label());
    f.lane("spill lane", w.spill_lane.as_deref());
    let days = &w.sending_weekdays;
    f.chosen("sending days while warming", days, weekday);
    f.number("ramp's start volume", w.custom.start_volume);
    f.percent("ramp's growth per level", w.custom.growth_percent.into());
    f.number("ramp's sending days per level", w.custom.hold_days.into());
    f.number("ramp's warm-at volume", w.custom.cap);
}

/// A warm-up's sending day, 1 (Monday) to 7 (Sunday); nothing for others.
fn weekday(day: u8) -> &'static str {
    let day = Weekday::ALL.get(usize::from(day).wrapping_sub(1));
    day.map_or("", |d| d.label())
}

/// A journey, as its editor labels it.
pub fn journey(f: &mut Fields, j: &Journey) {
    f.text("name", &j.name);
    f.plain("intent", j.intent.label());
    f.plain("trigger", j.trigger.kind().label());
    trigger(f, &j.trigger);
    f.number(&j.volume_label().to_lowercase(), j.daily_volume.into());
    f.plain("revenue per recipient", &cents(j.revenue_per_recipient));
    f.plain("audience", j.audience.label());
    f.text("owning team", &j.owning_team);
    f.items("tags", &j.tags);
    let lane = match &j.lane_override {
        Some(id) => format!("{} (always)", f.plan.lane_name(id)),
        None => "Route by rules".to_string(),
    };
    f.plain("lane", &lane);
}

/// The fields of a journey's kind of trigger.
fn trigger(f: &mut Fields, trigger: &Trigger) {
    match trigger {
        Trigger::Event {
            event_name,
            latency_minutes,
            delay_minutes,
        } => {
            f.text("event name", event_name);
            f.plain("event arrival time", &minutes(*latency_minutes));
            f.plain("send delay", &minutes(*delay_minutes));
        }
        Trigger::SegmentEntry { segment } => f.text("segment", segment),
        Trigger::Scheduled {
            cadence: Cadence::OneOff,
            send_date,
            ..
        } => {
            f.plain("cadence", Cadence::OneOff.label());
            f.plain("send date", send_date.as_deref().unwrap_or_default());
        }
        Trigger::Scheduled {
            cadence, send_day, ..
        } => {
            f.plain("cadence", cadence.label());
            let day = send_day.map_or("Spread over every day", Weekday::label);
            f.plain("send day", day);
        }
        Trigger::ApiBroadcast { broadcast } => f.text("broadcast", broadcast),
        Trigger::TransactionalApi { message } => f.text("transactional message", message),
    }
}

/// A routing rule's card.
pub fn rule(f: &mut Fields, rule: &Rule) {
    let when = &rule.when;
    f.text("name", &rule.name);
    f.plain("state", if rule.enabled { "enabled" } else { "disabled" });
    f.lane("lane", Some(rule.lane.as_str()));
    f.chosen("intents", &when.intents, Intent::label);
    f.chosen("triggers", &when.trigger_kinds, TriggerKind::label);
    f.chosen("audiences", &when.audiences, Audience::label);
    let bound = |value: Option<f64>| value.map(cents).unwrap_or_default();
    let at_least = bound(when.min_revenue_per_recipient);
    f.plain("minimum revenue per recipient", &at_least);
    let at_most = bound(when.max_revenue_per_recipient);
    f.plain("maximum revenue per recipient", &at_most);
    f.items("tags", &when.tags);
    f.items("owning teams", &when.owning_teams);
}

/// A migration's card.
pub fn migration(f: &mut Fields, m: &Migration) {
    f.text("name", &m.name);
    f.lane("from lane", Some(m.from_lane.as_str()));
    f.lane("to lane", Some(m.to_lane.as_str()));
    let moves = if m.whole_lane {
        "the whole lane"
    } else {
        "chosen journeys"
    };
    f.plain("scope", moves);
    let plan = f.plan;
    let journey = |id: &String| plan.journeys.iter().find(|j| j.id == *id);
    let names: Vec<String> = (m.journeys.iter())
        .map(|id| journey(id).map_or(id.as_str(), Journey::called).to_string())
        .collect();
    f.items("journeys", &names);
    f.plain("first day", &m.start_date);
    f.items("hold dates", &m.hold_dates);
    f.number("grace days", m.grace_days.into());
    f.unsaid("rollback plan", &m.rollback);
}

/// A seed-list test's row.
pub fn seed(f: &mut Fields, s: &SeedTest) {
    f.lane("lane", Some(s.lane.as_str()));
    f.plain("date", &s.date);
    f.plain("Gmail placement", s.gmail.label());
    f.plain("Yahoo placement", s.yahoo.label());
    f.plain("Outlook placement", s.outlook.label());
}

/// A preference topic's row.
pub fn topic(f: &mut Fields, t: &Topic) {
    f.text("name", &t.name);
    f.plain("kind", t.kind.label());
    f.lanes("suppressed lanes", &t.suppresses);
}

/// A Google Postmaster Tools figure.
pub fn postmaster(f: &mut Fields, p: &PostmasterEntry) {
    f.plain("date", &p.date);
    f.text("domain", &p.domain);
    f.percent("spam rate", p.spam_rate_percent);
}

/// The lane journeys no rule catches: one value.
pub fn default_lane(f: &mut Fields, plan: &Plan) {
    f.lane("", plan.default_lane.as_deref());
}

pub fn notes(f: &mut Fields, plan: &Plan) {
    f.unsaid("", &plan.notes);
}

pub fn existing_records(f: &mut Fields, plan: &Plan) {
    f.unsaid("", &plan.existing_records);
}

/// The DMARC plan, as the Domains page labels it.
pub fn dmarc(f: &mut Fields, plan: &Plan) {
    let d = &plan.dmarc;
    let alignment = |strict| if strict { "strict" } else { "relaxed" };
    f.text("aggregate report address", &d.rua);
    f.plain("goal policy", d.goal.label());
    let np = d.np.map(|p| format!("np={}", p.as_str()));
    f.plain(
        "policy for subdomains that do not exist",
        &np.unwrap_or_default(),
    );
    f.plain("DKIM alignment", alignment(d.strict_dkim));
    f.plain("SPF alignment", alignment(d.strict_spf));
    f.plain("rollout start", &d.rollout_start);
    f.plain(
        "first stage",
        d.first_stage.unwrap_or(DmarcPolicy::None).label(),
    );
    f.number("weeks per stage", d.weeks_per_stage.into());
    f.items("sources marked not ours", &d.not_ours);
}

/// The optional records: MTA-STS, TLS reports and BIMI.
pub fn extras(f: &mut Fields, plan: &Plan) {
    let e = &plan.extras;
    f.plain("MTA-STS", e.mta_sts.label());
    f.text("TLS report address", &e.tls_rpt_rua);
    f.text("BIMI logo", &e.bimi_logo);
    f.text("BIMI mark certificate", &e.bimi_certificate);
}

pub fn peak_window(f: &mut Fields, plan: &Plan) {
    if let Some(peak) = &plan.peak_window {
        f.text("name", &peak.name);
        f.plain("first day", &peak.start);
        f.plain("last day", &peak.end);
    }
}

/// The simulation's what-ifs, health gates, mix and fallback plans.
pub fn simulation(f: &mut Fields, plan: &Plan) {
    let s = &plan.simulation;
    f.plain("first day", &s.start_date);
    f.number("number of days", s.days.into());
    f.percent("promotional volume", s.promo_frequency_percent.into());
    f.plain("promotions' audience", s.promo_audience.label());
    f.percent("complaint rates", s.complaint_percent.into());
    f.percent("delivered gate", s.gate_delivered_percent);
    f.percent("complaint gate", s.gate_complaint_percent);
    f.percent("bounce gate", s.gate_bounce_percent);
    for mailbox in Mailbox::ALL {
        let share = s.mix_percent[mailbox.slot()];
        f.percent(&format!("{} share", mailbox.label()), share.into());
    }
    for fallback in &s.fallbacks {
        let mut action = fallback.action.label().to_string();
        if let Some(lane) = &fallback.shift_lane {
            action += &format!(" ({})", plan.lane_name(lane));
        }
        f.plain(
            &format!("fallback for {}", plan.lane_name(&fallback.lane)),
            &action,
        );
    }
}

/// The checklist's own settings and each row set by hand.
pub fn checklist(f: &mut Fields, plan: &Plan) {
    let migrating = if plan.checklist.migrating_esp {
        "yes"
    } else {
        "no"
    };
    f.plain("migrating from another ESP", migrating);
    for row in &plan.checklist.items {
        let what = match row.lane.as_str() {
            "" => short(row.item.label()),
            lane => format!("{} for {}", short(row.item.label()), plan.lane_name(lane)),
        };
        f.plain(
            &format!("“{what}” status"),
            row.status.map_or("", |s| s.label()),
        );
        f.text(&format!("“{what}” owner"), &row.owner);
        f.plain(&format!("“{what}” due date"), &row.due);
        f.unsaid(&format!("“{what}” notes"), &row.notes);
    }
}

pub fn preferences(f: &mut Fields, plan: &Plan) {
    let p = &plan.preferences;
    f.lanes("one-click unsubscribe lanes", &p.one_click_lanes);
    f.number(
        "days for an unsubscribe to reach every lane",
        p.processing_days.into(),
    );
}

/// Each lane's thresholds and the lane keys mapped to lanes.
pub fn monitoring(f: &mut Fields, plan: &Plan) {
    let m = &plan.monitoring;
    for t in &m.thresholds {
        let lane = plan.lane_name(&t.lane);
        f.percent(
            &format!("complaint watch level for {lane}"),
            t.complaint_watch_percent,
        );
        f.percent(
            &format!("complaint act level for {lane}"),
            t.complaint_act_percent,
        );
        f.percent(
            &format!("bounce watch level for {lane}"),
            t.bounce_watch_percent,
        );
        f.percent(
            &format!("bounce act level for {lane}"),
            t.bounce_act_percent,
        );
        f.percent(
            &format!("delivered minimum for {lane}"),
            t.delivered_min_percent,
        );
    }
    for key in &m.mapping {
        let label = format!("lane for {} “{}”", key.kind.label(), short(&key.key));
        f.lane(&label, Some(key.lane.as_str()));
    }
}

pub fn platform(f: &mut Fields, plan: &Plan) {
    f.plain("sending platform", plan.platform.kind.label());
    f.lane(
        "lane that keeps “All Emails”",
        plan.platform.all_emails_lane.as_deref(),
    );
}
