//! The index built off the UI thread: a background thread builds it shortly after the language is chosen, so the
//! first frame never waits for it (nor shares the CPU with it); the first search uses it, or waits for (or does)
//! the build if it is not done.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use super::SearchIndex;
use crate::content::Content;

/// How long the background build waits before starting: the window's first frame is painted by then (0.28 s in
/// packaging/measure.sh), so start-up keeps both cores; a search typed sooner builds the index itself.
const START_DELAY: Duration = Duration::from_millis(500);

/// A search index being built in the background.
#[derive(Clone, Debug, Default)]
pub struct LazyIndex {
    cell: Arc<OnceLock<SearchIndex>>,
}

impl LazyIndex {
    /// Starts building the index of `content` (and `english`) on a background thread. If no thread can be started,
    /// the first search builds it.
    pub fn spawn(content: &Content, english: Option<&Content>) -> Self {
        let lazy = Self::default();
        let cell = Arc::clone(&lazy.cell);
        let content = content.clone();
        let english = english.cloned();
        let spawned = std::thread::Builder::new()
            .name("search-index".into())
            .spawn(move || {
                std::thread::sleep(START_DELAY);
                cell.get_or_init(|| SearchIndex::build(&content, english.as_ref()));
            });
        if let Err(err) = spawned {
            eprintln!("harbor: search index will be built on first use ({err})");
        }
        lazy
    }

    /// The index if the background build has finished.
    pub fn ready(&self) -> Option<&SearchIndex> {
        self.cell.get()
    }

    /// The index: waits for the background build if it is under way, builds it here if it never started.
    pub fn get_or_build(&self, content: &Content, english: Option<&Content>) -> &SearchIndex {
        self.cell
            .get_or_init(|| SearchIndex::build(content, english))
    }
}
