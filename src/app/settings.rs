//! What the window remembers between runs (recent files, last view). Where files go and the
//! officer's own library file are the session's (`crate::session::files`), shared with the CLI.

use std::path::{Path, PathBuf};

pub use crate::session::files::*;

use serde::{Deserialize, Serialize};

use crate::ui::View;

pub const STORAGE_KEY: &str = "eduplan_settings";
const MAX_RECENT: usize = 8;

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub recent: Vec<PathBuf>,
    pub last_view: Option<View>,
    /// Word reports in the fonts of a bare Windows (仿宋, 楷体, 宋体) instead of the GB2312 set.
    pub report_fonts_windows: bool,
}

impl Settings {
    pub fn remember(&mut self, path: &Path) {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }
}
