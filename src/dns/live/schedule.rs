//! The politeness model for queries to a public resolver, as plain state
//! the browser drives: at most four queries in flight, a timeout per query,
//! back-off on 429 and 5xx that honours `Retry-After`, and giving up on a
//! resolver that cannot be reached instead of hammering it. Times are
//! milliseconds passed in, so the model is tested without a clock.

use std::collections::VecDeque;

use chrono::NaiveDate;

use super::Question;

/// Most queries in flight at once.
pub const MAX_IN_FLIGHT: u32 = 4;

/// The limits the scheduler keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Politeness {
    pub max_in_flight: u32,
    /// How long one query may take before it counts as failed.
    pub timeout_ms: u64,
    /// Tries per question, the first included.
    pub max_attempts: u32,
    /// The first back-off; it doubles with each failed try.
    pub base_backoff_ms: u64,
    pub max_backoff_ms: u64,
    /// A `Retry-After` longer than this ends the check instead of waiting.
    pub max_wait_ms: u64,
    /// Failures to reach the resolver in a row after which the questions
    /// still waiting are given up.
    pub unreachable_after: u32,
}

impl Default for Politeness {
    fn default() -> Self {
        Politeness {
            max_in_flight: MAX_IN_FLIGHT,
            timeout_ms: 8_000,
            max_attempts: 4,
            base_backoff_ms: 1_000,
            max_backoff_ms: 16_000,
            max_wait_ms: 60_000,
            unreachable_after: 3,
        }
    }
}

/// How one try ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// HTTP 200 with an answer that reads.
    Answered,
    /// Any other HTTP status, with the `Retry-After` header if it was
    /// readable (browsers hide it unless the resolver exposes it).
    Http {
        status: u16,
        retry_after: Option<String>,
    },
    /// The request failed: offline, blocked, refused by the browser.
    Network(String),
    TimedOut,
    /// HTTP 200, but the body is not an answer.
    Unreadable(String),
}

/// A query to send now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Start {
    pub question: Question,
    /// 1 for the first try.
    pub attempt: u32,
}

/// What to do with a finished try.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finished {
    /// Keep the answer.
    Done,
    /// Asked again once `at_ms` has passed.
    Retry { at_ms: u64 },
    /// No answer will come: keep this reason as the question's failure.
    GaveUp(String),
    /// The question was not in flight (it already timed out); drop the result.
    Ignored,
}

#[derive(Clone, Debug)]
struct Waiting {
    question: Question,
    attempt: u32,
    not_before: u64,
}

#[derive(Clone, Debug)]
struct Flight {
    question: Question,
    attempt: u32,
    deadline: u64,
}

/// The queue of one check's questions.
#[derive(Clone, Debug)]
pub struct Scheduler {
    policy: Politeness,
    queue: VecDeque<Waiting>,
    in_flight: Vec<Flight>,
    /// The resolver asked for a pause: nothing starts before this.
    paused_until: u64,
    unreachable: u32,
    abandoned: Vec<(Question, String)>,
    sent: u32,
}

impl Scheduler {
    pub fn new(policy: Politeness) -> Scheduler {
        Scheduler {
            policy,
            queue: VecDeque::new(),
            in_flight: Vec::new(),
            paused_until: 0,
            unreachable: 0,
            abandoned: Vec::new(),
            sent: 0,
        }
    }

    pub fn policy(&self) -> Politeness {
        self.policy
    }

    /// Queues a question unless it is already queued or in flight.
    pub fn push(&mut self, question: Question) {
        let known = self.queue.iter().any(|w| w.question == question)
            || self.in_flight.iter().any(|f| f.question == question);
        if !known {
            self.queue.push_back(Waiting {
                question,
                attempt: 1,
                not_before: 0,
            });
        }
    }

    /// The queries to send at `now_ms`, at most enough to fill the slots,
    /// none while the resolver asked for a pause.
    pub fn start(&mut self, now_ms: u64) -> Vec<Start> {
        let mut started = Vec::new();
        if now_ms < self.paused_until {
            return started;
        }
        while (self.in_flight.len() as u32) < self.policy.max_in_flight {
            let Some(index) = self.queue.iter().position(|w| w.not_before <= now_ms) else {
                break;
            };
            let Some(next) = self.queue.remove(index) else {
                break;
            };
            self.in_flight.push(Flight {
                question: next.question.clone(),
                attempt: next.attempt,
                deadline: now_ms.saturating_add(self.policy.timeout_ms),
            });
            self.sent += 1;
            started.push(Start {
                question: next.question,
                attempt: next.attempt,
            });
        }
        started
    }

    /// Records how a try ended and says what to do with it.
    pub fn finish(&mut self, question: &Question, outcome: Outcome, now_ms: u64) -> Finished {
        let Some(index) = self.in_flight.iter().position(|f| f.question == *question) else {
            return Finished::Ignored;
        };
        let flight = self.in_flight.remove(index);
        let policy = self.policy;
        let backoff = policy
            .base_backoff_ms
            .saturating_mul(1 << (flight.attempt - 1).min(16))
            .min(policy.max_backoff_ms);
        let last = flight.attempt >= policy.max_attempts;
        match outcome {
            Outcome::Answered => {
                self.unreachable = 0;
                Finished::Done
            }
            Outcome::Http {
                status,
                retry_after,
            } if status == 429 || status >= 500 => {
                self.unreachable = 0;
                let asked = retry_after
                    .as_deref()
                    .and_then(|v| parse_retry_after(v, now_ms));
                if asked.is_some_and(|ms| ms > policy.max_wait_ms) {
                    return Finished::GaveUp(format!(
                        "the resolver asked to wait {} seconds (HTTP {status}); try again later or choose the other resolver",
                        asked.unwrap_or(0) / 1000
                    ));
                }
                let delay = asked.unwrap_or(0).max(backoff);
                let what = if status == 429 {
                    "is limiting queries (HTTP 429)".to_string()
                } else {
                    format!("is failing (HTTP {status})")
                };
                if last {
                    return Finished::GaveUp(format!(
                        "the resolver {what} after {} tries",
                        flight.attempt
                    ));
                }
                // Every query waits: the resolver asked this client to slow down.
                self.paused_until = self.paused_until.max(now_ms.saturating_add(delay));
                self.retry(flight, now_ms.saturating_add(delay))
            }
            Outcome::Http { status, .. } => {
                self.unreachable = 0;
                Finished::GaveUp(format!("the resolver refused the query (HTTP {status})"))
            }
            Outcome::Unreadable(why) => {
                self.unreachable = 0;
                Finished::GaveUp(why)
            }
            Outcome::Network(_) | Outcome::TimedOut => {
                let why = match outcome {
                    Outcome::TimedOut => {
                        format!("no answer within {} seconds", policy.timeout_ms / 1000)
                    }
                    Outcome::Network(why) => why,
                    _ => String::new(),
                };
                self.unreachable += 1;
                if self.unreachable >= policy.unreachable_after {
                    let reason = format!("the resolver could not be reached ({why})");
                    for waiting in self.queue.drain(..) {
                        self.abandoned.push((waiting.question, reason.clone()));
                    }
                    return Finished::GaveUp(reason);
                }
                if last {
                    return Finished::GaveUp(why);
                }
                self.retry(flight, now_ms.saturating_add(backoff))
            }
        }
    }

    fn retry(&mut self, flight: Flight, at_ms: u64) -> Finished {
        self.queue.push_back(Waiting {
            question: flight.question,
            attempt: flight.attempt + 1,
            not_before: at_ms,
        });
        Finished::Retry { at_ms }
    }

    /// Ends the tries whose time is up at `now_ms`, each as a timeout, and
    /// returns what to do with each.
    pub fn time_out(&mut self, now_ms: u64) -> Vec<(Question, Finished)> {
        let late: Vec<Question> = self
            .in_flight
            .iter()
            .filter(|f| f.deadline <= now_ms)
            .map(|f| f.question.clone())
            .collect();
        late.into_iter()
            .map(|q| {
                let finished = self.finish(&q, Outcome::TimedOut, now_ms);
                (q, finished)
            })
            .collect()
    }

    /// Questions given up without a try because the resolver is
    /// unreachable, with the reason; each is returned once.
    pub fn abandoned(&mut self) -> Vec<(Question, String)> {
        std::mem::take(&mut self.abandoned)
    }

    /// When something can next happen: a pause or back-off ending, or a
    /// query timing out; `None` when idle.
    pub fn wake_at(&self) -> Option<u64> {
        let queued = self
            .queue
            .iter()
            .map(|w| w.not_before.max(self.paused_until))
            .min();
        let deadlines = self.in_flight.iter().map(|f| f.deadline).min();
        match (queued, deadlines) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    pub fn is_idle(&self) -> bool {
        self.queue.is_empty() && self.in_flight.is_empty()
    }

    pub fn in_flight(&self) -> u32 {
        self.in_flight.len() as u32
    }

    pub fn queued(&self) -> u32 {
        self.queue.len() as u32
    }

    /// Tries sent so far, retries included.
    pub fn sent(&self) -> u32 {
        self.sent
    }
}

/// `Retry-After` in milliseconds from `now_ms`: delay seconds, or an
/// HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`); `None` if unreadable.
pub fn parse_retry_after(value: &str, now_ms: u64) -> Option<u64> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(seconds.saturating_mul(1000));
    }
    let parts: Vec<&str> = value.split_whitespace().collect();
    let [_, day, month, year, time, "GMT"] = parts.as_slice() else {
        return None;
    };
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    .iter()
    .position(|m| m == month)?;
    let mut clock = time.split(':').map(|p| p.parse::<u32>().ok());
    let (h, m, s) = (clock.next()??, clock.next()??, clock.next()??);
    let at = NaiveDate::from_ymd_opt(year.parse().ok()?, month as u32 + 1, day.parse().ok()?)?
        .and_hms_opt(h, m, s)?
        .and_utc()
        .timestamp_millis();
    Some(u64::try_from(at).ok()?.saturating_sub(now_ms))
}
