//! `kg export`.

use crate::args::{ExportArgs, Global};
use anyhow::Result;
use std::io::Write;

/// Runs `kg export`.
pub fn run(
    _global: &Global,
    _args: &ExportArgs,
    _out: &mut dyn Write,
    _err: &mut dyn Write,
    _color: bool,
) -> Result<u8> {
    anyhow::bail!("`kg export` is not built yet")
}
