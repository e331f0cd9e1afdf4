//! `kg provenance`.

use crate::args::{Global, ProvenanceArgs};
use anyhow::Result;
use std::io::Write;

/// Runs `kg provenance`.
pub fn run(
    _global: &Global,
    _args: &ProvenanceArgs,
    _out: &mut dyn Write,
    _err: &mut dyn Write,
    _color: bool,
) -> Result<u8> {
    anyhow::bail!("`kg provenance` is not built yet")
}
