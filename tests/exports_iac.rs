//! The infrastructure files: Amazon SES as CloudFormation and Terraform,
//! KumoMTA's sources, queues and shaping TOML, and the planned zone as
//! Terraform for Cloudflare and Route 53. Each has a golden file for the
//! sample plan and is read back by a real parser of its format (yaml-rust2,
//! toml, hcl-rs), checking that values sit where the vendor reads them.

#[path = "support/golden.rs"]
mod golden;

use golden::{check_exports, export};
use hcl::{Body, Expression};
use switchyard::plan::model::{DmarcPolicy, IpStrategy, KeyKind, KeyMapping, Plan, Provider, Smtp};
use switchyard::plan::sample::sample_plan;
use switchyard::platform::export::ExportKind;
use yaml_rust2::{Yaml, YamlLoader};

const KINDS: [ExportKind; 7] = [
    ExportKind::SesCloudFormation,
    ExportKind::SesTerraform,
    ExportKind::KumoSources,
    ExportKind::KumoQueues,
    ExportKind::KumoWarmup,
    ExportKind::DnsCloudflare,
    ExportKind::DnsRoute53,
];

fn yaml(text: &str) -> Yaml {
    let mut docs = YamlLoader::load_from_str(text).expect("the template is YAML");
    assert_eq!(docs.len(), 1, "one YAML document");
    docs.remove(0)
}

fn toml(text: &str) -> toml::Table {
    toml::from_str(text).unwrap_or_else(|e| panic!("not TOML: {e}\n{text}"))
}

fn hcl(text: &str) -> Body {
    hcl::parse(text).unwrap_or_else(|e| panic!("not HCL: {e}\n{text}"))
}

/// Every file as its parser reads it, or the parser's complaint.
fn parses(kind: ExportKind, text: &str) -> Result<(), String> {
    match kind {
        ExportKind::SesCloudFormation => YamlLoader::load_from_str(text)
            .map(|_| ())
            .map_err(|e| e.to_string()),
        ExportKind::KumoSources | ExportKind::KumoQueues | ExportKind::KumoWarmup => {
            toml::from_str::<toml::Table>(text)
                .map(|_| ())
                .map_err(|e| e.to_string())
        }
        _ => hcl::parse(text).map(|_| ()).map_err(|e| e.to_string()),
    }
}

/// The resource blocks of `kind`, by label.
fn resources<'a>(body: &'a Body, kind: &str) -> Vec<(&'a str, &'a Body)> {
    body.blocks()
        .filter(|b| b.identifier() == "resource" && b.labels()[0].as_str() == kind)
        .map(|b| (b.labels()[1].as_str(), b.body()))
        .collect()
}

fn attr<'a>(body: &'a Body, key: &str) -> &'a Expression {
    body.attributes()
        .find(|a| a.key() == key)
        .map(|a| a.expr())
        .unwrap_or_else(|| panic!("no attribute {key}"))
}

fn string(body: &Body, key: &str) -> String {
    match attr(body, key) {
        Expression::String(s) => s.clone(),
        other => panic!("{key} is not a string: {other:?}"),
    }
}

fn nested<'a>(body: &'a Body, name: &str) -> &'a Body {
    body.blocks()
        .find(|b| b.identifier() == name)
        .map(|b| b.body())
        .unwrap_or_else(|| panic!("no {name} block"))
}

fn strings(expr: &Expression) -> Vec<String> {
    match expr {
        Expression::Array(items) => items
            .iter()
            .map(|item| match item {
                Expression::String(s) => s.clone(),
                other => panic!("not a string: {other:?}"),
            })
            .collect(),
        other => panic!("not a list: {other:?}"),
    }
}

#[test]
fn sample_plan_golden_files() {
    check_exports(&sample_plan(), &KINDS);
}

#[test]
fn cloudformation_sets_up_the_ses_lane() {
    let template = yaml(&export(&sample_plan(), ExportKind::SesCloudFormation));
    let resources = &template["Resources"];
    let ids: Vec<&str> = resources
        .as_hash()
        .expect("a Resources mapping")
        .keys()
        .filter_map(Yaml::as_str)
        .collect();
    // Only the promotional lane is planned on SES.
    assert_eq!(
        ids,
        [
            "PromotionalPool",
            "PromotionalConfigurationSet",
            "PromotionalEventDestination",
            "PromotionalIdentity"
        ]
    );
    let cases: [(&str, &str, Yaml); 12] = [
        ("PromotionalPool", "Type", s("AWS::SES::DedicatedIpPool")),
        ("PromotionalPool", "Properties.PoolName", s("promotional")),
        ("PromotionalPool", "Properties.ScalingMode", s("STANDARD")),
        (
            "PromotionalConfigurationSet",
            "Properties.Name",
            s("fernleaf-promotions"),
        ),
        (
            "PromotionalConfigurationSet",
            "Properties.DeliveryOptions.SendingPoolName.Ref",
            s("PromotionalPool"),
        ),
        (
            "PromotionalConfigurationSet",
            "Properties.ReputationOptions.ReputationMetricsEnabled",
            Yaml::Boolean(true),
        ),
        (
            "PromotionalConfigurationSet",
            "Properties.TrackingOptions.CustomRedirectDomain",
            s("links.mail.fernleafcoffee.com"),
        ),
        (
            "PromotionalEventDestination",
            "Properties.ConfigurationSetName.Ref",
            s("PromotionalConfigurationSet"),
        ),
        (
            "PromotionalEventDestination",
            "Properties.EventDestination.SnsDestination.TopicARN.Ref",
            s("EventsTopicArn"),
        ),
        (
            "PromotionalIdentity",
            "Properties.EmailIdentity",
            s("mail.fernleafcoffee.com"),
        ),
        (
            "PromotionalIdentity",
            "Properties.MailFromAttributes.MailFromDomain",
            s("bounce.mail.fernleafcoffee.com"),
        ),
        (
            "PromotionalIdentity",
            "Properties.DkimSigningAttributes.NextSigningKeyLength",
            s("RSA_2048_BIT"),
        ),
    ];
    for (id, path, expected) in cases {
        assert_eq!(at(&resources[id], path), &expected, "{id}.{path}");
    }
    let reasons = at(
        &resources["PromotionalConfigurationSet"],
        "Properties.SuppressionOptions.SuppressedReasons",
    );
    assert_eq!(reasons, &Yaml::Array(vec![s("BOUNCE"), s("COMPLAINT")]));
    let events = at(
        &resources["PromotionalEventDestination"],
        "Properties.EventDestination.MatchingEventTypes",
    );
    assert!(events.as_vec().unwrap().contains(&s("bounce")));
    assert_eq!(
        at(&template, "Parameters.EventsTopicArn.Type"),
        &s("String")
    );
    refs_resolve(&template);
}

fn s(text: &str) -> Yaml {
    Yaml::String(text.to_string())
}

/// The node at a dotted path.
fn at<'a>(node: &'a Yaml, path: &str) -> &'a Yaml {
    path.split('.').fold(node, |node, key| &node[key])
}

/// Every `Ref` names a parameter or resource of the template, and every
/// logical id is letters and digits only.
fn refs_resolve(template: &Yaml) {
    let mut ids: Vec<String> = Vec::new();
    for section in ["Parameters", "Resources"] {
        if let Some(hash) = template[section].as_hash() {
            ids.extend(hash.keys().filter_map(Yaml::as_str).map(str::to_string));
        }
    }
    for id in &ids {
        assert!(
            id.chars().all(|c| c.is_ascii_alphanumeric()),
            "logical id {id}"
        );
    }
    fn walk(node: &Yaml, ids: &[String]) {
        match node {
            Yaml::Hash(hash) => {
                for (key, value) in hash {
                    if key.as_str() == Some("Ref") {
                        let target = value.as_str().expect("a Ref names an id");
                        assert!(
                            ids.iter().any(|id| id == target),
                            "Ref {target} is undefined"
                        );
                    }
                    walk(value, ids);
                }
            }
            Yaml::Array(items) => items.iter().for_each(|item| walk(item, ids)),
            _ => {}
        }
    }
    walk(template, &ids);
}

#[test]
fn byodkim_keys_are_secret_parameters() {
    let mut plan = sample_plan();
    plan.lanes[2].dkim_selector = "fl2027".to_string();
    let template = yaml(&export(&plan, ExportKind::SesCloudFormation));
    let parameter = &template["Parameters"]["PromotionalDkimPrivateKey"];
    assert_eq!(parameter["NoEcho"], Yaml::Boolean(true));
    let signing = at(
        &template,
        "Resources.PromotionalIdentity.Properties.DkimSigningAttributes",
    );
    assert_eq!(signing["DomainSigningSelector"], s("fl2027"));
    assert_eq!(
        at(signing, "DomainSigningPrivateKey.Ref"),
        &s("PromotionalDkimPrivateKey")
    );
    refs_resolve(&template);

    let body = hcl(&export(&plan, ExportKind::SesTerraform));
    let variable = body
        .blocks()
        .find(|b| {
            b.identifier() == "variable" && b.labels()[0].as_str() == "promotional_dkim_private_key"
        })
        .expect("a variable for the key");
    assert_eq!(attr(variable.body(), "sensitive"), &Expression::Bool(true));
    let (_, identity) = resources(&body, "aws_sesv2_email_identity")[0];
    let dkim = nested(identity, "dkim_signing_attributes");
    assert_eq!(
        attr(dkim, "domain_signing_private_key").to_string(),
        "var.promotional_dkim_private_key"
    );
    assert_eq!(string(dkim, "domain_signing_selector"), "fl2027");
}

#[test]
fn terraform_sets_up_the_ses_lane() {
    let body = hcl(&export(&sample_plan(), ExportKind::SesTerraform));
    let cases = [
        ("aws_sesv2_dedicated_ip_pool", "pool_name", "promotional"),
        ("aws_sesv2_dedicated_ip_pool", "scaling_mode", "STANDARD"),
        (
            "aws_sesv2_configuration_set",
            "configuration_set_name",
            "fernleaf-promotions",
        ),
        (
            "aws_sesv2_configuration_set_event_destination",
            "event_destination_name",
            "lane-events",
        ),
        (
            "aws_sesv2_email_identity",
            "email_identity",
            "mail.fernleafcoffee.com",
        ),
        (
            "aws_sesv2_email_identity_mail_from_attributes",
            "mail_from_domain",
            "bounce.mail.fernleafcoffee.com",
        ),
        (
            "aws_sesv2_email_identity_mail_from_attributes",
            "behavior_on_mx_failure",
            "USE_DEFAULT_VALUE",
        ),
    ];
    for (kind, key, expected) in cases {
        let found = resources(&body, kind);
        assert_eq!(found.len(), 1, "one {kind}");
        assert_eq!(found[0].0, "promotional");
        assert_eq!(string(found[0].1, key), expected, "{kind}.{key}");
    }
    let (_, set) = resources(&body, "aws_sesv2_configuration_set")[0];
    assert_eq!(
        attr(nested(set, "delivery_options"), "sending_pool_name").to_string(),
        "aws_sesv2_dedicated_ip_pool.promotional.pool_name"
    );
    assert_eq!(
        strings(attr(
            nested(set, "suppression_options"),
            "suppressed_reasons"
        )),
        ["BOUNCE", "COMPLAINT"]
    );
    assert_eq!(
        string(nested(set, "tracking_options"), "custom_redirect_domain"),
        "links.mail.fernleafcoffee.com"
    );
    let (_, destination) = resources(&body, "aws_sesv2_configuration_set_event_destination")[0];
    let event = nested(destination, "event_destination");
    assert!(strings(attr(event, "matching_event_types")).contains(&"BOUNCE".to_string()));
    assert_eq!(
        attr(nested(event, "sns_destination"), "topic_arn").to_string(),
        "var.events_topic_arn"
    );
}

/// The sample plan with every lane on the brand's own servers, so the
/// addresses it lists are its own and KumoMTA sends from them.
fn on_own_servers() -> Plan {
    let mut plan = sample_plan();
    for lane in &mut plan.lanes {
        lane.smtp.provider = Provider::Custom;
    }
    plan
}

#[test]
fn kumomta_compares_without_another_vendors_addresses() {
    // No lane is on Custom SMTP, so every lane is set up for comparison;
    // the addresses the plan lists are SendGrid's and SES's, so none
    // becomes a source.
    let text = export(&sample_plan(), ExportKind::KumoSources);
    assert!(text.contains("No lane is planned on KumoMTA (a custom SMTP server)"));
    for address in ["198.51.100.10", "203.0.113.10", "203.0.113.11"] {
        assert!(!text.contains(address), "{address}");
    }
    let file = toml(&text);
    assert!(file.get("source").is_none(), "{text}");
    assert!(text.contains("# [source.\"promotional-2\"]"));
    let shaping = export(&sample_plan(), ExportKind::KumoWarmup);
    assert!(!shaping.contains("203.0.113."), "{shaping}");
}

#[test]
fn kumomta_sources_and_pools() {
    let text = export(&on_own_servers(), ExportKind::KumoSources);
    assert!(!text.contains("for comparison"));
    let file = toml(&text);
    let cases = [
        ("revenue-flows-1", "198.51.100.10"),
        ("promotional-1", "203.0.113.10"),
        ("promotional-2", "203.0.113.11"),
    ];
    for (source, address) in cases {
        assert_eq!(
            file["source"][source]["source_address"].as_str(),
            Some(address)
        );
        let pool = source.rsplit_once('-').unwrap().0;
        assert_eq!(file["pool"][pool][source]["weight"].as_integer(), Some(1));
    }
    // The transactional lane shares Postmark's IPs: its source is a
    // commented placeholder, so the file holds no source or pool for it.
    assert_eq!(file["source"].as_table().unwrap().len(), 3);
    assert!(file["pool"].get("transactional").is_none());
    assert!(text.contains("# [source.\"transactional-1\"]"));
}

#[test]
fn kumomta_uses_only_custom_lanes_when_there_are_some() {
    let mut plan = sample_plan();
    plan.lanes[1].smtp.provider = Provider::Custom;
    let sources = toml(&export(&plan, ExportKind::KumoSources));
    let pools: Vec<&String> = sources["pool"].as_table().unwrap().keys().collect();
    assert_eq!(pools, ["revenue-flows"]);
    let queues = toml(&export(&plan, ExportKind::KumoQueues));
    let tenants: Vec<&String> = queues["tenant"].as_table().unwrap().keys().collect();
    assert_eq!(tenants, ["revenue-flows"]);
    // The default lane is not among them.
    assert!(queues.get("default_tenant").is_none());
}

#[test]
fn kumomta_queues_map_tenants_to_pools() {
    let file = toml(&export(&sample_plan(), ExportKind::KumoQueues));
    assert_eq!(file["tenant_header"].as_str(), Some("X-Tenant"));
    assert_eq!(file["remove_tenant_header"].as_bool(), Some(true));
    assert_eq!(file["default_tenant"].as_str(), Some("promotional"));
    for lane in ["transactional", "revenue-flows", "promotional"] {
        assert_eq!(file["tenant"][lane]["egress_pool"].as_str(), Some(lane));
    }
}

#[test]
fn kumomta_shaping_holds_the_first_warmup_day() {
    let text = export(&on_own_servers(), ExportKind::KumoWarmup);
    let file = toml(&text);
    // Braze moderate starts at 50 a day, split across the lane's two IPs,
    // and each site takes its share of the mix (45%, 20%, 15%), so the
    // three together stay within the day's 25 a source.
    for (domain, rate) in [("gmail.com", 12), ("outlook.com", 5), ("yahoo.com", 4)] {
        let sources = file[domain]["sources"].as_table().unwrap();
        let names: Vec<&String> = sources.keys().collect();
        assert_eq!(names, ["promotional-1", "promotional-2"], "{domain}");
        for source in sources.values() {
            assert_eq!(
                source["source_selection_rate"].as_str(),
                Some(format!("{rate}/day,max_burst=1").as_str()),
                "{domain}"
            );
        }
    }
    assert!(text.contains("the other 20% (Apple and other domains) is not capped here"));
    // The later rates are dated: weekends and the skipped date hold the ramp.
    for line in [
        "#   2027-09-06  25/day",
        "#   2027-09-07  50/day",
        "#   2027-09-10  1000/day",
        "#   2027-09-13  2000/day",
    ] {
        assert!(text.contains(line), "{line}");
    }
    assert!(text.contains("warm: delete this lane's tables"));
}

#[test]
fn shaping_without_a_start_date_counts_sending_days() {
    let mut plan = sample_plan();
    plan.lanes[2].warmup.as_mut().unwrap().start_date.clear();
    let text = export(&plan, ExportKind::KumoWarmup);
    toml(&text);
    assert!(text.contains("#   sending day 1  25/day"), "{text}");
    assert!(text.contains("#   sending day 2  50/day"));
}

#[test]
fn cloudflare_records_match_the_zone() {
    let plan = sample_plan();
    let body = hcl(&export(&plan, ExportKind::DnsCloudflare));
    let zones = switchyard::dns::plan::zone_files(
        &plan,
        &switchyard::dns::plan::Pasted::of(&plan),
        DmarcPolicy::None,
    );
    let ready: Vec<_> = zones
        .iter()
        .flat_map(|z| &z.records)
        .filter(|r| !r.placeholder)
        .collect();
    let records = resources(&body, "cloudflare_dns_record");
    assert_eq!(records.len(), ready.len());
    for ((_, record), planned) in records.iter().zip(&ready) {
        assert_eq!(string(record, "name"), planned.name);
        assert_eq!(
            attr(record, "zone_id").to_string(),
            "var.fernleafcoffee_com_zone_id"
        );
        assert_eq!(attr(record, "ttl").to_string(), "3600");
    }
    let find = |name: &str, kind: &str| {
        records
            .iter()
            .find(|(_, r)| string(r, "name") == name && string(r, "type") == kind)
            .map(|(_, r)| *r)
            .unwrap_or_else(|| panic!("no {kind} at {name}"))
    };
    let mx = find("bounce.mail.fernleafcoffee.com", "MX");
    assert_eq!(
        string(mx, "content"),
        "feedback-smtp.us-east-1.amazonses.com"
    );
    assert_eq!(attr(mx, "priority").to_string(), "10");
    let spf = find("bounce.mail.fernleafcoffee.com", "TXT");
    assert_eq!(
        string(spf, "content"),
        "\"v=spf1 ip4:203.0.113.10 ip4:203.0.113.11 include:amazonses.com -all\""
    );
    let return_path = find("bounce.receipts.fernleafcoffee.com", "CNAME");
    assert_eq!(string(return_path, "content"), "pm.mtasv.net");
    let tracking = find("links.flows.fernleafcoffee.com", "CNAME");
    assert_eq!(attr(tracking, "proxied"), &Expression::Bool(false));
    let variable = body
        .blocks()
        .find(|b| b.identifier() == "variable")
        .expect("a zone id variable");
    assert_eq!(variable.labels()[0].as_str(), "fernleafcoffee_com_zone_id");
}

#[test]
fn placeholder_records_are_commented_out() {
    for kind in [ExportKind::DnsCloudflare, ExportKind::DnsRoute53] {
        let text = export(&sample_plan(), kind);
        let body = hcl(&text);
        let names: Vec<String> = body
            .blocks()
            .filter(|b| b.identifier() == "resource")
            .map(|b| string(b.body(), "name"))
            .collect();
        assert!(
            !names.iter().any(|n| n.contains('<')),
            "{kind:?}: {names:?}"
        );
        for n in 1..=3 {
            let line = format!("#   name    = \"<token{n}>._domainkey.mail.fernleafcoffee.com\"");
            assert!(text.contains(&line), "{kind:?}: {line}");
        }
    }
}

#[test]
fn a_cname_beside_other_records_is_left_out_as_in_the_zone_file() {
    let mut plan = sample_plan();
    let lane = plan
        .lanes
        .iter_mut()
        .find(|l| l.id == "promotional")
        .unwrap();
    lane.tracking_domain = "mail.fernleafcoffee.com".into();
    for kind in [ExportKind::DnsCloudflare, ExportKind::DnsRoute53] {
        let text = export(&plan, kind);
        let body = hcl(&text);
        // The live resources hold no CNAME at mail., which has a TXT record.
        let live: Vec<(String, String)> = body
            .blocks()
            .filter(|b| b.identifier() == "resource")
            .map(|b| (string(b.body(), "name"), string(b.body(), "type")))
            .filter(|(name, _)| name == "mail.fernleafcoffee.com" || name == "mail")
            .collect();
        assert!(
            !live.iter().any(|(_, t)| t == "CNAME"),
            "{kind:?}: {live:?}"
        );
        assert!(live.iter().any(|(_, t)| t == "TXT"), "{kind:?}: {live:?}");
        assert!(
            text.contains(
                "# Left out: a CNAME cannot share its name with other records (see Problems):"
            ),
            "{kind:?}"
        );
    }
}

/// The strings of one Route 53 TXT value: `a" "b` read back as `a`, `b`.
fn route53_txt(value: &str) -> Vec<Vec<u8>> {
    // The provider adds the outer quotes; then the value is a run of quoted
    // character-strings, read as a zone-file reader does.
    let wrapped = format!("\"{value}\"");
    let mut bytes = wrapped.bytes();
    let mut out = Vec::new();
    while let Some(b) = bytes.next() {
        if b != b'"' {
            assert!(b == b' ', "only spaces between strings: {value}");
            continue;
        }
        let mut part = Vec::new();
        loop {
            match bytes.next().expect("a closing quote") {
                b'"' => break,
                b'\\' => {
                    let next = bytes.next().unwrap();
                    if next.is_ascii_digit() {
                        let digits = [next, bytes.next().unwrap(), bytes.next().unwrap()];
                        part.push(std::str::from_utf8(&digits).unwrap().parse().unwrap());
                    } else {
                        part.push(next);
                    }
                }
                b => part.push(b),
            }
        }
        out.push(part);
    }
    out
}

#[test]
fn route53_splits_long_txt_values() {
    let mut plan = sample_plan();
    plan.lanes[2].ip_addresses = (1..=30).map(|i| format!("203.0.113.{i}")).collect();
    let body = hcl(&export(&plan, ExportKind::DnsRoute53));
    let zones = switchyard::dns::plan::zone_files(
        &plan,
        &switchyard::dns::plan::Pasted::of(&plan),
        DmarcPolicy::None,
    );
    let planned = |name: &str| -> Vec<u8> {
        let record = zones
            .iter()
            .flat_map(|z| &z.records)
            .find(|r| r.name == name && matches!(r.data, switchyard::dns::RecordData::Txt(_)))
            .unwrap();
        match &record.data {
            switchyard::dns::RecordData::Txt(strings) => strings.concat(),
            _ => unreachable!(),
        }
    };
    {
        let name = "bounce.mail.fernleafcoffee.com";
        let (_, record) = resources(&body, "aws_route53_record")
            .into_iter()
            .find(|(_, r)| string(r, "name") == name && string(r, "type") == "TXT")
            .unwrap();
        let values = strings(attr(record, "records"));
        assert_eq!(values.len(), 1);
        let chunks = route53_txt(&values[0]);
        assert!(chunks.len() >= 2, "{name} is split");
        assert!(
            chunks.iter().all(|c| c.len() <= 255),
            "{name}: chunks of at most 255"
        );
        assert_eq!(chunks.concat(), planned(name), "{name} rejoins");
    }
}

#[test]
fn route53_groups_records_of_one_name_and_type() {
    // A Mailgun lane receives its bounces at two mail exchangers.
    let mut plan = sample_plan();
    plan.lanes[0].smtp = Smtp::from_preset(Provider::Mailgun);
    let records = switchyard::dns::plan::planned_records(&plan);
    let mx = (records.iter())
        .find(|r| {
            r.lane.as_deref() == Some(plan.lanes[0].id.as_str())
                && matches!(r.data, switchyard::dns::RecordData::Mx { .. })
        })
        .expect("the Mailgun lane's MX")
        .name
        .trim_end_matches('.')
        .to_string();
    let body = hcl(&export(&plan, ExportKind::DnsRoute53));
    let sets = |name: &str, kind: &str| -> Vec<Vec<String>> {
        resources(&body, "aws_route53_record")
            .into_iter()
            .filter(|(_, r)| string(r, "name") == name && string(r, "type") == kind)
            .map(|(_, r)| strings(attr(r, "records")))
            .collect()
    };
    let mx_sets = sets(&mx, "MX");
    assert_eq!(mx_sets.len(), 1, "one record set per name and type");
    assert_eq!(mx_sets[0].len(), 2);
    // Two lanes with one bounce domain publish one SPF record there, with
    // both lanes' senders.
    let mut plan = sample_plan();
    plan.lanes[0].smtp = Smtp::from_preset(Provider::Custom);
    plan.lanes[0].return_path_domain = plan.lanes[2].return_path_domain.clone();
    let body = hcl(&export(&plan, ExportKind::DnsRoute53));
    let txt: Vec<Vec<String>> = resources(&body, "aws_route53_record")
        .into_iter()
        .filter(|(_, r)| {
            string(r, "name") == "bounce.mail.fernleafcoffee.com" && string(r, "type") == "TXT"
        })
        .map(|(_, r)| strings(attr(r, "records")))
        .collect();
    assert_eq!(txt.len(), 1);
    assert_eq!(txt[0].len(), 1);
}

/// A plan whose names and text try to break out of each format.
fn hostile_plan() -> Plan {
    let mut plan = sample_plan();
    plan.brand.name = "Fern\"leaf\n# injected = 1\\".to_string();
    let lane = &mut plan.lanes[2];
    lane.id = "promo\"tional\\${x}%{y}\n[z]'".to_string();
    lane.name = "Promo\r\nResources: {}\u{7f}\u{85}\u{2028}".to_string();
    lane.ip_addresses.push("not an ip\"\n".to_string());
    lane.ip_strategy = IpStrategy::Dedicated { count: 3 };
    lane.dkim_selector = "sel".to_string();
    let id = lane.id.clone();
    plan.default_lane = Some(id.clone());
    plan.monitoring.mapping = vec![
        KeyMapping {
            kind: KeyKind::SesConfigurationSet,
            key: HOSTILE.to_string(),
            lane: id.clone(),
        },
        KeyMapping {
            kind: KeyKind::KumoPool,
            key: HOSTILE.to_string(),
            lane: id,
        },
    ];
    plan
}

const HOSTILE: &str = "set\"\\ ${var.x} %{if} '\n\t]]\u{1}";

#[test]
fn hostile_names_stay_values() {
    let plan = hostile_plan();
    for kind in KINDS {
        let text = export(&plan, kind);
        assert!(
            parses(kind, &text).is_ok(),
            "{kind:?}: {:?}\n{text}",
            parses(kind, &text)
        );
        assert!(
            !text.contains("\n# injected = 1"),
            "{kind:?} let a newline through"
        );
    }
    let template = yaml(&export(&plan, ExportKind::SesCloudFormation));
    let resources = template["Resources"].as_hash().unwrap();
    let set = resources
        .values()
        .find(|r| r["Type"].as_str() == Some("AWS::SES::ConfigurationSet"))
        .unwrap();
    assert_eq!(set["Properties"]["Name"].as_str(), Some(HOSTILE));
    refs_resolve(&template);

    let body = hcl(&export(&plan, ExportKind::SesTerraform));
    let (label, set) = resources_of(&body);
    assert!(
        label.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
        "{label}"
    );
    let name = attr(set, "configuration_set_name");
    let evaluated: hcl::Value =
        hcl::eval::Evaluate::evaluate(name, &hcl::eval::Context::new()).unwrap();
    assert_eq!(evaluated, hcl::Value::String(HOSTILE.to_string()));

    let queues = toml(&export(&plan, ExportKind::KumoQueues));
    let tenant = queues["default_tenant"].as_str().unwrap();
    assert_eq!(
        queues["tenant"][tenant]["egress_pool"].as_str(),
        Some(HOSTILE)
    );
    // On the brand's own servers the lane's addresses become sources.
    let mut own = plan.clone();
    own.lanes[2].smtp.provider = Provider::Custom;
    let sources = toml(&export(&own, ExportKind::KumoSources));
    let pool = sources["pool"][HOSTILE]
        .as_table()
        .expect("the pool keeps its name");
    assert_eq!(
        pool.len(),
        2,
        "two addresses; the third is not an IP address"
    );
}

fn resources_of(body: &Body) -> (&str, &Body) {
    resources(body, "aws_sesv2_configuration_set")[0]
}

#[test]
fn odd_plans_still_parse() {
    let mut no_lanes = Plan::empty("x");
    no_lanes.lanes.clear();
    no_lanes.default_lane = None;
    let mut no_domains = sample_plan();
    for lane in &mut no_domains.lanes {
        lane.sending_domain.clear();
        lane.ip_addresses.clear();
    }
    let mut no_weekdays = sample_plan();
    no_weekdays.lanes[2]
        .warmup
        .as_mut()
        .unwrap()
        .sending_weekdays
        .clear();
    let plans = [
        ("empty", Plan::empty("x")),
        ("no lanes", no_lanes),
        ("no domains or IPs", no_domains),
        ("no sending weekdays", no_weekdays),
    ];
    for (what, plan) in plans {
        for kind in KINDS {
            let text = export(&plan, kind);
            assert!(!text.is_empty(), "{what}: {kind:?} is empty");
            assert!(
                parses(kind, &text).is_ok(),
                "{what}: {kind:?}: {:?}\n{text}",
                parses(kind, &text)
            );
        }
    }
}

#[test]
fn ses_sets_up_every_lane_for_comparison_when_none_is_planned_there() {
    let mut plan = sample_plan();
    plan.lanes[2].smtp.provider = Provider::Custom;
    let text = export(&plan, ExportKind::SesCloudFormation);
    assert!(text.contains("No lane is planned on Amazon SES"));
    let template = yaml(&text);
    let resources = &template["Resources"];
    // A lane on shared IPs gets no pool and names none.
    let cases = [
        ("Transactional", false),
        ("RevenueFlows", true),
        ("Promotional", true),
    ];
    for (lane, dedicated) in cases {
        let set = &resources[format!("{lane}ConfigurationSet").as_str()];
        assert_eq!(set["Type"], s("AWS::SES::ConfigurationSet"), "{lane}");
        let pool = &resources[format!("{lane}Pool").as_str()];
        assert_eq!(!pool.is_badvalue(), dedicated, "{lane} pool");
        let names_pool = !at(set, "Properties.DeliveryOptions.SendingPoolName").is_badvalue();
        assert_eq!(names_pool, dedicated, "{lane} sending pool");
    }
    // A set takes the name the monitoring mapping records, else the lane id.
    for (lane, name) in [
        ("Transactional", "transactional"),
        ("Promotional", "fernleaf-promotions"),
    ] {
        let set = &resources[format!("{lane}ConfigurationSet").as_str()];
        assert_eq!(at(set, "Properties.Name"), &s(name), "{lane}");
    }
    refs_resolve(&template);
}

/// The note on leasing a pool's addresses counts them in words that agree.
#[test]
fn the_ses_lease_note_counts_its_addresses() {
    for (count, words) in [
        (1, "Lease 1 dedicated IP, then move it into the pool"),
        (3, "Lease 3 dedicated IPs, then move them into the pool"),
    ] {
        let mut plan = sample_plan();
        let lane = plan
            .lanes
            .iter_mut()
            .find(|l| l.id == "promotional")
            .unwrap();
        lane.ip_strategy = IpStrategy::Dedicated { count };
        lane.ip_addresses.clear();
        let text = export(&plan, ExportKind::SesCloudFormation);
        assert!(text.contains(words), "{count}: {text}");
    }
}
