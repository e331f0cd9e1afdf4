//! `kg lineage`.

use crate::args::{Global, LineageArgs};
use anyhow::Result;
use std::io::Write;

/// Runs `kg lineage`.
pub fn run(
    _global: &Global,
    _args: &LineageArgs,
    _out: &mut dyn Write,
    _err: &mut dyn Write,
    _color: bool,
) -> Result<u8> {
    anyhow::bail!("`kg lineage` is not built yet")
}
