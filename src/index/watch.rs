//! Keeping an index current without looking at every file: a watcher process follows the
//! notebook's changes as the system reports them and brings the index up to date, so that a
//! search only has to ask it "is everything you have heard of indexed?".
//!
//! The answer is trustworthy because of ordering. The system queues change events in the
//! order the changes happen, on one queue per watcher. When asked, the watcher writes a marker
//! file in a folder it also watches, and answers once the marker's own event comes through:
//! every change made before the question was asked has then been seen, and indexed. (Git's
//! file system monitor and watchman use the same "cookie" handshake.)

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

use super::SearchIndex;
use crate::error::{Error, Result};
use crate::notebook::Notebook;

const SOCKET: &str = "watch.sock";
const COOKIES: &str = "cookies";

/// How long a search waits quietly for the watcher's answer, and how long in all before it
/// looks at the files itself (a watcher suspended with Ctrl-Z never answers).
const QUIET: Duration = Duration::from_secs(1);
const PATIENCE: Duration = Duration::from_secs(10);

/// Asks the watcher of the index in `folder`, if one runs, to confirm the index is current.
/// `false` when there is no watcher or it did not answer; the caller then checks the files.
pub fn confirmed_current(folder: &Path, notice: &dyn Fn(&str)) -> bool {
    let Ok(mut stream) = UnixStream::connect(folder.join(SOCKET)) else {
        return false;
    };
    if stream.write_all(b"sync\n").is_err() {
        return false;
    }
    let mut reader = BufReader::new(stream);
    let mut answer = String::new();
    for (wait, last) in [(QUIET, false), (PATIENCE - QUIET, true)] {
        if reader.get_ref().set_read_timeout(Some(wait)).is_err() {
            return false;
        }
        match reader.read_line(&mut answer) {
            Ok(_) => return answer.trim() == "current",
            Err(_) if !last => {
                notice("fieldnotes: waiting for `fieldnotes watch` to finish indexing")
            }
            Err(_) => {}
        }
    }
    notice(
        "fieldnotes: `fieldnotes watch` does not answer (is it suspended?); checking the files instead",
    );
    false
}

enum Message {
    Changed(notify::Result<notify::Event>),
    Asked(UnixStream),
}

/// Watches `notebook` and keeps its index current until the process is stopped. `notice`
/// gets a line for each refresh that changed something.
pub fn serve(notebook: &Notebook, cache: &Path, notice: &dyn Fn(&str)) -> Result<()> {
    let (index, _) = SearchIndex::open(notebook, cache, notice)?;
    let folder = index.folder().to_path_buf();
    let failed = |message: String| Error::Index {
        path: folder.clone(),
        message,
    };
    let alone = std::fs::File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(folder.join("watch.lock"))
        .map_err(|e| failed(e.to_string()))?;
    if alone.try_lock().is_err() {
        return Err(Error::Invalid {
            message: format!(
                "another `fieldnotes watch` is already watching {}",
                notebook.root.display()
            ),
            help: Some("one watcher per notebook is enough: searches already use it".into()),
        });
    }
    let cookies = folder.join(COOKIES);
    std::fs::create_dir_all(&cookies).map_err(|e| failed(e.to_string()))?;
    let (send, receive) = mpsc::channel();
    let events = send.clone();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = events.send(Message::Changed(event));
    })
    .map_err(|e| failed(format!("cannot watch the notebook: {e}")))?;
    // Cookies first: a question can only be answered once its folder is watched.
    for (path, mode) in [
        (&cookies, RecursiveMode::NonRecursive),
        (&notebook.root, RecursiveMode::Recursive),
    ] {
        watcher
            .watch(path, mode)
            .map_err(|e| failed(format!("cannot watch {}: {e}", path.display())))?;
    }
    let socket = folder.join(SOCKET);
    let _ = std::fs::remove_file(&socket);
    let listener =
        UnixListener::bind(&socket).map_err(|e| failed(format!("cannot listen: {e}")))?;
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            if send.send(Message::Asked(stream)).is_err() {
                break;
            }
        }
    });
    let mut pending = Pending {
        // Changes made between the first refresh and the watch starting are caught here.
        everything: true,
        paths: HashSet::new(),
    };
    let mut waiting: Vec<(PathBuf, UnixStream)> = Vec::new();
    let mut next_cookie = 0u64;
    loop {
        // Refresh once changes pause, so searches rarely wait for indexing.
        let message = match receive.recv_timeout(Duration::from_millis(200)) {
            Ok(message) => Some(message),
            Err(mpsc::RecvTimeoutError::Timeout) => None,
            Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
        };
        match message {
            None => pending.apply(&index, notice)?,
            Some(Message::Asked(stream)) => {
                next_cookie += 1;
                let cookie = cookies.join(format!("{}-{next_cookie}", std::process::id()));
                if std::fs::write(&cookie, b"").is_ok() {
                    waiting.push((cookie, stream));
                }
            }
            Some(Message::Changed(Ok(event))) => {
                let answered: Vec<usize> = (0..waiting.len())
                    .filter(|&i| event.paths.contains(&waiting[i].0))
                    .collect();
                pending.note(&notebook.root, &event);
                for i in answered.into_iter().rev() {
                    let (cookie, mut stream) = waiting.swap_remove(i);
                    let _ = std::fs::remove_file(&cookie);
                    pending.apply(&index, notice)?;
                    let _ = stream.write_all(b"current\n");
                }
            }
            Some(Message::Changed(Err(_))) => pending.everything = true,
        }
    }
}

/// Changes heard of and not yet indexed.
struct Pending {
    /// Look at every file: the system lost track, or what counts as a note changed.
    everything: bool,
    /// Where changes happened.
    paths: HashSet<PathBuf>,
}

impl Pending {
    fn note(&mut self, root: &Path, event: &notify::Event) {
        // Reading a file (as every search does with the settings) changes nothing.
        if matches!(event.kind, notify::EventKind::Access(_)) {
            return;
        }
        if event.need_rescan() {
            self.everything = true;
        }
        for path in event.paths.iter().filter(|p| concerns_notes(root, p)) {
            if is_ignore_file(path) {
                self.everything = true;
            } else {
                self.paths.insert(path.clone());
            }
        }
    }

    fn apply(&mut self, index: &SearchIndex, notice: &dyn Fn(&str)) -> Result<()> {
        if self.everything {
            report(&index.refresh(notice)?, notice);
        } else if !self.paths.is_empty() {
            report(&index.refresh_around(&self.paths, notice)?, notice);
        }
        self.everything = false;
        self.paths.clear();
        Ok(())
    }
}

/// Whether a change at `path` can affect the notes: anything in the notebook outside hidden
/// folders, and `.gitignore` files, which decide what counts as a note.
fn concerns_notes(root: &Path, path: &Path) -> bool {
    let Ok(inside) = path.strip_prefix(root) else {
        return false;
    };
    let hidden = |c: Component| c.as_os_str().to_string_lossy().starts_with('.');
    is_ignore_file(path) || !inside.components().any(hidden)
}

/// Files whose rules decide which files are notes, as the notebook's walk reads them.
fn is_ignore_file(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n == ".gitignore" || n == ".ignore")
}

fn report(refresh: &super::Refresh, notice: &dyn Fn(&str)) {
    if refresh.read + refresh.removed > 0 {
        notice(&format!(
            "fieldnotes: indexed {} changed files, {} removed; {} notes",
            refresh.read, refresh.removed, refresh.notes
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_changes_to_notes_and_ignore_rules_matter() {
        let root = Path::new("/nb");
        assert!(concerns_notes(
            root,
            Path::new("/nb/study/2024-01-01-a.yaml")
        ));
        assert!(concerns_notes(root, Path::new("/nb/study")));
        assert!(concerns_notes(root, Path::new("/nb/.gitignore")));
        assert!(!concerns_notes(root, Path::new("/nb/.git/index.lock")));
        assert!(!concerns_notes(root, Path::new("/nb/study/.a.yaml.swp")));
        assert!(!concerns_notes(root, Path::new("/elsewhere/a.yaml")));
    }
}
