//! Edits of lanes: a new lane on its own subdomain, one field of a lane or
//! of its warm-up, and a lane deleted with everything that named it.

use super::ids::{fresh_name, next_id, Added};
use super::{Edit, LaneField, RampField, WarmupField};
use crate::plan::model::{
    ses_region, EngagementFilter, IpStrategy, Item, Lane, LaneStatus, Plan, Platform, Provider,
    Purpose, Smtp, WarmupPlan, FIRST_LANE_NAME,
};

/// Sets one field of lane `id`. A lane moved to another provider leaves
/// the old one's addresses behind and reopens the work done there.
pub(super) fn edit_lane(plan: &mut Plan, id: &str, set: LaneField) {
    let platform = plan.platform.kind;
    // A lane is shown, picked and talked about by its name, so a cleared
    // name becomes its purpose's, as a new lane's is.
    let set = match set {
        LaneField::Name(name) if name.trim().is_empty() => LaneField::Name(default_name(plan, id)),
        set => set,
    };
    // A new lane's domains, still as its purpose suggested them, follow a
    // new purpose.
    let repurposed = match set {
        LaneField::Purpose(to) if has_default_domains(plan, id) => Some(to),
        _ => None,
    };
    // So does a name still as given, the purpose's or a new plan's.
    let renamed = matches!(set, LaneField::Purpose(_)) && has_default_name(plan, id);
    // Moves the plan named from their lanes follow a lane's new name.
    let moves = match set {
        LaneField::Name(_) | LaneField::Purpose(_) => super::items::moves_named_by_plan(plan, id),
        _ => Vec::new(),
    };
    let Some(lane) = plan.lanes.iter_mut().find(|l| l.id == id) else {
        return;
    };
    let moved = moves_lane(lane, &set);
    let rehomed = moves_domain(lane, &set);
    let (old_domain, old_provider) = (lane.sending_domain.clone(), lane.smtp.provider);
    set_lane(lane, set, platform);
    follow_provider_bounces(lane, old_provider);
    if moved {
        // The addresses were the old provider's; the new one assigns its
        // own, which warm up anew: a lane on dedicated IPs starts cold.
        lane.ip_addresses.clear();
        // So was the DKIM selector, which the new provider picks or names.
        if lane.smtp.provider != old_provider {
            lane.dkim_selector.clear();
        }
        let dedicated = matches!(lane.ip_strategy, IpStrategy::Dedicated { .. });
        if dedicated && matches!(lane.status, LaneStatus::Warm | LaneStatus::Warming) {
            lane.status = LaneStatus::New;
        }
    }
    if rehomed && lane.status == LaneStatus::Warm {
        // A new sending domain has no reputation of its own yet.
        lane.status = LaneStatus::New;
    }
    follow_sending_domain(lane, &old_domain);
    // After the follow, so domains it derives from a typed one (bounce.Mail2
    // from Mail2) are as canonical as those typed.
    lane.normalize();
    if moved {
        reopen_work(plan, id, Moved::Provider);
    }
    if rehomed {
        reopen_work(plan, id, Moved::Domain);
    }
    if let Some(purpose) = repurposed {
        set_own_domains(plan, id, purpose);
    }
    if renamed {
        let name = default_name(plan, id);
        if let Some(lane) = plan.lanes.iter_mut().find(|l| l.id == id) {
            lane.name = name;
        }
    }
    super::items::name_moves(plan, &moves);
}

/// Whether lane `id` still has the name it was given: its purpose's, as a
/// new lane's is, or a new plan's first lane's.
fn has_default_name(plan: &Plan, id: &str) -> bool {
    plan.lane(id)
        .is_some_and(|lane| lane.name == default_name(plan, id) || lane.name == FIRST_LANE_NAME)
}

/// Whether an edit moves the lane from one sending domain to another:
/// its records, reputation and tests are the old domain's.
fn moves_domain(lane: &Lane, set: &LaneField) -> bool {
    let LaneField::SendingDomain(new) = set else {
        return false;
    };
    let domain = |d: &str| crate::domain::normalize_domain(d).ok();
    domain(&lane.sending_domain).is_some_and(|old| domain(new).is_some_and(|new| new != old))
}

/// Whether an edit moves the lane to another provider, or an SES lane to
/// another region: either way its sending is set up anew there.
fn moves_lane(lane: &Lane, set: &LaneField) -> bool {
    match set {
        LaneField::Provider(p) => *p != lane.smtp.provider,
        LaneField::SmtpHost(host) => lane.smtp.changes_region(host),
        _ => false,
    }
}

/// A From address, bounce domain and link domain that were on the lane's
/// old sending domain move with it to the new one: orders@receipts.a.com,
/// bounce.receipts.a.com and links.receipts.a.com follow receipts.a.com to
/// receipts.b.com. Ones set elsewhere stay.
fn follow_sending_domain(lane: &mut Lane, old: &str) {
    let new = lane.sending_domain.clone();
    if old.is_empty() || new.is_empty() || old == new {
        return;
    }
    if lane.return_path_domain == format!("bounce.{old}") {
        lane.return_path_domain = format!("bounce.{new}");
    }
    if lane.return_path_domain == old {
        lane.return_path_domain = new.clone();
    }
    if lane.tracking_domain == format!("links.{old}") {
        lane.tracking_domain = format!("links.{new}");
    }
    if let Some(local) = lane.from_address.strip_suffix(&format!("@{old}")) {
        lane.from_address = format!("{local}@{new}");
    }
}

/// Mailgun bounces at the domain added to it, the sending domain: a lane
/// moved there takes its usual bounce subdomain to the sending domain, and
/// one moved away takes it back, as the new provider has its own.
fn follow_provider_bounces(lane: &mut Lane, old: Provider) {
    let (new, sending) = (lane.smtp.provider, lane.sending_domain.clone());
    let usual = format!("bounce.{sending}");
    if old == new || sending.is_empty() {
        return;
    }
    let blank_or_usual = [usual.as_str(), ""].contains(&lane.return_path_domain.as_str());
    if new.bounces_at_sending_domain() && blank_or_usual {
        lane.return_path_domain = sending;
    } else if old.bounces_at_sending_domain() && lane.return_path_domain == sending {
        lane.return_path_domain = usual;
    }
}

/// Whether lane `id` is new and still has the domains its purpose
/// suggested, which no one has changed since. A lane that sends already
/// keeps its domains, whose records are published.
fn has_default_domains(plan: &Plan, id: &str) -> bool {
    let Some(lane) = plan.lane(id).filter(|l| l.status == LaneStatus::New) else {
        return false;
    };
    own_domains(plan, lane.purpose, Some(id)).is_some_and(|d| {
        (d.sending, d.from_address, d.return_path)
            == (
                lane.sending_domain.clone(),
                lane.from_address.clone(),
                lane.return_path_domain.clone(),
            )
    })
}

/// Gives lane `id` the domains a lane of `purpose` is suggested.
fn set_own_domains(plan: &mut Plan, id: &str, purpose: Purpose) {
    let Some(d) = own_domains(plan, purpose, Some(id)) else {
        return;
    };
    if let Some(lane) = plan.lanes.iter_mut().find(|l| l.id == id) {
        lane.sending_domain = d.sending;
        lane.from_address = d.from_address;
        lane.return_path_domain = d.return_path;
    }
}

/// Sets the brand's name. A From name that was the old brand name, as a
/// new lane is given, follows it, and an empty one (a new plan's first
/// lane) takes it as added lanes do; one written otherwise stays.
pub(super) fn set_brand_name(plan: &mut Plan, name: String) {
    let old = std::mem::replace(&mut plan.brand.name, name);
    let follows = |l: &Lane| l.from_name == old || l.from_name.trim().is_empty();
    for lane in plan.lanes.iter_mut().filter(|l| follows(l)) {
        lane.from_name = plan.brand.name.clone();
    }
}

/// Sets the primary domain. New lanes whose domains are still those the
/// old one suggested (a typo corrected) follow it, and lanes with none at
/// all (a new plan's first lane) get theirs.
pub(super) fn set_primary_domain(plan: &mut Plan, domain: String) {
    // A lane with checklist work recorded for its domain stays where it is:
    // moving it would undo that work unseen. Its findings offer the move.
    let recorded =
        |id: &str| (plan.checklist.items.iter()).any(|s| s.lane == id && s.status.is_some());
    let following: Vec<(String, Purpose)> = (plan.lanes.iter())
        .filter(|l| has_default_domains(plan, &l.id) && !recorded(&l.id))
        .map(|l| (l.id.clone(), l.purpose))
        .collect();
    plan.brand.primary_domain = crate::domain::normalize_domain(&domain).unwrap_or(domain);
    for (id, purpose) in following {
        // As a move by hand: the link-tracking domain follows too.
        if let Some(d) = own_domains(plan, purpose, Some(&id)) {
            edit_lane(plan, &id, LaneField::SendingDomain(d.sending));
        }
        set_own_domains(plan, &id, purpose);
    }
    fill_empty_domains(plan);
}

/// Lanes with no domains at all get those their purposes suggest, one
/// after another, so no two share a subdomain.
fn fill_empty_domains(plan: &mut Plan) {
    let empty: Vec<(String, Purpose)> = (plan.lanes.iter())
        .filter(|l| {
            l.sending_domain.is_empty()
                && l.from_address.is_empty()
                && l.return_path_domain.is_empty()
        })
        .map(|l| (l.id.clone(), l.purpose))
        .collect();
    for (id, purpose) in empty {
        set_own_domains(plan, &id, purpose);
    }
}

/// The name a lane gets when its name is cleared: a new lane's of its
/// purpose, numbered past the other lanes' names.
fn default_name(plan: &Plan, id: &str) -> String {
    let purpose = plan.lane(id).map_or(Purpose::Custom, |l| l.purpose);
    let others = (plan.lanes.iter())
        .filter(|l| l.id != id)
        .map(|l| l.name.as_str());
    fresh_name(&name_base(purpose), others)
}

/// What a lane of `purpose` is called until the team names it.
fn name_base(purpose: Purpose) -> String {
    format!("{} lane", purpose.label())
}

pub(super) fn edit_warmup(plan: &mut Plan, id: &str, set: WarmupField) {
    if let Some(lane) = plan.lanes.iter_mut().find(|l| l.id == id) {
        set_warmup(lane, set);
    }
}

pub(super) fn add_lane(plan: &mut Plan, purpose: Purpose) {
    plan.keep_colours();
    let mut lane = new_lane(plan, purpose);
    lane.colour = Some(plan.free_colour());
    if plan.default_lane.is_none() {
        plan.default_lane = Some(lane.id.clone());
    }
    plan.lanes.push(lane);
}

/// Sets one field of a lane; SMTP defaults take ports `platform` accepts.
fn set_lane(lane: &mut Lane, set: LaneField, platform: Platform) {
    match set {
        LaneField::Name(v) => lane.name = v,
        LaneField::Owner(v) => lane.owner = v,
        LaneField::Purpose(v) => lane.purpose = v,
        LaneField::Status(v) => lane.status = v,
        LaneField::Provider(v) => lane.smtp = Smtp::for_platform(v, platform),
        LaneField::SmtpHost(v) => lane.smtp.host = v,
        LaneField::SmtpPort(v) => lane.smtp.port = v,
        LaneField::SmtpSecurity(v) => lane.smtp.set_security(v, platform),
        LaneField::SmtpUsername(v) => lane.smtp.username = v,
        LaneField::SendingDomain(v) => lane.sending_domain = v,
        LaneField::FromName(v) => lane.from_name = v,
        LaneField::FromAddress(v) => lane.from_address = v,
        LaneField::ReplyTo(v) => lane.reply_to = v,
        LaneField::ReturnPathDomain(v) => lane.return_path_domain = v,
        LaneField::TrackingDomain(v) => lane.tracking_domain = v,
        LaneField::DkimDomain(v) => lane.dkim_domain = v,
        LaneField::DkimSelector(v) => lane.dkim_selector = v,
        LaneField::IpAddresses(v) => lane.ip_addresses = v,
        LaneField::IpStrategy(v) => lane.ip_strategy = v,
        LaneField::EngagementFilter(v) => lane.engagement_filter = v,
    }
}

/// The notice of a lane's move to another provider.
#[derive(Clone, Debug, PartialEq)]
pub struct ProviderMove {
    /// How the notice of any move of this lane begins, so a second move
    /// can find the first's notice.
    pub lead: String,
    pub text: String,
    /// Where the lane now sends, alone: the notice of a move that cleared
    /// nothing, in place of another lane's whose Undo it would take.
    pub moved: String,
    /// The notice's words when it follows an earlier move's, whose list of
    /// what was cleared it keeps: one undo no longer brings that back.
    pub again: String,
    /// What the move cleared.
    pub cleared: Vec<String>,
}

/// What moving a lane to another provider or sending domain cleared
/// besides its SMTP settings, which the page says it fills in: the old
/// provider's IP addresses, a status the new domain or IPs must earn again
/// and the checklist work done before, under a sentence naming where the
/// lane now sends. `None` when the edit moved no lane.
pub fn provider_move_note(before: &Plan, after: &Plan, edit: &Edit) -> Option<ProviderMove> {
    let Edit::Lane { lane: id, set } = edit else {
        return None;
    };
    let old = before.lane(id)?;
    let new = after.lane(id)?;
    let (what, lead, to) = if moves_lane(old, set) {
        let what = match new.smtp.provider == old.smtp.provider {
            true => "region",
            false => "provider",
        };
        let to = match ses_region(&new.smtp.host) {
            Some(region) if what == "region" => {
                format!("{} in {region}", Provider::AmazonSes.label())
            }
            _ => new.smtp.provider.label().to_string(),
        };
        (what, format!("{} now sends through", old.name), to)
    } else if moves_domain(old, set) {
        let lead = format!("{} now sends from", old.name);
        ("sending domain", lead, new.sending_domain.clone())
    } else {
        return None;
    };
    let mut cleared: Vec<String> = (old.ip_addresses.iter())
        .filter(|ip| !new.ip_addresses.contains(ip))
        .map(|ip| format!("IP address {ip}, the old {what}'s"))
        .collect();
    if new.dkim_selector != old.dkim_selector {
        cleared.push(format!(
            "DKIM selector {}, the old provider's",
            old.dkim_selector
        ));
    }
    if new.status != old.status {
        let why = match what {
            "sending domain" => "as the new sending domain has no reputation yet".to_string(),
            _ => format!("as the new {what}'s dedicated IPs warm up anew"),
        };
        cleared.push(format!(
            "Status: was {}, now {}, {why}",
            old.status.label().to_lowercase(),
            new.status.label().to_lowercase()
        ));
    }
    for s in (before.checklist.items.iter()).filter(|s| s.lane == *id) {
        let (Some(was), false) = (
            s.status,
            (after.checklist.items.iter())
                .any(|a| a.item == s.item && a.lane == *id && a.status.is_some()),
        ) else {
            continue;
        };
        cleared.push(format!(
            "Checklist: “{}” was {}, now as the plan shows it",
            s.item.full_label(),
            was.label().to_lowercase()
        ));
    }
    // Seed results are a record of what happened, so they stay; the
    // latest still counts, which a new test replaces. Said beside what
    // was cleared, as they are not cleared themselves.
    let seeds = (before.checklist.seeds.iter())
        .filter(|s| s.lane == *id)
        .count();
    if seeds > 0 && !cleared.is_empty() {
        cleared.push(format!(
            "Seed tests: {} from the old {what} kept; the latest counts until the lane is tested again",
            crate::units::count(seeds as u64, "result", "results")
        ));
    }
    let text =
        format!("{lead} {to}. What was set for the old {what} is cleared; Undo brings it back.");
    let again = format!(
        "{lead} {to}. What was set before the first move is cleared; undoing each move brings it back."
    );
    Some(ProviderMove {
        moved: format!("{lead} {to}."),
        lead,
        text,
        again,
        cleared,
    })
}

/// Where a lane moved: to another provider (or SES region), or to
/// another sending domain.
#[derive(Clone, Copy, PartialEq)]
enum Moved {
    Provider,
    Domain,
}

/// Whether the work of `item` must be done again after a move: the
/// domain authenticated, the lane warmed, its tracking links, seed tests,
/// QA and monitoring done there again; the SMTP server too after a
/// provider moves, which a new domain keeps, and the From address after a
/// new domain, which a new provider keeps.
fn redone(item: Item, moved: Moved) -> bool {
    match item {
        Item::SmtpServers => moved == Moved::Provider,
        Item::QaFromIdentity => moved == Moved::Domain,
        Item::Authenticate
        | Item::AuthConfigured
        | Item::WarmUp
        | Item::WarmupPlanCreated
        | Item::TrackingDomain
        | Item::SeedTests
        | Item::EndToEndQa
        | Item::QaTrackingDomain
        | Item::MonitorByLane => true,
        _ => false,
    }
}

/// The statuses set by hand for work that must be done again go back to
/// what the plan shows; owners, dates and notes stay.
fn reopen_work(plan: &mut Plan, lane: &str, moved: Moved) {
    for state in &mut plan.checklist.items {
        if state.lane == lane && redone(state.item, moved) {
            state.status = None;
        }
    }
}

fn set_warmup(lane: &mut Lane, set: WarmupField) {
    match set {
        WarmupField::Preset(preset) => {
            lane.warmup = preset.map(|preset| WarmupPlan {
                preset,
                ..lane.warmup.take().unwrap_or_default()
            });
        }
        WarmupField::Restore(plan) => lane.warmup = Some(*plan),
        set => {
            if let Some(w) = lane.warmup.as_mut() {
                set_warmup_field(w, set);
            }
        }
    }
}

/// One field of a warm-up plan the lane already has.
fn set_warmup_field(w: &mut WarmupPlan, set: WarmupField) {
    match set {
        WarmupField::Preset(_) | WarmupField::Restore(_) => {}
        WarmupField::StartDate(v) => w.start_date = v.trim().to_string(),
        WarmupField::TargetDate(v) => w.target_date = v.trim().to_string(),
        WarmupField::TargetVolume(v) => w.target_volume = v,
        WarmupField::SkippedDates(v) => w.skipped_dates = v,
        WarmupField::SkippedDate(change) => change.apply(&mut w.skipped_dates),
        WarmupField::Weekday { day, on } if (1..=7).contains(&day) => {
            // Rebuilt in weekday order, without a sort.
            let was = std::mem::take(&mut w.sending_weekdays);
            w.sending_weekdays = (1..=7u8)
                .filter(|d| if *d == day { on } else { was.contains(d) })
                .collect();
        }
        WarmupField::Weekday { .. } => {}
        WarmupField::Overflow(v) => w.overflow = v,
        WarmupField::SpillLane(v) => w.spill_lane = v.filter(|s| !s.is_empty()),
        WarmupField::Custom(RampField::StartVolume(v)) => w.custom.start_volume = v,
        WarmupField::Custom(RampField::GrowthPercent(v)) => w.custom.growth_percent = v,
        WarmupField::Custom(RampField::HoldDays(v)) => w.custom.hold_days = v,
        WarmupField::Custom(RampField::Cap(v)) => w.custom.cap = v,
    }
}

pub(super) fn delete_lane(plan: &mut Plan, id: &str) {
    if plan.lane(id).is_none() {
        return;
    }
    plan.keep_colours();
    plan.lanes.retain(|l| l.id != id);
    // A warm-up or fallback that used the lane now says it needs one.
    for warmup in plan.lanes.iter_mut().filter_map(|l| l.warmup.as_mut()) {
        if warmup.spill_lane.as_deref() == Some(id) {
            warmup.spill_lane = None;
        }
    }
    let sim = &mut plan.simulation;
    sim.fallbacks.retain(|f| f.lane != id);
    for fallback in &mut sim.fallbacks {
        if fallback.shift_lane.as_deref() == Some(id) {
            fallback.shift_lane = None;
        }
    }
    // Progress, seed results and thresholds go with the lane.
    plan.checklist.items.retain(|i| i.lane != id);
    plan.checklist.seeds.retain(|s| s.lane != id);
    let preferences = &mut plan.preferences;
    preferences.one_click_lanes.retain(|l| l != id);
    for topic in &mut preferences.topics {
        topic.suppresses.retain(|l| l != id);
    }
    plan.monitoring.thresholds.retain(|t| t.lane != id);
    plan.monitoring.mapping.retain(|m| m.lane != id);
    if plan.platform.all_emails_lane.as_deref() == Some(id) {
        plan.platform.all_emails_lane = None;
    }
    // A move from or to the lane has nothing left to move.
    plan.migrations
        .retain(|m| m.from_lane != id && m.to_lane != id);
}

/// `sub`, or `sub2`, `sub3`, … : the first whose subdomain of `primary` no
/// lane sends from, so a second lane of a purpose gets its own SPF and
/// DKIM names instead of a duplicate of the first lane's.
fn free_subdomain(plan: &Plan, sub: &str, primary: &str, except: Option<&str>) -> String {
    use crate::domain::{address_domain, is_within, normalize_domain};
    let used = |candidate: &str| {
        let domain = format!("{candidate}.{primary}");
        let mut others = plan.lanes.iter().filter(|l| Some(l.id.as_str()) != except);
        others.any(|l| {
            let from = address_domain(&l.from_address).unwrap_or_default();
            [
                l.sending_domain.as_str(),
                from,
                &l.return_path_domain,
                &l.dkim_domain,
                &l.tracking_domain,
            ]
            .into_iter()
            .filter_map(|d| normalize_domain(d).ok())
            .any(|d| is_within(&d, &domain))
        })
    };
    std::iter::once(sub.to_string())
        .chain((2u32..).map(|n| format!("{sub}{n}")))
        .find(|candidate| !used(candidate))
        .expect("an unused subdomain exists below u32::MAX")
}

/// A lane's own sending domain, From address and bounce domain.
pub struct OwnDomains {
    pub sending: String,
    pub from_address: String,
    pub return_path: String,
}

/// Domains for a lane of `purpose` on a subdomain of the primary domain
/// that no lane but `except` uses yet, as the usual subdomain plan names
/// them (receipts, flows, mail, …); None without a valid primary domain.
pub fn own_domains(plan: &Plan, purpose: Purpose, except: Option<&str>) -> Option<OwnDomains> {
    let (sub, mailbox) = usual_names(purpose);
    let primary = crate::domain::normalize_domain(&plan.brand.primary_domain).ok()?;
    let sub = free_subdomain(plan, sub, &primary, except);
    Some(OwnDomains {
        sending: format!("{sub}.{primary}"),
        from_address: format!("{mailbox}@{sub}.{primary}"),
        return_path: format!("bounce.{sub}.{primary}"),
    })
}

/// The subdomain and mailbox the usual subdomain plan gives a lane of
/// `purpose`: receipts and orders@ for receipts, mail and news@ for
/// promotions.
pub fn usual_names(purpose: Purpose) -> (&'static str, &'static str) {
    match purpose {
        Purpose::Transactional => ("receipts", "orders"),
        Purpose::RevenueFlows => ("flows", "hello"),
        Purpose::Promotional => ("mail", "news"),
        Purpose::Vip => ("vip", "vip"),
        Purpose::Migration => ("send", "hello"),
        Purpose::Custom => ("notify", "hello"),
    }
}

/// A new lane with defaults that follow the usual subdomain plan.
fn new_lane(plan: &Plan, purpose: Purpose) -> Lane {
    let id = next_id(plan, Added::Lane(purpose));
    let name = fresh_name(
        &name_base(purpose),
        plan.lanes.iter().map(|l| l.name.as_str()),
    );
    let mut lane = Lane::new(&id, &name, purpose);
    if let Some(domains) = own_domains(plan, purpose, None) {
        lane.sending_domain = domains.sending;
        lane.from_address = domains.from_address;
        lane.return_path_domain = domains.return_path;
    }
    lane.from_name = plan.brand.name.clone();
    lane.smtp = Smtp::from_preset(Provider::Custom);
    lane.status = LaneStatus::New;
    if purpose == Purpose::Promotional {
        lane.engagement_filter = EngagementFilter::EngagedWithin { days: 90 };
    }
    lane
}
