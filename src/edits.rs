//! Edits from the forms the workers render: a `data-edit` field's key and
//! value, or a `data-action` button's key, become the `Edit` the reducer
//! applies. Unknown keys and unreadable values give `None`, never a panic.

use crate::diagnostic::Fix;
use crate::plan::model::{
    Audience, Cadence, DmarcPolicy, EngagementFilter, FallbackPlan, Intent, IpStrategy, Item,
    ItemState, ItemStatus, MtaStsMode, Overflow, Plan, Purpose, SeedTest, Smtp, Thresholds, Topic,
    TopicKind, Trigger, TriggerKind, WarmupPlan, WarmupPreset,
};
use crate::plan::state::{edit_plan, Direction, Edit};

/// A finding's fix as one edit: its steps are read in turn against the plan
/// as the earlier steps leave it, so two steps may change one lane. `None`
/// if any step no longer applies.
pub fn fix_edit(plan: &Plan, fix: &Fix, today: &str) -> Option<Edit> {
    let mut scratch = plan.clone();
    let mut edits = Vec::new();
    for (key, value) in &fix.edits {
        let edit = field_edit(&scratch, key, value)
            .or_else(|| button_edit(&scratch, key, value, today))?;
        edit_plan(&mut scratch, edit.clone());
        edits.push(edit);
    }
    Some(Edit::Many(edits))
}

/// A unit enum variant from its snake_case name, through the same JSON
/// reader plan files use.
fn from_key<T: serde::de::DeserializeOwned>(key: &str) -> Option<T> {
    T::deserialize(&serde_json::Value::String(key.to_string())).ok()
}

/// A list of lane ids with `lane` ticked or not, in the plan's lane order,
/// as the boxes show them.
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

/// Removes the item at the index a button names; `None` if there is none.
fn remove_at<T>(items: &mut Vec<T>, index: &str) -> Option<T> {
    let index: usize = index.parse().ok()?;
    (index < items.len()).then(|| items.remove(index))
}

/// The edit for a button the engine rendered, named by its `data-action`
/// key: `lane-add` (with the purpose chosen beside it), `lane-up:<id>`,
/// `lane-down:<id>` or `lane-delete:<id>`.
pub fn button_edit(plan: &Plan, action: &str, purpose: &str, today: &str) -> Option<Edit> {
    let (verb, id) = action.split_once(':').unwrap_or((action, ""));
    let lane = || plan.lane(id).map(|l| l.id.clone());
    match verb {
        "lane-add" => Some(Edit::AddLane(from_key(purpose).unwrap_or(Purpose::Custom))),
        "lane-up" => Some(Edit::MoveLane(lane()?, Direction::Up)),
        "lane-down" => Some(Edit::MoveLane(lane()?, Direction::Down)),
        "lane-delete" => Some(Edit::DeleteLane(lane()?)),
        "journey-add" => Some(Edit::AddJourney),
        "rule-add" => Some(Edit::AddRule),
        "rule-up" | "rule-down" | "rule-delete" | "rule-clear-teams" => {
            let rule = plan.rules.iter().find(|r| r.id == id)?;
            Some(match verb {
                "rule-up" => Edit::MoveRule(rule.id.clone(), Direction::Up),
                "rule-down" => Edit::MoveRule(rule.id.clone(), Direction::Down),
                "rule-delete" => Edit::DeleteRule(rule.id.clone()),
                _ => {
                    let mut rule = rule.clone();
                    rule.when.owning_teams.clear();
                    Edit::UpdateRule(rule)
                }
            })
        }
        "journey-delete" => plan
            .journeys
            .iter()
            .find(|j| j.id == id)
            .map(|j| Edit::DeleteJourney(j.id.clone())),
        "seed-add" => {
            let mut checklist = plan.checklist.clone();
            checklist.seeds.push(SeedTest {
                lane: lane()?,
                date: today.to_string(),
                gmail: Default::default(),
                yahoo: Default::default(),
                outlook: Default::default(),
            });
            Some(Edit::UpdateChecklist(checklist))
        }
        "seed-delete" => {
            let mut checklist = plan.checklist.clone();
            remove_at(&mut checklist.seeds, id)?;
            Some(Edit::UpdateChecklist(checklist))
        }
        "topic-add" => {
            let mut preferences = plan.preferences.clone();
            let id = crate::plan::model::fresh_id(
                "topic",
                preferences.topics.iter().map(|t| t.id.as_str()),
            );
            preferences.topics.push(Topic {
                id,
                name: "New topic".to_string(),
                kind: TopicKind::Lifecycle,
                suppresses: Vec::new(),
            });
            Some(Edit::UpdatePreferences(preferences))
        }
        "topic-delete" => {
            let mut preferences = plan.preferences.clone();
            let before = preferences.topics.len();
            preferences.topics.retain(|t| t.id != id);
            (preferences.topics.len() < before).then_some(Edit::UpdatePreferences(preferences))
        }
        "topics-standard" => Some(Edit::UpdatePreferences(
            crate::review::lint::standard_preferences(plan),
        )),
        "postmaster-add" => {
            let mut monitoring = plan.monitoring.clone();
            monitoring
                .postmaster
                .push(crate::plan::model::PostmasterEntry {
                    date: today.to_string(),
                    domain: plan.brand.primary_domain.clone(),
                    spam_rate_percent: 0.0,
                });
            Some(Edit::UpdateMonitoring(monitoring))
        }
        "postmaster-delete" => {
            let mut monitoring = plan.monitoring.clone();
            remove_at(&mut monitoring.postmaster, id)?;
            Some(Edit::UpdateMonitoring(monitoring))
        }
        _ => None,
    }
}

/// The edit for a change in a field the engine rendered, named by its
/// `data-edit` key: `lane:<id>:<field>`, `warmup:<id>:<field>`,
/// `dmarc:<field>`, `extras:<field>` or `existing`. `value` is the field's text (or `"true"`/`"false"` for a
/// checkbox). Unknown keys and unreadable numbers give `None`.
pub fn field_edit(plan: &Plan, key: &str, value: &str) -> Option<Edit> {
    let (group, rest) = key.split_once(':').unwrap_or((key, ""));
    let text = value.to_string();
    match group {
        "existing" => Some(Edit::SetExistingRecords(text)),
        "notes" => Some(Edit::SetNotes(text)),
        "brand" => match rest {
            "name" => Some(Edit::SetBrandName(text)),
            "primary_domain" => Some(Edit::SetPrimaryDomain(text)),
            _ => None,
        },
        "item" => {
            // item:<item>:<lane, or empty for the plan>:<field>
            let (item, rest) = rest.split_once(':')?;
            let (lane, field) = rest.rsplit_once(':')?;
            let item: Item = from_key(item)?;
            if !lane.is_empty() {
                plan.lane(lane)?;
            }
            let mut checklist = plan.checklist.clone();
            let index = match checklist
                .items
                .iter()
                .position(|i| i.item == item && i.lane == lane)
            {
                Some(index) => index,
                None => {
                    checklist.items.push(ItemState {
                        item,
                        lane: lane.to_string(),
                        status: None,
                        owner: String::new(),
                        due: String::new(),
                        notes: String::new(),
                    });
                    checklist.items.len() - 1
                }
            };
            let state = &mut checklist.items[index];
            match field {
                "status" if value == "auto" => state.status = None,
                "status" => state.status = Some(from_key(value)?),
                // A QA box ticks the check done, or takes it back.
                "check" => {
                    state.status = (value == "true").then_some(ItemStatus::Done);
                }
                "owner" => state.owner = text,
                "due" => state.due = text.trim().to_string(),
                "notes" => state.notes = text,
                _ => return None,
            }
            Some(Edit::UpdateChecklist(checklist))
        }
        "checklist" if rest == "migrating_esp" => {
            let mut checklist = plan.checklist.clone();
            checklist.migrating_esp = value == "true";
            Some(Edit::UpdateChecklist(checklist))
        }
        "seed" => {
            let (index, field) = rest.split_once(':')?;
            let mut checklist = plan.checklist.clone();
            let seed = checklist.seeds.get_mut(index.parse::<usize>().ok()?)?;
            match field {
                "date" => seed.date = text.trim().to_string(),
                "gmail" => seed.gmail = from_key(value)?,
                "yahoo" => seed.yahoo = from_key(value)?,
                "outlook" => seed.outlook = from_key(value)?,
                _ => return None,
            }
            Some(Edit::UpdateChecklist(checklist))
        }
        "topic" => {
            let (id, field) = rest.rsplit_once(':')?;
            let mut preferences = plan.preferences.clone();
            let topic = preferences.topics.iter_mut().find(|t| t.id == id)?;
            match field {
                "name" => topic.name = text,
                "kind" => topic.kind = from_key(value)?,
                _ => {
                    let lane = field.strip_prefix("lane-")?;
                    plan.lane(lane)?;
                    // Kept in the plan's lane order, as the matrix shows it.
                    topic.suppresses = toggle_lane(plan, &topic.suppresses, lane, value == "true");
                }
            }
            Some(Edit::UpdatePreferences(preferences))
        }
        "one_click" => {
            plan.lane(rest)?;
            let mut preferences = plan.preferences.clone();
            preferences.one_click_lanes =
                toggle_lane(plan, &preferences.one_click_lanes, rest, value == "true");
            Some(Edit::UpdatePreferences(preferences))
        }
        "preferences" if rest == "processing_days" => {
            let mut preferences = plan.preferences.clone();
            preferences.processing_days = value.trim().parse().ok()?;
            Some(Edit::UpdatePreferences(preferences))
        }
        "mapping" => {
            // mapping:<kind>:<key>, the key as the data has it; an empty
            // value removes the mapping.
            let (kind, key) = rest.split_once(':')?;
            let kind: crate::monitor::KeyKind = from_key(kind)?;
            if !value.is_empty() {
                plan.lane(value)?;
            }
            let mut monitoring = plan.monitoring.clone();
            monitoring
                .mapping
                .retain(|m| !(m.kind == kind && m.key == key));
            if !value.is_empty() {
                monitoring.mapping.push(crate::plan::model::KeyMapping {
                    kind,
                    key: key.to_string(),
                    lane: text,
                });
            }
            Some(Edit::UpdateMonitoring(monitoring))
        }
        "postmaster" => {
            let (index, field) = rest.split_once(':')?;
            let mut monitoring = plan.monitoring.clone();
            let entry = monitoring
                .postmaster
                .get_mut(index.parse::<usize>().ok()?)?;
            match field {
                "date" => entry.date = text.trim().to_string(),
                "domain" => entry.domain = text.trim().to_ascii_lowercase(),
                "spam_rate_percent" => {
                    let n: f64 = value.trim().trim_end_matches('%').parse().ok()?;
                    if !(0.0..=100.0).contains(&n) {
                        return None;
                    }
                    entry.spam_rate_percent = n;
                }
                _ => return None,
            }
            Some(Edit::UpdateMonitoring(monitoring))
        }
        "threshold" => {
            let (lane, field) = rest.rsplit_once(':')?;
            plan.lane(lane)?;
            let mut monitoring = plan.monitoring.clone();
            let index = match monitoring.thresholds.iter().position(|t| t.lane == lane) {
                Some(index) => index,
                None => {
                    monitoring.thresholds.push(Thresholds::reference(lane));
                    monitoring.thresholds.len() - 1
                }
            };
            let t = &mut monitoring.thresholds[index];
            if field == "reset" {
                *t = Thresholds::reference(lane);
            } else {
                let n: f64 = value.trim().trim_end_matches('%').parse().ok()?;
                if !(0.0..=100.0).contains(&n) {
                    return None;
                }
                *match field {
                    "complaint_watch_percent" => &mut t.complaint_watch_percent,
                    "complaint_act_percent" => &mut t.complaint_act_percent,
                    "bounce_watch_percent" => &mut t.bounce_watch_percent,
                    "bounce_act_percent" => &mut t.bounce_act_percent,
                    "delivered_min_percent" => &mut t.delivered_min_percent,
                    _ => return None,
                } = n;
            }
            Some(Edit::UpdateMonitoring(monitoring))
        }
        "default_lane" => Some(Edit::SetDefaultLane((!value.is_empty()).then_some(text))),
        "rule" => {
            let (id, field) = rest.rsplit_once(':')?;
            let mut rule = plan.rules.iter().find(|r| r.id == id)?.clone();
            let money = || -> Option<Option<f64>> {
                let v = value.trim();
                if v.is_empty() {
                    return Some(None);
                }
                let n: f64 = v.parse().ok()?;
                (n.is_finite() && n >= 0.0).then_some(Some(n))
            };
            let on = value == "true";
            match field {
                "name" => rule.name = text,
                "lane" => rule.lane = text,
                "enabled" => rule.enabled = on,
                "tags" => rule.when.tags = crate::plan::model::split_tags(value),
                "min" => rule.when.min_revenue_per_recipient = money()?,
                "max" => rule.when.max_revenue_per_recipient = money()?,
                _ => {
                    // Ticking a condition adds it, unticking removes it; the
                    // list keeps the order of the choices, as the boxes do.
                    fn toggle<T: PartialEq + Copy>(
                        all: &[T],
                        list: &mut Vec<T>,
                        item: T,
                        on: bool,
                    ) {
                        *list = all
                            .iter()
                            .copied()
                            .filter(|x| if *x == item { on } else { list.contains(x) })
                            .collect();
                    }
                    let (kind, key) = field.split_once('-')?;
                    let w = &mut rule.when;
                    match kind {
                        "intent" => toggle(&Intent::ALL, &mut w.intents, from_key(key)?, on),
                        "trigger" => {
                            toggle(&TriggerKind::ALL, &mut w.trigger_kinds, from_key(key)?, on)
                        }
                        "audience" => toggle(&Audience::ALL, &mut w.audiences, from_key(key)?, on),
                        _ => return None,
                    }
                }
            }
            Some(Edit::UpdateRule(rule))
        }
        "lane" => {
            let (id, field) = rest.rsplit_once(':')?;
            let mut lane = plan.lane(id)?.clone();
            let number = || value.trim().parse::<u32>().ok();
            match field {
                "name" => lane.name = text,
                "owner" => lane.owner = text,
                "purpose" => lane.purpose = from_key(value)?,
                "status" => lane.status = from_key(value)?,
                // A provider brings its SMTP defaults.
                "provider" => lane.smtp = Smtp::from_preset(from_key(value)?),
                "smtp.host" => lane.smtp.host = text,
                "smtp.port" => lane.smtp.port = value.trim().parse().ok()?,
                "smtp.security" => lane.smtp.security = from_key(value)?,
                "smtp.username" => lane.smtp.username = text,
                "from_name" => lane.from_name = text,
                "reply_to" => lane.reply_to = text,
                "ip_strategy" => {
                    lane.ip_strategy = match value {
                        "dedicated" => IpStrategy::Dedicated { count: 1 },
                        "shared" => IpStrategy::Shared,
                        _ => return None,
                    }
                }
                "ip_strategy.count" => {
                    lane.ip_strategy = IpStrategy::Dedicated { count: number()? }
                }
                "engagement_filter" => {
                    lane.engagement_filter = match value {
                        "engaged_within" => EngagementFilter::EngagedWithin { days: 90 },
                        "purchased_within" => EngagementFilter::PurchasedWithin { days: 180 },
                        "none" => EngagementFilter::None,
                        _ => return None,
                    }
                }
                "engagement_filter.days" => {
                    let days = number()?;
                    lane.engagement_filter = match lane.engagement_filter {
                        EngagementFilter::PurchasedWithin { .. } => {
                            EngagementFilter::PurchasedWithin { days }
                        }
                        _ => EngagementFilter::EngagedWithin { days },
                    }
                }
                "sending_domain" => lane.sending_domain = text,
                "from_address" => lane.from_address = text,
                "return_path_domain" => lane.return_path_domain = text,
                "dkim_domain" => lane.dkim_domain = text,
                "dkim_selector" => lane.dkim_selector = text,
                "tracking_domain" => lane.tracking_domain = text,
                "ip_addresses" => {
                    lane.ip_addresses = value
                        .split(|c: char| c == ',' || c.is_whitespace())
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                        .collect()
                }
                _ => return None,
            }
            Some(Edit::UpdateLane(lane))
        }
        "journey" => {
            let (id, field) = rest.rsplit_once(':')?;
            let mut j = plan.journeys.iter().find(|j| j.id == id)?.clone();
            match field {
                "name" => j.name = text,
                "intent" => j.intent = from_key(value)?,
                "lane_override" => j.lane_override = (!value.is_empty()).then_some(text),
                "daily_volume" => j.daily_volume = value.trim().parse().ok()?,
                "revenue_per_recipient" => {
                    let n: f64 = value.trim().parse().ok()?;
                    if !(n.is_finite() && n >= 0.0) {
                        return None;
                    }
                    j.revenue_per_recipient = n;
                }
                "audience" => j.audience = from_key(value)?,
                "owning_team" => j.owning_team = text,
                "tags" => j.tags = crate::plan::model::split_tags(value),
                "trigger" => {
                    let kind: TriggerKind = from_key(value)?;
                    if kind != j.trigger.kind() {
                        j.trigger = match kind {
                            TriggerKind::Event => Trigger::Event {
                                event_name: String::new(),
                                latency_minutes: 1,
                                delay_minutes: 0,
                            },
                            TriggerKind::SegmentEntry => Trigger::SegmentEntry {
                                segment: String::new(),
                            },
                            TriggerKind::Scheduled => Trigger::Scheduled {
                                cadence: Cadence::Weekly,
                            },
                        };
                    }
                }
                _ => match (&mut j.trigger, field) {
                    (Trigger::Event { event_name, .. }, "trigger.event_name") => *event_name = text,
                    (
                        Trigger::Event {
                            latency_minutes, ..
                        },
                        "trigger.latency_minutes",
                    ) => *latency_minutes = value.trim().parse().ok()?,
                    (Trigger::Event { delay_minutes, .. }, "trigger.delay_minutes") => {
                        *delay_minutes = value.trim().parse().ok()?
                    }
                    (Trigger::SegmentEntry { segment }, "trigger.segment") => *segment = text,
                    (Trigger::Scheduled { cadence }, "trigger.cadence") => {
                        *cadence = from_key(value)?
                    }
                    _ => return None,
                },
            }
            Some(Edit::UpdateJourney(j))
        }
        "sim" => {
            let mut sim = plan.simulation.clone();
            let number = || value.trim().parse::<u32>().ok();
            match rest {
                "start_date" => sim.start_date = text,
                "days" => sim.days = number()?,
                "promo_frequency_percent" => sim.promo_frequency_percent = number()?,
                "complaint_percent" => sim.complaint_percent = number()?,
                "promo_audience" => sim.promo_audience = from_key(value)?,
                "gate_delivered_percent" | "gate_complaint_percent" | "gate_bounce_percent" => {
                    let n: f64 = value.trim().trim_end_matches('%').parse().ok()?;
                    if !(0.0..=100.0).contains(&n) {
                        return None;
                    }
                    *match rest {
                        "gate_delivered_percent" => &mut sim.gate_delivered_percent,
                        "gate_complaint_percent" => &mut sim.gate_complaint_percent,
                        _ => &mut sim.gate_bounce_percent,
                    } = n;
                }
                _ => {
                    let i: usize = rest.strip_prefix("mix-")?.parse().ok()?;
                    *sim.mix_percent.get_mut(i)? = number()?;
                }
            }
            Some(Edit::UpdateSimulation(sim))
        }
        "fallback" => {
            let (id, field) = rest.rsplit_once(':')?;
            plan.lane(id)?;
            let mut sim = plan.simulation.clone();
            let existing = sim.fallbacks.iter().position(|f| f.lane == id);
            match (field, existing) {
                ("action", _) if value == "none" => sim.fallbacks.retain(|f| f.lane != id),
                ("action", Some(i)) => sim.fallbacks[i].action = from_key(value)?,
                ("action", None) => sim.fallbacks.push(FallbackPlan {
                    lane: id.to_string(),
                    action: from_key(value)?,
                    shift_lane: None,
                }),
                ("shift_lane", Some(i)) => {
                    sim.fallbacks[i].shift_lane = (!value.is_empty()).then_some(text)
                }
                _ => return None,
            }
            Some(Edit::UpdateSimulation(sim))
        }
        "warmup" => {
            let (id, field) = rest.rsplit_once(':')?;
            let mut lane = plan.lane(id)?.clone();
            if field == "preset" {
                lane.warmup = match WarmupPreset::ALL.into_iter().find(|p| p.key() == value) {
                    Some(preset) => Some(WarmupPlan {
                        preset,
                        ..lane.warmup.unwrap_or_default()
                    }),
                    None if value == "none" => None,
                    None => return None,
                };
                return Some(Edit::UpdateLane(lane));
            }
            let w = lane.warmup.as_mut()?;
            let number = || value.trim().replace(',', "").parse::<u64>().ok();
            match field {
                "start_date" => w.start_date = text,
                "target_date" => w.target_date = text,
                "target_volume" => w.target_volume = number()?,
                "skipped_dates" => {
                    w.skipped_dates = value
                        .split(|c: char| c == ',' || c.is_whitespace())
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                        .collect()
                }
                "overflow" => {
                    w.overflow = match value {
                        "defer" => Overflow::Defer,
                        "spill" => Overflow::Spill,
                        "suppress" => Overflow::Suppress,
                        _ => return None,
                    }
                }
                "spill_lane" => w.spill_lane = (!value.is_empty()).then_some(text),
                "custom-start_volume" => w.custom.start_volume = number()?,
                "custom-growth_percent" => {
                    w.custom.growth_percent = u32::try_from(number()?).ok()?
                }
                "custom-hold_days" => w.custom.hold_days = u32::try_from(number()?).ok()?,
                "custom-cap" => w.custom.cap = number()?,
                _ => {
                    let day: u8 = field.strip_prefix("weekday-")?.parse().ok()?;
                    if !(1..=7).contains(&day) {
                        return None;
                    }
                    // Rebuilt in weekday order, without a sort.
                    let mut days: Vec<u8> = Vec::new();
                    for d in 1..=7u8 {
                        let on = if d == day {
                            value == "true"
                        } else {
                            w.sending_weekdays.contains(&d)
                        };
                        if on {
                            days.push(d);
                        }
                    }
                    w.sending_weekdays = days;
                }
            }
            Some(Edit::UpdateLane(lane))
        }
        "dmarc" => {
            let mut dmarc = plan.dmarc.clone();
            match rest {
                "goal" => {
                    dmarc.goal = [
                        DmarcPolicy::None,
                        DmarcPolicy::Quarantine,
                        DmarcPolicy::Reject,
                    ]
                    .into_iter()
                    .find(|p| p.as_str() == value)?
                }
                "rua" => dmarc.rua = text,
                "rollout_start" => dmarc.rollout_start = text,
                "weeks_per_stage" => dmarc.weeks_per_stage = value.trim().parse().ok()?,
                "strict_dkim" => dmarc.strict_dkim = value == "true",
                "strict_spf" => dmarc.strict_spf = value == "true",
                _ => return None,
            }
            Some(Edit::UpdateDmarc(dmarc))
        }
        "extras" => {
            let mut extras = plan.extras.clone();
            match rest {
                "mta_sts" => {
                    extras.mta_sts = match value {
                        "off" => MtaStsMode::Off,
                        "testing" => MtaStsMode::Testing,
                        "enforce" => MtaStsMode::Enforce,
                        _ => return None,
                    }
                }
                "tls_rpt_rua" => extras.tls_rpt_rua = text,
                "bimi_logo" => extras.bimi_logo = text,
                "bimi_certificate" => extras.bimi_certificate = text,
                _ => return None,
            }
            Some(Edit::UpdateExtras(extras))
        }
        _ => None,
    }
}
