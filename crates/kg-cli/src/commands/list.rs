//! `kg list`.

use crate::args::{Global, ListArgs};
use anyhow::Result;
use std::io::Write;

/// Runs `kg list`.
pub fn run(
    _global: &Global,
    _args: &ListArgs,
    _out: &mut dyn Write,
    _err: &mut dyn Write,
    _color: bool,
) -> Result<u8> {
    anyhow::bail!("`kg list` is not built yet")
}
