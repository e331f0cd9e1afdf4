//! The end-to-end tests of kg, one test binary: each module covers one area.

mod check;
mod docs;
mod never_panics;
mod quotes;
