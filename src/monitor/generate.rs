//! Deterministic SendGrid Event Webhook records, one per line, for the
//! import benchmarks: a month of mail through four IP pools to the big
//! mailbox providers, with the usual mix of events.

/// About `bytes` of records (whole lines), from `seed`.
pub fn sendgrid_ndjson(bytes: usize, seed: u64) -> Vec<u8> {
    const POOLS: [&str; 4] = ["transactional", "flows", "promo", "vip"];
    const DOMAINS: [&str; 6] = [
        "gmail.com",
        "yahoo.com",
        "outlook.com",
        "hotmail.com",
        "icloud.com",
        "example.org",
    ];
    // Of 100 events: what each is.
    const MIX: [(&str, u64); 8] = [
        ("processed", 34),
        ("delivered", 33),
        ("open", 18),
        ("click", 5),
        ("bounce", 2),
        ("deferred", 5),
        ("spamreport", 1),
        ("unsubscribe", 2),
    ];
    let mut state = seed | 1;
    let mut next = move || {
        // xorshift64*: fast and fixed, so every run reads the same file.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    let mut out = Vec::with_capacity(bytes + 512);
    let mut i = 0u64;
    while out.len() < bytes {
        let r = next();
        let pool = POOLS[(r % 4) as usize];
        let domain = DOMAINS[((r >> 8) % 6) as usize];
        let mut pick = (r >> 16) % 100;
        let event = MIX
            .iter()
            .find(|(_, share)| {
                let hit = pick < *share;
                pick = pick.saturating_sub(*share);
                hit
            })
            .map_or("delivered", |(e, _)| *e);
        let day = (r >> 24) % 30;
        let timestamp = 1_803_859_200 + day * 86_400 + (r >> 40) % 86_400;
        let extra = match event {
            "bounce" if r % 3 == 0 => {
                r#","type":"blocked","reason":"421 4.7.0 try again later","status":"4.7.0""#
            }
            "bounce" => r#","type":"bounce","reason":"550 5.1.1 user unknown","status":"5.1.1""#,
            "processed" => "",
            "open" => r#","useragent":"Mozilla/5.0","sg_machine_open":false"#,
            "click" => r#","url":"https://brand.example/products?utm_source=email""#,
            _ => r#","response":"250 2.0.0 OK""#,
        };
        let line = format!(
            r#"{{"email":"user{}@{domain}","timestamp":{timestamp},"event":"{event}","sg_event_id":"ev{i:012}","sg_message_id":"m{}.filter","pool":{{"name":"{pool}","id":{}}},"category":["{pool}"]{extra}}}"#,
            r % 1_000_000,
            i / 3,
            r % 4 + 1
        );
        out.extend_from_slice(line.as_bytes());
        out.push(b'\n');
        i += 1;
    }
    out
}
