//! Arithmetic: figures that do not add up. Rates (CAGR, growth, multiples) against the
//! figures at both ends, shares against sizes and mixes against 100 %, parameters against
//! each other and against a mixture of experts' name.

mod parameters;
mod rates;
mod shares;

pub(super) use parameters::{active_vs_total, moe_names};
pub(super) use rates::{cagr, growth, multiples};
pub(super) use shares::{mixes, share_vs_sizes};
