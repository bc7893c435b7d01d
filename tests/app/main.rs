//! The program's tests, one binary (each test binary links the whole GUI): the command line,
//! the window driven headless, the files it writes and reads, the rules on hand-worked cases
//! and the tidiness checks. Run one part with `cargo test --test app cli::`.

mod common;

mod balance;
mod city;
mod cli;
mod closeout;
mod commitments;
mod exchange_trust;
mod extract;
mod gui;
mod gui_closeout;
mod gui_flows;
mod gui_meeting;
mod meeting_pages;
mod report;
mod rules;
mod schools;
mod storage;
mod tidy;
mod trust;
mod xlsx;
