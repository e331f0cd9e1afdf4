//! The end-to-end tests of kg, one test binary: each module covers one area.

mod analyst;
mod audit;
mod cache;
mod check;
mod coverage;
mod docs;
mod documents;
mod export;
mod files;
mod import;
mod interop;
mod loader;
mod never_panics;
mod queries;
mod quotes;
mod tidy;
