//! The browser's end of the published-DNS check: `use_live_dns` holds the
//! session's DoH answers, the user's consent and resolver choice (the
//! choice kept in local storage under `switchyard.live-dns.resolver`, never
//! in the plan), and runs a check with `fetch` as the core's politeness
//! model says: rounds of the same checks over the cache, each round's
//! missing questions fetched at most four at a time, with back-off and a
//! timeout per query. Nothing is sent until the user turns checking on and
//! asks for a check.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use super::persist::{keep_beside, read_beside};
use crate::dns::live::{
    check, proof, read_answer, Cache, DohAnswer, Finished, LiveProof, LiveReport, Outcome,
    Politeness, Provider, Question, Scheduler, MAX_QUESTIONS, MAX_ROUNDS,
};
use crate::plan::model::Plan;
use crate::review::findings::DnsKey;

/// Where the resolver choice is kept.
const RESOLVER_KEY: &str = "switchyard.live-dns.resolver";
/// How often the driver looks at finished queries, in milliseconds.
const TICK_MS: i32 = 40;

/// A check under way: answers had and questions asked so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progress {
    pub answered: u32,
    pub asked: u32,
    pub round: u32,
}

#[derive(Clone, PartialEq)]
pub struct LiveState {
    pub enabled: bool,
    pub provider: Provider,
    pub cache: Rc<Cache>,
    pub running: Option<Progress>,
    /// When the last finished check started, in milliseconds since 1970.
    pub checked_ms: Option<u64>,
    /// Why the last check could not run at all.
    pub blocked: Option<AttrValue>,
    run: u32,
}

pub enum LiveAction {
    Enable(bool),
    Choose(Provider),
    Started(u32),
    Progress(u32, Progress),
    Finished {
        run: u32,
        cache: Rc<Cache>,
        at_ms: u64,
    },
    Blocked(u32, String),
}

impl Reducible for LiveState {
    type Action = LiveAction;

    fn reduce(self: Rc<Self>, action: LiveAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            LiveAction::Enable(on) => {
                next.enabled = on;
                if !on {
                    // Turning it off stops a check at its next step.
                    next.run += 1;
                    next.running = None;
                }
            }
            LiveAction::Choose(provider) => {
                next.provider = provider;
                next.run += 1;
                next.running = None;
                // Answers from one resolver are not shown as the other's.
                next.cache = Rc::default();
                next.checked_ms = None;
            }
            LiveAction::Started(run) => {
                next.run = run;
                next.blocked = None;
                next.running = Some(Progress {
                    answered: 0,
                    asked: 0,
                    round: 1,
                });
            }
            LiveAction::Progress(run, progress) if run == self.run => next.running = Some(progress),
            LiveAction::Finished { run, cache, at_ms } if run == self.run => {
                next.running = None;
                next.cache = cache;
                next.checked_ms = Some(at_ms);
            }
            LiveAction::Blocked(run, why) if run == self.run => {
                next.running = None;
                next.blocked = Some(why.into());
            }
            _ => return self,
        }
        Rc::new(next)
    }
}

/// The check's state, its report over the plan on screen, and what it
/// proves for the checklist.
#[derive(Clone)]
pub struct LiveDnsHandle {
    pub state: UseReducerHandle<LiveState>,
    pub report: Option<Rc<LiveReport>>,
    /// What the check proves: the lanes' evidence and the DMARC record
    /// found.
    pub proof: Rc<LiveProof>,
    plan: Rc<Plan>,
    /// Grows whenever a running check must stop: checking turned off or
    /// another resolver chosen.
    stops: Rc<RefCell<u32>>,
}

impl PartialEq for LiveDnsHandle {
    fn eq(&self, other: &Self) -> bool {
        // The handles compare the state they were made with; their values
        // are always the latest.
        self.state == other.state
            && self.report == other.report
            && Rc::ptr_eq(&self.plan, &other.plan)
    }
}

impl LiveDnsHandle {
    pub fn enable(&self, on: bool) {
        if !on {
            *self.stops.borrow_mut() += 1;
        }
        self.state.dispatch(LiveAction::Enable(on));
    }

    pub fn choose(&self, provider: Provider) {
        *self.stops.borrow_mut() += 1;
        keep_beside(RESOLVER_KEY, &provider, false);
        self.state.dispatch(LiveAction::Choose(provider));
    }

    /// Starts a check of the plan on screen, unless one is running or
    /// checking is off.
    pub fn check(&self) {
        let state = &*self.state;
        if !state.enabled || state.running.is_some() {
            return;
        }
        let run = state.run + 1;
        let dispatcher = self.state.dispatcher();
        dispatcher.dispatch(LiveAction::Started(run));
        let (plan, cache, provider) = (self.plan.clone(), (*state.cache).clone(), state.provider);
        let stop = Stop {
            stops: self.stops.clone(),
            at: *self.stops.borrow(),
        };
        wasm_bindgen_futures::spawn_local(run_check(plan, cache, provider, run, dispatcher, stop));
    }
}

#[hook]
pub fn use_live_dns(plan: Rc<Plan>) -> LiveDnsHandle {
    let state = use_reducer(|| LiveState {
        enabled: false,
        provider: read_beside::<Option<Provider>>(RESOLVER_KEY).unwrap_or(Provider::Google),
        cache: Rc::default(),
        running: None,
        checked_ms: None,
        blocked: None,
        run: 0,
    });
    let report = {
        let plan = plan.clone();
        use_memo(
            (
                DnsKey::of(&plan),
                CacheRef(state.cache.clone()),
                state.checked_ms,
                state.provider,
            ),
            move |(_, cache, at, provider)| {
                at.map(|at| Rc::new(check(&plan, &cache.0, *provider, at)))
            },
        )
    };
    let report = (*report).clone();
    let proof = use_memo(report.clone(), |report| {
        report.as_ref().map(|r| proof(r)).unwrap_or_default()
    });
    let stops = use_mut_ref(|| 0u32);
    LiveDnsHandle {
        state,
        report,
        proof,
        plan,
        stops,
    }
}

/// Tells a running check that it must stop.
struct Stop {
    stops: Rc<RefCell<u32>>,
    at: u32,
}

impl Stop {
    fn requested(&self) -> bool {
        *self.stops.borrow() != self.at
    }
}

/// The cache, equal only to itself, so memos do not compare every answer.
#[derive(Clone)]
struct CacheRef(Rc<Cache>);

impl PartialEq for CacheRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

type Dispatch = UseReducerDispatcher<LiveState>;

fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

fn offline() -> bool {
    web_sys::window().is_some_and(|w| !w.navigator().on_line())
}

/// Rounds of the checks over the cache, each round's missing questions
/// fetched, until nothing is missing.
async fn run_check(
    plan: Rc<Plan>,
    mut cache: Cache,
    provider: Provider,
    run: u32,
    dispatch: Dispatch,
    stop: Stop,
) {
    if offline() {
        dispatch.dispatch(LiveAction::Blocked(
            run,
            "This browser is offline, so nothing was sent. The planned-zone results stay as they are; check again once you are online.".into(),
        ));
        return;
    }
    let started = now_ms();
    let mut progress = Progress {
        answered: 0,
        asked: 0,
        round: 1,
    };
    for round in 1..=MAX_ROUNDS {
        let report = check(&plan, &cache, provider, started);
        if report.complete() || progress.asked >= MAX_QUESTIONS {
            break;
        }
        let mut scheduler = Scheduler::new(Politeness::default());
        for question in report
            .missing
            .into_iter()
            .take((MAX_QUESTIONS - progress.asked) as usize)
        {
            scheduler.push(question);
            progress.asked += 1;
        }
        progress.round = round;
        dispatch.dispatch(LiveAction::Progress(run, progress.clone()));
        let round = Round {
            provider,
            run,
            dispatch: &dispatch,
            stop: &stop,
        };
        if !drive(&mut scheduler, &mut cache, round, &mut progress).await {
            return;
        }
    }
    dispatch.dispatch(LiveAction::Finished {
        run,
        cache: Rc::new(cache),
        at_ms: started,
    });
}

/// What a finished fetch brought back.
type Done = Rc<RefCell<Vec<(Question, Outcome, Option<DohAnswer>)>>>;

/// What one round's driver needs besides the queue and the cache.
struct Round<'a> {
    provider: Provider,
    run: u32,
    dispatch: &'a Dispatch,
    stop: &'a Stop,
}

/// Runs one round's queue to the end; false if the check was stopped.
async fn drive(
    scheduler: &mut Scheduler,
    cache: &mut Cache,
    round: Round<'_>,
    progress: &mut Progress,
) -> bool {
    let Round {
        provider,
        run,
        dispatch,
        stop,
    } = round;
    let done: Done = Rc::default();
    let timeout = scheduler.policy().timeout_ms;
    loop {
        let now = now_ms();
        let finished: Vec<_> = done.borrow_mut().drain(..).collect();
        let mut changed = false;
        for (question, outcome, answer) in finished {
            match (scheduler.finish(&question, outcome, now), answer) {
                (Finished::Done, Some(answer)) => cache.insert_answer(question, answer, now),
                (Finished::GaveUp(why), _) => cache.insert_failure(question, why, now),
                _ => continue,
            }
            progress.answered += 1;
            changed = true;
        }
        for (question, finished) in scheduler.time_out(now) {
            if let Finished::GaveUp(why) = finished {
                cache.insert_failure(question, why, now);
                progress.answered += 1;
                changed = true;
            }
        }
        for (question, why) in scheduler.abandoned() {
            cache.insert_failure(question, why, now);
            progress.answered += 1;
            changed = true;
        }
        if changed {
            dispatch.dispatch(LiveAction::Progress(run, progress.clone()));
        }
        if scheduler.is_idle() {
            return true;
        }
        for start in scheduler.start(now) {
            let done = done.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let (outcome, answer) = fetch(provider, &start.question, timeout).await;
                done.borrow_mut().push((start.question, outcome, answer));
            });
        }
        super::sleep(TICK_MS).await;
        if stop.requested() {
            return false;
        }
    }
}

/// One query: the answer, or how it failed.
async fn fetch(
    provider: Provider,
    question: &Question,
    timeout_ms: u64,
) -> (Outcome, Option<DohAnswer>) {
    let Some(window) = web_sys::window() else {
        return (Outcome::Network("no window".into()), None);
    };
    let init = web_sys::RequestInit::new();
    init.set_method("GET");
    let headers = web_sys::Headers::new().ok();
    if let Some(headers) = &headers {
        let _ = headers.set("accept", provider.accept());
        init.set_headers(headers);
    }
    // The page's address is not the resolver's business.
    init.set_referrer_policy(web_sys::ReferrerPolicy::NoReferrer);
    let signal = web_sys::AbortSignal::timeout_with_u32(timeout_ms.min(u64::from(u32::MAX)) as u32);
    init.set_signal(Some(&signal));
    let url = provider.url(question);
    let response = match JsFuture::from(window.fetch_with_str_and_init(&url, &init)).await {
        Ok(value) => value.unchecked_into::<web_sys::Response>(),
        Err(error) => return (failure(&error), None),
    };
    let status = response.status();
    if status != 200 {
        let retry_after = response.headers().get("retry-after").ok().flatten();
        return (
            Outcome::Http {
                status,
                retry_after,
            },
            None,
        );
    }
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise).await,
        Err(error) => Err(error),
    };
    let Some(text) = text.ok().and_then(|t| t.as_string()) else {
        return (
            Outcome::Network("the answer could not be read".into()),
            None,
        );
    };
    match read_answer(
        &text,
        &format!("{}: {}", provider.host(), question.describe()),
    ) {
        Ok(answer) => (Outcome::Answered, Some(answer)),
        Err(d) => (Outcome::Unreadable(d.message), None),
    }
}

/// A rejected fetch: a timeout, or the network or browser refusing.
fn failure(error: &wasm_bindgen::JsValue) -> Outcome {
    let name = js_sys::Reflect::get(error, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    if name == "TimeoutError" || name == "AbortError" {
        return Outcome::TimedOut;
    }
    let message = js_sys::Reflect::get(error, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_else(|| "the request failed".into());
    Outcome::Network(format!(
        "{message}; offline, or blocked by a firewall or extension"
    ))
}
