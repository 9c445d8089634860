//! Edits of the plan's sections: DMARC and the optional records, the
//! simulation, the checklist and its seed tests, preferences and
//! monitoring.

use super::ids::{next_id, Added};
use super::{
    DmarcField, ExtrasField, ItemField, PostmasterField, SeedField, SimulationField,
    ThresholdField, TopicField,
};
use crate::plan::model::{
    DmarcPolicy, FallbackAction, FallbackPlan, Item, ItemState, KeyKind, KeyMapping, Plan,
    PostmasterEntry, SeedTest, Thresholds, Topic, TopicKind,
};

pub(super) fn set_dmarc(plan: &mut Plan, set: DmarcField) {
    let dmarc = &mut plan.dmarc;
    match set {
        DmarcField::Goal(v) => {
            dmarc.goal = v;
            dmarc.first_stage = first_stage(dmarc.first_stage, v);
        }
        DmarcField::Np(v) => dmarc.np = v,
        DmarcField::Rua(v) => dmarc.rua = bare_address(v),
        DmarcField::RolloutStart(v) => dmarc.rollout_start = v.trim().to_string(),
        DmarcField::FirstStage(v) => dmarc.first_stage = first_stage(v, dmarc.goal),
        DmarcField::WeeksPerStage(v) => dmarc.weeks_per_stage = v,
        DmarcField::StrictDkim(v) => dmarc.strict_dkim = v,
        DmarcField::StrictSpf(v) => dmarc.strict_spf = v,
        DmarcField::NotOurs {
            source_ip,
            not_ours,
        } => {
            let ip = source_ip.trim().to_string();
            dmarc.not_ours.retain(|known| *known != ip);
            if not_ours && !ip.is_empty() {
                dmarc.not_ours.push(ip);
            }
        }
    }
}

/// A report address as the record's tag writes it, such as
/// `mailto:dmarc@brand.com`, is the address alone: the record adds the
/// scheme, and the address checks read a bare one.
fn bare_address(value: String) -> String {
    let text = value.trim();
    match text.get(..7) {
        Some(scheme) if scheme.eq_ignore_ascii_case("mailto:") => text[7..].trim().to_string(),
        _ => value,
    }
}

pub(super) fn set_extras(plan: &mut Plan, set: ExtrasField) {
    let extras = &mut plan.extras;
    match set {
        ExtrasField::MtaSts(v) => extras.mta_sts = v,
        ExtrasField::TlsRptRua(v) => extras.tls_rpt_rua = bare_address(v),
        ExtrasField::BimiLogo(v) => extras.bimi_logo = v,
        ExtrasField::BimiCertificate(v) => extras.bimi_certificate = v,
    }
}

pub(super) fn set_simulation(plan: &mut Plan, set: SimulationField) {
    let sim = &mut plan.simulation;
    match set {
        SimulationField::StartDate(v) => sim.start_date = v.trim().to_string(),
        SimulationField::Days(v) => sim.days = v,
        SimulationField::Mix { provider, percent } => sim.mix_percent[provider.slot()] = percent,
        SimulationField::PromoFrequencyPercent(v) => sim.promo_frequency_percent = v,
        SimulationField::PromoAudience(v) => sim.promo_audience = v,
        SimulationField::ComplaintPercent(v) => sim.complaint_percent = v,
        SimulationField::GateDeliveredPercent(v) if is_percent(v) => sim.gate_delivered_percent = v,
        SimulationField::GateComplaintPercent(v) if is_percent(v) => sim.gate_complaint_percent = v,
        SimulationField::GateBouncePercent(v) if is_percent(v) => sim.gate_bounce_percent = v,
        SimulationField::GateDeliveredPercent(_)
        | SimulationField::GateComplaintPercent(_)
        | SimulationField::GateBouncePercent(_) => {}
    }
}

pub(super) fn set_fallback(plan: &mut Plan, lane: String, action: Option<FallbackAction>) {
    if plan.lane(&lane).is_none() {
        return;
    }
    let fallbacks = &mut plan.simulation.fallbacks;
    match (action, fallbacks.iter_mut().find(|f| f.lane == lane)) {
        (None, _) => fallbacks.retain(|f| f.lane != lane),
        (Some(action), Some(existing)) => existing.action = action,
        (Some(action), None) => fallbacks.push(FallbackPlan {
            lane,
            action,
            shift_lane: None,
        }),
    }
}

pub(super) fn set_item(plan: &mut Plan, item: Item, lane: String, set: ItemField) {
    if !lane.is_empty() && plan.lane(&lane).is_none() {
        return;
    }
    let items = &mut plan.checklist.items;
    let index = match items.iter().position(|i| i.item == item && i.lane == lane) {
        Some(index) => index,
        None => {
            items.push(ItemState {
                item,
                lane,
                status: None,
                owner: String::new(),
                due: String::new(),
                notes: String::new(),
            });
            items.len() - 1
        }
    };
    let state = &mut items[index];
    match set {
        ItemField::Status(v) => state.status = v,
        ItemField::Owner(v) => state.owner = v,
        ItemField::Due(v) => state.due = v.trim().to_string(),
        ItemField::Notes(v) => state.notes = v,
    }
    // A record left with nothing set says no more than no record, so an
    // empty note typed on an item without one changes nothing.
    let blank = state.status.is_none()
        && [&state.owner, &state.due, &state.notes]
            .iter()
            .all(|t| t.is_empty());
    if blank {
        items.remove(index);
    }
}

pub(super) fn set_topic(plan: &mut Plan, id: &str, set: TopicField) {
    let lanes: Vec<String> = plan.lanes.iter().map(|l| l.id.clone()).collect();
    let Some(topic) = plan.preferences.topics.iter_mut().find(|t| t.id == id) else {
        return;
    };
    match set {
        TopicField::Name(v) => topic.name = v,
        TopicField::Kind(v) => topic.kind = v,
        TopicField::Suppresses { lane, on } => {
            // Kept in the plan's lane order, as the matrix shows it.
            topic.suppresses = lanes
                .into_iter()
                .filter(|l| {
                    if *l == lane {
                        on
                    } else {
                        topic.suppresses.contains(l)
                    }
                })
                .collect();
        }
    }
}

/// A list of lane ids with `lane` ticked or not, in the plan's lane order.
fn toggle_lane(plan: &Plan, list: &[String], lane: &str, on: bool) -> Vec<String> {
    plan.lanes
        .iter()
        .map(|l| l.id.as_str())
        .filter(|l| {
            if *l == lane {
                on
            } else {
                list.iter().any(|s| s == l)
            }
        })
        .map(str::to_string)
        .collect()
}

pub(super) fn map_key(plan: &mut Plan, kind: KeyKind, key: String, lane: Option<String>) {
    let lane = lane.filter(|l| plan.lane(l).is_some());
    let mapping = &mut plan.monitoring.mapping;
    mapping.retain(|m| !(m.kind == kind && m.key == key));
    if let Some(lane) = lane {
        mapping.push(KeyMapping { kind, key, lane });
    }
}

pub(super) fn set_threshold(plan: &mut Plan, lane: &str, set: ThresholdField) {
    let figure = match set {
        ThresholdField::Reset => 0.0,
        ThresholdField::ComplaintWatchPercent(n)
        | ThresholdField::ComplaintActPercent(n)
        | ThresholdField::BounceWatchPercent(n)
        | ThresholdField::BounceActPercent(n)
        | ThresholdField::DeliveredMinPercent(n) => n,
    };
    // Checked first, so that a refused figure adds no thresholds either.
    if plan.lane(lane).is_none() || !is_percent(figure) {
        return;
    }
    let thresholds = &mut plan.monitoring.thresholds;
    let index = match thresholds.iter().position(|t| t.lane == lane) {
        Some(index) => index,
        None => {
            thresholds.push(Thresholds::reference(lane));
            thresholds.len() - 1
        }
    };
    let t = &mut thresholds[index];
    match set {
        ThresholdField::Reset => *t = Thresholds::reference(lane),
        ThresholdField::ComplaintWatchPercent(n) => t.complaint_watch_percent = n,
        ThresholdField::ComplaintActPercent(n) => t.complaint_act_percent = n,
        ThresholdField::BounceWatchPercent(n) => t.bounce_watch_percent = n,
        ThresholdField::BounceActPercent(n) => t.bounce_act_percent = n,
        ThresholdField::DeliveredMinPercent(n) => t.delivered_min_percent = n,
    }
}

pub(super) fn set_fallback_shift(plan: &mut Plan, lane: &str, shift_lane: Option<String>) {
    let fallbacks = &mut plan.simulation.fallbacks;
    if let Some(f) = fallbacks.iter_mut().find(|f| f.lane == lane) {
        f.shift_lane = shift_lane.filter(|s| !s.is_empty());
    }
}

/// A seed test of a lane the plan has.
pub(super) fn add_seed(plan: &mut Plan, lane: &str, date: &str) {
    if plan.lane(lane).is_some() {
        let id = next_id(plan, Added::Seed);
        plan.checklist.seeds.push(SeedTest::new(&id, lane, date));
    }
}

pub(super) fn set_seed(plan: &mut Plan, id: &str, set: SeedField) {
    let Some(seed) = plan.checklist.seeds.iter_mut().find(|s| s.id == id) else {
        return;
    };
    match set {
        SeedField::Date(date) => seed.date = date.trim().to_string(),
        SeedField::Gmail(p) => seed.gmail = p,
        SeedField::Yahoo(p) => seed.yahoo = p,
        SeedField::Outlook(p) => seed.outlook = p,
    }
}

pub(super) fn add_topic(plan: &mut Plan) {
    let id = next_id(plan, Added::Topic);
    plan.preferences.topics.push(Topic {
        id,
        name: "New topic".to_string(),
        kind: TopicKind::Lifecycle,
        suppresses: Vec::new(),
    });
}

pub(super) fn set_one_click(plan: &mut Plan, lane: &str, on: bool) {
    let list = &plan.preferences.one_click_lanes;
    plan.preferences.one_click_lanes = toggle_lane(plan, list, lane, on);
}

/// The first stage a rollout to `goal` keeps: never past its goal, and
/// left out of the file for a rollout from its beginning, p=none.
fn first_stage(first: Option<DmarcPolicy>, goal: DmarcPolicy) -> Option<DmarcPolicy> {
    first
        .map(|p| p.min(goal))
        .filter(|p| *p != DmarcPolicy::None)
}

/// A Postmaster Tools row for the brand's domain.
pub(super) fn add_postmaster(plan: &mut Plan, date: String) {
    let id = next_id(plan, Added::Postmaster);
    let domain = plan.brand.primary_domain.clone();
    plan.monitoring.postmaster.push(PostmasterEntry {
        id,
        date,
        domain,
        spam_rate_percent: 0.0,
    });
}

pub(super) fn set_postmaster(plan: &mut Plan, id: &str, set: PostmasterField) {
    let rows = &mut plan.monitoring.postmaster;
    let Some(row) = rows.iter_mut().find(|p| p.id == id) else {
        return;
    };
    match set {
        PostmasterField::Date(date) => row.date = date.trim().to_string(),
        PostmasterField::Domain(d) => row.domain = d.trim().to_ascii_lowercase(),
        PostmasterField::SpamRatePercent(n) if is_percent(n) => row.spam_rate_percent = n,
        PostmasterField::SpamRatePercent(_) => {}
    }
}

fn is_percent(n: f64) -> bool {
    (0.0..=100.0).contains(&n)
}
