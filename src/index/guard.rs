//! The one boundary between fieldnotes and Tantivy. Tantivy trusts its files: garbage in one
//! can make it panic (a length read from the garbage, a slice past the end) as well as fail.
//! Every public operation of the index runs inside [`caught`], which turns such a panic into
//! an [`Error::Index`] like any other damage, so callers rebuild the index instead of dying,
//! and nothing is printed over the terminal UI.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::Once;

use crate::error::{Error, Result};

thread_local! {
    /// How many [`caught`] calls this thread is inside.
    static CATCHING: Cell<usize> = const { Cell::new(0) };
}

/// Whether a panic on this thread now will be caught by the index and reported as damage, so
/// a panic hook should neither print it nor give the terminal back.
pub fn catching() -> bool {
    CATCHING.get() > 0
        || std::thread::current()
            .name()
            .is_some_and(|name| TANTIVY_THREADS.iter().any(|t| name.starts_with(t)))
}

/// Tantivy's own threads, which catch their panics and hand them to the caller as errors.
/// Not its segment updater: a panic there ends the process, so the terminal must be given
/// back and the reason printed.
const TANTIVY_THREADS: [&str; 2] = ["thrd-tantivy-index", "merge_thread_"];

/// Runs `work` on the index in `folder`; a panic inside it comes back as an error, unprinted.
pub(super) fn caught<T>(folder: &Path, work: impl FnOnce() -> Result<T>) -> Result<T> {
    quiet_hook();
    CATCHING.set(CATCHING.get() + 1);
    // What a panic leaves half-done belongs to an index that is rebuilt before it is used
    // again; the locks it held are released as it unwinds.
    let outcome = catch_unwind(AssertUnwindSafe(work));
    CATCHING.set(CATCHING.get() - 1);
    outcome.unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "Tantivy stopped".into());
        Err(Error::Index {
            path: folder.to_path_buf(),
            message,
        })
    })
}

/// Makes the panic hook, whichever one the program set, skip panics that are caught here.
/// Installed once, on first use, around the hook of that moment; a hook set later (the
/// terminal UI's) asks [`catching`] itself.
fn quiet_hook() {
    static INSTALLED: Once = Once::new();
    INSTALLED.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !catching() {
                previous(info);
            }
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_inside_becomes_an_index_error_and_nesting_is_counted() {
        let folder = Path::new("/index");
        let outcome: Result<()> = caught(folder, || {
            assert!(catching());
            let inner: Result<()> = caught(folder, || panic!("mid > len"));
            assert!(catching(), "still inside the outer call");
            inner
        });
        match outcome {
            Err(Error::Index { path, message }) => {
                assert_eq!((path.as_path(), message.as_str()), (folder, "mid > len"));
            }
            other => panic!("{other:?}"),
        }
        assert!(!catching());
        assert_eq!(caught(folder, || Ok(7)).ok(), Some(7));
    }
}
