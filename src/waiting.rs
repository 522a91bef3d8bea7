//! Waiting for a lock another fieldnotes holds: quietly for a moment, then saying so, and
//! giving up after two minutes rather than hanging.

use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// How long to wait quietly before telling the user, and before giving up.
const QUIET: Duration = Duration::from_secs(1);
const PATIENCE: Duration = Duration::from_secs(120);

/// Calls `attempt` until it gets the lock (`Some`); `doing` says what the other fieldnotes is
/// busy with ("writing to this notebook"), for `notice` after a second and for the error
/// after two minutes.
pub fn patiently<T>(
    mut attempt: impl FnMut() -> Result<Option<T>>,
    notice: &dyn Fn(&str),
    doing: &str,
) -> Result<T> {
    let started = Instant::now();
    let mut told = false;
    loop {
        if let Some(held) = attempt()? {
            return Ok(held);
        }
        let waited = started.elapsed();
        if waited >= QUIET && !told {
            notice(&format!(
                "fieldnotes: waiting for another fieldnotes to finish {doing}"
            ));
            told = true;
        }
        if waited >= PATIENCE {
            return Err(Error::invalid(
                format!(
                    "another fieldnotes has been {doing} for {} seconds; nothing was done",
                    PATIENCE.as_secs()
                ),
                "try again once it is done (a sync or an import can take a while), or end it",
            ));
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}
