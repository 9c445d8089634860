//! The domains page's *Published DNS* card: the consent to send names to a
//! public resolver, the resolver choice, the check button and its
//! progress, and each planned record against what is published, with both
//! values where they differ, the TTL and when it was checked. For a lane it
//! also shows the checks run over published DNS: SPF per sending address
//! through the real includes, the DKIM key, DMARC discovery and the
//! provider CNAMEs. It takes plain typed props, so tests render it without
//! a network.

use std::rc::Rc;

use yew::prelude::*;

use crate::dns::checks::VerdictView;
use crate::dns::live::{LaneLive, LiveReport, Provider, RecordCheck, Verdict};
use crate::dns::spf::SpfResult;
use crate::ui::fields::{keys_by_text, CheckField, Choices, SelectField};
use crate::ui::live_dns::Progress;
use crate::units::count;

#[derive(Properties, PartialEq)]
pub struct PublishedDnsProps {
    /// The lane whose records are shown; `None` for the brand's own.
    #[prop_or_default]
    pub lane: Option<AttrValue>,
    pub enabled: bool,
    pub provider: Provider,
    #[prop_or_default]
    pub running: Option<Progress>,
    #[prop_or_default]
    pub report: Option<Rc<LiveReport>>,
    /// Why the last check could not run at all.
    #[prop_or_default]
    pub blocked: Option<AttrValue>,
    pub on_enable: Callback<bool>,
    pub on_provider: Callback<Provider>,
    pub on_check: Callback<()>,
}

#[component]
pub fn PublishedDns(props: &PublishedDnsProps) -> Html {
    // While a check runs the button stays focusable and ignores presses,
    // so the keyboard user who pressed it keeps their place.
    let running = props.running.is_some();
    let on_check = {
        let on_check = props.on_check.clone();
        Callback::from(move |_: MouseEvent| {
            if !running {
                on_check.emit(());
            }
        })
    };
    let host = props.provider.host();
    html! {
        <section class="card live-dns" id="live-dns" aria-labelledby="live-dns-heading">
            <h3 id="live-dns-heading">{ "Published DNS" }</h3>
            <p id="live-dns-statement">
                { format!("Checking sends the names of the planned records (such as bounce and _dmarc names, and the names their SPF includes lead to) to {} over HTTPS, which answers with what is published. Nothing else leaves this browser, and nothing is sent until you turn checking on and press the button.", props.provider.label()) }
            </p>
            <div class="grid-3">
                <CheckField id="live-dns-enable" label="Check published DNS from this browser" view=true
                    checked={props.enabled} on_change={props.on_enable.clone()} />
                <SelectField id="live-dns-resolver" label="Resolver" view=true choices={Choices::of_enum(&Provider::ALL,
                    Provider::label, props.provider, props.on_provider.clone())}
                    help="Kept in this browser, not in the plan." />
            </div>
            <p>
                <button type="button" id="live-dns-check" disabled={!props.enabled}
                    aria-disabled={running.then_some("true")} onclick={on_check}>
                    { if running { "Checking…" } else { "Check published DNS" } }
                </button>
            </p>
            if let Some(progress) = &props.running {
                <p role="status" id="live-dns-progress">
                    <progress max={progress.asked.max(1).to_string()} value={progress.answered.to_string()}
                        aria-label="Answers received" />
                    { format!(" Asking {host}: {} of {} answers (round {}).", progress.answered, progress.asked, progress.round) }
                </p>
            }
            if let Some(why) = &props.blocked {
                <p class="error" role="alert" id="live-dns-message">{ why.clone() }</p>
            }
            { report(props) }
        </section>
    }
}

/// The results, or a line saying there are none yet.
fn report(props: &PublishedDnsProps) -> Html {
    let Some(report) = &props.report else {
        if props.running.is_none() && props.blocked.is_none() {
            return html! { <p class="empty" id="live-dns-none">{ "Not checked in this session. The checks above use the planned zone." }</p> };
        }
        return html! {};
    };
    let lane = props.lane.as_deref();
    let records: Vec<&RecordCheck> = report
        .records
        .iter()
        .filter(|r| r.lane.as_deref() == lane)
        .collect();
    let problem = trouble(report, &records);
    html! {
        <div id="live-dns-results">
            <p class="muted">{ if report.unreachable() {
                format!("Tried {} through {}, which could not be reached.", report.checked_at, report.provider.host())
            } else {
                format!("Checked {} through {}.", report.checked_at, report.provider.host())
            } }</p>
            if let Some(problem) = problem {
                <p class="error" role="alert" id="live-dns-message">{ problem }</p>
            }
            <table class="data live-records">
                <thead><tr>
                    <th scope="col">{ "Name" }</th><th scope="col">{ "Type" }</th><th scope="col">{ "Status" }</th>
                    <th scope="col">{ "Planned" }</th><th scope="col">{ "Published" }</th>
                    <th scope="col">{ "TTL" }</th><th scope="col">{ "Checked" }</th>
                </tr></thead>
                <tbody>
                    for r in records { { record_row(r, report.unreachable()) } }
                </tbody>
            </table>
            if let Some(lane) = lane.and_then(|id| report.lanes.iter().find(|l| l.lane_id == id)) {
                { lane_checks(lane) }
            }
            if !report.refused.is_empty() {
                <details id="live-dns-refused">
                    <summary>{ count(report.refused.len() as u64, "name not sent", "names not sent") }</summary>
                    <ul>
                        for r in report.refused.iter() {
                            <li><code>{ r.name.clone() }</code>{ format!(": {}.", r.why) }</li>
                        }
                    </ul>
                </details>
            }
        </div>
    }
}

/// A plain statement of what went wrong with the resolver, if anything,
/// quoting a failure of a record this card shows where there is one.
fn trouble(report: &LiveReport, records: &[&RecordCheck]) -> Option<String> {
    let shown = |f: &&String| {
        records
            .iter()
            .any(|r| f.starts_with(&format!("{} ", r.name)))
    };
    let first = report.failed.iter().find(shown).or(report.failed.first())?;
    let host = report.provider.host();
    Some(if report.unreachable() {
        format!("{host} could not be reached, so nothing was checked ({first}). Records stay marked not checked, and the planned-zone results above stay as they are. Try again, or choose the other resolver.")
    } else {
        format!("{} to {host} got no usable answer, so some records are marked not checked. The first: {first}.", count(report.failed.len() as u64, "query", "queries"))
    })
}

/// A record's row; when the resolver could not be reached, its note says
/// only that, as the alert above gives the reason.
fn record_row(r: &RecordCheck, unreachable: bool) -> Html {
    let differs = r.published.len() != 1 || r.published[0] != r.planned;
    let note = if unreachable && r.verdict == Verdict::Unknown {
        "No answer; see above.".to_string()
    } else {
        r.note.clone()
    };
    html! {
        <tr class={classes!("verdict", r.verdict.key())}>
            <td><code>{ r.name.clone() }</code></td>
            <td>{ r.kind.clone() }</td>
            <td class="status">
                <strong>{ r.verdict.label() }</strong>
                if !note.is_empty() { <p class="help">{ note }</p> }
            </td>
            <td class="value"><code>{ r.planned.clone() }</code></td>
            <td class="value">
                if r.published.is_empty() {
                    { "–" }
                } else if differs || r.verdict != Verdict::Equal {
                    <ul class="published">
                        for v in r.published.iter() { <li><code>{ v.clone() }</code></li> }
                    </ul>
                } else {
                    { "same as planned" }
                }
            </td>
            <td>{ r.ttl.map_or("–".to_string(), |t| format!("{t} s")) }</td>
            <td>{ r.checked_at.clone().unwrap_or_else(|| "–".into()) }
                if r.dnssec { <br /><span class="badge ok">{ "DNSSEC" }</span> }
            </td>
        </tr>
    }
}

/// SPF, DKIM, DMARC and the provider CNAMEs over published DNS; for a
/// lane whose names got no usable answer, only that, since a lookup that
/// failed says nothing about what is published.
fn lane_checks(lane: &LaneLive) -> Html {
    if lane.unchecked {
        return html! {
            <div class="live-lane" id="live-dns-lane">
                <p class="verdict unknown" id="live-dns-summary">
                    <strong>{ "Not checked: " }</strong>
                    { "some of this lane's names got no usable answer, so its SPF, DKIM, DMARC and links are not judged. Check again when the resolver answers." }
                </p>
            </div>
        };
    }
    let dmarc = match (&lane.dmarc_at, &lane.dmarc_policy) {
        (Some(at), Some(p)) => format!(
            "DMARC p={p} applies, from {at}; the tree walk queried {}.",
            lane.dmarc_queried.join(", ")
        ),
        _ => format!(
            "No DMARC policy applies; the tree walk queried {}.",
            lane.dmarc_queried.join(", ")
        ),
    };
    let dkim = match (&lane.dkim.name, &lane.dkim.key) {
        (Some(name), Some(key)) if lane.dkim.via.is_empty() => format!("DKIM: {key} at {name}."),
        (Some(name), Some(key)) => format!(
            "DKIM: {key} at {name}, through {}.",
            lane.dkim.via.join(" → ")
        ),
        (Some(name), None) => format!("DKIM: no usable key at {name}. {}", lane.dkim.note),
        (None, _) => format!("DKIM: {}", lane.dkim.note),
    };
    html! {
        <div class="live-lane" id="live-dns-lane">
            <p class={classes!("verdict", if lane.passed { "ok" } else { "bad" })} id="live-dns-summary">
                <strong>{ if lane.passed { "Published as planned: " } else { "Not yet published as planned: " } }</strong>
                { lane.summary.clone() }
            </p>
            <ul class="verdicts" id="live-dns-spf">
                { spf_verdicts(&lane.spf, &lane.bounce_domain, "Published-DNS trace", ", in published DNS") }
            </ul>
            <p id="live-dns-dkim">{ dkim }</p>
            <p id="live-dns-dmarc">{ dmarc }</p>
            for link in lane.links.iter() {
                <p class="live-link">{ format!("{} → {}: {}", link.name,
                    if link.chain.is_empty() { "no CNAME".to_string() } else { link.chain.join(" → ") },
                    if link.resolves { "resolves" } else { "does not resolve" }) }</p>
            }
        </div>
    }
}

/// Each address's SPF verdict with its trace, as the domains page shows
/// them for the planned zone and for published DNS; `suffix` says which.
/// Items are keyed by address (repeats numbered), so an opened trace stays
/// with its address when another address is added or removed.
pub(super) fn spf_verdicts(
    verdicts: &[VerdictView],
    bounce_domain: &str,
    trace: &str,
    suffix: &str,
) -> Html {
    let keys = keys_by_text(verdicts.iter().map(|v| v.ip.as_str()));
    verdicts
        .iter()
        .zip(keys)
        .map(|(v, key)| spf_verdict(v, key, bounce_domain, trace, suffix))
        .collect()
}

fn spf_verdict(
    v: &VerdictView,
    key: String,
    bounce_domain: &str,
    trace: &str,
    suffix: &str,
) -> Html {
    html! {
        <li key={key} class={classes!("verdict", if v.result == SpfResult::Pass { "ok" } else { "bad" })}>
            <p>
                <strong>{ format!("{}: {}", v.ip, v.result.as_str()) }</strong>
                { format!(" · MAIL FROM bounce@{bounce_domain} · {} of 10 DNS-querying terms · {} void lookups{suffix}",
                    v.dns_terms, v.void_lookups) }
            </p>
            <details>
                <summary>{ format!("{trace} for {}", v.ip) }</summary>
                <ol class="trace">
                    for step in v.trace.iter() { <li><code>{ step.clone() }</code></li> }
                </ol>
            </details>
        </li>
    }
}
