//! The overview: the brand's fields, the lanes side by side with their
//! journeys, volume and share, and whether splitting pays at all. A lane's
//! name opens that lane.

use yew::prelude::*;

use super::PageProps;
use crate::plan::diagnostic::Diagnostic;
use crate::plan::edit::Edit;
use crate::plan::model::{enum_key, Plan, Platform};
use crate::plan::routing::{lane_loads, LaneLoad};
use crate::review::assess::{assess, Assessment};
use crate::review::migration::lane_move_words;
use crate::review::place::Place;
use crate::ui::chart::lane_color;
use crate::ui::fields::{
    findings_at, hint_text, severity_class, CheckField, Choices, Field, SelectField, TextArea,
};
use crate::units::{count, fixed, group};
use crate::warmup::migration::lane_moves;

/// The colour class of a lane's column, or of the unrouted one.
fn load_color(plan: &Plan, load: &LaneLoad) -> String {
    load.lane_id
        .as_deref()
        .and_then(|id| plan.lanes.iter().position(|l| l.id == id))
        .map_or("lane-color-none".to_string(), |i| {
            lane_color(plan.lane_colour(i))
        })
}

#[component]
pub fn OverviewPage(props: &PageProps) -> Html {
    let assessment = use_memo(props.plan.clone(), |plan| assess(plan));
    html! {
        <>
            { brand_form(props) }
            <section aria-labelledby="overview-heading">
                <h2 id="overview-heading">{ "Lanes at a glance" }</h2>
                { lanes_at_a_glance(props) }
                { assessment_view(props, &assessment) }
            </section>
        </>
    }
}

/// What validation and the DNS checks say of the primary domain, such as
/// that it is a public suffix.
fn domain_findings(props: &PageProps) -> Vec<Diagnostic> {
    let path = "$.brand.primary_domain";
    let mut found = findings_at(&props.findings.plan, path);
    found.extend(findings_at(&props.findings.domains.findings, path));
    found
}

/// The brand's name, primary domain and notes, with the findings about them.
fn brand_form(props: &PageProps) -> Html {
    let plan = &props.plan;
    let findings = &props.findings.plan;
    let at = |path: &str| findings_at(findings, path);
    // Findings about the brand that no field shows go under the fields.
    let others: Vec<&Diagnostic> = findings
        .iter()
        .filter(|d| d.path == "$.brand" || d.path.starts_with("$.brand."))
        .filter(|d| d.path != "$.brand.name" && d.path != "$.brand.primary_domain")
        .collect();
    html! {
        <section class="card brand-form" id="brand" tabindex="-1" aria-labelledby="brand-heading">
            <h2 id="brand-heading">{ "Brand" }</h2>
            <div class="grid-3">
                <Field id="brand-name" label="Brand name" value={plan.brand.name.clone()}
                    findings={at("$.brand.name")} on_change={props.edit(Edit::SetBrandName)} />
                <Field id="brand-domain" label="Primary domain" value={plan.brand.primary_domain.clone()}
                    help={domain_help(&plan.brand.primary_domain)}
                    findings={domain_findings(props)} on_change={props.edit(Edit::SetPrimaryDomain)} />
                <SelectField id="brand-platform" label="Sending platform"
                    choices={Choices::of_enum(&Platform::ALL, Platform::label, plan.platform.kind, props.edit(Edit::SetPlatform))}
                    help="What sends the journeys; the Platform tab has its settings." />
                <TextArea id="plan-notes" label="Notes" rows={3} value={plan.notes.clone()}
                    on_change={props.edit(Edit::SetNotes)} />
            </div>
            for d in others {
                <p class={classes!("finding", severity_class(d.severity))}>
                    { d.message.clone() }
                    if !d.hint.is_empty() { { " " }<span class="hint">{ hint_text(&d.hint) }</span> }
                </p>
            }
        </section>
    }
}

/// The summary line, the volume split bar and one column per lane.
fn lanes_at_a_glance(props: &PageProps) -> Html {
    let plan = &props.plan;
    let loads = lane_loads(plan, &props.findings.routing);
    // A one-off's send is no day's mail: it is told apart.
    let daily: u64 = loads.iter().map(|l| l.daily_volume).sum();
    let once: u64 = loads.iter().map(|l| l.one_off_volume).sum();
    let once = match once {
        0 => String::new(),
        n => format!(", and {} in one-off sends", group(n)),
    };
    html! {
        <>
            <p class="summary">
                { format!("{} · {} · {} a day{once}", count(plan.lanes.len() as u64, "lane", "lanes"), count(plan.journeys.len() as u64, "journey", "journeys"), count(daily, "message", "messages")) }
            </p>
            { share_bar(plan, &loads) }
            <div class="lane-columns">
                for load in loads.iter() {
                    { lane_column(props, load) }
                }
            </div>
        </>
    }
}

/// Each lane's share of the mail a day, side by side in one bar.
fn share_bar(plan: &Plan, loads: &[LaneLoad]) -> Html {
    let mut offset = 0.0;
    html! {
        <svg class="share-bar" viewBox="0 0 100 6" preserveAspectRatio="none" role="img"
            aria-label="Share of daily volume by lane">
            for load in loads.iter() {
                {{
                    let x = offset;
                    offset += load.share_percent;
                    let name = load.lane_id.as_deref().map_or("Unrouted", |id| plan.lane_name(id));
                    html! {
                        <rect x={fixed(x, 3)} y="0" width={fixed(load.share_percent, 3)} height="6"
                            class={load_color(plan, load)}>
                            <title>{ format!("{name}: {}", load.share_text()) }</title>
                        </rect>
                    }
                }}
            }
        </svg>
    }
}

/// A lane's share of the plan's mail, once the plan has some.
fn share(plan: &Plan, load: &LaneLoad) -> String {
    if plan.journeys.iter().all(|j| j.daily_volume == 0) {
        "no mail planned yet".to_string()
    } else {
        format!("{} of daily volume", load.share_text())
    }
}

/// One lane's column: its name (which opens the lane), volume, share and
/// journeys; or the column of journeys no lane takes.
fn lane_column(props: &PageProps, load: &LaneLoad) -> Html {
    let plan = &props.plan;
    let position = load
        .lane_id
        .as_deref()
        .and_then(|id| plan.lanes.iter().position(|l| l.id == id));
    let lane = position.map(|i| &plan.lanes[i]);
    let open = lane.map(|lane| {
        let (on_open, id) = (props.on_open.clone(), lane.id.clone());
        Callback::from(move |_: MouseEvent| on_open.emit(Place::Lane(Some(id.clone()))))
    });
    html! {
        <article class={classes!("lane-column", lane.is_none().then_some("unrouted-column"))}
            aria-label={lane.map_or("Unrouted journeys".to_string(), |l| format!("Lane {}", l.name))}>
            <header class={classes!("lane-head", load_color(plan, load))}>
                if let Some(lane) = lane {
                    <h3><button type="button" class="link" onclick={open}>{ lane.name.clone() }</button></h3>
                    <p class="chips">
                        <span class="chip">{ lane.purpose.label() }</span>
                        <span class={classes!("chip", format!("status-{}", enum_key(lane.status)))}>{ lane.status.label() }</span>
                    </p>
                    <p class="muted">{ format!("{} · {}", if lane.sending_domain.is_empty() { "no domain yet" } else { lane.sending_domain.as_str() }, lane.smtp.provider.label()) }</p>
                } else {
                    <h3>{ "Unrouted" }</h3>
                    <p class="muted">{ "Journeys no lane takes; the Journeys tab says why for each" }</p>
                }
            </header>
            <p class="volume">
                <strong>{ group(load.daily_volume) }</strong>{ " / day" }
                if load.one_off_volume > 0 {
                    { format!(" + {} once", group(load.one_off_volume)) }
                }
                <span class="share">{ share(&props.plan, load) }</span>
            </p>
            <svg class="mini-bar" viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true">
                <rect x="0" y="0" width="100" height="4" class="track" />
                <rect x="0" y="0" width={fixed(load.share_percent, 3)} height="4" class={load_color(plan, load)} />
            </svg>
            if let Some(lane) = lane {
                { moves_view(props, &lane.id) }
            }
            if load.journeys.is_empty() {
                <p class="muted empty">{ "No journeys routed here." }</p>
            } else {
                <ul class="journey-list">
                    for j in load.journeys.iter().filter_map(|id| plan.journeys.iter().find(|j| j.id == *id)) {
                        <li key={j.id.clone()}>
                            <span>{ j.called().to_string() }</span>
                            <span class="num">{ j.volume_cell() }</span>
                        </li>
                    }
                </ul>
            }
        </article>
    }
}

/// The migrations that move mail onto the lane or off it, each of which
/// opens on the Migrations tab: its routing alone does not say what it
/// will carry.
fn moves_view(props: &PageProps, lane_id: &str) -> Html {
    let plan = &props.plan;
    let moves = lane_moves(plan, &props.findings.routing, lane_id);
    if moves.is_empty() {
        return Html::default();
    }
    html! {
        <ul class="lane-moves">
            for mv in moves.iter() {
                {{
                    let (on_open, id) = (props.on_open.clone(), mv.migration.id.clone());
                    let open = Callback::from(move |_: MouseEvent| on_open.emit(Place::Migration(Some(id.clone()))));
                    html! {
                        <li key={mv.migration.id.clone()}>
                            <button type="button" class="link" onclick={open}>{ lane_move_words(plan, mv) }</button>
                        </li>
                    }
                }}
            }
        </ul>
    }
}

/// "Should you split at all?", from the plan's numbers.
fn assessment_view(props: &PageProps, a: &Assessment) -> Html {
    html! {
        <section aria-labelledby="assessment-heading" class="assessment">
            <h3 id="assessment-heading">{ "Should you split at all?" }</h3>
            <p class={classes!("verdict", a.split.then_some("split"))}>{ a.verdict.clone() }</p>
            if !a.situations.is_empty() {
                <table class="situations">
                    <thead><tr><th scope="col">{ "Situation" }</th><th scope="col">{ "Judgement" }</th><th scope="col">{ "From the plan" }</th></tr></thead>
                    <tbody>
                        for s in a.situations.iter() {
                            <tr class={format!("strength-{}", enum_key(s.strength))}>
                                <th scope="row">{ s.title.clone() }</th>
                                <td>{ s.strength.label() }</td>
                                <td>{ s.evidence.clone() }</td>
                            </tr>
                        }
                    </tbody>
                </table>
            }
            <CheckField id="migrating-esp" label="We are migrating from another ESP"
                checked={props.plan.checklist.migrating_esp} on_change={props.edit(Edit::SetMigratingEsp)} />
            if !a.start_with.is_empty() {
                <h4>{ "Start with" }</h4>
                <ol class="start-with">
                    for s in a.start_with.iter() {
                        <li>
                            <strong>{ s.purpose.label() }</strong>
                            { format!(" ({}) ", s.where_words()) }
                            { s.why.clone() }
                        </li>
                    }
                </ol>
            }
            for r in a.remarks.iter() { <p class="finding info">{ r.clone() }</p> }
        </section>
    }
}

/// The primary domain's help, with the name people see where it is an
/// internationalised one, kept in Punycode as DNS uses it.
fn domain_help(domain: &str) -> AttrValue {
    let usual = "New lanes get subdomains of it, such as receipts.brand.com.";
    let unicode = crate::domain::display_domain(domain);
    match unicode == domain {
        true => AttrValue::Static(usual),
        false => format!("Shown to people as {unicode}. {usual}").into(),
    }
}
