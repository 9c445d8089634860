//! The brand, each lane's domains and addresses, its IPs and its SMTP server.

use crate::domain::{address_domain, is_within, normalize_address, normalize_domain};
use crate::plan::diagnostic::Diagnostic;
use crate::plan::edit::{Edit, LaneField};
use crate::plan::model::{IpStrategy, Lane, Plan, Platform, Provider, Security};

use crate::plan::ranges::MAX_DEDICATED_IPS;
use crate::units;

pub(super) fn check_brand(plan: &Plan, out: &mut Vec<Diagnostic>) {
    if plan.brand.name.trim().is_empty() {
        out.push(
            Diagnostic::warning("brand.name_empty", "$.brand.name", "The brand has no name.")
                .hint("Name the brand; it heads exports and reports."),
        );
    }
    if let Some(d) = check_domain(
        &plan.brand.primary_domain,
        "$.brand.primary_domain",
        "primary domain",
        true,
    ) {
        out.push(d);
    }
}

/// A finding for a malformed or non-canonical domain, if any.
pub(super) fn check_domain(
    value: &str,
    path: &str,
    what: &str,
    required: bool,
) -> Option<Diagnostic> {
    if value.trim().is_empty() {
        // A lane sends from a subdomain of the brand's, as the field's
        // help and the invalid-domain note say.
        let example = match what {
            "primary domain" => "a domain such as brand.com",
            _ => "a subdomain of the brand's, such as mail.brand.com",
        };
        return required.then(|| {
            Diagnostic::warning("domain.missing", path, format!("The {what} is not set."))
                .hint(format!("Enter {example}."))
        });
    }
    match normalize_domain(value) {
        Err(why) => Some(
            Diagnostic::error(
                "domain.invalid",
                path,
                format!("The {what} “{value}” is not a valid domain: {why}."),
            )
            .hint("Use a host name such as mail.brand.com; internationalised names are fine."),
        ),
        Ok(ascii) if ascii != value => Some(
            Diagnostic::info(
                "domain.not_normalized",
                path,
                format!("The {what} “{value}” is stored as “{ascii}” in DNS."),
            )
            .hint("Editing the field saves the normalised form."),
        ),
        Ok(_) => None,
    }
}

pub(super) fn check_address(
    value: &str,
    path: &str,
    what: &str,
    required: bool,
) -> Option<Diagnostic> {
    if value.trim().is_empty() {
        return required.then(|| {
            Diagnostic::warning("address.missing", path, format!("The {what} is not set."))
                .hint("Enter an address such as hello@mail.brand.com.")
        });
    }
    normalize_address(value).err().map(|why| {
        Diagnostic::error(
            "address.invalid",
            path,
            format!("The {what} “{value}” is not a valid address: {why}."),
        )
        .hint("Write a bare address such as orders@receipts.brand.com.")
    })
}

/// A lane's own fields; `primary` is the brand's primary domain, if valid.
pub(super) fn check_lane(
    (index, lane): (usize, &Lane),
    primary: Option<&str>,
    platform: Platform,
    out: &mut Vec<Diagnostic>,
) {
    let at = |field: &str| format!("$.lanes[{index}].{field}");
    check_identity(lane, &at, out);
    check_smtp(lane, &at, out);
    out.extend(security_mismatch(lane, platform, &at));
    out.extend(check_domain(
        &lane.dkim_domain,
        &at("dkim_domain"),
        "DKIM signing domain",
        false,
    ));
    out.extend(check_dkim_owner(lane, primary, &at));
    out.extend(check_selector(lane, &at));
    check_ips(index, lane, out);
}

/// The domains and addresses the lane's mail shows: each well formed, and
/// the From address on the sending domain, with a name beside it.
fn check_identity(lane: &Lane, at: &dyn Fn(&str) -> String, out: &mut Vec<Diagnostic>) {
    let domains = [
        (
            &lane.sending_domain,
            "sending_domain",
            "sending domain",
            true,
        ),
        (
            &lane.return_path_domain,
            "return_path_domain",
            "Return-Path domain",
            false,
        ),
        (
            &lane.tracking_domain,
            "tracking_domain",
            "link-tracking domain",
            false,
        ),
    ];
    for (value, field, what, required) in domains {
        out.extend(check_domain(value, &at(field), what, required));
    }
    out.extend(check_address(
        &lane.from_address,
        &at("from_address"),
        "From address",
        true,
    ));
    out.extend(check_address(
        &lane.reply_to,
        &at("reply_to"),
        "Reply-To address",
        false,
    ));
    if let (Ok(from), Ok(sending)) = (
        normalize_address(&lane.from_address),
        normalize_domain(&lane.sending_domain),
    ) {
        let from_domain = address_domain(&from).unwrap_or_default();
        if !is_within(from_domain, &sending) {
            // The same mailbox at the sending domain: orders@brand.com
            // becomes orders@receipts.brand.com.
            let local = from.rsplit_once('@').map_or("hello", |(local, _)| local);
            let moved = format!("{local}@{sending}");
            out.push(
                Diagnostic::error(
                    "lane.from_outside_domain",
                    at("from_address"),
                    format!("The From address is on {from_domain}, outside the lane's sending domain {sending}."),
                )
                .hint(format!("Send from an address at {sending} so the lane's authentication and reputation apply."))
                .fix(
                    format!("Send from {moved}"),
                    vec![Edit::Lane {
                        lane: lane.id.clone(),
                        set: LaneField::FromAddress(moved.clone()),
                    }],
                ),
            );
        }
    }
}

/// A lane without a From name; the fix gives it the brand's name, as a new
/// lane gets, when the brand has one.
pub(super) fn from_name_missing((index, lane): (usize, &Lane), brand: &str) -> Option<Diagnostic> {
    if !lane.from_name.trim().is_empty() {
        return None;
    }
    let finding = Diagnostic::warning(
        "lane.from_name_empty",
        format!("$.lanes[{index}].from_name"),
        "The lane has no From name.",
    )
    .hint("Use the name customers know, the same across lanes.");
    let brand = brand.trim();
    Some(match brand.is_empty() {
        true => finding,
        false => finding.fix(
            format!("Use “{brand}”"),
            vec![Edit::Lane {
                lane: lane.id.clone(),
                set: LaneField::FromName(brand.to_string()),
            }],
        ),
    })
}

/// A DKIM signing domain the brand runs: the sending domain, a domain
/// above, below or beside it, or one under the primary domain. Another's (the
/// provider's own, say) would put the key in a zone the brand cannot
/// publish in, and DKIM would not align with the From domain.
fn check_dkim_owner(
    lane: &Lane,
    primary: Option<&str>,
    at: &dyn Fn(&str) -> String,
) -> Option<Diagnostic> {
    let dkim = normalize_domain(&lane.dkim_domain).ok()?;
    let sending = normalize_domain(&lane.sending_domain).ok()?;
    // Above the sending domain, or beside it, means under a common domain
    // of two labels or more: `com` is no brand's.
    let brand_level = |d: &str| d.contains('.');
    let parent = dkim.split_once('.').map_or("", |(_, parent)| parent);
    let ours = is_within(&dkim, &sending)
        || (brand_level(&dkim) && is_within(&sending, &dkim))
        || (brand_level(parent) && is_within(&sending, parent))
        || primary.is_some_and(|p| is_within(&dkim, p));
    if ours {
        return None;
    }
    Some(
        Diagnostic::error(
            "lane.dkim_outside",
            at("dkim_domain"),
            format!("The DKIM signing domain {dkim} is not the lane's sending domain {sending}, nor a domain above, below or beside it, nor under the primary domain: its key would go in a zone the brand does not run, and DKIM would not align with the From domain."),
        )
        .hint("Leave it empty to sign with the sending domain, or use a domain of the brand's.")
        .fix(
            format!("Sign with {sending}"),
            vec![Edit::Lane {
                lane: lane.id.clone(),
                set: LaneField::DkimDomain(String::new()),
            }],
        ),
    )
}

/// A DKIM selector is dot-separated DNS labels of letters, digits and
/// hyphens. A whole record name, as a provider shows it, is offered its
/// selector, the part before `._domainkey`.
fn check_selector(lane: &Lane, at: &dyn Fn(&str) -> String) -> Option<Diagnostic> {
    let selector = lane.dkim_selector.trim();
    let read = crate::domain::selector_of(selector);
    if selector.is_empty() {
        return None;
    }
    if let Some(fixed) = read.as_deref().and_then(|r| without_domain(lane, r)) {
        return Some(
            Diagnostic::error(
                "lane.dkim_selector",
                at("dkim_selector"),
                format!("“{selector}” ends with the lane's domain: the record would be named {selector}._domainkey and the domain again."),
            )
            .hint("The selector is the part before the domain.")
            .fix(
                format!("Use the selector {fixed}"),
                vec![Edit::Lane {
                    lane: lane.id.clone(),
                    set: LaneField::DkimSelector(fixed),
                }],
            ),
        );
    }
    if read
        .as_deref()
        .is_some_and(|r| r.eq_ignore_ascii_case(selector))
    {
        return None;
    }
    let found = Diagnostic::error(
        "lane.dkim_selector",
        at("dkim_selector"),
        format!("“{selector}” is not a DKIM selector."),
    );
    let whole_name = selector.to_ascii_lowercase().contains("._domainkey");
    Some(match read.filter(|_| whole_name) {
        Some(read) => found
            .hint("A DKIM record's name is the selector, then ._domainkey and the domain: enter the selector alone.")
            .fix(
                format!("Use the selector {read}"),
                vec![Edit::Lane {
                    lane: lane.id.clone(),
                    set: LaneField::DkimSelector(read),
                }],
            ),
        None => found.hint("Use letters, digits and hyphens, such as s1 or tx2026a."),
    })
}

/// A selector that ends with the lane's DKIM (or sending) domain, as a
/// record name pasted without `._domainkey` does: the part before it.
fn without_domain(lane: &Lane, selector: &str) -> Option<String> {
    let domain = [&lane.dkim_domain, &lane.sending_domain]
        .into_iter()
        .find_map(|d| normalize_domain(d).ok())?;
    let part = selector.strip_suffix(&format!(".{domain}"))?;
    Some(part.to_string()).filter(|p| !p.is_empty())
}

/// The lane's IP addresses, and a dedicated pool's size.
fn check_ips(index: usize, lane: &Lane, out: &mut Vec<Diagnostic>) {
    let mut seen: Vec<std::net::IpAddr> = Vec::new();
    for (i, address) in lane.ip_addresses.iter().enumerate() {
        let at = format!("$.lanes[{index}].ip_addresses[{i}]");
        match address.trim().parse::<std::net::IpAddr>() {
            Err(_) => out.push(
                Diagnostic::error("lane.ip_address", at, format!("“{address}” is not an IP address."))
                    .hint("Write an IPv4 address such as 198.51.100.7 or an IPv6 address."),
            ),
            Ok(ip) if seen.contains(&ip) => out.push(repeated_ip(lane, at, ip)),
            Ok(ip) if !public(ip) => out.push(
                Diagnostic::warning(
                    "lane.ip_private",
                    at,
                    format!("{ip} is a private or local address: receivers never see mail come from it, and SPF would authorise nothing with it."),
                )
                .hint("List the public addresses the provider gave the lane."),
            ),
            Ok(ip) => seen.push(ip),
        }
    }
    if let IpStrategy::Dedicated { count } = lane.ip_strategy {
        if count == 0 || count > MAX_DEDICATED_IPS {
            out.push(
                Diagnostic::error(
                    "lane.ip_count",
                    format!("$.lanes[{index}].ip_strategy.count"),
                    format!("{count} dedicated IPs is outside 1 to {MAX_DEDICATED_IPS}."),
                )
                .hint("Plan at least one dedicated IP, or choose the shared pool."),
            );
        }
        // An address listed twice is one IP.
        let mut distinct: Vec<&str> = (lane.ip_addresses.iter().map(|a| a.trim()))
            .filter(|a| !a.is_empty())
            .collect();
        distinct.sort_unstable();
        distinct.dedup();
        let listed = distinct.len() as u32;
        if listed > 0 && listed != count && (1..=MAX_DEDICATED_IPS).contains(&listed) {
            out.push(
                Diagnostic::warning(
                    "lane.ip_count_differs",
                    format!("$.lanes[{index}].ip_strategy.count"),
                    format!("{} plans {} but lists {}: the exports that set up a pool (SES, SendGrid, Mailgun, KumoMTA) and the per-IP volume checks would not agree on how many there are.", lane.name, units::count(count.into(), "dedicated IP", "dedicated IPs"), units::count(listed.into(), "address", "addresses")),
                )
                .hint("Make the count the number of addresses the provider gave the lane.")
                .fix(
                    format!("Plan {}", units::count(listed.into(), "dedicated IP", "dedicated IPs")),
                    vec![Edit::Lane {
                        lane: lane.id.clone(),
                        set: LaneField::IpStrategy(IpStrategy::Dedicated { count: listed }),
                    }],
                ),
            );
        }
    }
}

/// An address listed a second time, with a fix that keeps the first.
fn repeated_ip(lane: &Lane, at: String, ip: std::net::IpAddr) -> Diagnostic {
    let mut kept: Vec<String> = Vec::new();
    for address in &lane.ip_addresses {
        let same = address.trim().parse::<std::net::IpAddr>().ok() == Some(ip);
        if !same || !kept.iter().any(|k| k.trim().parse().ok() == Some(ip)) {
            kept.push(address.clone());
        }
    }
    Diagnostic::warning(
        "lane.ip_repeated",
        at,
        format!("{ip} is listed more than once for {}.", lane.name),
    )
    .hint("List each address once: the SPF record would name it twice, and the pool would count it twice.")
    .fix(
        format!("Remove the repeated {ip}"),
        vec![Edit::Lane {
            lane: lane.id.clone(),
            set: LaneField::IpAddresses(kept),
        }],
    )
}

/// Whether mail could come from `ip` as receivers see it: not a private,
/// loopback, link-local or unspecified address.
fn public(ip: std::net::IpAddr) -> bool {
    match ip {
        std::net::IpAddr::V4(v4) => {
            !(v4.is_private() || v4.is_loopback() || v4.is_link_local() || v4.is_unspecified())
        }
        std::net::IpAddr::V6(v6) => {
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_unique_local()
                || v6.is_unicast_link_local())
        }
    }
}

pub(super) fn check_smtp(lane: &Lane, at: &dyn Fn(&str) -> String, out: &mut Vec<Diagnostic>) {
    let smtp = &lane.smtp;
    if smtp.provider == Provider::CustomerIo {
        return;
    }
    if smtp.host.trim().is_empty() {
        out.push(
            Diagnostic::warning(
                "smtp.host_missing",
                at("smtp.host"),
                "The SMTP host is not set.",
            )
            .hint("Enter the provider's SMTP host, or pick a provider preset."),
        );
    } else if let Err(why) = normalize_domain(&smtp.host) {
        // "smtp.sendgrid.net:587" or "smtps://…": the host is there, with a
        // port or a scheme around it.
        let hint = match smtp.host.trim().rsplit_once(':') {
            Some((host, port)) if port.parse::<u16>().is_ok() && !host.contains('/') => format!(
                "Enter only the host, {host}, and put {port} in the Port field."
            ),
            _ if smtp.host.contains("://") => "Enter only the host name, without smtp:// or smtps://; the Security field says how to connect.".to_string(),
            _ => "Use the host name from the provider's SMTP settings, such as smtp.sendgrid.net.".to_string(),
        };
        out.push(
            Diagnostic::error(
                "smtp.host_invalid",
                at("smtp.host"),
                format!("The SMTP host “{}” is not valid: {why}.", smtp.host),
            )
            .hint(hint),
        );
    }
    if smtp.port == 0 {
        out.push(
            Diagnostic::error("smtp.port_zero", at("smtp.port"), "The SMTP port is 0.")
                .hint("Most providers take 587 (STARTTLS) or 465 (implicit TLS)."),
        );
    } else if smtp.port == 25 {
        out.push(
            Diagnostic::warning(
                "smtp.port_25",
                at("smtp.port"),
                "Port 25 is usually blocked for submission.",
            )
            .hint("Use 587 or 2525 with STARTTLS, or 465 with implicit TLS."),
        );
    } else if smtp.provider == Provider::Custom && matches!(smtp.port, 465 | 587) {
        out.push(
            Diagnostic::info(
                "smtp.cio_port",
                at("smtp.port"),
                format!(
                    "Customer.io's custom-SMTP documentation has listed port {} as unsupported.",
                    smtp.port
                ),
            )
            .hint("If Customer.io refuses the connection, use port 2525."),
        );
    }
}

/// Port and security that do not agree. On a port the platform refuses,
/// the fix is the port the platform's own finding asks for, with STARTTLS,
/// so that the two fixes end in the same place instead of undoing each
/// other.
fn security_mismatch(
    lane: &Lane,
    platform: Platform,
    at: &dyn Fn(&str) -> String,
) -> Option<Diagnostic> {
    let smtp = &lane.smtp;
    if smtp.provider == Provider::CustomerIo {
        return None;
    }
    let expected = match smtp.port {
        465 | 2465 => Security::ImplicitTls,
        587 | 2525 | 2587 => Security::Starttls,
        _ => return None,
    };
    if expected == smtp.security {
        return None;
    }
    let words = match expected {
        Security::ImplicitTls => "implicit TLS",
        Security::Starttls => "STARTTLS",
    };
    let finding = Diagnostic::warning(
        "smtp.security_mismatch",
        at("smtp.security"),
        format!("Port {} is normally used with {words}.", smtp.port),
    );
    let set = |set: LaneField| Edit::Lane {
        lane: lane.id.clone(),
        set,
    };
    let spare = smtp.provider.spare_port();
    let refused = platform.refused_ports().contains(&smtp.port);
    Some(match spare.filter(|_| refused) {
        Some(port) => {
            let mut edits = vec![set(LaneField::SmtpPort(port))];
            if smtp.security != Security::Starttls {
                edits.push(set(LaneField::SmtpSecurity(Security::Starttls)));
            }
            finding
                .hint(format!("{} refuses port {}: use {port} with STARTTLS, which the provider also listens on.", platform.label(), smtp.port))
                .fix(format!("Use port {port} with STARTTLS"), edits)
        }
        None => finding
            .hint("Match the security mode to the port, or the connection will fail.")
            .fix(
                format!("Use {}", expected.label()),
                vec![set(LaneField::SmtpSecurity(expected))],
            ),
    })
}
