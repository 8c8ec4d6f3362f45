//! Mercato: football transfer news, read by a machine.
//!
//! The core (corpus loading, extraction, the model, search and countdown maths) never touches
//! the terminal or the clock; the TUI and the CLI are thin layers over it.

pub mod calendar;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod countdown;
pub mod desk;
pub mod export;
pub mod extract;
pub mod facts;
pub mod feed;
pub mod fetch;
pub mod fulltext;
pub mod gazetteer;
pub mod intel;
pub mod library;
pub mod model;
pub mod progress;
pub mod sanitize;
pub mod search;
pub mod store;
pub mod text;
#[cfg(feature = "tui")]
pub mod tui;
