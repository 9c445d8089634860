//! SendGrid: the API requests that set up the plan's SendGrid lanes, in
//! order, as JSON bodies and as a POSIX shell script that sends them.
//!
//! Dedicated IPs join a pool per lane through the classic IP Pools API
//! (`POST /v3/ips/pools`, then each IP by pool name). The newer IP Address
//! Management API answers with a pool id that later requests would have to
//! read back; the classic one names the pool in the path, the same name a
//! message picks its pool by (`X-SMTPAPI` `ip_pool`), so every request can
//! be written ahead.
//!
//! Lanes get subusers only when more than one lane is set up here: a
//! subuser keeps a lane's suppressions, statistics and event webhook apart
//! from the other lanes', which a lone lane does not need. The parent's key
//! then acts for each subuser through the `on-behalf-of` header.
//!
//! No secret is written: the script reads the API key, the subusers'
//! passwords, their contact address and the webhook address from
//! environment variables, and the JSON shows placeholders for them.

use serde_json::{json, Value};

use super::{
    comment, dedicated_ips, lanes_on, own_ips, path_segment, placeholder, Inputs, Request, Requests,
};
use crate::dns::plan::{default_selector, lane_domains, link_branding, sendgrid_takes};
use crate::domain::normalize_domain;
use crate::plan::model::{IpStrategy, Lane, LaneStatus, Plan, Provider, WarmupPreset};
use crate::platform::names::{lane_headers_on, lane_name, NameKind};
use crate::platform::status::Vendor;

/// The requests as JSON: what they are for, notes, the requests in order
/// and the header each lane's messages carry.
pub fn requests(inputs: &Inputs) -> String {
    build(inputs.plan).file.to_json(about(inputs.plan))
}

/// The same requests as a shell script using curl.
pub fn script(inputs: &Inputs) -> String {
    let built = build(inputs.plan);
    let mut out = script_header(inputs.plan, &built);
    if built.unfilled {
        out.push_str(concat!(
            "# Some values below are in <angle brackets>: fill them in, then delete the next line.\n",
            "echo 'Fill in the values in <angle brackets> in this script first.' >&2; exit 1\n",
        ));
    }
    out.push_str(&environment_checks(&built.from_env));
    out.push_str(SCRIPT_FUNCTIONS);
    for request in &built.file.requests {
        out.push_str(&script_step(request, &built.from_env));
    }
    out
}

const WEBHOOK_URL_VAR: &str = "SENDGRID_EVENT_WEBHOOK_URL";
const SUBUSER_EMAIL_VAR: &str = "SENDGRID_SUBUSER_EMAIL";

/// A body field that holds a placeholder in the JSON and an environment
/// variable's value in the script.
struct FromEnv {
    /// The step whose body holds the field.
    step: u32,
    field: &'static str,
    placeholder: String,
    var: String,
    /// What the variable holds, for the message when it is unset.
    what: String,
}

/// Everything both files are written from.
#[derive(Default)]
struct Built {
    file: Requests,
    from_env: Vec<FromEnv>,
    /// Some value is a placeholder nobody but the user can fill in.
    unfilled: bool,
}

/// Makes the request in the subuser's account, if the lane has one.
fn on_behalf_of(request: &mut Request, subuser: &Option<String>) {
    if let Some(user) = subuser {
        request.headers.insert("on-behalf-of", user.clone());
    }
}

/// What one lane needs at SendGrid.
struct LaneSetup<'a> {
    lane: &'a Lane,
    /// The pool's name and addresses, for a lane with dedicated IPs.
    pool: Option<(String, Vec<String>)>,
    subuser: Option<String>,
}

fn about(plan: &Plan) -> String {
    format!(
        "SendGrid API requests for {}, in order. Send each to https://api.sendgrid.com with the \
         header \"Authorization: Bearer $SENDGRID_API_KEY\" and a JSON body. Values in <angle \
         brackets> are not in the plan: sendgrid-setup.sh sends the same requests and reads the \
         secrets and addresses from environment variables.",
        plan.title()
    )
}

/// The requests in SendGrid's order: pools and their IPs, subusers,
/// authenticated domains, link branding, the event webhook.
fn build(plan: &Plan) -> Built {
    let (lanes, comparison) = lanes_on(plan, Vendor::SendGrid);
    let mut built = Built {
        file: Requests::new("SendGrid", comparison),
        ..Built::default()
    };
    let subusers = lanes.len() > 1;
    let setups: Vec<LaneSetup> = lanes
        .into_iter()
        .map(|lane| LaneSetup {
            lane,
            pool: pool(plan, lane, comparison),
            subuser: subusers.then(|| lane_name(plan, lane, NameKind::SendgridSubuser)),
        })
        .collect();
    for setup in &setups {
        pool_steps(&mut built, setup);
        for header in lane_headers_on(plan, setup.lane, Provider::SendGrid) {
            built.file.tag(setup.lane, header);
        }
    }
    for setup in &setups {
        subuser_step(&mut built, setup);
    }
    for setup in &setups {
        domain_step(&mut built, setup);
    }
    for setup in &setups {
        link_step(&mut built, setup);
    }
    let customer_io = plan.platform.kind == crate::plan::model::Platform::CustomerIo;
    webhook_steps(&mut built, &setups, customer_io);
    built
}

/// The lane's pool, when it has dedicated IPs; addresses the plan does not
/// know yet, or that another vendor owns, are placeholders.
fn pool(plan: &Plan, lane: &Lane, comparison: bool) -> Option<(String, Vec<String>)> {
    let IpStrategy::Dedicated { count } = lane.ip_strategy else {
        return None;
    };
    let name = lane_name(plan, lane, NameKind::SendgridPool);
    Some((name, dedicated_ips(lane, count, comparison)))
}

fn pool_steps(built: &mut Built, setup: &LaneSetup) {
    let Some((name, ips)) = &setup.pool else {
        return;
    };
    built
        .file
        .check_name(name, NameKind::SendgridPool, "IP pool");
    built.unfilled |= own_ips(setup.lane, built.file.comparison).is_empty();
    let why = format!(
        "The IP pool of {}: its messages pick it by name, which keeps them on the lane's own IPs.",
        setup.lane.name
    );
    let file = &mut built.file;
    file.push("POST", "/v3/ips/pools", json!({ "name": name }), why);
    let path = format!("/v3/ips/pools/{}/ips", path_segment(name));
    for ip in ips {
        let why = format!(
            "Puts {ip} in the {name} pool. SendGrid needs the IP's reverse DNS set up first."
        );
        file.push("POST", &path, json!({ "ip": ip }), why);
    }
    // A warm lane's IPs would go back to the first day's caps.
    let warming = matches!(setup.lane.status, LaneStatus::New | LaneStatus::Warming);
    let automated = warming
        && (setup.lane.warmup.as_ref())
            .is_some_and(|w| w.preset == WarmupPreset::SendgridAutomated);
    for ip in ips.iter().filter(|_| automated) {
        let why = format!(
            "Starts SendGrid's automated warm-up of {ip}, the schedule the plan's warm-up of {} follows: hourly caps for 42 days, with mail over the cap sent through the account's other IPs.",
            setup.lane.name
        );
        file.push("POST", "/v3/ips/warmup", json!({ "ip": ip }), why);
    }
}

fn subuser_step(built: &mut Built, setup: &LaneSetup) {
    let Some(user) = &setup.subuser else {
        return;
    };
    built
        .file
        .check_name(user, NameKind::SendgridSubuser, "subuser");
    let ips = match &setup.pool {
        Some((_, ips)) => ips.clone(),
        None => {
            built.unfilled = true;
            vec![placeholder(&format!(
                "an IP address of the account for {user}"
            ))]
        }
    };
    let email = placeholder("contact address for the subusers");
    let password = placeholder(&format!("password for the subuser {user}"));
    let body = json!({
        "username": user,
        "email": email,
        "password": password,
        "ips": ips,
        "region": "global",
    });
    let why = format!(
        "A subuser for {}, so its suppressions, statistics and events stay apart from the other lanes'.",
        setup.lane.name
    );
    let step = built.file.push("POST", "/v3/subusers", body, why).step;
    built.from_env.push(FromEnv {
        step,
        field: "email",
        placeholder: email,
        var: SUBUSER_EMAIL_VAR.to_string(),
        what: "the contact address for the new subusers".to_string(),
    });
    built.from_env.push(FromEnv {
        step,
        field: "password",
        placeholder: password,
        var: password_var(user),
        what: format!("the password for the new subuser {user}"),
    });
}

/// The environment variable holding a subuser's password.
fn password_var(user: &str) -> String {
    let tail: String = user
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    format!("SENDGRID_SUBUSER_PASSWORD_{tail}")
}

fn domain_step(built: &mut Built, setup: &LaneSetup) {
    let lane = setup.lane;
    let (Some(domains), Ok(domain)) = (lane_domains(lane), normalize_domain(&lane.sending_domain))
    else {
        built.file.notes.push(format!(
            "{} has no valid sending domain yet, so it has no authenticated domain here.",
            lane.name
        ));
        return;
    };
    let mut body = json!({ "domain": domain, "automatic_security": true, "default": false });
    match relative(&domains.bounce_domain, &domain) {
        Some(sub) => body["subdomain"] = json!(sub),
        None => built.file.notes.push(format!(
            "The return path {} is not under {domain}, so SendGrid picks the return-path subdomain itself.",
            domains.bounce_domain
        )),
    }
    if let Some(user) = &setup.subuser {
        body["username"] = json!(user);
    }
    selector(built, lane, &mut body);
    if domains.dkim_domain != domain {
        built.file.notes.push(format!(
            "SendGrid signs with the authenticated domain {domain}, not the lane's DKIM domain {}.",
            domains.dkim_domain
        ));
    }
    let why = format!(
        "Authenticates {domain} for {}: DKIM and the return path, with SendGrid holding the keys.",
        lane.name
    );
    built.file.push("POST", "/v3/whitelabel/domains", body, why);
}

/// Adds the lane's own DKIM selector when SendGrid takes it: exactly
/// three letters or digits. Without one, SendGrid uses its own, `s1`.
fn selector(built: &mut Built, lane: &Lane, body: &mut Value) {
    let chosen = lane.dkim_selector.trim().to_ascii_lowercase();
    if chosen.is_empty() || chosen == default_selector(Provider::SendGrid) {
        return;
    }
    if sendgrid_takes(&chosen) {
        body["custom_dkim_selector"] = json!(chosen);
    } else {
        built.file.notes.push(format!(
            "The DKIM selector “{chosen}” of {} is left out: SendGrid takes a custom selector of exactly three letters or digits, and uses its own, s1, instead.",
            lane.name
        ));
    }
}

/// `name` relative to `parent`: `bounce` for `bounce.mail.brand.com` under
/// `mail.brand.com`.
fn relative<'a>(name: &'a str, parent: &str) -> Option<&'a str> {
    name.strip_suffix(parent)?
        .strip_suffix('.')
        .filter(|sub| !sub.is_empty())
}

fn link_step(built: &mut Built, setup: &LaneSetup) {
    let Some(tracking) = lane_domains(setup.lane).and_then(|d| d.tracking_domain) else {
        return;
    };
    let body = match link_branding(&tracking) {
        (root, Some(sub)) => json!({ "domain": root, "subdomain": sub, "default": false }),
        (root, None) => json!({ "domain": root, "default": false }),
    };
    let why = format!(
        "Link branding: the links and opens of {} go through {tracking}.",
        setup.lane.name
    );
    let request = built.file.push("POST", "/v3/whitelabel/links", body, why);
    on_behalf_of(request, &setup.subuser);
}

/// One event webhook for the account, or one per subuser. On Customer.io
/// it feeds Customer.io's reports, which SendGrid's events reach through
/// it, without opens and clicks: Customer.io tracks those itself and would
/// count each twice.
fn webhook_steps(built: &mut Built, setups: &[LaneSetup], customer_io: bool) {
    let feeds = "Customer.io's SendGrid feedback webhook, so that deliveries, bounces, complaints and unsubscribes reach its reports; opens and clicks are left out, as Customer.io tracks them itself and would count each twice";
    if setups.iter().all(|s| s.subuser.is_none()) {
        if !setups.is_empty() {
            let why = match customer_io {
                true => format!("{feeds}."),
                false => "The event webhook, for monitoring: processed events carry the pool name that tells the lanes apart.".to_string(),
            };
            webhook_step(built, &None, why, customer_io);
        }
        return;
    }
    for setup in setups {
        let why = match customer_io {
            true => format!("{feeds}, for the subuser of {}.", setup.lane.name),
            false => format!(
                "The event webhook of the subuser for {}, for monitoring.",
                setup.lane.name
            ),
        };
        webhook_step(built, &setup.subuser, why, customer_io);
    }
}

fn webhook_step(built: &mut Built, account: &Option<String>, why: String, customer_io: bool) {
    let what = match customer_io {
        true => "the address Customer.io gives for SendGrid events",
        false => "the HTTPS address that receives SendGrid events",
    };
    let url = placeholder(what.trim_start_matches("the "));
    let body = json!({
        "enabled": true,
        "url": url,
        "processed": true,
        "delivered": true,
        "deferred": true,
        "dropped": true,
        "bounce": true,
        "spam_report": true,
        "unsubscribe": true,
        "group_unsubscribe": true,
        "group_resubscribe": true,
        "open": !customer_io,
        "click": !customer_io,
    });
    let request = built
        .file
        .push("POST", "/v3/user/webhooks/event/settings", body, why);
    on_behalf_of(request, account);
    let step = request.step;
    built.from_env.push(FromEnv {
        step,
        field: "url",
        placeholder: url,
        var: WEBHOOK_URL_VAR.to_string(),
        what: what.to_string(),
    });
}

fn script_header(plan: &Plan, built: &Built) -> String {
    let mut out = String::from("#!/bin/sh\n");
    out.push_str(&comment(&format!(
        "SendGrid setup for {}: the requests of sendgrid-requests.json, in order.",
        plan.title()
    )));
    out.push_str(concat!(
        "# Needs curl. The API key comes from $SENDGRID_API_KEY and never appears on a command line.\n",
        "# To resume after a failed step, set SENDGRID_FROM_STEP to its number.\n",
    ));
    for note in &built.file.notes {
        out.push_str(&comment(&format!("Note: {note}")));
    }
    out.push_str("set -eu\n\n");
    out
}

/// Stops early, with a message, when a variable the script reads is unset.
fn environment_checks(from_env: &[FromEnv]) -> String {
    let mut out = String::from(
        ": \"${SENDGRID_API_KEY:?Set SENDGRID_API_KEY to a SendGrid API key that may manage IPs, subusers, sender authentication and webhooks.}\"\n",
    );
    let mut seen: Vec<&str> = Vec::new();
    for value in from_env {
        if seen.contains(&value.var.as_str()) {
            continue;
        }
        seen.push(&value.var);
        out.push_str(&format!(
            ": \"${{{var}:?Set {var} to {what}.}}\"\n",
            var = value.var,
            what = value.what
        ));
    }
    out.push('\n');
    out
}

/// The script's helpers: the step to resume from, the key in a private
/// file that curl reads (so it stays off the command line), JSON escaping
/// for values from the environment, and one request with its status
/// checked.
const SCRIPT_FUNCTIONS: &str = r#"from_step=${SENDGRID_FROM_STEP:-1}

umask 077
auth=$(mktemp)
trap 'rm -f "$auth"' EXIT
printf 'Authorization: Bearer %s\n' "$SENDGRID_API_KEY" > "$auth"

json_escape() {
  printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g'
}

# request STEP METHOD PATH BODY [CURL OPTION...]
request() {
  step=$1 method=$2 path=$3 body=$4
  shift 4
  if [ "$step" -lt "$from_step" ]; then
    return 0
  fi
  printf 'Step %s: %s %s\n' "$step" "$method" "$path" >&2
  out=$(printf '%s' "$body" | curl -sS -w '\n%{http_code}' -X "$method" \
    -H "@$auth" -H 'Content-Type: application/json' "$@" \
    --data-binary @- "https://api.sendgrid.com$path")
  status=$(printf '%s\n' "$out" | tail -n 1)
  printf '%s\n' "$out" | sed '$d'
  case $status in
    2??) ;;
    *)
      printf 'Step %s failed with HTTP %s. Fix the cause, then rerun with SENDGRID_FROM_STEP=%s.\n' \
        "$step" "$status" "$step" >&2
      exit 1
      ;;
  esac
}
"#;

fn script_step(request: &Request, from_env: &[FromEnv]) -> String {
    let own: Vec<&FromEnv> = from_env.iter().filter(|v| v.step == request.step).collect();
    let mut line = format!(
        "request {} {} {} {}",
        request.step,
        request.method,
        quoted(&request.path),
        shell_body(request, &own)
    );
    for (name, value) in &request.headers {
        line.push_str(&format!(" -H {}", quoted(&format!("{name}: {value}"))));
    }
    format!(
        "\n{}{line}\n",
        comment(&format!("Step {}: {}", request.step, request.why))
    )
}

/// Text in single quotes, which the shell takes literally.
fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// The body in single quotes, with each value from the environment spliced
/// in (JSON-escaped) where the JSON file shows its placeholder. The field
/// name anchors the match, since plan text cannot hold an unescaped
/// `"field":"`; and serde_json escapes control characters, so a raw U+0001
/// can only be a mark set here.
fn shell_body(request: &Request, from_env: &[&FromEnv]) -> String {
    let mut json = request.body.to_string();
    for (index, value) in from_env.iter().enumerate() {
        let shown = serde_json::to_string(&value.placeholder).unwrap_or_default();
        let needle = format!("\"{}\":{shown}", value.field);
        let marked = format!("\"{}\":\"\u{1}{index}\u{1}\"", value.field);
        json = json.replacen(&needle, &marked, 1);
    }
    let mut text = quoted(&json);
    for (index, value) in from_env.iter().enumerate() {
        let spliced = format!("'\"$(json_escape \"${}\")\"'", value.var);
        text = text.replace(&format!("\u{1}{index}\u{1}"), &spliced);
    }
    text
}
