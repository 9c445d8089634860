//! SPF (RFC 7208): record syntax, macros and `check_host()` over a resolver.

mod eval;
mod lint;
mod macros;
mod record;

pub use eval::{
    check_host, reverse_name, SpfOutcome, SpfQuery, SpfResult, MAX_DNS_TERMS, MAX_VOID_LOOKUPS,
};
pub use lint::{
    lint_spf, lint_spf_in, KnownInclude, SpfReader, KNOWN_INCLUDES, MAX_RECORD, MAX_STRING,
};
pub use macros::{MacroItem, MacroString};
pub use record::{
    is_spf_record, parse_record, Directive, Mechanism, Qualifier, SpfRecord, SyntaxError,
};
