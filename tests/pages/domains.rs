//! The domains page: the brand's section and each lane's, their fields
//! against the plan, and the DNS checks they show.

use std::rc::Rc;

use chrono::NaiveDate;
use switchyard::dns::psl::SuffixList;
use switchyard::plan::model::{DmarcPolicy, MtaStsMode, Plan};
use switchyard::plan::sample::sample_plan;
use switchyard::review::findings::findings;
use switchyard::review::place::Place;
use switchyard::ui::pages::domains::DomainsPage;
use switchyard::ui::pages::{Focus, PageProps};

use super::support::{
    self, attr, element, escape_text, no_behaviour_attributes, no_injected_markup, selected, tag,
};

/// A day in the sample's DMARC rollout, at p=quarantine.
fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 2, 10).unwrap()
}

/// The list the app serves beside the page.
fn psl() -> SuffixList {
    SuffixList::parse(include_str!("../../static/public_suffix_list.dat")).unwrap()
}

/// The page's props on `day()`, with the findings the shell derives once
/// the Public Suffix List has loaded, and the section `focus` names.
fn props(plan: Plan, focus: Option<&str>) -> PageProps {
    let derived = findings(&plan, day(), Some(&psl()));
    PageProps {
        findings: Rc::new(derived),
        today: day(),
        focus: focus.map(|id| Focus {
            place: match id {
                "brand" => Place::DnsBrand,
                lane => Place::Domains(Some(lane.to_string())),
            },
            seq: 1,
            added: false,
        }),
        ..support::props(plan)
    }
}

async fn render(plan: Plan, focus: Option<&str>) -> String {
    support::render::<DomainsPage>(props(plan, focus)).await
}

fn current_section(html: &str) -> Vec<String> {
    html.split("<button")
        .skip(1)
        .filter(|b| b[..b.find('>').unwrap()].contains("aria-current=\"page\""))
        .filter_map(|b| attr(&b[..b.find('>').unwrap()], "id").map(str::to_string))
        .collect()
}

#[tokio::test]
async fn the_brand_section_shows_the_dmarc_plan_and_the_zone_files() {
    let plan = sample_plan();
    let html = render(plan.clone(), None).await;
    assert_eq!(current_section(&html), ["domains-brand"]);
    for lane in &plan.lanes {
        assert!(html.contains(&format!("id=\"domains-lane-{}\"", lane.id)));
    }
    // The rollout in force on the day, and the zone file that carries it.
    let rollout = element(&html, "rollout", "ol");
    assert!(rollout.contains("p=none</strong> from 2027-01-04 until 2027-02-01 (4 weeks)"));
    assert!(rollout.contains("p=reject</strong> from 2027-03-01 onwards"));
    assert!(html.contains("in force today"));
    assert!(element(&html, "zone-files", "p").contains("today's rollout stage (p=quarantine)"));
    assert!(html.contains("$ORIGIN fernleafcoffee.com."));
    let download = element(&html, "download-zone-0", "button");
    assert!(download.contains("Download fernleafcoffee.com.zone"));
    assert_eq!(
        attr(tag(&html, "copy-zone-0"), "aria-label"),
        Some("Copy the fernleafcoffee.com zone file")
    );
    assert!(element(&html, "download-mta-sts", "button").contains("Download mta-sts.txt"));
    assert!(element(&html, "mta-sts-policy", "pre").contains("mode: testing"));
    // Every zone-file record has a copy button beside its value.
    let records = plan_records(&plan);
    for i in 0..records {
        assert!(html.contains(&format!("id=\"rec-z0-{i}\"")));
        assert!(html.contains(&format!("id=\"copy-rec-z0-{i}\"")));
    }
    no_behaviour_attributes(&html);
    let lane = render(Plan::empty("p"), Some("lane-1")).await;
    assert!(lane.contains("id=\"f-lane-lane-1-sending_domain\""));
    assert!(lane.contains("Give the lane a valid sending domain"));
}

/// How many records the sample's one zone file holds.
fn plan_records(plan: &Plan) -> usize {
    let derived = findings(plan, day(), Some(&psl()));
    assert_eq!(derived.domains.zone_files.len(), 1);
    derived.domains.zone_files[0].records.len()
}

#[tokio::test]
async fn a_rollout_whose_goal_is_p_none_has_one_stage_and_holds_nothing_back() {
    let mut plan = sample_plan();
    plan.dmarc.goal = DmarcPolicy::None;
    let html = render(plan, None).await;
    let rollout = element(&html, "rollout", "div");
    assert!(rollout.contains("p=none holds no mail back"), "{rollout}");
    assert!(!rollout.contains("held or refused"), "{rollout}");
    assert!(element(&html, "f-dmarc-weeks_per_stage-notes", "div")
        .contains("no later stage to wait for"));
}

#[tokio::test]
async fn a_rollout_kept_at_a_published_policy_shows_its_skipped_stages_without_dates() {
    // (the plan's first stage, the stages' list items, the sentence on
    // why, the rollout start's help, the weeks' help, the advice on
    // reading reports)
    let cases = [
        (
            Some(DmarcPolicy::Reject),
            &["p=none</strong> skipped<", "p=quarantine</strong> skipped<", "p=reject</strong> from 2027-02-10 onwards"][..],
            Some("The rollout starts at p=reject, the policy the domain already publishes, so it skips p=none and p=quarantine."),
            "The day the rollout starts at p=reject.",
            "The rollout starts at its goal, so it has no later stage to wait for.",
            "Keep reading the aggregate reports",
        ),
        (
            None,
            &["p=none</strong> from 2027-02-10 until 2027-03-10 (4 weeks)"][..],
            None,
            "The day p=none with reports begins.",
            "Time at p=none, then at quarantine, before the next step.",
            "Read the aggregate reports at each stage",
        ),
    ];
    for (first, items, why, help, weeks, advice) in cases {
        let mut plan = sample_plan();
        plan.dmarc.first_stage = first;
        plan.dmarc.rollout_start = "2027-02-10".into();
        plan.existing_records =
            "_dmarc IN TXT \"v=DMARC1; p=reject; rua=mailto:dmarc-reports@fernleafcoffee.com\"\n"
                .into();
        let html = render(plan, None).await;
        let rollout = element(&html, "rollout", "ol");
        for item in items {
            assert!(rollout.contains(item), "{first:?}: {rollout}");
        }
        // No stage is dated before the day the rollout starts.
        assert!(!rollout.contains("2027-01"), "{rollout}");
        match why {
            Some(why) => {
                assert!(element(&html, "rollout-skipped", "p").ends_with(&format!(">{why}")))
            }
            None => assert!(!html.contains("id=\"rollout-skipped\"")),
        }
        assert!(
            element(&html, "f-dmarc-rollout_start-notes", "div").contains(help),
            "{first:?}"
        );
        let weeks_notes = element(&html, "f-dmarc-weeks_per_stage-notes", "div");
        assert!(weeks_notes.contains(weeks), "{first:?}: {weeks_notes}");
        assert!(
            element(&html, "rollout", "div").contains(advice),
            "{first:?}"
        );
        let want = first.map_or("none", |p| p.as_str());
        assert_eq!(selected(&html, "f-dmarc-first_stage"), want, "{first:?}");
        let select = element(&html, "f-dmarc-first_stage", "select");
        assert_eq!(
            support::attributes(select, "value"),
            ["none", "quarantine", "reject"]
        );
        assert!(html.contains("<label for=\"f-dmarc-first_stage\">First stage</label>"));
    }
    // The report address the published record asks for, which the plan
    // lacks, is a finding with its fix in the brand's findings.
    let mut plan = sample_plan();
    plan.dmarc.rua.clear();
    plan.existing_records =
        "_dmarc IN TXT \"v=DMARC1; p=none; rua=mailto:dmarc@fernleafcoffee.com\"\n".into();
    let html = render(plan, None).await;
    assert!(
        html.contains("and the planned record asks for none: publishing it stops those reports")
    );
    assert!(html.contains("Keep reports to dmarc@fernleafcoffee.com"));
}

#[tokio::test]
async fn the_brand_fields_carry_the_plan() {
    let plan = sample_plan();
    let html = render(plan.clone(), None).await;
    assert_eq!(selected(&html, "f-dmarc-goal"), "reject");
    let rua = tag(&html, "f-dmarc-rua");
    assert_eq!(attr(rua, "type"), Some("email"));
    assert_eq!(attr(rua, "value"), Some(plan.dmarc.rua.as_str()));
    let start = tag(&html, "f-dmarc-rollout_start");
    assert_eq!(attr(start, "type"), Some("date"));
    assert_eq!(attr(start, "value"), Some("2027-01-04"));
    let weeks = tag(&html, "f-dmarc-weeks_per_stage");
    assert_eq!(attr(weeks, "type"), Some("number"));
    assert_eq!(
        [
            attr(weeks, "value"),
            attr(weeks, "min"),
            attr(weeks, "max"),
            attr(weeks, "step")
        ]
        .map(|a| a.map(str::to_string)),
        [4, 1, 52, 1].map(|n: u32| Some(n.to_string()))
    );
    for id in ["f-dmarc-strict_dkim", "f-dmarc-strict_spf"] {
        assert_eq!(attr(tag(&html, id), "type"), Some("checkbox"));
        assert!(!tag(&html, id).contains("checked"), "{id}");
    }
    assert_eq!(selected(&html, "f-extras-mta_sts"), "testing");
    for (id, value) in [
        ("f-extras-tls_rpt_rua", &plan.extras.tls_rpt_rua),
        ("f-extras-bimi_logo", &plan.extras.bimi_logo),
        ("f-extras-bimi_certificate", &plan.extras.bimi_certificate),
    ] {
        assert_eq!(attr(tag(&html, id), "value"), Some(value.as_str()), "{id}");
    }
    assert_eq!(
        attr(tag(&html, "f-extras-tls_rpt_rua"), "type"),
        Some("email")
    );
    let existing = element(&html, "existing-records", "textarea");
    assert!(existing.contains("@        IN MX  1 smtp.google.com."));
    assert!(html.contains("<label for=\"existing-records\">"));
}

#[tokio::test]
async fn choices_in_the_plan_show_in_the_form_and_the_records() {
    let mut plan = sample_plan();
    plan.dmarc.goal = DmarcPolicy::Quarantine;
    plan.dmarc.strict_spf = true;
    plan.dmarc.weeks_per_stage = 2;
    plan.extras.mta_sts = MtaStsMode::Enforce;
    plan.extras.bimi_logo = "https://fernleafcoffee.com/bimi/logo.svg".into();
    let html = render(plan.clone(), None).await;
    assert_eq!(selected(&html, "f-dmarc-goal"), "quarantine");
    assert_eq!(selected(&html, "f-extras-mta_sts"), "enforce");
    assert!(tag(&html, "f-dmarc-strict_spf").contains("checked"));
    assert!(!tag(&html, "f-dmarc-strict_dkim").contains("checked"));
    assert_eq!(
        attr(tag(&html, "f-dmarc-weeks_per_stage"), "value"),
        Some("2")
    );
    assert!(
        element(&html, "rollout", "ol").contains("p=quarantine</strong> from 2027-01-18 onwards")
    );
    assert!(html.contains("default._bimi.fernleafcoffee.com"));
    assert!(html.contains("mark certificate (VMC or CMC)"));
    // The strict SPF finding is about a lane, so its section shows it.
    assert!(!html.contains("aspf=s needs the bounce domain"));
    let flows = render(plan, Some("revenue-flows")).await;
    assert!(flows.contains("aspf=s needs the bounce domain"));
}

#[tokio::test]
async fn the_policy_for_subdomains_that_do_not_exist_is_a_labelled_select() {
    // (np in the plan, the option selected, whether the brand's findings
    // offer np=reject, the record's np tag)
    let table = [
        (None, "", true, ""),
        (Some(DmarcPolicy::Reject), "reject", false, " np=reject;"),
        (Some(DmarcPolicy::None), "none", false, " np=none;"),
    ];
    for (np, want, offered, tag_text) in table {
        let mut plan = sample_plan();
        plan.dmarc.np = np;
        let html = render(plan, None).await;
        assert!(
            html.contains("<label for=\"f-dmarc-np\">Subdomains that do not exist (np)</label>")
        );
        assert_eq!(selected(&html, "f-dmarc-np"), want, "{np:?}");
        let select = element(&html, "f-dmarc-np", "select");
        let values = support::attributes(select, "value");
        assert_eq!(values, ["", "none", "quarantine", "reject"], "{np:?}");
        assert!(
            select.contains(">Not set: the rollout's policy<"),
            "{select}"
        );
        assert!(select.contains(">np=reject<"));
        assert_eq!(
            attr(tag(&html, "f-dmarc-np"), "aria-describedby"),
            Some("f-dmarc-np-notes")
        );
        assert!(element(&html, "f-dmarc-np-notes", "p")
            .contains("no real mail comes from a name that does not exist"));
        assert_eq!(html.contains("Fix: Set np=reject"), offered, "{np:?}");
        let zone = element(&html, "zone-0", "pre");
        assert!(
            zone.contains(&format!("p=quarantine; sp=quarantine;{tag_text} rua=")),
            "{np:?}"
        );
    }
}

#[tokio::test]
async fn every_lane_section_shows_its_fields_records_and_checks() {
    let plan = sample_plan();
    let derived = findings(&plan, day(), Some(&psl()));
    for lane in &plan.lanes {
        let html = render(plan.clone(), Some(&lane.id)).await;
        assert_eq!(
            current_section(&html),
            [format!("domains-lane-{}", lane.id)]
        );
        let field = |name: &str| tag(&html, &format!("f-lane-{}-{name}", lane.id)).to_string();
        for (name, value) in [
            ("sending_domain", lane.sending_domain.clone()),
            ("from_address", lane.from_address.clone()),
            ("return_path_domain", lane.return_path_domain.clone()),
            ("dkim_domain", lane.dkim_domain.clone()),
            ("dkim_selector", lane.dkim_selector.clone()),
            ("tracking_domain", lane.tracking_domain.clone()),
            ("ip_addresses", lane.ip_addresses.join(", ")),
        ] {
            assert_eq!(attr(&field(name), "value"), Some(value.as_str()), "{name}");
            let kind = if name == "from_address" {
                "email"
            } else {
                "text"
            };
            assert_eq!(attr(&field(name), "type"), Some(kind), "{name}");
        }
        let records: Vec<_> = derived
            .domains
            .records
            .iter()
            .filter(|r| r.lane.as_deref() == Some(lane.id.as_str()))
            .collect();
        assert!(!records.is_empty());
        for (i, record) in records.iter().enumerate() {
            let value = element(&html, &format!("rec-{}-{i}", lane.id), "code");
            assert_eq!(value.split_once('>').unwrap().1, escape_text(&record.value));
            let copy = tag(&html, &format!("copy-rec-{}-{i}", lane.id));
            let label = format!("Copy the {} value for {}", record.kind, record.name);
            assert_eq!(attr(copy, "aria-label"), Some(escape_text(&label).as_str()));
        }
        for heading in [
            "SPF verdicts",
            "DMARC alignment",
            "bulk-sender requirements",
            "Findings",
        ] {
            assert!(html.contains(heading), "{heading}");
        }
        // The browser keeps each trace open or shut across edits.
        assert!(!html.contains("<details open"));
        no_behaviour_attributes(&html);
    }
}

#[tokio::test]
async fn a_lane_section_shows_spf_verdicts_with_traces() {
    let html = render(sample_plan(), Some("promotional")).await;
    assert!(html.contains("bounce.mail.fernleafcoffee.com"));
    assert!(html.contains("v=spf1 ip4:203.0.113.10 ip4:203.0.113.11 include:amazonses.com -all"));
    let verdicts = element(&html, "spf-verdicts", "section");
    assert!(verdicts.contains("203.0.113.11: pass"));
    assert!(verdicts.contains("Evaluation trace for 203.0.113.11"));
    assert!(verdicts.contains("ip4:203.0.113.11"));
    assert!(html.contains("DMARC published, at least p=none"));
    assert!(html.contains("Treated as a bulk sender"));
}

#[tokio::test]
async fn a_return_path_behind_the_providers_cname_says_where_spf_is() {
    let html = render(sample_plan(), Some("revenue-flows")).await;
    let verdicts = element(&html, "spf-verdicts", "section");
    assert!(
        verdicts.contains("bounce.flows.fernleafcoffee.com is a CNAME to u&lt;account&gt;.wl&lt;id&gt;.sendgrid.net"),
        "{verdicts}"
    );
    assert!(!verdicts.contains("Add the lane's sending IP addresses"));
    assert!(html.contains("where the provider publishes SPF; the live DNS check follows it"));
}

#[tokio::test]
async fn focus_opens_the_section_it_names() {
    let plan = sample_plan();
    let lane = render(plan.clone(), Some("revenue-flows")).await;
    assert_eq!(current_section(&lane), ["domains-lane-revenue-flows"]);
    let brand = render(plan.clone(), Some("brand")).await;
    assert_eq!(current_section(&brand), ["domains-brand"]);
    assert!(brand.contains("id=\"existing-records\""));
    let elsewhere = render(plan, Some("no-such-lane")).await;
    assert_eq!(current_section(&elsewhere), ["domains-brand"]);
}

#[tokio::test]
async fn a_broken_spf_record_is_reported_where_it_was_pasted() {
    let mut plan = sample_plan();
    plan.existing_records
        .push_str("shop IN TXT \"v=spf1 include:a.example ptr +all\"\n");
    let html = render(plan.clone(), None).await;
    let at = html.find("id=\"existing-check\"").unwrap();
    let check = &html[at..html[at..].find("</section>").unwrap() + at];
    assert!(check.contains("4 records read."));
    assert!(check.contains("+all"));
    assert!(
        check.contains("shop.fernleafcoffee.com, character 30"),
        "{check}"
    );
    assert!(check.contains("Use -all, or ~all while rolling out."));
    let derived = findings(&plan, day(), Some(&psl()));
    assert!(derived
        .all
        .iter()
        .any(|d| d.path == "shop.fernleafcoffee.com"
            && d.severity == switchyard::plan::diagnostic::Severity::Error));
    // A syntax error names its line.
    let mut plan = sample_plan();
    plan.existing_records.push_str("bad IN TXT \"unclosed\n");
    let html = render(plan, None).await;
    assert!(element(&html, "existing-check", "section").contains("line 5"));
}

#[tokio::test]
async fn user_text_is_escaped() {
    let mut plan = sample_plan();
    plan.lanes[0].name = "<script>alert(1)</script>".into();
    plan.lanes[0].from_address = "\"><img src=x onerror=alert(1)>@x.example".into();
    plan.existing_records
        .push_str("<script>alert(2)</script>\n");
    plan.dmarc.rua = "\"><script>alert(3)</script>".into();
    for focus in [None, Some("transactional")] {
        let html = render(plan.clone(), focus).await;
        no_injected_markup(&html);
        assert!(html.contains("&lt;script&gt;"));
    }
}

#[tokio::test]
async fn a_lane_without_a_domain_still_gets_its_form() {
    let mut plan = sample_plan();
    plan.lanes[1].sending_domain.clear();
    let html = render(plan, Some("revenue-flows")).await;
    assert!(html.contains("id=\"f-lane-revenue-flows-sending_domain\""));
    assert!(html.contains("id=\"f-lane-revenue-flows-ip_addresses\""));
    assert!(html.contains("Give the lane a valid sending domain"));
    assert!(!html.contains("id=\"spf-verdicts\""));
}

#[tokio::test]
async fn alignment_is_compared_with_the_public_suffix_list() {
    let html = render(sample_plan(), Some("revenue-flows")).await;
    let alignment = element(&html, "alignment-heading", "table");
    assert!(alignment.contains("Public Suffix List (RFC 7489)"));
    assert!(!html.contains("list not loaded"));
    assert!(alignment.contains(
        "<td>flows.fernleafcoffee.com</td><td>fernleafcoffee.com</td><td>fernleafcoffee.com</td>"
    ));
    // Until the shell has the list, the column says so.
    let mut unloaded = support::props(sample_plan());
    unloaded.focus = Some(Focus {
        place: Place::Domains(Some("revenue-flows".into())),
        seq: 1,
        added: false,
    });
    let html = support::render::<DomainsPage>(unloaded).await;
    assert!(html.contains("list not loaded"));
    // A From domain under a public suffix the zone cannot see: the tree
    // walk finds no organisation above it, the list does.
    let mut split = sample_plan();
    split.brand.primary_domain = "fernleaf.co.uk".into();
    split.lanes[1].sending_domain = "flows.fernleaf.co.uk".into();
    split.lanes[1].from_address = "hello@flows.fernleaf.co.uk".into();
    split.lanes[1].return_path_domain = "bounce.fernleaf.co.uk".into();
    split.lanes[1].dkim_domain = "fernleaf.co.uk".into();
    split.lanes[1].tracking_domain.clear();
    split.dmarc.rua.clear();
    let html = render(split.clone(), Some("revenue-flows")).await;
    let alignment = element(&html, "alignment-heading", "table");
    assert_eq!(
        alignment.matches("<td>fernleaf.co.uk</td>").count(),
        6,
        "{alignment}"
    );
    // Without a DMARC record to stop the walk, the tree walk treats each
    // name as its own organisation, while the list joins them.
    let mut no_dmarc = split;
    no_dmarc.dmarc.goal = DmarcPolicy::None;
    no_dmarc.brand.primary_domain = "elsewhere.example".into();
    let derived = findings(&no_dmarc, day(), Some(&psl()));
    let differs = derived
        .domains
        .findings
        .iter()
        .find(|d| d.code == "align.psl_differs")
        .expect("the list and the tree walk differ");
    let html = render(no_dmarc, Some("revenue-flows")).await;
    assert!(html.contains(&differs.message), "{}", differs.message);
}

#[tokio::test]
async fn values_the_core_refuses_are_explained_under_their_fields() {
    let mut plan = sample_plan();
    plan.dmarc.rollout_start = "soon".into();
    plan.dmarc.weeks_per_stage = 0;
    let html = render(plan, None).await;
    assert!(element(&html, "f-dmarc-rollout_start-notes", "div").contains("is not a date"));
    assert!(element(&html, "f-dmarc-weeks_per_stage-notes", "div").contains("outside 1 to 52"));
    assert_eq!(
        attr(tag(&html, "f-dmarc-rollout_start"), "aria-invalid"),
        Some("true")
    );
    assert!(html.contains("Set a rollout start date"));
}

#[tokio::test]
async fn an_empty_plan_gets_its_forms_and_no_records() {
    let html = render(Plan::empty("p"), None).await;
    assert_eq!(current_section(&html), ["domains-brand"]);
    assert!(html.contains("id=\"domains-lane-lane-1\""));
    assert!(html.contains("Set the primary domain and lane domains to plan records."));
    assert!(html.contains("Set a rollout start date"));
    for id in [
        "f-dmarc-goal",
        "f-dmarc-np",
        "f-dmarc-rua",
        "f-dmarc-rollout_start",
        "f-dmarc-weeks_per_stage",
        "f-extras-mta_sts",
        "existing-records",
    ] {
        assert!(html.contains(&format!("id=\"{id}\"")), "{id}");
    }
    assert!(!html.contains("id=\"download-zone-0\""));
    assert!(!html.contains("id=\"download-mta-sts\""));
    no_behaviour_attributes(&html);
    let lane = render(Plan::empty("p"), Some("lane-1")).await;
    assert!(lane.contains("id=\"f-lane-lane-1-sending_domain\""));
    assert!(lane.contains("Give the lane a valid sending domain"));
}

#[tokio::test]
async fn a_record_without_reports_opens_the_report_address() {
    use switchyard::review::place::place_of_finding;
    // A plan that stays at p=none, with no report address.
    let mut plan = sample_plan();
    plan.dmarc.goal = DmarcPolicy::None;
    plan.dmarc.rua.clear();
    let mut page = props(plan.clone(), Some("revenue-flows"));
    let finding = (page.findings.all.iter())
        .find(|d| d.code == "dmarc.no_reports")
        .cloned()
        .expect("p=none without rua");
    assert_eq!(finding.place, "_dmarc.fernleafcoffee.com");
    // The record is the plan's: Open lands on the field that writes its
    // rua=, not the section's button, and opens the brand's section,
    // where that field is, from a lane's.
    let place = place_of_finding(&plan, &page.findings.domains.records, &finding);
    assert_eq!(place, Place::DmarcField("rua"));
    page.focus = Some(Focus {
        place,
        seq: 2,
        added: false,
    });
    let html = support::render::<DomainsPage>(page).await;
    assert_eq!(current_section(&html), ["domains-brand"]);
    let rua = tag(&html, "f-dmarc-rua");
    assert_eq!(attr(rua, "type"), Some("email"));
    assert_eq!(attr(rua, "value"), Some(""));
    // The same finding about a record pasted at a lane's From domain is
    // the pasted records' to fix, not the plan's field.
    let mut plan = sample_plan();
    plan.existing_records
        .push_str("_dmarc.flows IN TXT \"v=DMARC1; p=none\"\n");
    let page = props(plan.clone(), None);
    let pasted = (page.findings.all.iter())
        .find(|d| d.code == "dmarc.no_reports")
        .expect("the pasted record without rua");
    let place = place_of_finding(&plan, &page.findings.domains.records, pasted);
    assert_eq!(place, Place::ExistingRecords);
}
