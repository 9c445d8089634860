//! The names a lane goes by at each vendor, as the vendor files use them
//! (derived in `plan::vendor_names`, which monitoring reads too), the
//! finding for a name a vendor would refuse, and the header that names a
//! lane's pool, configuration set or stream on each message, so every file
//! that sets up sending writes the one the ESP reads.

use serde::Serialize;

use crate::plan::diagnostic::Diagnostic;
use crate::plan::model::{IpStrategy, Lane, Plan, Provider};
pub use crate::plan::vendor_names::{lane_name, problem, source, NameKind};

/// A finding for `lane` when its name for `kind` breaks the vendor's rules.
pub fn name_finding(plan: &Plan, index: u32, kind: NameKind, what: &str) -> Option<Diagnostic> {
    let lane = plan.lanes.get(index as usize)?;
    let name = lane_name(plan, lane, kind);
    let problem = problem(&name, kind)?;
    Some(
        Diagnostic::warning(
            "platform.invalid_name",
            format!("$.lanes[{index}].id"),
            format!("The {what} for {} cannot be created. {problem}", lane.name),
        )
        .hint(format!(
            "Give the lane a shorter id, or record the name the vendor uses in the monitoring mapping. Source: {}",
            source(kind)
        )),
    )
}

/// A header a lane's messages carry so its ESP sends them the lane's way.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Header {
    pub name: &'static str,
    pub value: String,
}

/// The headers a lane's messages need so that its ESP sends them through
/// the lane's pool, configuration set or stream.
pub fn lane_headers(plan: &Plan, lane: &Lane) -> Vec<Header> {
    lane_headers_on(plan, lane, lane.smtp.provider)
}

/// The same headers were the lane on `provider`. A lane on shared IPs has
/// no pool to pick at SendGrid or Mailgun, and the other providers take
/// no such header.
pub fn lane_headers_on(plan: &Plan, lane: &Lane, provider: Provider) -> Vec<Header> {
    let dedicated = matches!(lane.ip_strategy, IpStrategy::Dedicated { .. });
    let header = |name: &'static str, value: String| vec![Header { name, value }];
    match provider {
        Provider::AmazonSes => header(
            "X-SES-CONFIGURATION-SET",
            lane_name(plan, lane, NameKind::SesConfigurationSet),
        ),
        Provider::Postmark => header(
            "X-PM-Message-Stream",
            lane_name(plan, lane, NameKind::PostmarkStream),
        ),
        Provider::SendGrid if dedicated => header(
            "X-SMTPAPI",
            serde_json::json!({ "ip_pool": lane_name(plan, lane, NameKind::SendgridPool) })
                .to_string(),
        ),
        // Mailgun picks a pool by the id it gives the pool on creation.
        Provider::Mailgun if dedicated => header(
            "X-Mailgun-Sending-Ip-Pool",
            format!(
                "<pool_id Mailgun returns for the pool {}>",
                lane_name(plan, lane, NameKind::MailgunPool)
            ),
        ),
        _ => Vec::new(),
    }
}
