//! `kg stats`.

use crate::args::Global;
use anyhow::Result;
use std::io::Write;

/// Runs `kg stats`.
pub fn run(
    _global: &Global,
    _out: &mut dyn Write,
    _err: &mut dyn Write,
    _color: bool,
) -> Result<u8> {
    anyhow::bail!("`kg stats` is not built yet")
}
