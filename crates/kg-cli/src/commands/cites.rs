//! `kg cites`.

use crate::args::{CitesArgs, Global};
use anyhow::Result;
use std::io::Write;

/// Runs `kg cites`.
pub fn run(
    _global: &Global,
    _args: &CitesArgs,
    _out: &mut dyn Write,
    _err: &mut dyn Write,
    _color: bool,
) -> Result<u8> {
    anyhow::bail!("`kg cites` is not built yet")
}
