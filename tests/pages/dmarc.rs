//! The DMARC reports tab: the drop zone, each lane's rates from real
//! fixture reports, the chart, the unexplained sources and the verdict.

use std::rc::Rc;

use switchyard::dmarc_reports::read::read_file;
use switchyard::dmarc_reports::store::Store;
use switchyard::plan::sample::sample_plan;
use switchyard::ui::pages::dmarc::{DmarcView, DmarcViewProps};
use yew::Callback;

use super::support::{
    element, every_control_labelled, no_behaviour_attributes, no_injected_markup, render, today,
};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/dmarc/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A store holding the three providers' fixture reports.
fn store() -> Store {
    let mut store = Store::default();
    for name in ["google.zip", "outlook.zip", "yahoo.xml.gz"] {
        for report in read_file(name, &fixture(name)).expect("the fixture reads") {
            store.add(report);
        }
    }
    store
}

fn view(store: Store) -> DmarcViewProps {
    DmarcViewProps {
        plan: Rc::new(sample_plan()),
        today: today(),
        store: Rc::new(store),
        reading: None,
        elsewhere: false,
        lines: None,
        error: None,
        on_import: Callback::noop(),
        on_clear: Callback::noop(),
        on_remove: Callback::noop(),
        on_edit: Callback::noop(),
    }
}

#[tokio::test]
async fn without_reports_only_the_drop_zone_shows() {
    let html = render::<DmarcView>(view(Store::default())).await;
    assert!(html.contains("id=\"dmarc-files\""));
    assert!(html.contains("No reports yet."));
    // The live region waits, empty, so that an import's lines are announced.
    assert!(html.contains("<div role=\"status\"></div>"), "{html}");
    assert!(!html.contains("id=\"dmarc-lanes\""));
    every_control_labelled(&html, "dmarc-files");
}

#[tokio::test]
async fn reports_show_each_lane_the_chart_and_the_verdict() {
    let html = render::<DmarcView>(view(store())).await;
    let lanes = element(&html, "dmarc-lanes", "table");
    for lane in ["Transactional", "Revenue flows", "Promotional"] {
        let row = lanes
            .split("<tr")
            .find(|r| r.contains(&format!(">{lane}</th>")))
            .unwrap_or_else(|| panic!("{lane} has a row: {lanes}"));
        assert!(row.contains('%'), "{row}");
    }
    assert!(html.contains("id=\"dmarc-unexplained\""));
    assert!(html.contains("role=\"img\""));
    // A blocker's fix that starts with the address it is about is not
    // labelled with that address again.
    let blockers = element(&html, "dmarc-readiness", "section");
    assert!(blockers.contains("<li>192.0.2.140 sent"), "{blockers}");
    assert!(!blockers.contains("192.0.2.140: 192.0.2.140"), "{blockers}");
    // The chart reads like the others: a key per lane, its rates beside
    // and its dates below.
    let chart = element(&html, "dmarc-chart", "figure");
    // Each lane's key and line take the lane's own colour, as on the
    // Overview and Lanes tabs.
    for (colour, lane) in ["Transactional", "Revenue flows", "Promotional"]
        .iter()
        .enumerate()
    {
        let key = format!("<span class=\"key lane-color-{colour}\"></span>{lane}</li>");
        assert!(chart.contains(&key), "{chart}");
        assert!(
            chart.contains(&format!("class=\"rate lane-color-{colour}\"")),
            "{chart}"
        );
    }
    assert!(chart.contains("class=\"y-axis left\"") && chart.contains("<span>100%</span>"));
    assert!(chart.contains("class=\"x-axis\"") && chart.matches("<text ").count() >= 2);
    // With a few days, each date sits under its own tick, not at an edge.
    let values = |attr: &str| -> Vec<String> {
        chart
            .split(&format!("{attr}=\""))
            .skip(1)
            .map(|rest| rest[..rest.find('"').unwrap()].to_string())
            .collect()
    };
    let ticks = values("x1");
    let labels: Vec<String> = chart
        .split("<text ")
        .skip(1)
        .map(|t| {
            let x = &t[t.find("x=\"").unwrap() + 3..];
            x[..x.find('"').unwrap()].to_string()
        })
        .collect();
    assert_eq!(labels, ticks, "{chart}");
    // The chart's numbers are a table too, a row per day.
    let daily = element(&html, "dmarc-daily", "table");
    assert!(
        daily.contains("<th scope=\"col\">Promotional</th>"),
        "{daily}"
    );
    assert!(daily.contains("<th scope=\"row\">"), "{daily}");
    assert!(daily.contains("% of "), "{daily}");
    let readiness = element(&html, "dmarc-readiness", "section");
    assert!(readiness.contains("p=quarantine"), "{readiness}");
    assert!(html.contains("id=\"dmarc-from\"") && html.contains("type=\"date\""));
    for id in ["dmarc-files", "dmarc-from", "dmarc-to"] {
        every_control_labelled(&html, id);
    }
    no_behaviour_attributes(&html);
}

#[tokio::test]
async fn report_text_with_markup_shows_as_text() {
    let mut store = store();
    for row in &mut store.rows {
        row.org = "<script>alert(1)</script>".to_string();
    }
    let html = render::<DmarcView>(view(store)).await;
    no_injected_markup(&html);
}

#[tokio::test]
async fn mail_on_another_lanes_address_is_listed_apart() {
    let html = render::<DmarcView>(view(store())).await;
    assert!(
        !html.contains("id=\"dmarc-crossed\""),
        "none in the fixtures"
    );
    // One of Revenue flows' rows, signed as Transactional instead.
    let mut store = store();
    let row = store
        .rows
        .iter_mut()
        .find(|r| r.source_ip == "198.51.100.10" && r.dkim.iter().any(|d| d.result == "pass"))
        .expect("a signed row from Revenue flows' address");
    for sig in &mut row.dkim {
        sig.domain = "receipts.fernleafcoffee.com".into();
    }
    let messages = row.count;
    let html = render::<DmarcView>(view(store)).await;
    let crossed = element(&html, "dmarc-crossed", "section");
    assert!(
        crossed.contains(
            "carrying the identity of Transactional came from 198.51.100.10, an address of Revenue flows"
        ),
        "{crossed}"
    );
    let said = switchyard::units::count(messages, "message", "messages");
    assert!(crossed.contains(&said), "{crossed}");
}

#[tokio::test]
async fn a_report_about_another_brand_is_left_out_and_said_so() {
    let mut store = store();
    let html = render::<DmarcView>(view(store.clone())).await;
    assert!(!html.contains("id=\"dmarc-other-domains\""));
    let before = element(&html, "dmarc-lanes", "table").to_string();
    // The Yahoo report again, as another brand's: its rows come from the
    // plan's own addresses.
    let text = String::from_utf8(fixture("rfc9990.xml")).unwrap();
    let other = text.replace("fernleafcoffee.com", "otherbrand.example");
    for report in read_file("other.xml", other.as_bytes()).expect("it reads") {
        store.add(report);
    }
    let html = render::<DmarcView>(view(store)).await;
    let note = element(&html, "dmarc-other-domains", "p");
    assert!(
        note.contains("about otherbrand.example, which is not this plan's domain"),
        "{note}"
    );
    assert_eq!(
        element(&html, "dmarc-lanes", "table"),
        before,
        "no lane counts them"
    );
}

#[tokio::test]
async fn reporting_organisations_count_only_the_brands_mail() {
    let mut store = store();
    // The messages cell of an organisation's row.
    let messages = |html: &str, org: &str| -> String {
        let table = element(html, "dmarc-reporters", "details");
        let row = (table.split("<tr").skip(1))
            .find(|r| r.contains(&format!(">{org}</th>")))
            .unwrap_or_else(|| panic!("{org} has a row: {table}"));
        row.split("<td class=\"num\">")
            .nth(2)
            .unwrap()
            .split('<')
            .next()
            .unwrap()
            .to_string()
    };
    let before = render::<DmarcView>(view(store.clone())).await;
    let numbers = |html: &str| {
        element(html, "dmarc-reporters", "details")
            .matches("<td class=\"num\">")
            .count()
    };
    // Another brand's report from google.com, about mail from the plan's
    // own addresses.
    let text = String::from_utf8(fixture("rfc9990.xml")).unwrap();
    let other = (text.replace("fernleafcoffee.com", "otherbrand.example")).replace(
        "<org_name>fastmail.com</org_name>",
        "<org_name>google.com</org_name>",
    );
    for report in read_file("other.xml", other.as_bytes()).expect("it reads") {
        store.add(report);
    }
    let after = render::<DmarcView>(view(store.clone())).await;
    assert!(after.contains("id=\"dmarc-other-domains\""));
    assert_eq!(
        messages(&after, "google.com"),
        messages(&before, "google.com")
    );
    assert_eq!(numbers(&after), numbers(&before), "no other organisation");
    // The same as its rows by lane add up to over the whole period.
    let google = store
        .reporters()
        .into_iter()
        .find(|r| r.org == "google.com")
        .unwrap();
    let plan = sample_plan();
    let (first, last) = store.days().unwrap();
    let s = switchyard::dmarc_reports::attribute::summarise(
        &plan,
        &store.rows,
        first.parse().unwrap(),
        last.parse().unwrap(),
    );
    let counted: u64 = (s.lane_orgs.iter())
        .filter(|o| o.org == "google.com")
        .map(|o| o.tally.messages)
        .sum();
    assert!(google.messages > counted, "every row counts in reporters()");
    assert_eq!(
        messages(&after, "google.com"),
        switchyard::units::group(counted)
    );
    let table = element(&after, "dmarc-reporters", "details");
    assert!(
        table.contains("the messages are this brand&#x27;s mail alone")
            || table.contains("the messages are this brand's mail alone"),
        "{table}"
    );
}

#[tokio::test]
async fn each_reporting_organisation_is_listed_with_its_own_remove_button() {
    let store = store();
    let html = render::<DmarcView>(view(store.clone())).await;
    let table = element(&html, "dmarc-reporters", "details");
    let reporters = store.reporters();
    assert!(table.contains(&format!("Reporting organisations ({})", reporters.len())));
    for r in &reporters {
        assert!(table.contains(&format!(">{}</th>", r.org)), "{table}");
        assert!(
            table.contains(&format!("aria-label=\"Remove {}&#x27;s reports\"", r.org))
                || table.contains(&format!("aria-label=\"Remove {}'s reports\"", r.org)),
            "{table}"
        );
    }
}

#[tokio::test]
async fn a_lane_with_one_day_of_reports_is_drawn_as_a_dash() {
    // The later day keeps one row, so the lanes it leaves out have one day
    // of reports each, which a line through the days' middles cannot draw.
    let mut reports: Vec<_> = ["google.zip", "outlook.zip", "yahoo.xml.gz"]
        .into_iter()
        .flat_map(|name| read_file(name, &fixture(name)).expect("the fixture reads"))
        .collect();
    let later = reports.iter().map(|r| r.begin).max().unwrap();
    let mut store = Store::default();
    for mut report in reports.drain(..) {
        if report.begin == later {
            report.rows.truncate(1);
        }
        store.add(report);
    }
    let html = render::<DmarcView>(view(store)).await;
    let chart = element(&html, "dmarc-chart", "figure");
    let daily = element(&html, "dmarc-daily", "table");
    // Each lane column's cells with a rate: a lane with one is a dash
    // across its day.
    let rows: Vec<Vec<bool>> = (daily.split("<tr>").skip(2))
        .map(|row| {
            row.split("<td")
                .skip(1)
                .map(|cell| cell.contains('%'))
                .collect()
        })
        .collect();
    let single = (0..3)
        .filter(|&lane| rows.iter().filter(|r| r.get(lane) == Some(&true)).count() == 1)
        .count();
    assert!(single > 0, "{daily}");
    let dashes = (lines(chart).into_iter())
        .filter(|d| d.matches('M').count() == 1 && d.contains('H') && !d.contains('L'));
    assert_eq!(dashes.count(), single, "{chart}");
}

/// The `d` of each lane's line on the chart.
fn lines(chart: &str) -> Vec<&str> {
    (chart.split("<path").skip(1))
        .map(|tag| {
            let tag = &tag[..tag.find('>').unwrap()];
            let d = &tag[tag.find(" d=\"").expect("a line's path") + 4..];
            &d[..d.find('"').unwrap()]
        })
        .collect()
}

#[tokio::test]
async fn the_chart_breaks_its_lines_on_days_without_reports() {
    use switchyard::monitor::{date_of_day, day_of_iso};
    // Google's reports, and the same again five days later: no report
    // covers the four days between.
    let mut store = Store::default();
    for report in read_file("google.zip", &fixture("google.zip")).expect("the fixture reads") {
        let mut later = report.clone();
        later.report_id.push_str("-later");
        (later.begin, later.end) = (report.begin + 5 * 86_400, report.end + 5 * 86_400);
        for row in &mut later.rows {
            row.day = date_of_day(day_of_iso(&row.day).unwrap() + 5);
        }
        store.add(report);
        store.add(later);
    }
    let html = render::<DmarcView>(view(store)).await;
    let chart = element(&html, "dmarc-chart", "figure");
    // A place on the axis for each day of the span, those without reports
    // among them, so the slider steps through all six.
    assert!(chart.contains("aria-valuemax=\"6\""), "{chart}");
    assert!(
        chart.contains("No report covers 4 of these days."),
        "{chart}"
    );
    // Each lane's two days are dashes of their own: no line crosses the
    // days between them.
    let drawn: Vec<&str> = lines(chart).into_iter().filter(|d| !d.is_empty()).collect();
    assert!(!drawn.is_empty(), "{chart}");
    for d in drawn {
        assert_eq!(d.matches('M').count(), 2, "{d}");
        assert!(!d.contains('L'), "{d}");
    }
}

#[tokio::test]
async fn the_policies_receivers_saw_are_listed_latest_first_against_the_plan() {
    let html = render::<DmarcView>(view(store())).await;
    let part = element(&html, "dmarc-published", "section");
    assert!(
        part.contains("<h3 id=\"dmarc-published-heading\">What receivers saw published</h3>"),
        "{part}"
    );
    let table = element(&html, "dmarc-published-policies", "table");
    for header in ["Published policy", "Domain", "Reported by", "Days"] {
        assert!(
            table.contains(&format!("<th scope=\"col\">{header}</th>")),
            "{table}"
        );
    }
    // What a tag left out means, for the tags the rows leave out.
    assert!(
        part.contains("Receivers apply a missing sp as p, a missing np as sp, a missing adkim or aspf as r (relaxed) and a missing pct as 100; t=y is test mode."),
        "{part}"
    );
    // A row per distinct policy, the latest first.
    let rows: Vec<&str> = table.split("<tr>").skip(2).collect();
    let expected = [
        (
            "p=none; sp absent; np absent; adkim=r; aspf=r; pct=100",
            "Yahoo",
            "2027-03-03",
        ),
        // Seen on the same days: by reporter, in any case.
        (
            "p=none; sp=none; np=none; adkim=r; aspf=r; pct=100",
            "google.com",
            "2027-03-02",
        ),
        (
            "p=none; sp=none; np absent; adkim=r; aspf=r; pct=100",
            "Outlook.com",
            "2027-03-02",
        ),
    ];
    assert_eq!(rows.len(), expected.len(), "{table}");
    for (row, (policy, org, days)) in rows.iter().zip(expected) {
        assert!(
            row.contains(&format!("<th scope=\"row\"><code>{policy}</code></th>")),
            "{row}"
        );
        assert!(row.contains("<td>fernleafcoffee.com</td>"), "{row}");
        assert!(row.contains(&format!("<td>{org}</td>")), "{row}");
        assert!(row.contains(&format!("<td>{days}</td>")), "{row}");
    }
    // The sample plan's rollout is at reject by March: the reports say
    // the record is still at none.
    let found = &part[part.find("</table>").unwrap()..];
    assert!(found.contains("class=\"problem warning\""), "{found}");
    assert!(
        found.contains("Yahoo last saw p=none; sp absent; np absent; adkim=r; aspf=r; pct=100 (2027-03-03) published for fernleafcoffee.com, and the plan&#x27;s rollout has p=reject in force on 2027-03-03.")
            || found.contains("Yahoo last saw p=none; sp absent; np absent; adkim=r; aspf=r; pct=100 (2027-03-03) published for fernleafcoffee.com, and the plan's rollout has p=reject in force on 2027-03-03."),
        "{found}"
    );
    assert!(
        found.contains("p differs: receivers saw none, the plan has reject"),
        "{found}"
    );
    // A plan whose rollout has no dates is at p=none: they agree.
    let mut props = view(store());
    let mut plan = sample_plan();
    plan.dmarc.rollout_start = String::new();
    props.plan = Rc::new(plan);
    let html = render::<DmarcView>(props).await;
    let part = element(&html, "dmarc-published", "section");
    assert!(
        part.contains("The latest policy receivers saw for the brand&#x27;s domain is the one the plan has in force on that day.")
            || part.contains("The latest policy receivers saw for the brand's domain is the one the plan has in force on that day."),
        "{part}"
    );
    assert!(!part.contains("class=\"problem"), "{part}");
}

#[tokio::test]
async fn reports_kept_before_their_policies_were_say_so() {
    let mut older = store();
    older.published.clear();
    let html = render::<DmarcView>(view(older)).await;
    let part = element(&html, "dmarc-published", "section");
    assert!(
        part.contains("These reports were kept before their published policy was; import them again to see it."),
        "{part}"
    );
    assert!(!html.contains("id=\"dmarc-published-policies\""));
}

#[tokio::test]
async fn published_policy_text_shows_as_text() {
    let mut store = store();
    for name in ["messy.xml"] {
        for report in read_file(name, &fixture(name)).expect("the fixture reads") {
            store.add(report);
        }
    }
    for seen in &mut store.published {
        if seen.org == "google.com" {
            seen.org = "<script>alert(1)</script>".into();
            seen.policy.p = "<img src=x>".into();
        }
    }
    let html = render::<DmarcView>(view(store)).await;
    no_injected_markup(&html);
    let table = element(&html, "dmarc-published-policies", "table");
    assert!(table.contains("<td>Mail &amp; More GmbH</td>"), "{table}");
    assert!(table.contains("&lt;script&gt;"), "{table}");
    assert!(table.contains("p=&lt;img src=x&gt;"), "{table}");
}

/// The sample's fixture reports, Outlook.com's on 2027-03-03 and with
/// `tags` in its policy_published after p.
fn outlook_with(tags: &str) -> Store {
    let mut store = Store::default();
    for name in ["google.zip", "yahoo.xml.gz"] {
        for report in read_file(name, &fixture(name)).expect("the fixture reads") {
            store.add(report);
        }
    }
    let mut outlook = read_file("outlook.zip", &fixture("outlook.zip")).unwrap();
    let report = &mut outlook[0];
    report.begin += 86_400;
    report.end += 86_400;
    for row in &mut report.rows {
        row.day = "2027-03-03".into();
    }
    let policy = &mut report.policy;
    for tag in tags.split("; ") {
        match tag.split_once('=') {
            Some(("p", v)) => policy.p = v.into(),
            Some(("adkim", v)) => policy.adkim = v.into(),
            Some(("pct", v)) => policy.pct = v.parse().ok(),
            Some(("t", v)) => policy.testing = v.into(),
            _ => panic!("{tag}"),
        }
    }
    store.add(outlook.remove(0));
    store
}

#[tokio::test]
async fn the_card_names_alignment_pct_and_test_mode_and_reporters_that_disagree() {
    // Outlook.com saw quarantine in test mode, strict DKIM and pct=25 on
    // the day Yahoo saw none: both written on the card, the disagreement
    // named with both reporters and policies.
    let html = render::<DmarcView>(view(outlook_with("p=quarantine; adkim=s; pct=25; t=y"))).await;
    let part = element(&html, "dmarc-published", "section");
    let table = element(&html, "dmarc-published-policies", "table");
    let policy = "p=quarantine; sp=none; np absent; adkim=s; aspf=r; pct=25; t=y";
    assert!(
        table.contains(&format!("<th scope=\"row\"><code>{policy}</code></th>")),
        "{table}"
    );
    let found = &part[part.find("</table>").unwrap()..];
    let said = found.replace("&#x27;", "'");
    for words in [
        "Reporters saw different DMARC policies published for fernleafcoffee.com on 2027-03-03: p=none; sp absent; np absent; adkim=r; aspf=r; pct=100 (Yahoo) and p=quarantine; sp=none; np absent; adkim=s; aspf=r; pct=25; t=y (Outlook.com).",
        "The record probably changed that day",
        "Check that _dmarc.fernleafcoffee.com holds a single DMARC record",
    ] {
        assert!(said.contains(words), "{words} in {said}");
    }
    // Placed as the Problems tab places it: on this table, not in the
    // plan's DMARC settings.
    assert!(
        said.contains("\">DMARC reports › What receivers saw published</code>"),
        "{said}"
    );
    // Whichever of the two is read as the latest, each difference from
    // the plan is its own warning.
    assert!(
        found.matches("class=\"problem warning\"").count() >= 2,
        "{found}"
    );
    no_injected_markup(&html);
    // Reports that agree but for a tag one of them leaves out: no
    // disagreement.
    let html = render::<DmarcView>(view(outlook_with("p=none; pct=100"))).await;
    let part = element(&html, "dmarc-published", "section");
    assert!(!part.contains("Reporters saw different"), "{part}");
}

#[tokio::test]
async fn a_findings_open_button_can_focus_the_list_of_published_policies() {
    let html = render::<DmarcView>(view(store())).await;
    let table = element(&html, "dmarc-published-policies", "table");
    assert!(table.contains("tabindex=\"-1\""), "{table}");
}

#[tokio::test]
async fn source_addresses_keep_their_line_and_the_table_scrolls_instead() {
    // The help desk's source again, over IPv6 in a report of its own.
    let mut store = store();
    let mut again = Vec::new();
    for name in ["google.zip", "outlook.zip", "yahoo.xml.gz"] {
        for mut report in read_file(name, &fixture(name)).expect("the fixture reads") {
            report.rows.retain(|r| r.source_ip == "192.0.2.140");
            for row in &mut report.rows {
                row.source_ip = "2001:db8:ffff:4a::1:25".into();
                // Unsigned, so its DKIM side has no domain.
                row.dkim.clear();
            }
            report.report_id.push_str("-v6");
            again.push(report);
        }
    }
    assert!(again.iter().any(|r| !r.rows.is_empty()));
    for report in again {
        store.add(report);
    }
    let html = render::<DmarcView>(view(store)).await;
    let table = element(&html, "dmarc-unexplained", "table");
    let rows: Vec<&str> = table.split("<tr>").skip(2).collect();
    assert!(!rows.is_empty(), "{table}");
    // An IPv6 address among them, which would break at any colon.
    assert!(
        table.contains("<code>2001:db8:ffff:4a::1:25</code>"),
        "{table}"
    );
    for row in rows {
        assert!(
            row.starts_with("<th scope=\"row\" class=\"keep\"><code>"),
            "{row}"
        );
    }
    // Domains keep their line too, and a side without one says so.
    assert!(
        table.contains(
            "<td><span class=\"keep\">zendesk.com</span> · <span class=\"keep\">fernleafcoffee.com</span></td>"
        ),
        "{table}"
    );
    assert!(
        table.contains("<td>none · <span class=\"keep\">fernleafcoffee.com</span></td>"),
        "{table}"
    );
    assert!(!table.contains("<td> · "), "{table}");
    // What each may be keeps a readable width beside a long address.
    assert_eq!(
        table.matches("<td class=\"prose\">").count(),
        table.matches("<tr>").count() - 1,
        "{table}"
    );
    // The table scrolls inside its own region, which the keyboard reaches.
    let at = html.find("id=\"dmarc-unexplained\"").unwrap();
    let before = &html[..at];
    let region = &before[before.rfind("<div").unwrap()..];
    for attribute in [
        "class=\"table-scroll\"",
        "tabindex=\"0\"",
        "role=\"region\"",
        "aria-label=\"Unexplained sources\"",
    ] {
        assert!(region.contains(attribute), "{attribute} in {region}");
    }
}

/// What, the addresses with a button in the list left, the source, marked
/// not ours or taken back, and the ids to focus in turn.
type MarkCase<'a> = (&'a str, &'a [&'a str], &'a str, bool, &'a [&'a str]);

#[test]
fn marking_a_source_moves_the_focus_with_its_row() {
    use switchyard::ui::pages::dmarc::mark_focus;
    let cases: &[MarkCase] = &[
        (
            "marked: its Ours after all button, else the next Not ours",
            &["192.0.2.1", "192.0.2.2", "192.0.2.3"],
            "192.0.2.2",
            true,
            &[
                "dmarc-unmark-192.0.2.2",
                "dmarc-mark-192.0.2.3",
                "dmarc-mark-192.0.2.1",
                "dmarc-readiness-heading",
            ],
        ),
        (
            "the last marked: the one before",
            &["192.0.2.1", "192.0.2.2"],
            "192.0.2.2",
            true,
            &[
                "dmarc-unmark-192.0.2.2",
                "dmarc-mark-192.0.2.1",
                "dmarc-readiness-heading",
            ],
        ),
        (
            "taken back: its Not ours button, if it still blocks, else the next mark",
            &["2001:db8::1", "192.0.2.9"],
            "2001:db8::1",
            false,
            &[
                "dmarc-mark-2001:db8::1",
                "dmarc-unmark-192.0.2.9",
                "dmarc-readiness-heading",
            ],
        ),
        (
            "the only mark taken back: the heading",
            &["192.0.2.9"],
            "192.0.2.9",
            false,
            &["dmarc-mark-192.0.2.9", "dmarc-readiness-heading"],
        ),
    ];
    for &(what, leaves, ip, not_ours, ids) in cases {
        assert_eq!(mark_focus(leaves, ip, not_ours), ids, "{what}");
    }
}

#[tokio::test]
async fn the_mark_buttons_and_the_heading_take_the_focus() {
    use switchyard::ui::pages::dmarc::mark_button_id;
    let html = render::<DmarcView>(view(store())).await;
    let heading = super::support::tag(&html, "dmarc-readiness-heading");
    assert!(heading.contains("tabindex=\"-1\""), "{heading}");
    let mark = super::support::tag(&html, &mark_button_id("192.0.2.140", false));
    assert!(mark.contains("Mark 192.0.2.140 not ours"), "{mark}");
    // Marked, it is listed with its own button, and blocks no more.
    let mut marked = view(store());
    let mut plan = sample_plan();
    plan.dmarc.not_ours.push("192.0.2.140".into());
    marked.plan = Rc::new(plan);
    let html = render::<DmarcView>(marked).await;
    let unmark = super::support::tag(&html, &mark_button_id("192.0.2.140", true));
    assert!(
        unmark.contains("Take back: 192.0.2.140 is ours"),
        "{unmark}"
    );
    assert!(!html.contains(&format!("id=\"{}\"", mark_button_id("192.0.2.140", false))));
}
