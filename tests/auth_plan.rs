//! The plan's DNS records, DMARC rollout and authentication checks.

use switchyard::dns::checks::{check_authentication, Status};
use switchyard::dns::plan::{planned_records, rollout, Pasted};
use switchyard::dns::spf::SpfResult;
use switchyard::dns::RecordData;
use switchyard::plan::model::*;
use switchyard::plan::routing::route;
use switchyard::plan::sample::sample_plan;
use switchyard::review::lint::lint;
use switchyard::review::sender_rules::sender_rules;

fn text(data: &RecordData) -> String {
    match data {
        RecordData::Txt(strings) => String::from_utf8_lossy(&strings.concat()).into_owned(),
        RecordData::Cname(target) => format!("CNAME {target}"),
        RecordData::Mx {
            preference,
            exchange,
        } => format!("MX {preference} {exchange}"),
        other => format!("{other:?}"),
    }
}

#[test]
fn the_sample_plan_publishes_what_each_lane_needs() {
    let records = planned_records(&sample_plan());
    let find = |name: &str| -> Vec<String> {
        records
            .iter()
            .filter(|r| r.name == name)
            .map(|r| text(&r.data))
            .collect()
    };
    assert_eq!(
        find("bounce.receipts.fernleafcoffee.com"),
        ["CNAME pm.mtasv.net"],
        "Postmark verifies a Return-Path CNAME and keeps SPF behind it"
    );
    assert_eq!(
        find("bounce.flows.fernleafcoffee.com"),
        ["CNAME u<account>.wl<id>.sendgrid.net"],
        "SendGrid's automated security"
    );
    assert_eq!(
        find("bounce.mail.fernleafcoffee.com"),
        [
            "v=spf1 ip4:203.0.113.10 ip4:203.0.113.11 include:amazonses.com -all",
            "MX 10 feedback-smtp.us-east-1.amazonses.com"
        ]
    );
    assert_eq!(
        find("links.flows.fernleafcoffee.com"),
        ["CNAME sendgrid.net"]
    );
    assert_eq!(
        find("links.mail.fernleafcoffee.com"),
        ["CNAME r.us-east-1.awstrack.me"]
    );
    assert_eq!(
        find("receipts.fernleafcoffee.com"),
        ["v=spf1 -all"],
        "From domains that are not bounce domains refuse envelope use"
    );
    assert_eq!(
        find("_dmarc.fernleafcoffee.com"),
        ["v=DMARC1; p=reject; sp=reject; rua=mailto:dmarc-reports@fernleafcoffee.com"]
    );
    let dkim: Vec<_> = records
        .iter()
        .filter(|r| r.name.contains("._domainkey."))
        .collect();
    assert_eq!(
        dkim.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(),
        [
            "<date>pm._domainkey.receipts.fernleafcoffee.com",
            "s1._domainkey.flows.fernleafcoffee.com",
            "s2._domainkey.flows.fernleafcoffee.com",
            "<token1>._domainkey.mail.fernleafcoffee.com",
            "<token2>._domainkey.mail.fernleafcoffee.com",
            "<token3>._domainkey.mail.fernleafcoffee.com"
        ],
        "SendGrid publishes a second key to rotate to, SES three tokens"
    );
    assert!(
        dkim.iter().all(|r| r.placeholder),
        "keys and tokens come from the providers"
    );
    assert!(records.iter().all(|r| !r.why.is_empty()));
}

#[test]
fn reports_sent_elsewhere_need_an_authorisation_record() {
    let mut plan = sample_plan();
    plan.dmarc.rua = "reports@dmarc-vendor.example".into();
    let records = planned_records(&plan);
    let auth = records
        .iter()
        .find(|r| r.name == "fernleafcoffee.com._report._dmarc.dmarc-vendor.example")
        .expect("authorisation record");
    assert_eq!(text(&auth.data), "v=DMARC1");
    // The record is where RFC 9989 puts it, so the checks do not ask to move it.
    let findings = check_authentication(&plan).findings;
    assert!(
        findings.iter().all(|d| d.code != "dmarc.misplaced"),
        "{findings:?}"
    );
    // A DMARC record at any other name still has no effect.
    plan.existing_records = "news.fernleafcoffee.com. 3600 IN TXT \"v=DMARC1; p=none\"".into();
    let findings = check_authentication(&plan).findings;
    assert!(
        findings.iter().any(|d| d.code == "dmarc.misplaced"),
        "{findings:?}"
    );
}

#[test]
fn the_rollout_steps_from_monitoring_to_the_goal() {
    let plan = sample_plan();
    let stages = rollout(&plan).expect("a start date is set");
    let summary: Vec<(String, String)> = stages
        .iter()
        .map(|s| (s.policy.as_str().to_string(), s.starts.to_string()))
        .collect();
    assert_eq!(
        summary,
        [
            ("none".into(), "2027-01-04".into()),
            ("quarantine".into(), "2027-02-01".into()),
            ("reject".into(), "2027-03-01".into())
        ]
    );
    assert_eq!(
        stages[0].record,
        "v=DMARC1; p=none; rua=mailto:dmarc-reports@fernleafcoffee.com"
    );
    let mut unscheduled = plan.clone();
    unscheduled.dmarc.rollout_start = "next month".into();
    assert_eq!(rollout(&unscheduled), None);
    let mut quarantine = plan;
    quarantine.dmarc.goal = DmarcPolicy::Quarantine;
    assert_eq!(rollout(&quarantine).unwrap().len(), 2);
}

#[test]
fn the_sample_plan_passes_spf_and_aligns() {
    let report = check_authentication(&sample_plan());
    assert_eq!(report.lanes.len(), 3);
    for lane in &report.lanes {
        assert!(lane.spf_aligned && lane.dkim_aligned, "{}", lane.lane_id);
        assert_eq!(lane.dmarc.organizational_domain, "fernleafcoffee.com");
        for verdict in &lane.spf {
            assert_eq!(
                verdict.outcome.result,
                SpfResult::Pass,
                "{} {}: {:#?}",
                lane.lane_id,
                verdict.ip,
                verdict.outcome.trace
            );
        }
    }
    let promotions = &report.lanes[2];
    assert_eq!(promotions.spf.len(), 2);
    assert_eq!(promotions.requirements[0].status, Status::Met);
    let flows = &report.lanes[1];
    assert!(flows.spf.is_empty(), "SendGrid's SPF is behind its CNAME");
    assert_eq!(flows.requirements[0].status, Status::Pending);
    assert!(flows.requirements[0].detail.contains("CNAME"));
    assert_eq!(
        flows.requirements[1].status,
        Status::Pending,
        "DKIM waits for the provider's CNAME"
    );
    let plan_rows = sender_rules(&sample_plan(), &route(&sample_plan()));
    assert_eq!(
        plan_rows[0].rows[0].status,
        Status::NotApplicable,
        "no unsubscribe on receipts"
    );
    let serious: Vec<_> = report
        .findings
        .iter()
        .filter(|d| d.severity != switchyard::plan::diagnostic::Severity::Info)
        .collect();
    assert_eq!(serious.len(), 1, "{serious:#?}");
    assert_eq!(
        serious[0].code, "dkim.revoked",
        "the existing google selector has an empty key"
    );
}

#[test]
fn the_plan_replaces_existing_spf_records_and_says_so() {
    let mut plan = sample_plan();
    plan.lanes[2].ip_addresses = vec!["192.0.2.99".into()];
    plan.existing_records
        .push_str("bounce.mail IN TXT \"v=spf1 include:amazonses.com -all\"\n");
    let report = check_authentication(&plan);
    assert!(report
        .findings
        .iter()
        .any(|d| d.code == "dns.replaced" && d.message.contains("bounce.mail.fernleafcoffee.com")));
    let verdict = &report.lanes[2].spf[0];
    assert_eq!(
        (verdict.ip.as_str(), verdict.outcome.result),
        ("192.0.2.99", SpfResult::Pass),
        "the planned record lists the address"
    );
}

#[test]
fn lanes_without_valid_addresses_have_no_verdict_yet() {
    let mut plan = sample_plan();
    plan.lanes[2].ip_addresses = vec!["not an address".into()];
    let report = check_authentication(&plan);
    assert!(report.lanes[2].spf.is_empty());
    assert_eq!(report.lanes[2].requirements[0].status, Status::Pending);
    assert!(report.lanes[2].requirements[0]
        .detail
        .contains("list the lane's IPs"));
}

#[test]
fn alignment_mistakes_are_flagged() {
    let codes = |plan: &Plan| -> Vec<String> {
        check_authentication(plan)
            .findings
            .iter()
            .map(|d| d.code.to_string())
            .collect()
    };
    let mut strict = sample_plan();
    strict.dmarc.strict_spf = true;
    assert!(codes(&strict).contains(&"align.strict_spf".to_string()));
    // The plan's own strict modes are fixed by relaxing them.
    strict.dmarc.strict_dkim = true;
    strict.lanes[2].dkim_domain = "fernleafcoffee.com".into();
    for code in ["align.strict_spf", "align.strict_dkim"] {
        let fix = (check_authentication(&strict).findings.iter())
            .find(|d| d.code == code)
            .and_then(|d| d.fix.clone())
            .unwrap_or_else(|| panic!("{code} has a fix"));
        switchyard::plan::edit::edit_plan(
            &mut strict,
            switchyard::plan::edit::Edit::Many(fix.edits),
        );
        assert!(!codes(&strict).contains(&code.to_string()), "{code}");
    }
    // A lane domain's own pasted record is the team's to change.
    let mut own = sample_plan();
    own.existing_records =
        "_dmarc.mail IN TXT \"v=DMARC1; p=none; aspf=s; rua=mailto:d@fernleafcoffee.com\"\n".into();
    let found = check_authentication(&own).findings;
    let strict_own = found.iter().find(|d| d.code == "align.strict_spf");
    assert!(strict_own.is_some_and(|d| d.fix.is_none()), "{found:?}");
    let mut foreign = sample_plan();
    foreign.lanes[2].dkim_domain = "esp-shared.example".into();
    assert!(codes(&foreign).contains(&"align.spf_only".to_string()));
    foreign.lanes[2].return_path_domain = "bounces.esp-shared.example".into();
    assert!(codes(&foreign).contains(&"align.none".to_string()));
    let mut no_dmarc = sample_plan();
    no_dmarc.brand.primary_domain = String::new();
    assert!(codes(&no_dmarc).contains(&"dmarc.none_applies".to_string()));
}

#[test]
fn existing_records_join_the_zone_and_are_checked() {
    let mut plan = sample_plan();
    plan.existing_records.push_str(concat!(
        "promo IN CNAME shops.example.\n",
        "promo IN TXT \"hello\"\n",
        "shop IN TXT \"v=spf1 -all\"\n",
        "shop IN TXT \"v=spf1 +all\"\n",
        "_dmarc IN TXT \"v=DMARC1; p=none\"\n",
    ));
    let codes: Vec<String> = check_authentication(&plan)
        .findings
        .iter()
        .map(|d| d.code.to_string())
        .collect();
    assert!(
        codes.contains(&"dns.cname_and_other".to_string()),
        "{codes:?}"
    );
    assert!(codes.contains(&"spf.duplicate".to_string()), "{codes:?}");
    assert!(
        codes.contains(&"dns.replaced".to_string()),
        "the planned DMARC record replaces the existing one: {codes:?}"
    );
    let mut broken = sample_plan();
    broken.existing_records = "oops IN TXT \"unclosed".into();
    let findings = check_authentication(&broken).findings;
    assert!(findings
        .iter()
        .any(|d| d.code == "zone.syntax" && d.path == "line 1"));
}

#[test]
fn optional_records_follow_the_plan() {
    let mut plan = sample_plan();
    plan.extras = ExtraRecords {
        mta_sts: MtaStsMode::Enforce,
        tls_rpt_rua: "tls@fernleafcoffee.com".into(),
        bimi_logo: "https://fernleafcoffee.com/bimi/logo.svg".into(),
        bimi_certificate: String::new(),
    };
    let records = planned_records(&plan);
    let at = |name: &str| -> Vec<String> {
        records
            .iter()
            .filter(|r| r.name == name)
            .map(|r| text(&r.data))
            .collect()
    };
    assert_eq!(
        at("_smtp._tls.fernleafcoffee.com"),
        ["v=TLSRPTv1; rua=mailto:tls@fernleafcoffee.com"]
    );
    assert_eq!(
        at("default._bimi.fernleafcoffee.com"),
        ["v=BIMI1; l=https://fernleafcoffee.com/bimi/logo.svg"]
    );
    assert!(at("_mta-sts.fernleafcoffee.com")[0].starts_with("v=STSv1; id="));
    // The policy lists the existing MX host, so enforce mode is safe.
    let policy = switchyard::dns::plan::mta_sts_policy(&plan, &Pasted::of(&plan)).unwrap();
    assert!(
        policy.contains("mode: enforce\r\nmx: smtp.google.com\r\n"),
        "{policy}"
    );
    let codes: Vec<String> = check_authentication(&plan)
        .findings
        .into_iter()
        .map(|d| d.code.to_string())
        .collect();
    assert!(codes.contains(&"bimi.no_certificate".to_string()));
    assert!(!codes.contains(&"mta_sts.no_mx".to_string()));

    // Without MX records, enforce would bounce inbound mail; p=none hides logos.
    plan.existing_records.clear();
    plan.dmarc.goal = DmarcPolicy::None;
    let codes: Vec<String> = check_authentication(&plan)
        .findings
        .into_iter()
        .map(|d| d.code.to_string())
        .collect();
    assert!(codes.contains(&"mta_sts.no_mx".to_string()), "{codes:?}");
    assert!(codes.contains(&"bimi.needs_enforcement".to_string()));

    // Testing mode without MX hosts tests nothing.
    plan.extras.mta_sts = MtaStsMode::Testing;
    let report = check_authentication(&plan);
    let no_mx = report
        .findings
        .iter()
        .find(|d| d.code == "mta_sts.no_mx")
        .unwrap();
    assert_eq!(
        no_mx.severity,
        switchyard::plan::diagnostic::Severity::Warning
    );
    plan.extras.mta_sts = MtaStsMode::Enforce;

    // A changed policy gets a new id, so senders fetch it again.
    let before = at("_mta-sts.fernleafcoffee.com");
    plan.extras.mta_sts = MtaStsMode::Testing;
    let after: Vec<String> = planned_records(&plan)
        .iter()
        .filter(|r| r.name == "_mta-sts.fernleafcoffee.com")
        .map(|r| text(&r.data))
        .collect();
    assert_ne!(before, after);
}

#[test]
fn bad_extras_are_reported_where_they_are_entered() {
    let cases = [
        ("bimi_logo", "http://brand.com/logo.svg", "bimi.url"),
        ("bimi_logo", "https://brand.com/logo.png", "bimi.url"),
        ("bimi_logo", "https://brand.com/a;b.svg", "bimi.url"),
        ("bimi_certificate", "https://brand.com/vmc.txt", "bimi.url"),
        ("tls_rpt_rua", "not an address", "address.invalid"),
    ];
    for (field, value, code) in cases {
        let mut plan = sample_plan();
        match field {
            "bimi_logo" => plan.extras.bimi_logo = value.into(),
            "bimi_certificate" => {
                plan.extras.bimi_logo = "https://brand.com/logo.svg".into();
                plan.extras.bimi_certificate = value.into();
            }
            _ => plan.extras.tls_rpt_rua = value.into(),
        }
        let found = switchyard::plan::validate::validate(&plan)
            .into_iter()
            .find(|d| d.path == format!("$.extras.{field}"));
        assert_eq!(
            found.map(|d| d.code.to_string()),
            Some(code.to_string()),
            "{value}"
        );
    }
}

#[test]
fn zone_files_group_records_and_load_back() {
    use switchyard::dns::plan::{stage_on, zone_files};
    use switchyard::dns::zonefile::parse_zone;
    let mut plan = sample_plan();
    // A lane on a separate domain gets its own file, for the domain it is
    // registered under.
    plan.lanes[2].sending_domain = "news.fernleafmail.com".into();
    plan.lanes[2].from_address = "hello@news.fernleafmail.com".into();
    plan.lanes[2].return_path_domain = String::new();
    plan.lanes[2].tracking_domain = String::new();
    plan.dmarc.rua = "reports@dmarc.example".into();
    let files = zone_files(&plan, &Pasted::of(&plan), DmarcPolicy::Quarantine);
    let origins: Vec<&str> = files.iter().map(|f| f.origin.as_str()).collect();
    assert_eq!(
        origins,
        ["fernleafcoffee.com", "fernleafmail.com", "dmarc.example"]
    );
    for file in &files {
        let (records, diagnostics) = parse_zone(&file.text, "unused.example");
        assert!(diagnostics.is_empty(), "{diagnostics:?}\n{}", file.text);
        let ready = file.records.iter().filter(|r| !r.placeholder).count();
        assert_eq!(records.len(), ready, "{}", file.text);
    }
    assert!(files[0]
        .text
        .contains("\"v=DMARC1; p=quarantine; sp=quarantine; rua=mailto:reports@dmarc.example\""));

    let date = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let cases = [
        ("2026-12-01", DmarcPolicy::None),
        ("2027-01-04", DmarcPolicy::None),
        ("2027-01-31", DmarcPolicy::None),
        ("2027-02-01", DmarcPolicy::Quarantine),
        ("2027-03-01", DmarcPolicy::Reject),
        ("2030-01-01", DmarcPolicy::Reject),
    ];
    for (today, policy) in cases {
        assert_eq!(stage_on(&sample_plan(), date(today)), policy, "{today}");
    }
    let mut unscheduled = sample_plan();
    unscheduled.dmarc.rollout_start.clear();
    assert_eq!(
        stage_on(&unscheduled, date("2030-01-01")),
        DmarcPolicy::None
    );
}

#[test]
fn long_key_records_are_split_into_255_byte_strings() {
    use switchyard::dns::zonefile::{parse_zone, write_zone};
    let key = format!("v=DKIM1; k=rsa; p={}", "A".repeat(392));
    let data = RecordData::Txt(vec![key.clone().into_bytes()]);
    let text = write_zone("brand.com", &[("s1._domainkey.brand.com".into(), data)]);
    assert_eq!(text.matches('"').count(), 4, "{text}");
    let (records, _) = parse_zone(&text, "brand.com");
    assert_eq!(text_of(&records[0].data), key);
}

fn text_of(data: &RecordData) -> String {
    text(data)
}

#[test]
fn each_provider_gets_the_return_path_records_its_setup_verifies() {
    let bounce = |provider: Provider, host: &str, return_path: &str| -> Vec<String> {
        let mut plan = sample_plan();
        let lane = &mut plan.lanes[2];
        lane.smtp = Smtp::from_preset(provider);
        if !host.is_empty() {
            lane.smtp.host = host.into();
        }
        lane.ip_addresses.clear();
        lane.return_path_domain = return_path.into();
        let d = switchyard::dns::plan::lane_domains(lane).unwrap();
        planned_records(&plan)
            .iter()
            .filter(|r| r.name == d.bounce_domain)
            .map(|r| format!("{} {}", r.name, text(&r.data)))
            .collect()
    };
    let rp = "bounce.mail.fernleafcoffee.com";
    assert_eq!(
        bounce(Provider::Postmark, "", rp),
        [format!("{rp} CNAME pm.mtasv.net")]
    );
    assert_eq!(
        bounce(Provider::SparkPost, "smtp.eu.sparkpostmail.com", rp),
        [format!("{rp} CNAME eu.sparkpostmail.com")]
    );
    assert_eq!(
        bounce(Provider::SparkPost, "", rp),
        [format!("{rp} CNAME sparkpostmail.com")]
    );
    let sending = "mail.fernleafcoffee.com";
    assert_eq!(
        bounce(Provider::Mailgun, "", rp),
        [
            format!("{sending} v=spf1 include:mailgun.org -all"),
            format!("{sending} MX 10 mxa.mailgun.org"),
            format!("{sending} MX 10 mxb.mailgun.org")
        ],
        "Mailgun bounces at the domain added to it and takes its bounces back at its own MX"
    );
    assert_eq!(
        bounce(Provider::Custom, "", rp),
        [format!("{rp} v=spf1 -all")],
        "no provider include to name yet"
    );
}

#[test]
fn a_planned_cname_replaces_whatever_stood_at_its_name() {
    let mut plan = sample_plan();
    plan.existing_records
        .push_str("bounce.receipts IN TXT \"v=spf1 include:spf.mtasv.net -all\"\n");
    let report = check_authentication(&plan);
    assert!(report
        .findings
        .iter()
        .any(|d| d.code == "dns.replaced"
            && d.message.contains("bounce.receipts.fernleafcoffee.com")));
    // Postmark's own SPF include at its Return-Path name is the lane's.
    assert!(report
        .findings
        .iter()
        .all(|d| d.code != "dns.cname_and_other" && d.code != "lane.bounce_on_mail_domain"));
}

#[test]
fn amazon_ses_dkim_is_easy_dkim_tokens_or_a_named_byodkim_key() {
    let mut plan = sample_plan();
    let report = check_authentication(&plan);
    let dkim = &report.lanes[2].requirements[1];
    assert_eq!(dkim.status, Status::Pending, "{}", dkim.detail);
    assert!(dkim
        .detail
        .contains("<token1>._domainkey.mail.fernleafcoffee.com"));
    plan.lanes[2].dkim_selector = "abc123".into();
    let records = planned_records(&plan);
    let key = records
        .iter()
        .find(|r| r.name == "abc123._domainkey.mail.fernleafcoffee.com")
        .expect("the BYODKIM key record");
    assert!(key.placeholder && text(&key.data).starts_with("v=DKIM1"));
    assert!(key.why.contains("BYODKIM"));
    assert!(records.iter().all(|r| !r.name.contains("<token")));
    let report = check_authentication(&plan);
    assert_eq!(report.lanes[2].requirements[1].status, Status::Pending);
}

#[test]
fn bimi_waits_for_an_enforcing_stage_and_a_valid_logo() {
    use switchyard::dns::plan::records_at_stage;
    let mut plan = sample_plan();
    plan.extras.bimi_logo = "https://fernleafcoffee.com/bimi/logo.svg".into();
    plan.extras.bimi_certificate = "http://fernleafcoffee.com/vmc.pem".into();
    let bimi = |plan: &Plan, stage: DmarcPolicy| -> Vec<String> {
        records_at_stage(plan, &Pasted::of(plan), stage)
            .iter()
            .filter(|r| r.name.starts_with("default._bimi."))
            .map(|r| text(&r.data))
            .collect()
    };
    assert!(
        bimi(&plan, DmarcPolicy::None).is_empty(),
        "no logo while p=none"
    );
    assert_eq!(
        bimi(&plan, DmarcPolicy::Quarantine),
        ["v=BIMI1; l=https://fernleafcoffee.com/bimi/logo.svg"],
        "the certificate's address is not HTTPS, so it stays out"
    );
    plan.extras.bimi_logo = "http://fernleafcoffee.com/bimi/logo.svg".into();
    assert!(bimi(&plan, DmarcPolicy::Reject).is_empty());
}

#[test]
fn lanes_sharing_a_dkim_key_or_using_a_public_suffix_are_flagged() {
    use switchyard::dns::checks::check_authentication_with;
    use switchyard::dns::psl::SuffixList;
    let mut plan = sample_plan();
    plan.lanes[1].smtp = Smtp::from_preset(Provider::Postmark);
    plan.lanes[1].dkim_domain = plan.lanes[0].sending_domain.clone();
    let shared: Vec<_> = check_authentication(&plan)
        .findings
        .into_iter()
        .filter(|d| d.code == "dkim.shared_selector")
        .collect();
    assert_eq!(shared.len(), 1, "{shared:?}");
    assert!(shared[0]
        .message
        .contains("<date>pm._domainkey.receipts.fernleafcoffee.com"));
    assert!(shared[0].hint.contains("a DKIM domain of its own"));

    let list = SuffixList::parse(concat!(
        "// ===BEGIN ICANN DOMAINS===\ncom\nio\n// ===END ICANN DOMAINS===\n",
        "// ===BEGIN PRIVATE DOMAINS===\ngithub.io\n// ===END PRIVATE DOMAINS===\n"
    ))
    .unwrap();
    let mut plan = sample_plan();
    plan.lanes[0].return_path_domain = "github.io".into();
    let report = check_authentication_with(&plan, &Pasted::of(&plan), Some(&list), plan.dmarc.goal);
    let suffix: Vec<_> = report
        .findings
        .iter()
        .filter(|d| d.code == "lane.public_suffix")
        .collect();
    assert_eq!(suffix.len(), 1, "{suffix:?}");
    assert_eq!(suffix[0].path, "$.lanes[0].return_path_domain");
}

#[test]
fn a_from_domain_outside_the_brand_is_told_where_its_dmarc_record_goes() {
    let mut plan = sample_plan();
    plan.lanes[2].from_address = "news@fernleaf-mail.com".into();
    plan.lanes[2].sending_domain = "fernleaf-mail.com".into();
    let report = check_authentication(&plan);
    let none = report
        .findings
        .iter()
        .find(|d| d.code == "dmarc.none_applies")
        .expect("no DMARC record covers the other domain");
    assert!(
        none.hint.contains("_dmarc of fernleaf-mail.com"),
        "{}",
        none.hint
    );
}

#[test]
fn a_long_planned_spf_record_is_split_into_strings_dns_can_hold() {
    let mut plan = sample_plan();
    plan.lanes[2].ip_addresses = (1..=30).map(|i| format!("2001:db8::{i:x}")).collect();
    let records = planned_records(&plan);
    let spf = records
        .iter()
        .find(|r| r.name == "bounce.mail.fernleafcoffee.com" && text(&r.data).starts_with("v=spf1"))
        .unwrap();
    let RecordData::Txt(strings) = &spf.data else {
        panic!()
    };
    assert!(strings.len() >= 2 && strings.iter().all(|s| s.len() <= 255));
    let codes: Vec<String> = check_authentication(&plan)
        .findings
        .iter()
        .map(|d| d.code.to_string())
        .collect();
    assert!(!codes.contains(&"spf.long_string".to_string()), "{codes:?}");
}

#[test]
fn pasted_dmarc_records_are_read_as_receivers_read_them() {
    let mut plan = sample_plan();
    plan.existing_records.push_str(concat!(
        "_dmarc.receipts IN TXT \"p=none; v=DMARC1\"\n",
        "_dmarc.flows IN TXT \"v=DMARC1; p=reject; t=y; rua=mailto:d@vendor.example,mailto:own@fernleafcoffee.com\"\n",
        "_dmarc.shop IN TXT \"v=DMARC1; p=none; ruf=mailto:f@forensics.example,mailto:f@vendor.example\"\n",
        "shop.fernleafcoffee.com._report._dmarc.vendor.example. IN TXT \"v=DMARC1\"\n",
        "_dmarc.news IN TXT \"v=DMARC1; p=none; rua=mailto:agg@wild.example\"\n",
        "*._report._dmarc.wild.example. IN TXT \"v=DMARC1\"\n",
    ));
    let findings = check_authentication(&plan).findings;
    let at = |code: &str, name: &str| {
        findings
            .iter()
            .filter(|d| d.code == code && d.path == name)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        at("dmarc.version", "_dmarc.receipts.fernleafcoffee.com").len(),
        1,
        "{findings:#?}"
    );
    assert_eq!(
        at("dmarc.testing", "_dmarc.flows.fernleafcoffee.com").len(),
        1
    );
    // One at the brand's own DMARC name is shown with the pasted records,
    // as one receivers ignore.
    let mut brand = sample_plan();
    brand.existing_records = "_dmarc IN TXT \"p=reject; v=DMARC1\"\n".into();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
    let report = switchyard::dns::report::domains_report(&brand, today, None);
    let ignored = (report.existing_findings.iter())
        .find(|d| d.code == "dmarc.version")
        .unwrap_or_else(|| panic!("{:?}", report.findings));
    assert_eq!(
        ignored.message,
        "The record does not start with v=DMARC1, so receivers ignore it."
    );
    assert_eq!(ignored.path, "line 1");
    assert!(!report.findings.iter().any(|d| d.code == "dmarc.version"));
    let unverified = at("dmarc.rua_unverified", "_dmarc.flows.fernleafcoffee.com");
    assert_eq!(
        unverified.len(),
        1,
        "only the outside address: {unverified:#?}"
    );
    assert!(unverified[0]
        .message
        .contains("flows.fernleafcoffee.com._report._dmarc.vendor.example"));
    // Failure reports need the same record; the one pasted for vendor.example counts.
    let failure = at("dmarc.ruf_unverified", "_dmarc.shop.fernleafcoffee.com");
    assert_eq!(failure.len(), 1, "{findings:#?}");
    assert!(failure[0].message.starts_with(
        "Failure reports (ruf) for shop.fernleafcoffee.com go to f@forensics.example"
    ));
    assert!(at("dmarc.rua_unverified", "_dmarc.shop.fernleafcoffee.com").is_empty());
    // A wildcard authorisation covers every domain's reports.
    assert!(
        at("dmarc.rua_unverified", "_dmarc.news.fernleafcoffee.com").is_empty(),
        "{findings:#?}"
    );
    // The plan's own record to an outside address comes with its authorisation.
    let mut plan = sample_plan();
    plan.dmarc.rua = "reports@dmarc-vendor.example".into();
    let findings = check_authentication(&plan).findings;
    assert!(
        findings.iter().all(|d| d.code != "dmarc.rua_unverified"),
        "{findings:#?}"
    );
}

#[test]
fn a_cname_beside_other_records_is_left_out_of_the_zone_file() {
    use switchyard::dns::plan::zone_files;
    // Link tracking on the sending domain itself: its CNAME would sit
    // beside the domain's SPF record.
    let mut plan = sample_plan();
    plan.lanes[2].tracking_domain = plan.lanes[2].sending_domain.clone();
    let files = zone_files(&plan, &Pasted::of(&plan), DmarcPolicy::Reject);
    let text = &files[0].text;
    let live: Vec<&str> = text.lines().filter(|l| !l.starts_with(';')).collect();
    assert!(
        !live
            .iter()
            .any(|l| l.starts_with("mail ") && l.contains("CNAME")),
        "{text}"
    );
    assert!(text.contains("; Left out: a CNAME cannot share its name with other records"));
    assert!(text.contains("; mail "), "{text}");
    let codes: Vec<String> = check_authentication(&plan)
        .findings
        .iter()
        .map(|d| d.code.to_string())
        .collect();
    assert!(codes.contains(&"dns.cname_and_other".to_string()));
}

#[test]
fn enforcing_before_the_providers_records_are_in_is_flagged() {
    use switchyard::dns::report::domains_report;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
    // (rollout start, goal, what the finding says of failing mail, if any)
    let cases = [
        ("2027-01-04", DmarcPolicy::Reject, None),
        ("2025-06-02", DmarcPolicy::Reject, Some("is rejected")),
        ("2026-10-26", DmarcPolicy::Reject, Some("is sent to spam")),
        ("2025-06-02", DmarcPolicy::None, None),
        ("", DmarcPolicy::Reject, None),
        // Every lane warm: enforcing is where the rollout was to arrive.
        ("2025-06-02", DmarcPolicy::Reject, Some("warm")),
    ];
    for (start, goal, says) in cases {
        let mut plan = sample_plan();
        plan.dmarc.rollout_start = start.to_string();
        plan.dmarc.goal = goal;
        let says = match says {
            Some("warm") => {
                plan.lanes[2].status = LaneStatus::Warm;
                None
            }
            other => other,
        };
        let report = domains_report(&plan, today, None);
        let found = report
            .findings
            .iter()
            .find(|d| d.code == "dmarc.enforcing_unready");
        match says {
            None => assert!(found.is_none(), "{start} {goal:?}: {found:?}"),
            Some(says) => {
                let found = found.unwrap_or_else(|| panic!("{start} {goal:?}"));
                assert_eq!(found.path, "$.dmarc.rollout_start");
                assert!(found.message.contains(says), "{}", found.message);
                // Only the lane still warming up is named.
                assert!(
                    found
                        .message
                        .contains("Promotional is new or still warming up"),
                    "{}",
                    found.message
                );
                assert!(
                    !found.message.contains("Revenue flows"),
                    "{}",
                    found.message
                );
            }
        }
    }
}

#[test]
fn a_from_domain_that_carries_other_mail_keeps_its_spf() {
    // (From address, existing records, whether `v=spf1 -all` is planned there)
    let cases = [
        // The lane's own subdomain sends nothing else.
        ("hello@receipts.fernleafcoffee.com", "", true),
        // The primary domain holds the company's mailboxes.
        ("hello@fernleafcoffee.com", "", false),
        // A subdomain with mailboxes of its own, or an SPF record already.
        (
            "hi@receipts.fernleafcoffee.com",
            "receipts IN MX 10 mx.example.net.",
            false,
        ),
        (
            "hi@receipts.fernleafcoffee.com",
            "receipts IN TXT \"v=spf1 include:_spf.google.com ~all\"",
            false,
        ),
        // An MX elsewhere changes nothing here.
        (
            "hi@receipts.fernleafcoffee.com",
            "@ IN MX 1 smtp.google.com.",
            true,
        ),
        // Nor does the plan's own record, pasted as published: it sends
        // nothing.
        (
            "hi@receipts.fernleafcoffee.com",
            "receipts IN TXT \"v=spf1 -all\"",
            true,
        ),
    ];
    for (from, existing, planned) in cases {
        let mut plan = sample_plan();
        plan.lanes[0].from_address = from.to_string();
        plan.existing_records = existing.to_string();
        let domain = from.split('@').nth(1).unwrap();
        let refuses = planned_records(&plan)
            .iter()
            .any(|r| r.name == domain && text(&r.data) == "v=spf1 -all");
        assert_eq!(refuses, planned, "{from} with {existing:?}");
    }
}

#[test]
fn a_bounce_spf_that_authorises_nothing_is_a_finding() {
    // (provider, IPs listed, whether the SPF authorises nothing)
    let cases = [
        (Provider::Custom, vec![], true),
        (Provider::Custom, vec!["192.0.2.7".to_string()], false),
        (Provider::CustomerIo, vec![], true),
        // A provider include, or a Return-Path CNAME, authorises its servers.
        (Provider::AmazonSes, vec![], false),
        (Provider::Postmark, vec![], false),
    ];
    for (provider, ips, empty) in cases {
        let mut plan = sample_plan();
        plan.lanes[0].smtp.provider = provider;
        plan.lanes[0].ip_addresses = ips.clone();
        let found = check_authentication(&plan)
            .findings
            .iter()
            .any(|f| f.code == "spf.authorises_nothing" && f.message.starts_with("Transactional"));
        assert_eq!(found, empty, "{provider:?} {ips:?}");
    }
}

#[test]
fn a_record_already_published_as_planned_is_no_replacement() {
    // (pasted record, whether the plan replaces it)
    let cases = [
        ("bounce.mail IN TXT \"v=spf1 ip4:203.0.113.10 ip4:203.0.113.11 include:amazonses.com -all\"", false),
        ("links.flows IN CNAME sendgrid.net.", false),
        ("bounce.mail IN TXT \"v=spf1 include:amazonses.com -all\"", true),
    ];
    for (pasted, replaced) in cases {
        let mut plan = sample_plan();
        plan.existing_records.push_str(&format!("{pasted}\n"));
        let found = check_authentication(&plan)
            .findings
            .iter()
            .any(|d| d.code == "dns.replaced");
        assert_eq!(found, replaced, "{pasted}");
    }
}

#[test]
fn a_return_path_where_the_company_gets_its_mail_is_an_error_with_a_fix() {
    // (where the promotional lane bounces, what the pasted records add,
    // the fix's new bounce domain, or none when all is well)
    let cases = [
        (
            "fernleafcoffee.com",
            "",
            Some("bounce.mail.fernleafcoffee.com"),
        ),
        (
            "in.fernleafcoffee.com",
            "in IN MX 10 mx.example.net.",
            Some("bounce.mail.fernleafcoffee.com"),
        ),
        (
            "in.fernleafcoffee.com",
            "in IN TXT \"v=spf1 include:_spf.google.com ~all\"",
            Some("bounce.mail.fernleafcoffee.com"),
        ),
        ("bounce.mail.fernleafcoffee.com", "", None),
        // The lane's own bounce records, already published, are no one
        // else's mail.
        (
            "bounce.mail.fernleafcoffee.com",
            "bounce.mail IN MX 10 feedback-smtp.us-east-1.amazonses.com.",
            None,
        ),
        // So is the provider's own SPF, without the plan's addresses, or
        // its mail exchanger at another preference.
        (
            "bounce.mail.fernleafcoffee.com",
            "bounce.mail IN TXT \"v=spf1 include:amazonses.com ~all\"",
            None,
        ),
        (
            "bounce.mail.fernleafcoffee.com",
            "bounce.mail IN MX 20 feedback-smtp.us-east-1.amazonses.com.",
            None,
        ),
        // Another provider's is someone else's.
        (
            "bounce.mail.fernleafcoffee.com",
            "bounce.mail IN TXT \"v=spf1 include:mailgun.org ~all\"",
            Some("bounce-promotional.mail.fernleafcoffee.com"),
        ),
        (
            "bounce.mail.fernleafcoffee.com",
            "bounce.mail IN TXT \"v=spf1 include:_spf.google.com -all\"",
            Some("bounce-promotional.mail.fernleafcoffee.com"),
        ),
    ];
    for (bounce, pasted, fixed) in cases {
        let mut plan = sample_plan();
        plan.existing_records = format!("{}\n{pasted}", plan.existing_records);
        let at = plan
            .lanes
            .iter()
            .position(|l| l.id == "promotional")
            .unwrap();
        plan.lanes[at].return_path_domain = bounce.into();
        let findings = check_authentication(&plan).findings;
        // Where the error stands, no note advises replacing the records there.
        let replaced = (findings.iter())
            .any(|d| d.code == "dns.replaced" && d.message.contains(&format!(" at {bounce}.")));
        let found: Vec<_> = findings
            .into_iter()
            .filter(|d| d.code == "lane.bounce_on_mail_domain")
            .collect();
        assert!(!replaced || found.is_empty(), "{bounce} {pasted}");
        let fix = found.first().map(|d| {
            assert_eq!(d.path, format!("$.lanes[{at}].return_path_domain"));
            assert_eq!(d.severity, switchyard::plan::diagnostic::Severity::Error);
            d.fix.clone().unwrap()
        });
        assert_eq!(
            fix.as_ref().map(|f| f.label.clone()),
            fixed.map(|f| format!("Bounce to {f}")),
            "{bounce}"
        );
        if let Some(fix) = fix {
            switchyard::plan::edit::edit_plan(
                &mut plan,
                switchyard::plan::edit::Edit::Many(fix.edits),
            );
            assert!(
                !check_authentication(&plan)
                    .findings
                    .iter()
                    .any(|d| d.code == "lane.bounce_on_mail_domain"),
                "{bounce}"
            );
        }
    }
}

#[test]
fn a_published_dmarc_policy_is_never_weakened_silently() {
    use switchyard::dns::report::domains_report;
    use switchyard::plan::edit::{DmarcField, Edit};
    let today = chrono::NaiveDate::from_ymd_opt(2027, 1, 11).unwrap();
    // (the policy published, the plan's goal, the fix's edits as
    // (goal set, first stage), or none when nothing weakens)
    let cases = [
        (
            "reject",
            DmarcPolicy::Reject,
            Some((None, DmarcPolicy::Reject)),
        ),
        (
            "quarantine",
            DmarcPolicy::Reject,
            Some((None, DmarcPolicy::Quarantine)),
        ),
        (
            "reject",
            DmarcPolicy::Quarantine,
            Some((Some(DmarcPolicy::Reject), DmarcPolicy::Reject)),
        ),
        ("none", DmarcPolicy::Reject, None),
        // Testing (t=y) asks receivers for one step less.
        (
            "reject; t=y",
            DmarcPolicy::Reject,
            Some((None, DmarcPolicy::Quarantine)),
        ),
        ("quarantine; t=y", DmarcPolicy::Reject, None),
    ];
    for (published, goal, expected) in cases {
        let mut plan = sample_plan();
        plan.dmarc.goal = goal;
        plan.dmarc.weeks_per_stage = 2;
        plan.dmarc.rollout_start = "2027-01-04".into();
        plan.existing_records = format!(
            "{}\n_dmarc IN TXT \"v=DMARC1; p={published}; rua=mailto:dmarc-reports@fernleafcoffee.com\"",
            plan.existing_records
        );
        let report = domains_report(&plan, today, None);
        let found = report.findings.iter().find(|d| d.code == "dmarc.weakens");
        let edits = found.map(|d| {
            assert_eq!(d.severity, switchyard::plan::diagnostic::Severity::Error);
            // A record with t=y is named as written and as applied.
            let worded = match published {
                "reject; t=y" => {
                    "enforces p=reject with t=y, which receivers apply as p=quarantine,"
                }
                _ => &format!("enforces p={published},"),
            };
            assert!(d.message.contains(worded), "{}", d.message);
            d.fix.clone().unwrap().edits
        });
        // The rollout starts at the kept policy today: no start in the past.
        let expected = expected.map(|(goal, first)| {
            let mut edits: Vec<Edit> = goal
                .map(|g| Edit::Dmarc(DmarcField::Goal(g)))
                .into_iter()
                .collect();
            edits.push(Edit::Dmarc(DmarcField::FirstStage(Some(first))));
            edits.push(Edit::Dmarc(DmarcField::RolloutStart("2027-01-11".into())));
            edits
        });
        assert_eq!(edits, expected, "{published}");
        assert!(report.rollout.iter().all(|s| !s.skipped), "{published}");
        assert_eq!(report.skipped, None, "{published}");
        if let Some(edits) = edits {
            switchyard::plan::edit::edit_plan(&mut plan, Edit::Many(edits));
            let after = domains_report(&plan, today, None);
            assert!(
                !after.findings.iter().any(|d| d.code == "dmarc.weakens"),
                "{published}"
            );
            let applied = published.split(';').next().unwrap();
            let applied = if published.contains("t=y") {
                "quarantine"
            } else {
                applied
            };
            assert_eq!(after.stage, applied, "{published}");
            // The stages the published policy passed by are shown skipped,
            // without dates, and no stage is dated before today.
            let skipped: Vec<&str> = (after.rollout.iter())
                .filter(|s| s.skipped)
                .map(|s| s.policy.as_str())
                .collect();
            let weaker: &[&str] = match applied {
                "reject" => &["none", "quarantine"],
                _ => &["none"],
            };
            assert_eq!(skipped, weaker, "{published}");
            for stage in &after.rollout {
                match stage.skipped {
                    true => assert!(stage.starts.is_empty() && stage.ends.is_none()),
                    false => assert!(stage.starts.as_str() >= "2027-01-11", "{stage:?}"),
                }
            }
            let why = after.skipped.unwrap_or_default();
            assert!(
                why.starts_with(&format!("The rollout starts at p={applied}, the policy the domain already publishes, so it skips p=none")),
                "{why}"
            );
        }
    }
}

#[test]
fn mailgun_bounces_at_its_sending_domain() {
    use switchyard::plan::edit::{edit_plan, Edit, LaneField};
    let lane = "promotional";
    let set = |plan: &mut Plan, set: LaneField| {
        edit_plan(
            plan,
            Edit::Lane {
                lane: lane.into(),
                set,
            },
        );
    };
    let move_to = |plan: &mut Plan, provider: Provider| set(plan, LaneField::Provider(provider));
    let return_path = |plan: &Plan| plan.lane(lane).unwrap().return_path_domain.clone();
    let warned = |plan: &Plan| -> Vec<_> {
        (check_authentication(plan).findings.into_iter())
            .filter(|d| d.code == "lane.mailgun_return_path")
            .collect()
    };
    let mut plan = sample_plan();
    assert_eq!(return_path(&plan), "bounce.mail.fernleafcoffee.com");
    move_to(&mut plan, Provider::Mailgun);
    assert_eq!(
        return_path(&plan),
        "mail.fernleafcoffee.com",
        "a move there"
    );
    assert!(warned(&plan).is_empty());
    assert!(!planned_records(&plan)
        .iter()
        .any(|r| r.name == "mail.fernleafcoffee.com" && text(&r.data) == "v=spf1 -all"));
    // The sending domain's move takes the bounce domain along.
    set(
        &mut plan,
        LaneField::SendingDomain("news.fernleafcoffee.com".into()),
    );
    assert_eq!(return_path(&plan), "news.fernleafcoffee.com");
    move_to(&mut plan, Provider::SendGrid);
    assert_eq!(
        return_path(&plan),
        "bounce.news.fernleafcoffee.com",
        "a move away"
    );

    // A plan that names another Return-Path is told Mailgun ignores it.
    move_to(&mut plan, Provider::Mailgun);
    set(
        &mut plan,
        LaneField::ReturnPathDomain("rp.news.fernleafcoffee.com".into()),
    );
    let found = warned(&plan);
    assert_eq!(found.len(), 1);
    let at = plan.lanes.iter().position(|l| l.id == lane).unwrap();
    assert_eq!(found[0].path, format!("$.lanes[{at}].return_path_domain"));
    let fix = found[0].fix.clone().unwrap();
    assert_eq!(fix.label, "Bounce at news.fernleafcoffee.com");
    edit_plan(&mut plan, Edit::Many(fix.edits));
    assert!(warned(&plan).is_empty());

    // On the primary domain, Mailgun's lane is told to add a subdomain to
    // Mailgun, as no bounce domain of its own would be used.
    set(
        &mut plan,
        LaneField::SendingDomain("fernleafcoffee.com".into()),
    );
    let found = check_authentication(&plan).findings;
    let on_mail = found
        .iter()
        .find(|d| d.code == "lane.bounce_on_mail_domain")
        .unwrap();
    assert!(on_mail.fix.is_none());
    assert!(on_mail.hint.contains("mg.brand.com"));
}

#[test]
fn a_pasted_key_fills_the_placeholder_it_was_planned_as() {
    let key = "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC73kVD/1a+uD+71tVlpa7Y+1wLR0Db7B0a2EAiZzPpzcK8SNdpaeamvr4pO6dEF26T5Bpb3E2suycmTzrBiuC1RZO7Un0ikafNf9nj88SSbSuoQbzgEkR6xAL1tNF9P01FlvIJ6zyxIm2267O4pahnTM0Emoj5RsftxwWV8LmY/wIDAQAB";
    let name = "20240611083512pm._domainkey.receipts.fernleafcoffee.com";
    // (the Postmark lane's selector, what is pasted, the DKIM row's status)
    let cases = [
        ("", String::new(), Status::Pending),
        ("", format!("{name}. IN TXT \"{key}\""), Status::Met),
        (
            "20240611083512pm",
            format!("{name}. IN TXT \"{key}\""),
            Status::Met,
        ),
        // A key under another date is not this lane's once it names one.
        (
            "20250101000000pm",
            format!("{name}. IN TXT \"{key}\""),
            Status::Pending,
        ),
    ];
    for (selector, pasted, status) in cases {
        let mut plan = sample_plan();
        plan.lanes[0].dkim_selector = selector.into();
        plan.existing_records = pasted.clone();
        let report = check_authentication(&plan);
        let receipts = report.lanes.iter().find(|l| l.lane_id == "transactional");
        let row = &receipts.unwrap().requirements[1];
        assert_eq!(row.status, status, "{selector} {pasted}: {}", row.detail);
        // The key is not said to be replaced by the plan's placeholder.
        let (_, notes) =
            switchyard::dns::plan::planned_zone(&plan, &Pasted::of(&plan), DmarcPolicy::None);
        assert!(!notes.iter().any(|d| d.code == "dns.replaced"), "{notes:?}");
    }
    // The records to publish say where the pasted key stands in.
    let mut plan = sample_plan();
    plan.existing_records = format!("{name}. IN TXT \"{key}\"");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
    let report = switchyard::dns::report::domains_report(&plan, today, None);
    let planned = (report.records.iter())
        .find(|r| r.name == "<date>pm._domainkey.receipts.fernleafcoffee.com")
        .unwrap();
    assert_eq!(planned.published_as.as_deref(), Some(name));
    // The zone file and Terraform publish the pasted key in its place
    // instead of commenting the placeholder out.
    let zone = (report.zone_files.iter())
        .find(|z| z.text.contains("_domainkey.receipts"))
        .unwrap();
    assert!(
        (zone.text.lines()).any(|l| l.starts_with("20240611083512pm._domainkey.receipts ")),
        "{}",
        zone.text
    );
    assert!(!zone.text.contains("<date>pm"), "{}", zone.text);
    use switchyard::platform::export::{download, ExportKind, Inputs};
    let routing = switchyard::plan::routing::route(&plan);
    let inputs = Inputs {
        plan: &plan,
        routing: &routing,
        carried: &routing,
        dmarc_stage: DmarcPolicy::None,
    };
    let terraform = download(&inputs, ExportKind::DnsCloudflare).text;
    assert!(terraform.contains(&format!("\"{name}\"")), "{terraform}");
    assert!(!terraform.contains("<date>pm"), "{terraform}");
    // A key too short to count is not met, and its length is an error
    // whether or not the lane names its selector.
    let short = "v=DKIM1; k=rsa; p=MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBAOBOR0XlQbq0ysSDMaVV3hMh27sdHl7Bu5Mogx7SwqJIplbkRYoCkHimsVtHqzOuP1pELiba0yHnfV7o6n1+eocCAwEAAQ==";
    for selector in ["", "20240611083512pm"] {
        let mut plan = sample_plan();
        plan.lanes[0].dkim_selector = selector.into();
        plan.existing_records = format!("{name}. IN TXT \"{short}\"");
        let report = check_authentication(&plan);
        let receipts = report.lanes.iter().find(|l| l.lane_id == "transactional");
        assert_ne!(
            receipts.unwrap().requirements[1].status,
            Status::Met,
            "{selector}"
        );
        assert!(
            report
                .findings
                .iter()
                .any(|d| d.code == "dkim.key_size" && d.path == name),
            "{selector}: {:?}",
            report.findings
        );
    }
    // SendGrid's CNAME with the account's own target fills its
    // placeholder too.
    let mut plan = sample_plan();
    plan.existing_records = "s1._domainkey.flows.fernleafcoffee.com. IN CNAME s1.domainkey.u4815162.wl162.sendgrid.net.\n".into();
    let report = check_authentication(&plan);
    let flows = report.lanes.iter().find(|l| l.lane_id == "revenue-flows");
    assert_eq!(flows.unwrap().requirements[1].status, Status::Met);
}

#[test]
fn a_lane_domains_own_enforcing_dmarc_record_needs_it_ready() {
    use switchyard::dns::report::domains_report;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
    // (the promotional lane's status, the record pasted at its From
    // domain, whether it is warned of)
    let cases = [
        (LaneStatus::New, "v=DMARC1; p=reject", true),
        (LaneStatus::Warming, "v=DMARC1; p=quarantine", true),
        (LaneStatus::New, "v=DMARC1; p=none", false),
        (LaneStatus::New, "v=DMARC1; p=quarantine; t=y", false),
        (LaneStatus::Warm, "v=DMARC1; p=reject", false),
    ];
    for (status, record, warned) in cases {
        let mut plan = sample_plan();
        let promo = plan
            .lanes
            .iter_mut()
            .find(|l| l.id == "promotional")
            .unwrap();
        promo.status = status;
        plan.existing_records = format!("_dmarc.mail IN TXT \"{record}\"\n");
        let found: Vec<_> = (domains_report(&plan, today, None).findings.into_iter())
            .filter(|d| d.code == "dmarc.subdomain_enforcing_unready")
            .collect();
        assert_eq!(found.len(), usize::from(warned), "{status:?} {record}");
        if let Some(d) = found.first() {
            assert!(
                d.message.contains("_dmarc.mail.fernleafcoffee.com"),
                "{}",
                d.message
            );
            assert_eq!(
                switchyard::plan::diagnostic::lane_of_checks(&d.path),
                Some("promotional")
            );
        }
    }
}

#[test]
fn mailgun_names_its_dkim_key_under_the_selector_it_shows() {
    let mut plan = sample_plan();
    let promo = plan
        .lanes
        .iter_mut()
        .find(|l| l.id == "promotional")
        .unwrap();
    promo.smtp = Smtp::from_preset(Provider::Mailgun);
    let dkim = |plan: &Plan| -> Vec<(String, bool)> {
        (planned_records(plan).into_iter())
            .filter(|r| r.lane.as_deref() == Some("promotional") && r.name.contains("._domainkey."))
            .map(|r| (r.name, r.placeholder))
            .collect()
    };
    assert_eq!(
        dkim(&plan),
        [(
            "<selector>._domainkey.mail.fernleafcoffee.com".to_string(),
            true
        )]
    );
    let promo = plan
        .lanes
        .iter_mut()
        .find(|l| l.id == "promotional")
        .unwrap();
    promo.dkim_selector = "pdk1".into();
    assert_eq!(
        dkim(&plan),
        [("pdk1._domainkey.mail.fernleafcoffee.com".to_string(), true)]
    );
}

#[test]
fn keeping_a_published_policy_says_it_takes_spared_subdomains_along() {
    use switchyard::dns::report::domains_report;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
    // (the published record, whether it spares subdomains)
    let cases = [
        ("v=DMARC1; p=reject; sp=none", Some("sp=none")),
        ("v=DMARC1; p=reject; sp=quarantine", Some("sp=quarantine")),
        ("v=DMARC1; p=reject", None),
        ("v=DMARC1; p=quarantine; sp=reject", None),
    ];
    for (record, spared) in cases {
        let mut plan = sample_plan();
        plan.dmarc.rollout_start = "2027-01-04".into();
        plan.existing_records = format!("_dmarc IN TXT \"{record}\"\n");
        let report = domains_report(&plan, today, None);
        let weakens = (report.findings.iter())
            .find(|d| d.code == "dmarc.weakens")
            .unwrap_or_else(|| panic!("{record}"));
        let label = &weakens.fix.as_ref().unwrap().label;
        match spared {
            Some(sp) => {
                assert!(
                    weakens
                        .message
                        .contains(&format!("Its {sp} spares the subdomains")),
                    "{}",
                    weakens.message
                );
                assert!(label.ends_with("subdomains too"), "{label}");
            }
            None => {
                assert!(!weakens.message.contains("spares"), "{}", weakens.message);
                assert!(!label.contains("subdomains"), "{label}");
            }
        }
    }
}

#[test]
fn subdomains_published_stricter_than_the_rollout_are_not_weakened() {
    use switchyard::dns::report::domains_report;
    use switchyard::plan::edit::{edit_plan, Edit};
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
    let mut plan = sample_plan();
    plan.dmarc.rollout_start = "2027-01-04".into();
    plan.existing_records = "_dmarc IN TXT \"v=DMARC1; p=none; sp=reject\"\n".into();
    let report = domains_report(&plan, today, None);
    let weakens = (report.findings.iter())
        .find(|d| d.code == "dmarc.weakens")
        .expect("the subdomains' reject would be lost");
    assert!(
        weakens
            .message
            .contains("enforces sp=reject for subdomains"),
        "{}",
        weakens.message
    );
    let fix = weakens.fix.clone().unwrap();
    assert_eq!(fix.label, "Keep reject from today, the domain too");
    edit_plan(&mut plan, Edit::Many(fix.edits));
    let after = domains_report(&plan, today, None);
    assert!(!after.findings.iter().any(|d| d.code == "dmarc.weakens"));
    assert_eq!(after.stage, "reject");
}

#[test]
fn two_published_dmarc_records_are_no_policy() {
    use switchyard::dns::report::domains_report;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
    // (the records pasted at the brand's DMARC name, whether a duplicate is
    // warned of, whether the weakening error follows)
    let cases = [
        ("\"v=DMARC1; p=reject\"", false, true),
        (
            "\"v=DMARC1; p=reject\"\n_dmarc IN TXT \"v=DMARC1; p=none\"",
            true,
            false,
        ),
        // DNS keeps one of two identical records.
        (
            "\"v=DMARC1; p=reject\"\n_dmarc IN TXT \"v=DMARC1; p=reject\"",
            false,
            true,
        ),
    ];
    for (records, duplicate, weakens) in cases {
        let mut plan = sample_plan();
        plan.dmarc.rollout_start = "2027-01-04".into();
        plan.existing_records = format!("_dmarc IN TXT {records}\n");
        let report = domains_report(&plan, today, None);
        let has = |code: &str| report.findings.iter().any(|d| d.code == code);
        assert_eq!(
            has("dmarc.duplicate"),
            duplicate,
            "{records}: {:?}",
            report.findings
        );
        assert_eq!(has("dmarc.weakens"), weakens, "{records}");
    }
}

/// Two lanes sending from one domain publish what they plan alike there
/// once: no duplicate record in a zone file, and no second SPF record for
/// the checks to call an error.
#[test]
fn lanes_sharing_a_from_domain_publish_its_records_once() {
    use switchyard::dns::plan::{records_at_stage, zone_files};
    let mut plan = sample_plan();
    let promo = plan
        .lanes
        .iter_mut()
        .find(|l| l.id == "promotional")
        .unwrap();
    promo.sending_domain = "flows.fernleafcoffee.com".into();
    promo.from_address = "news@flows.fernleafcoffee.com".into();
    promo.return_path_domain = "bounce2.flows.fernleafcoffee.com".into();
    promo.tracking_domain = "links2.flows.fernleafcoffee.com".into();
    let records = records_at_stage(&plan, &Pasted::of(&plan), DmarcPolicy::None);
    let spf_at_flows = records
        .iter()
        .filter(|r| r.name == "flows.fernleafcoffee.com" && r.data.shown().1.starts_with("v=spf1"))
        .count();
    assert_eq!(spf_at_flows, 1);
    for zone in zone_files(&plan, &Pasted::of(&plan), DmarcPolicy::None) {
        let lines: Vec<&str> = (zone.text.lines())
            .filter(|l| l.starts_with("flows ") && l.contains("v=spf1"))
            .collect();
        assert!(lines.len() <= 1, "{}", zone.text);
    }
    let findings = check_authentication(&plan).findings;
    assert!(
        !findings
            .iter()
            .any(|d| d.message.contains("SPF records at flows")),
        "{findings:?}"
    );
}

#[test]
fn a_txt_record_that_only_looks_like_spf_is_named() {
    use switchyard::dns::report::domains_report;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
    // (pasted record, whether it is named as no SPF record)
    let cases = [
        ("\"v=spf10 ip4:192.0.2.1 -all\"", true),
        ("\"v=spf1\" \"+all\"", true),
        ("v=spf1 ip4:192.0.2.1 -all", true),
        ("\"v=spf1 ip4:192.0.2.1 -all\"", false),
        ("\"v=spf1\"", false),
    ];
    for (text, named) in cases {
        let mut plan = sample_plan();
        plan.existing_records = format!("shop.fernleafcoffee.com. IN TXT {text}\n");
        let report = domains_report(&plan, today, None);
        let found = (report.findings.iter().chain(&report.existing_findings))
            .any(|d| d.code == "spf.lookalike");
        assert_eq!(found, named, "{text}: {:?}", report.findings);
    }
}

#[test]
fn psd_y_on_the_brands_own_names_is_an_error() {
    use switchyard::dns::report::domains_report;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
    // (pasted record, whether it is an error); at the primary domain the
    // plan's own record takes the pasted one's place.
    let cases = [
        ("_dmarc.mail IN TXT \"v=DMARC1; p=none; psd=y\"", true),
        ("_dmarc.mail IN TXT \"v=DMARC1; p=none; psd=n\"", false),
    ];
    for (text, error) in cases {
        let mut plan = sample_plan();
        plan.existing_records = format!("{text}\n");
        let report = domains_report(&plan, today, None);
        let found = (report.findings.iter().chain(&report.existing_findings))
            .any(|d| d.code == "dmarc.psd_on_brand");
        assert_eq!(found, error, "{text}: {:?}", report.findings);
    }
}

#[test]
fn two_lanes_on_one_return_path_publish_one_spf_record_with_both_senders() {
    let mut plan = sample_plan();
    let promo_bounce = {
        let records = planned_records(&plan);
        let promo = (records.iter())
            .find(|r| r.lane.as_deref() == Some("promotional") && r.name.starts_with("bounce."))
            .expect("the promotional lane's Return-Path")
            .name
            .clone();
        promo.trim_end_matches('.').to_string()
    };
    let flows = plan
        .lanes
        .iter_mut()
        .find(|l| l.id == "revenue-flows")
        .unwrap();
    flows.smtp = Smtp::from_preset(Provider::AmazonSes);
    flows.return_path_domain = promo_bounce.clone();
    flows.ip_strategy = IpStrategy::Dedicated { count: 1 };
    flows.ip_addresses = vec!["198.51.100.77".into()];
    let records = planned_records(&plan);
    let spf: Vec<String> = (records.iter())
        .filter(|r| r.name.trim_end_matches('.') == promo_bounce)
        .filter_map(|r| match &r.data {
            RecordData::Txt(s) => Some(String::from_utf8_lossy(&s.concat()).into_owned()),
            _ => None,
        })
        .filter(|t| t.starts_with("v=spf1"))
        .collect();
    assert_eq!(spf.len(), 1, "{spf:?}");
    assert!(spf[0].contains("198.51.100.77"), "{spf:?}");
    assert!(spf[0].ends_with("all"), "{spf:?}");
    let report = check_authentication(&plan);
    assert!(
        !report.findings.iter().any(|d| d.code == "spf.duplicate"),
        "{:?}",
        report.findings.iter().map(|d| &d.code).collect::<Vec<_>>()
    );
}

#[test]
fn a_dmarc_record_with_capital_tag_names_is_read_as_receivers_read_it() {
    use switchyard::dns::report::domains_report;
    let today = chrono::NaiveDate::from_ymd_opt(2027, 1, 11).unwrap();
    let mut plan = sample_plan();
    plan.dmarc.rollout_start = "2027-01-04".into();
    plan.existing_records = format!(
        "{}\n_dmarc IN TXT \"V=DMARC1; P=reject; rua=mailto:d@fernleafcoffee.com\"",
        plan.existing_records
    );
    let report = domains_report(&plan, today, None);
    let codes: Vec<&str> = report.findings.iter().map(|d| d.code.as_ref()).collect();
    assert!(codes.contains(&"dmarc.weakens"), "{codes:?}");
    assert!(!codes.contains(&"dmarc.version"), "{codes:?}");
}

#[test]
fn one_identity_aligned_differently_by_the_tree_walk_and_the_suffix_list_is_noted() {
    use switchyard::dns::checks::check_authentication_with;
    use switchyard::dns::psl::SuffixList;
    let list = SuffixList::parse("// ===BEGIN ICANN DOMAINS===\ncom\n// ===END ICANN DOMAINS===\n")
        .unwrap();
    let mut plan = sample_plan();
    // psd=n makes receipts.… an organisation of its own for the tree walk,
    // so a bounce domain beside it aligns only by the suffix list; DKIM
    // under it aligns by both.
    plan.existing_records
        .push_str("_dmarc.receipts IN TXT \"v=DMARC1; p=none; psd=n\"\n");
    plan.lanes[0].return_path_domain = "bounces.fernleafcoffee.com".into();
    let report = check_authentication_with(&plan, &Pasted::of(&plan), Some(&list), plan.dmarc.goal);
    let at = |code: &str| report.findings.iter().filter(|d| d.code == code).count();
    assert_eq!(at("align.psl_differs"), 0, "{:#?}", report.findings);
    let note = (report.findings.iter())
        .find(|d| d.code == "align.psl_differs_one")
        .unwrap_or_else(|| panic!("{:#?}", report.findings));
    assert_eq!(note.severity, switchyard::plan::diagnostic::Severity::Info);
    assert!(
        note.message
            .contains("SPF fails under the RFC 9989 tree walk but aligns"),
        "{}",
        note.message
    );
    // Without the psd=n record both methods agree.
    let mut agreed = plan.clone();
    agreed.existing_records = sample_plan().existing_records;
    let report = check_authentication_with(
        &agreed,
        &Pasted::of(&agreed),
        Some(&list),
        agreed.dmarc.goal,
    );
    assert!(!report
        .findings
        .iter()
        .any(|d| d.code.starts_with("align.psl_differs")));
}

#[test]
fn a_pasted_dmarc_record_that_starts_with_a_space_is_not_a_published_policy() {
    use switchyard::dns::report::domains_report;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let spaced = "\" v=DMARC1; p=reject; rua=mailto:x@reports.example.net\"";
    // (pasted record, a finding about it at line 1, whether its p=reject is live)
    let cases = [
        (format!("_dmarc IN TXT {spaced}"), true, false),
        (format!("_dmarc.shop IN TXT {spaced}"), true, false),
        (
            "_dmarc IN TXT \"v=DMARC1; p=reject; rua=mailto:x@reports.example.net\"".into(),
            false,
            true,
        ),
    ];
    for (pasted, warned, live) in cases {
        let mut plan = sample_plan();
        plan.existing_records = pasted.clone();
        let report = domains_report(&plan, today, None);
        let warning = (report.existing_findings.iter())
            .find(|d| d.code == "dmarc.leading_space" && d.path == "line 1");
        assert_eq!(warning.is_some(), warned, "{pasted}: {report:#?}");
        if let Some(warning) = warning {
            assert!(warning.message.contains("may discard it"), "{warning:?}");
        }
        // A live p=reject makes the rollout's p=none today a weakening.
        let weakens = report.findings.iter().any(|d| d.code == "dmarc.weakens");
        assert_eq!(weakens, live, "{pasted}");
    }
}

#[test]
fn a_return_path_cname_left_from_an_earlier_provider_is_stale() {
    // (pasted record, stale?, words the message holds, words the hint holds)
    let table: &[(&str, bool, &[&str], &str)] = &[
        // The receipts lane is on Postmark now; the CNAME leads to SendGrid.
        (
            "bounce.receipts IN CNAME u1234.wl056.sendgrid.net.",
            true,
            &[
                "bounce.receipts.fernleafcoffee.com",
                "u1234.wl056.sendgrid.net, SendGrid's host, not Postmark's",
                "stale from an earlier setup",
            ],
            "with the planned record: CNAME pm.mtasv.net",
        ),
        // The promotional lane is on Amazon SES, which plans SPF and an MX.
        (
            "bounce.mail IN CNAME pm.mtasv.net.",
            true,
            &["pm.mtasv.net, Postmark's host, not Amazon SES's"],
            "with the planned records: TXT",
        ),
        // A host of no provider known here.
        (
            "bounce.mail IN CNAME bounces.oldesp.example.",
            true,
            &["bounces.oldesp.example, another provider's host"],
            "include:amazonses.com",
        ),
        // The CNAME the lane's provider asks for, and one that fills
        // SendGrid's placeholder, are the lanes' own.
        ("bounce.receipts IN CNAME pm.mtasv.net.", false, &[], ""),
        (
            "bounce.flows IN CNAME u1234.wl056.sendgrid.net.",
            false,
            &[],
            "",
        ),
        // The same provider's host, though not the planned one, is a
        // different record of this setup, not an earlier one.
        ("bounce.flows IN CNAME sendgrid.net.", false, &[], ""),
        // A CNAME elsewhere is no Return-Path.
        ("links.mail IN CNAME pm.mtasv.net.", false, &[], ""),
    ];
    for &(pasted, stale, said, hint) in table {
        let mut plan = sample_plan();
        plan.existing_records = format!("{pasted}\n");
        let report = check_authentication(&plan);
        let found: Vec<_> = (report.findings.iter())
            .filter(|d| d.code == "dns.stale_return_path")
            .collect();
        assert_eq!(found.len(), usize::from(stale), "{pasted}: {found:?}");
        let Some(d) = found.first() else { continue };
        assert_eq!(d.severity, switchyard::plan::diagnostic::Severity::Error);
        assert_eq!(d.path, "line 1", "{pasted}");
        for words in said {
            assert!(d.message.contains(words), "{pasted}: {}", d.message);
        }
        assert!(d.hint.contains(hint), "{pasted}: {}", d.hint);
        // It is the one finding about that line and name: no note that the
        // plan replaces it, no clash beside the planned SPF.
        assert!(
            report
                .findings
                .iter()
                .all(|d| d.code != "dns.replaced" && d.code != "dns.cname_and_other"),
            "{pasted}: {:?}",
            report.findings
        );
        // Where the plan publishes SPF itself, the CNAME stays in the
        // planned zone beside it (a planned CNAME replaces it), and SPF is
        // not said to be the provider's behind it.
        if !pasted.starts_with("bounce.mail ") {
            continue;
        }
        let rows: Vec<_> = (report.lanes.iter())
            .flat_map(|l| l.requirements.iter())
            .filter(|r| r.requirement == "SPF passes for the bounce domain")
            .filter(|r| r.detail.contains("earlier setup"))
            .collect();
        assert_eq!(rows.len(), 1, "{pasted}");
        assert_eq!(rows[0].status, Status::Missing);
        assert!(!rows[0].detail.contains("where the provider publishes SPF"));
    }
    // A lane on its own servers may mean a host no provider has: it is not
    // called stale, and a known provider's host still is.
    for (target, stale) in [("bounces.ownmta.example.", false), ("pm.mtasv.net.", true)] {
        let mut plan = sample_plan();
        plan.lanes[2].smtp.provider = Provider::Custom;
        plan.existing_records = format!("bounce.mail IN CNAME {target}\n");
        let report = check_authentication(&plan);
        let found = (report.findings.iter()).any(|d| d.code == "dns.stale_return_path");
        assert_eq!(found, stale, "{target}: {:?}", report.findings);
        let earlier = (report.lanes.iter())
            .flat_map(|l| l.requirements.iter())
            .any(|r| r.detail.contains("earlier setup"));
        assert_eq!(earlier, stale, "{target}");
    }
}

/// Gmail's bulk line is crossed by the mail of one day: the brand's
/// busiest day, a weekly send on its weekday and a one-off on its date,
/// not the average plus every one-off.
#[test]
fn the_bulk_sender_row_gives_the_busiest_day() {
    let spread = || Trigger::TransactionalApi {
        message: "receipt".into(),
    };
    let scheduled = |cadence, send_day, send_date: Option<&str>| Trigger::Scheduled {
        cadence,
        send_day,
        send_date: send_date.map(String::from),
    };
    let weekly = scheduled(Cadence::Weekly, Some(Weekday::Tuesday), None);
    let dated = scheduled(Cadence::OneOff, None, Some("2027-11-26"));
    let undated = scheduled(Cadence::OneOff, None, None);
    type Case = (&'static str, Vec<(u32, Trigger)>, Option<&'static str>);
    let cases: [Case; 5] = [
        ("under the line", vec![(3_000, spread())], None),
        ("spread", vec![(6_000, spread())], Some("Up to 6,000 ")),
        (
            "a weekly send counts a week's mail on its weekday",
            vec![(3_000, spread()), (1_000, weekly.clone())],
            Some("Up to 10,000 "),
        ),
        (
            "a one-off counts on its date, once",
            vec![(3_000, spread()), (1_000, weekly), (150_000, dated)],
            Some("Up to 153,000 "),
        ),
        (
            "an undated one-off may fall on any day",
            vec![(3_000, spread()), (4_000, undated)],
            Some("Up to 7,000 "),
        ),
    ];
    for (case, journeys, want) in cases {
        let mut plan = sample_plan();
        let template = plan.journeys[0].clone();
        plan.journeys = (journeys.into_iter().enumerate())
            .map(|(i, (daily_volume, trigger))| Journey {
                id: format!("j{i}"),
                daily_volume,
                trigger,
                ..template.clone()
            })
            .collect();
        let rules = sender_rules(&plan, &route(&plan));
        let row = (rules[0].rows.iter())
            .find(|r| r.requirement == "Treated as a bulk sender")
            .map(|r| r.detail.as_str());
        match want {
            None => assert_eq!(row, None, "{case}"),
            Some(start) => assert!(row.is_some_and(|d| d.starts_with(start)), "{case}: {row:?}"),
        }
    }
}

/// SendGrid puts the return path under the domain it authenticates: a
/// Return-Path domain elsewhere is warned about, with a fix that moves it
/// under the From domain and clears the warning.
#[test]
fn a_sendgrid_return_path_outside_its_from_domain_is_warned_about() {
    use switchyard::plan::diagnostic::Fix;
    use switchyard::plan::edit::{edit_plan, Edit, LaneField};
    let warned = |plan: &Plan| -> Vec<_> {
        (check_authentication(plan).findings.into_iter())
            .filter(|d| d.code == "lane.sendgrid_return_path")
            .collect()
    };
    let mut plan = sample_plan();
    let flows = plan
        .lanes
        .iter()
        .position(|l| l.id == "revenue-flows")
        .unwrap();
    assert_eq!(plan.lanes[flows].smtp.provider, Provider::SendGrid);
    assert!(warned(&plan).is_empty(), "the sample's is under its domain");
    plan.lanes[flows].return_path_domain = "rp.flows.fernleafcoffee.com".into();
    plan.lanes[flows].sending_domain = "shop.fernleafcoffee.com".into();
    plan.lanes[flows].from_address = "hello@shop.fernleafcoffee.com".into();
    let found = warned(&plan);
    assert_eq!(found.len(), 1, "{found:#?}");
    let d = &found[0];
    assert_eq!(d.path, format!("$.lanes[{flows}].return_path_domain"));
    assert!(
        d.message
            .contains("rp.flows.fernleafcoffee.com is never used"),
        "{}",
        d.message
    );
    let Some(Fix { edits, .. }) = d.fix.clone() else {
        panic!("a fix")
    };
    assert_eq!(
        edits,
        [Edit::Lane {
            lane: "revenue-flows".into(),
            set: LaneField::ReturnPathDomain("rp.shop.fernleafcoffee.com".into()),
        }]
    );
    for e in edits {
        edit_plan(&mut plan, e);
    }
    assert!(warned(&plan).is_empty());
}

#[test]
fn one_click_unsubscribe_is_missing_where_the_plan_does_not_offer_it() {
    // (lane, offered, its marketing mail moved elsewhere, status)
    let cases = [
        ("transactional", false, false, Status::NotApplicable),
        ("promotional", true, false, Status::Pending),
        ("promotional", false, false, Status::Missing),
        // With no marketing mail on it yet, Problems asks nothing either.
        ("promotional", false, true, Status::NotApplicable),
    ];
    for (lane, offered, emptied, status) in cases {
        let mut plan = sample_plan();
        let ids = &mut plan.preferences.one_click_lanes;
        ids.retain(|id| id != lane);
        if offered {
            ids.push(lane.to_string());
        }
        if emptied {
            plan.rules.retain(|r| r.lane != lane);
            plan.default_lane = Some("revenue-flows".into());
            for j in plan.journeys.iter_mut() {
                j.lane_override = None;
            }
        }
        let routing = route(&plan);
        let at = plan.lanes.iter().position(|l| l.id == lane).unwrap();
        let rules = sender_rules(&plan, &routing);
        let row = (rules[at].rows.iter())
            .find(|r| r.requirement.starts_with("One-click unsubscribe"))
            .unwrap();
        assert_eq!(row.status, status, "{lane} {offered}: {}", row.detail);
        // Problems agrees: an error exactly where the row is missing.
        let flagged = lint(&plan, &routing)
            .iter()
            .any(|d| d.code == "lint.no_one_click" && d.message.starts_with(&plan.lanes[at].name));
        assert_eq!(
            flagged,
            status == Status::Missing,
            "{lane} {offered} {emptied}"
        );
    }
}
