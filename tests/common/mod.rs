//! Helpers shared by integration tests. Each test crate uses part of them.

#![allow(dead_code)]

pub mod big_model;
pub mod contracts;
pub mod hostile;
pub mod http;
pub mod tmux;
