//! `kg path`.

use crate::args::{Global, PathArgs};
use anyhow::Result;
use std::io::Write;

/// Runs `kg path`.
pub fn run(
    _global: &Global,
    _args: &PathArgs,
    _out: &mut dyn Write,
    _err: &mut dyn Write,
    _color: bool,
) -> Result<u8> {
    anyhow::bail!("`kg path` is not built yet")
}
