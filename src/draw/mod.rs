//! Drawing shared by the screen and paper: the colours and fonts (`theme`), the indicator
//! charts (`chart`), the meeting pages (`slides`) and those pages as a PDF (`pdf`).
//!
//! Architecture Invariant: this layer draws with egui and returns bytes; it never reads or
//! writes files and never depends on `crate::app` or `crate::ui` (the command line writes the
//! meeting PDF through it without the GUI).

pub mod chart;
pub mod pdf;
pub mod slides;
pub mod theme;
