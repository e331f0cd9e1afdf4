//! `kg show`.

use crate::args::{Global, ShowArgs};
use anyhow::Result;
use std::io::Write;

/// Runs `kg show`.
pub fn run(
    _global: &Global,
    _args: &ShowArgs,
    _out: &mut dyn Write,
    _err: &mut dyn Write,
    _color: bool,
) -> Result<u8> {
    anyhow::bail!("`kg show` is not built yet")
}
