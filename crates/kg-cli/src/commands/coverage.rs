//! `kg coverage`.

use crate::args::{CoverageArgs, Global};
use anyhow::Result;
use std::io::Write;

/// Runs `kg coverage`.
pub fn run(
    _global: &Global,
    _args: &CoverageArgs,
    _out: &mut dyn Write,
    _err: &mut dyn Write,
    _color: bool,
) -> Result<u8> {
    anyhow::bail!("`kg coverage` is not built yet")
}
