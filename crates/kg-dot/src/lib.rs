//! kg-dot
