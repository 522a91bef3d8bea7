//! Keeping an index current without looking at every file: a watcher (`fieldnotes watch`, or
//! a thread of a program that also searches) follows the notebook's changes as the system
//! reports them and brings the index up to date, so that a search only has to ask it "is
//! everything you have heard of indexed?". One watcher per notebook answers that question.
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
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

use super::lock::{Held, IndexLock};
use super::{Refresh, SearchIndex};
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

/// How often the loop looks at `stop` when nothing happens, and how long changes must pause
/// before they are indexed (so searches rarely wait for indexing).
const TICK: Duration = Duration::from_millis(200);

/// Watches `notebook` and keeps its index current until the process is stopped, answering
/// searches that ask whether it is current. `notice` gets a line for each refresh that
/// changed something. Refuses to start when another watcher serves the notebook.
pub fn serve(notebook: &Notebook, cache: &Path, notice: &dyn Fn(&str)) -> Result<()> {
    let (index, _) = SearchIndex::open(notebook, cache, notice)?;
    let Some(alone) = watch_lock(index.folder())? else {
        return Err(Error::Invalid {
            message: format!(
                "{} is already watched, by another `fieldnotes watch` or an open fieldnotes UI",
                notebook.root.display()
            ),
            help: Some("one watcher per notebook is enough: searches already use it".into()),
        });
    };
    notice(&format!(
        "Watching {}: searches ask this process instead of checking every file. Stop it with Ctrl-C.",
        notebook.root.display()
    ));
    let never = AtomicBool::new(false);
    let mut report = |refresh: &Refresh| report(refresh, notice);
    keep_current(
        &index,
        Some(alone),
        &never,
        &mut report,
        &mut || Ok(()),
        notice,
    )
}

/// Follows the notebook's changes and keeps `index` current, from another thread of a
/// process that also searches, until `stop` is set. Starts with a full refresh, so changes
/// made before are caught; `on_refresh` hears of every refresh that read or removed files,
/// and `caught_up` runs once, when that first refresh is done (an error from it ends the
/// following). With `answer_searches`, also answers other processes' searches, unless
/// another watcher already does.
pub fn follow(
    index: &SearchIndex,
    answer_searches: bool,
    stop: &AtomicBool,
    on_refresh: &mut dyn FnMut(&Refresh),
    caught_up: &mut dyn FnMut() -> Result<()>,
    notice: &dyn Fn(&str),
) -> Result<()> {
    let alone = if answer_searches {
        watch_lock(index.folder())?
    } else {
        None
    };
    keep_current(index, alone, stop, on_refresh, caught_up, notice)
}

/// The right to answer searches for the index in `folder`, or `None` while another watcher
/// has it. The system takes it back when the process ends, however it ends.
fn watch_lock(folder: &Path) -> Result<Option<Held>> {
    IndexLock::named(folder, "watch.lock").try_exclusive()
}

/// The loop of [`serve`] and [`follow`]; answers searches when it holds the watch lock.
fn keep_current(
    index: &SearchIndex,
    alone: Option<Held>,
    stop: &AtomicBool,
    on_refresh: &mut dyn FnMut(&Refresh),
    caught_up: &mut dyn FnMut() -> Result<()>,
    notice: &dyn Fn(&str),
) -> Result<()> {
    let root = &index.notebook().root;
    // Not damage to the index: building it again would not help.
    let failed = |message: String| Error::Invalid {
        message,
        help: None,
    };
    let (send, receive) = mpsc::channel();
    let events = send.clone();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = events.send(Message::Changed(event));
    })
    .map_err(|e| failed(format!("cannot watch the notebook: {e}")))?;
    let mut watched = |path: &Path, mode| {
        watcher
            .watch(path, mode)
            .map_err(|e| failed(format!("cannot watch {}: {e}", path.display())))
    };
    let cookies = index.folder().join(COOKIES);
    if alone.is_some() {
        // Cookies first: a question can only be answered once its folder is watched.
        if !cookies.is_dir() {
            // Anything else in its place is in the way.
            let _ = super::health::clear(&cookies);
        }
        std::fs::create_dir_all(&cookies)
            .map_err(|e| Error::io("cannot create the folder", &cookies, e))?;
        watched(&cookies, RecursiveMode::NonRecursive)?;
    }
    watched(root, RecursiveMode::Recursive)?;
    let mut answering = match alone {
        Some(lock) => Some(Answering::start(index.folder(), cookies, lock, send)?),
        None => None,
    };
    let mut pending = Pending {
        // Changes made before the watch started are caught here.
        everything: true,
        paths: HashSet::new(),
    };
    pending.apply(index, on_refresh, notice)?;
    caught_up()?;
    while !stop.load(Ordering::Relaxed) {
        let message = match receive.recv_timeout(TICK) {
            Ok(message) => message,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                pending.apply(index, on_refresh, notice)?;
                continue;
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        };
        match message {
            Message::Asked(stream) => {
                if let Some(answering) = &mut answering {
                    answering.ask(stream);
                }
            }
            Message::Changed(Ok(event)) => {
                let answered = match &mut answering {
                    Some(answering) => answering.answered_by(&event),
                    None => Vec::new(),
                };
                pending.note(root, &event);
                if !answered.is_empty() {
                    pending.apply(index, on_refresh, notice)?;
                    for mut stream in answered {
                        let _ = stream.write_all(b"current\n");
                    }
                }
            }
            Message::Changed(Err(_)) => pending.everything = true,
        }
    }
    Ok(())
}

/// Answering other processes' searches: the socket they ask on, and the questions waiting
/// for their cookie to come through. Dropping it stops answering.
struct Answering {
    socket: PathBuf,
    cookies: PathBuf,
    next_cookie: u64,
    waiting: Vec<(PathBuf, UnixStream)>,
    closing: Arc<AtomicBool>,
    /// Held until the socket is gone, so no other watcher binds it meanwhile.
    _alone: Held,
}

impl Answering {
    fn start(
        folder: &Path,
        cookies: PathBuf,
        alone: Held,
        send: mpsc::Sender<Message>,
    ) -> Result<Answering> {
        let socket = folder.join(SOCKET);
        // Left behind by a watcher that was killed.
        let _ = std::fs::remove_file(&socket);
        let listener = UnixListener::bind(&socket)
            .map_err(|e| Error::io("cannot listen for searches on", &socket, e))?;
        let closing = Arc::new(AtomicBool::new(false));
        let closed = Arc::clone(&closing);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                if closed.load(Ordering::Acquire) || send.send(Message::Asked(stream)).is_err() {
                    break;
                }
            }
        });
        Ok(Answering {
            socket,
            cookies,
            next_cookie: 0,
            waiting: Vec::new(),
            closing,
            _alone: alone,
        })
    }

    /// Writes the question's cookie; its event coming through is the answer.
    fn ask(&mut self, stream: UnixStream) {
        self.next_cookie += 1;
        let name = format!("{}-{}", std::process::id(), self.next_cookie);
        let cookie = self.cookies.join(name);
        if std::fs::write(&cookie, b"").is_ok() {
            self.waiting.push((cookie, stream));
        }
    }

    /// The questions whose cookie `event` is: every change made before they were asked has
    /// been heard of.
    fn answered_by(&mut self, event: &notify::Event) -> Vec<UnixStream> {
        let mut answered = Vec::new();
        for i in (0..self.waiting.len()).rev() {
            if event.paths.contains(&self.waiting[i].0) {
                let (cookie, stream) = self.waiting.swap_remove(i);
                let _ = std::fs::remove_file(&cookie);
                answered.push(stream);
            }
        }
        answered
    }
}

impl Drop for Answering {
    fn drop(&mut self) {
        // The listening thread waits in accept: a connection wakes it to see it must stop.
        self.closing.store(true, Ordering::Release);
        let _ = UnixStream::connect(&self.socket);
        let _ = std::fs::remove_file(&self.socket);
        // Questions left unanswered see the connection close and check the files themselves.
        for (cookie, _) in self.waiting.drain(..) {
            let _ = std::fs::remove_file(cookie);
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

    fn apply(
        &mut self,
        index: &SearchIndex,
        on_refresh: &mut dyn FnMut(&Refresh),
        notice: &dyn Fn(&str),
    ) -> Result<()> {
        let refresh = if self.everything {
            index.refresh(notice)?
        } else if !self.paths.is_empty() {
            index.refresh_around(&self.paths, notice)?
        } else {
            return Ok(());
        };
        self.everything = false;
        self.paths.clear();
        if refresh.read + refresh.removed > 0 {
            on_refresh(&refresh);
        }
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

fn report(refresh: &Refresh, notice: &dyn Fn(&str)) {
    notice(&format!(
        "fieldnotes: indexed {} changed, {} removed; {}",
        crate::cli::plural(refresh.read, "file"),
        refresh.removed,
        crate::cli::plural(refresh.notes, "note")
    ));
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
