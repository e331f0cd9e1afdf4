//! The dataset compiled into the binary from graph-data/ by build.rs.

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
