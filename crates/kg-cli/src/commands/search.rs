//! `kg search`.

use crate::args::{Global, SearchArgs};
use anyhow::Result;
use std::io::Write;

/// Runs `kg search`.
pub fn run(
    _global: &Global,
    _args: &SearchArgs,
    _out: &mut dyn Write,
    _err: &mut dyn Write,
    _color: bool,
) -> Result<u8> {
    anyhow::bail!("`kg search` is not built yet")
}
